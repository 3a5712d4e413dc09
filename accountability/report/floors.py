"""The progress report's floor tables, read from the Floor standards page's selection.

England is the page with no filter, a region the page's region filter, and a council its rows of
the England-wide selection, with every standard listed (no data where it has no row). The counts
keep verdicts on an interval and on the published value alone apart, and count "no floor yet" (the
first year of a new definition) on its own. Pure Polars.
"""

from __future__ import annotations

import polars as pl

from accountability.report.scope import Scope
from accountability.views.floor_selection import FloorSelection, selection_for
from accountability.views.store import Store


def floor_selection_for(store: Store, scope: Scope) -> FloorSelection:
    """The Floor standards page's selection for the scope: the region's, or England's."""
    region = scope.region if scope.kind == "region" else None
    return store.derive(selection_for, (), region, None, None)


def floor_frames(store: Store, scope: Scope) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(latest verdicts with runs, named; watchlist) exactly as the Floor standards page has them."""
    selection = floor_selection_for(store, scope)
    runs, watch = selection.latest_runs, selection.watch
    if scope.kind == "council":
        return _named(_council_rows(runs, scope.code), store), watch.filter(pl.col("code") == scope.code)
    return _named(runs, store), watch


def _council_rows(runs: pl.DataFrame, code: str) -> pl.DataFrame:
    """The council's row for every standard at its latest period; a standard it has no row for is no data."""
    standards = runs.select("measure", "standard", "period", "label", "polarity", "confidence", "threshold").unique(
        "measure"
    )
    own = runs.filter(pl.col("code") == code).drop("standard", "label", "polarity", "confidence", "threshold")
    return (
        standards.join(own, on=["measure", "period"], how="left")
        .with_columns(
            code=pl.lit(code),
            verdict=pl.col("verdict").fill_null("no_data"),
            below_run=pl.col("below_run").fill_null(0),
            newly_below=pl.col("newly_below").fill_null(False),
        )
        .select(runs.columns)
    )


def _named(runs: pl.DataFrame, store: Store) -> pl.DataFrame:
    info = store.measures.select(
        pl.col("id").alias("measure"), pl.col("label").alias("measure_label"), "unit", "multiplier", "count_noun"
    )
    names = store.councils.select("code", pl.col("name").alias("council"), "region")
    return (
        runs.join(info, on="measure", how="left")
        .join(names, on="code", how="left")
        .sort("measure_label", "council", maintain_order=True)
    )


def verdict_summary(latest: pl.DataFrame) -> pl.DataFrame:
    """Per standard at its latest period: councils below (all, on an interval, on the value alone),
    cannot tell, meeting, with no floor yet (first year of a definition), no data."""
    verdict, on_value = pl.col("verdict"), pl.col("basis").cast(pl.String) == "value_only"
    return (
        latest.group_by("measure", "label", "measure_label", "period")
        .agg(
            below=(verdict == "below").sum(),
            below_on_interval=((verdict == "below") & ~on_value).sum(),
            below_on_value_only=((verdict == "below") & on_value).sum(),
            cannot_tell=(verdict == "cannot_tell").sum(),
            meets=(verdict == "meets").sum(),
            no_floor_yet=(verdict == "no_floor_yet").sum(),
            no_data=(verdict == "no_data").sum(),
        )
        .sort("below", "label", descending=[True, False])
    )
