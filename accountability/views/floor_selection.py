"""The Floor standards page's one derive step, shared with the progress reports.

`floor_selection` gives, for a region, council type and area of care (None: all), each standard's
latest period, the runs below, the matrix, the counts, the watchlist and who moved, from the floor
engine's verdicts (with the first years of new definitions as "no_floor_yet"); `selection_for` is the
same on a store's verdicts and its shared trend result (`analyses.trends`), for `store.derive`.
Frames hold codes; `labels` has the words. No Streamlit here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import polars as pl

from accountability.methods.trends import trend_table
from accountability.views.analyses import WhatIf, floor_analysis, trends
from accountability.views.floors import latest_changes, latest_verdicts, status_matrix, verdict_counts
from accountability.views.store import Store
from accountability.views.watchlist import watchlist, worse_than_england_and_worsening

SELECTION_TABLES = ("measures", "values", "benchmarks", "councils", "inspections")


@dataclass(frozen=True)
class FloorSelection:
    """The floor tables for one selection of councils and measures (codes, not words)."""

    verdicts: pl.DataFrame  # every period, in scope
    latest_runs: pl.DataFrame  # latest period per standard, with runs below and changes
    matrix: pl.DataFrame
    counts: pl.DataFrame
    watch: pl.DataFrame
    changes: pl.DataFrame


def floor_selection(
    verdicts: pl.DataFrame,
    streaks: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    *,
    region: str | None = None,
    council_type: str | None = None,
    domain: str | None = None,
) -> FloorSelection:
    """The tables for councils in `region` of `council_type`, on `domain` measures (None means all).

    `streaks` are computed over every council, so a region's runs are England's runs for its councils.
    `tables` needs measures, values, benchmarks, councils and inspections, and may hold `trends`, the
    trend result every page shares (`analyses.trends`; without it the same rows are computed here) and
    `cqc_assessments` (CQC's council assessments: "Rated Inadequate by CQC" is a watchlist reason).
    """
    measures, councils = tables["measures"], tables["councils"]
    domain_ids = measures.filter(pl.lit(domain is None) | (pl.col("domain").cast(pl.String) == (domain or "")))["id"]
    in_scope = councils.filter(
        (pl.lit(region is None) | (pl.col("region") == (region or "")))
        & (pl.lit(council_type is None) | (pl.col("council_type").cast(pl.String) == (council_type or "")))
    )
    scoped = verdicts.filter(
        pl.col("measure").is_in(domain_ids.implode()) & pl.col("code").is_in(in_scope["code"].implode())
    )
    latest = latest_verdicts(scoped)
    runs = latest.join(
        streaks.select("code", "measure", "period", "below_run", "previous_period", "newly_below", "recovered"),
        on=["code", "measure", "period"],
    )
    shared = tables.get("trends")
    if shared is None:  # the same rows as the shared result's at each series' latest period
        shared = trend_table(tables["values"], measures, tables.get("measure_breaks"), ends="latest")
    in_codes = in_scope["code"].implode()
    nouns = measures.select(pl.col("id").alias("measure"), "unit", "count_noun")  # the gap in what it counts
    cqc = tables.get("cqc_assessments")
    watch = watchlist(
        runs.join(nouns, on="measure", how="left"),
        worse_than_england_and_worsening(latest, tables["values"], tables["benchmarks"], shared),
        tables["inspections"].filter(pl.col("code").is_in(in_codes)),
        councils,
        None if cqc is None else cqc.filter(pl.col("code").is_in(in_codes)),
    )
    return FloorSelection(
        verdicts=scoped,
        latest_runs=runs,
        matrix=status_matrix(latest, in_scope, measures),
        counts=verdict_counts(scoped),
        watch=watch,
        changes=latest_changes(runs, councils),
    )


def selection_for(
    store: Store, what_if: WhatIf, region: str | None, council_type: str | None, domain: str | None
) -> FloorSelection:
    """`floor_selection` on the store's verdicts under these floors (for `store.derive`)."""
    verdicts, runs = store.derive(floor_analysis, what_if)
    tables = {**store.tables(*SELECTION_TABLES), "trends": store.derive(trends)}
    # CQC's council assessments (a compilation) give a watchlist reason beside Ofsted's; a hand-built
    # store without the table (tests) gives no CQC reason, and nothing else changes
    with contextlib.suppress(KeyError):
        tables["cqc_assessments"] = store.table("cqc_assessments")
    return floor_selection(verdicts, runs, tables, region=region, council_type=council_type, domain=domain)
