"""Progress statuses as Polars expressions: Statistics Canada's rules, gated by the shared trend test.

`value_status` applies rules 1-6 of `progress`' docstring to a value target; `direction_status`
gives a direction target the status of its recent trend. Both read the columns `progress.build_progress`
has made (d, baseline_value, current_value, target_value, ratio, n, t1, cagr_*, trend_p, trend_slope)
and return a struct of (status, band). "Deteriorating" is only ever said with a significant trend away
from the target. This module assesses nothing by itself.
"""

from __future__ import annotations

import polars as pl

from accountability.methods.progress_notes import EPS
from accountability.methods.trends import significant_expr

ON_TRACK_RATIO = 0.95  # Open SDG "substantial progress"
MODERATE_RATIO = 0.5  # Open SDG "moderate progress"; below it, down to 0, "limited progress"


def year_expr(period: pl.Expr) -> pl.Expr:
    """Start year of a period label as a float ("2017-18" -> 2017.0)."""
    return period.str.slice(0, 4).cast(pl.Float64)


def _trend_away() -> pl.Expr:
    """The area's recent trend is significant and moving away from the wanted direction."""
    return significant_expr(pl.col("trend_p")) & (pl.col("d") * pl.col("trend_slope") < 0)


def _unless_trend(status: str, band: str) -> pl.Expr:
    """(status, band) when the trend confirms a deterioration; otherwise off track, no detectable change."""
    return (
        pl.when(_trend_away())
        .then(pl.struct(s=pl.lit(status), b=pl.lit(band)))
        .otherwise(pl.struct(s=pl.lit("off track"), b=pl.lit("no detectable change")))
    )


def value_status() -> pl.Expr:
    """(status, band) for a value target, as a struct: rules 1-6 of the module docstring, in order."""
    d, x0, target, ratio = pl.col("d"), pl.col("baseline_value"), pl.col("target_value"), pl.col("ratio")
    achieved = (d * (pl.col("current_value") - target)) >= -EPS
    passed = pl.col("t1") >= year_expr(pl.col("target_period"))
    no_rate = (
        (pl.col("n") < pl.col("min_periods")) | pl.col("cagr_actual").is_null() | pl.col("cagr_required").is_null()
    )
    return (
        pl.when(pl.col("n").is_null())
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(achieved)
        .then(pl.struct(s=pl.lit("achieved"), b=pl.lit("target achieved")))
        .when(passed)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("target missed")))
        .when((d * (x0 - target)) >= -EPS)
        .then(_unless_trend("deteriorating", "deterioration"))
        .when(no_rate)
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(ratio >= ON_TRACK_RATIO - EPS)
        .then(pl.struct(s=pl.lit("on track"), b=pl.lit("substantial progress")))
        .when(ratio >= MODERATE_RATIO - EPS)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("moderate progress")))
        .when(ratio >= -EPS)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("limited progress")))
        .otherwise(_unless_trend("deteriorating", "deterioration"))
    )


def direction_status() -> pl.Expr:
    """(status, band) for a direction target: the shared trend result, significant or not."""
    toward = significant_expr(pl.col("trend_p")) & (pl.col("d") * pl.col("trend_slope") > 0)
    return (
        pl.when(pl.col("n").is_null() | pl.col("trend_p").is_null() | (pl.col("n") < pl.col("min_periods")))
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(toward)
        .then(pl.struct(s=pl.lit("on track"), b=pl.lit("improving")))
        .when(_trend_away())
        .then(pl.struct(s=pl.lit("deteriorating"), b=pl.lit("worsening")))
        .otherwise(pl.struct(s=pl.lit("off track"), b=pl.lit("no detectable change")))
    )
