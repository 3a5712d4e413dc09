"""Results that several views share, each a pure function of a `Store` and hashable arguments.

Views ask for them with `store.derive(fn, *args)`, so the app computes each once per store version
and arguments (components/cache.py) and every page and report reads the same result:
- `measures_with_values`: the measures councils have values for, in display order (the pickers);
- `thresholds`: the floors in force: the standards file resolved against the store, with an
  official's what-if floors (`WhatIf`, their full content) in place of the published ones;
- `first_years`: the first period of each new definition of a measure with a floor, which no floor
  judges (`definitions.first_year_rows`): shown as "no_floor_yet", never silently left out;
- `floor_analysis`: every council's verdict on every standard and period, and its runs below;
- `trends`: the one recent-trend result (`progress.area_trends`: every council, region and England, at
  each series' newest period and the last before each break) that the watchlist, the profile, the
  Trends page, progress statuses and reports all read, so "getting worse" means one thing;
- `rank_table`: rank intervals for one measure and period;
- `assessment`: every area's progress on every commitment, on one side of a framework break, gated
  on the shared trend.
Nothing here decides a rule: the rules are in `methods`.
"""

from __future__ import annotations

import polars as pl

from accountability.codes import FrameworkSide
from accountability.methods.compare import in_display_order
from accountability.methods.definitions import first_year_rows
from accountability.methods.floors import floor_verdicts, streaks
from accountability.methods.progress import area_trends, assess
from accountability.methods.ranks import rank_intervals
from accountability.methods.standards import resolve_thresholds
from accountability.views.store import Store

# (standard key, floor) for each floor an official changed, sorted: equal what-ifs share one result.
WhatIf = tuple[tuple[str, float], ...]


def measures_with_values(store: Store) -> pl.DataFrame:
    """Measures with at least one council row in `values`, headline measures first."""
    present = store.values["measure"].unique().implode()
    return in_display_order(store.measures.filter(pl.col("id").is_in(present)))


def thresholds(store: Store, what_if: WhatIf = ()) -> pl.DataFrame:
    """The floors by measure and period (`resolve_thresholds`), what-if floors replacing published ones.

    Floors belong to the standards, not to a cut: a store cut at a period (a report "up to 2021-22")
    has the whole store's floors, since a rule's baseline may lie after the cut.
    """
    if store.whole is not store:
        return store.whole.derive(thresholds, what_if)
    if not what_if:
        return resolve_thresholds(store.standards(), store.values, store.measures)
    override = pl.col("standard").replace_strict(dict(what_if), default=None, return_dtype=pl.Float64)
    return store.derive(thresholds).with_columns(threshold=pl.coalesce(override, pl.col("threshold")))


def first_years(store: Store) -> pl.DataFrame:
    """Rows shaped like `thresholds`' (threshold null) for each first year of a new definition that no
    standard judges. Like the floors, they belong to the whole store, not to a cut of it."""
    if store.whole is not store:
        return store.whole.derive(first_years)
    return first_year_rows(store.standards(), store.values, store.measures)


def floor_analysis(store: Store, what_if: WhatIf = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(verdicts, runs below) for every council, period and standard under these floors; the first year
    of a new definition is "no_floor_yet" (a floor drawn from a year never judges that year)."""
    verdicts = floor_verdicts(store.values, store.derive(thresholds, what_if), store.derive(first_years))
    return verdicts, streaks(verdicts)


def trends(store: Store) -> pl.DataFrame:
    """The shared recent-trend result (`methods.trends.TREND_SCHEMA`, `code` the council, region or
    England code) on this store: a store cut at a period has the trends as they stood then."""
    return area_trends(store.values, store.measures, store.benchmarks, store.table("measure_breaks"))


def rank_table(store: Store, measure: str, period: str, polarity: str) -> pl.DataFrame:
    """code, rank, rank_low, rank_high, quartile (1 = best quarter) for one measure and period."""
    rows = store.values.filter(
        (pl.col("measure") == measure) & (pl.col("period") == period) & pl.col("value").is_not_null()
    )
    return rank_intervals(rows, polarity)


def assessment(store: Store, side: FrameworkSide = "current") -> pl.DataFrame:
    """Progress of England, every region and every council on every commitment (`progress.assess`),
    "deteriorating" only on the shared trend (`trends`)."""
    shared = store.derive(trends)
    return assess(
        store.values,
        store.commitments(),
        store.measures,
        store.benchmarks,
        side=side,
        trends=shared,
        breaks=store.table("measure_breaks"),
    )
