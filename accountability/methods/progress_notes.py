"""The plain-English note beside every progress assessment, as one Polars expression.

Each piece says something the status alone does not: a framework break that was not crossed, a
baseline that had to move, a target date that passed, an interval that straddles the target, a
deterioration the trend test does not confirm, or a latest value older than other areas'. Pieces
join with "; ". This module decides no status (see `progress`).
"""

from __future__ import annotations

from typing import Literal

import polars as pl

EPS = 1e-9  # tolerance so values on a boundary are not moved by rounding in the power
Side = Literal["current", "before_break"]


def note_expr(side: Side) -> pl.Expr:
    """The note for each assessed row (the columns `progress.build_progress` has made by then)."""
    brk = pl.col("break_period")
    if side == "current":
        brk_text = pl.format("framework break at {}: only {} onwards used", brk, brk)
    else:
        before = pl.col("previous_break")
        brk_text = (
            pl.when(before.is_null())
            .then(pl.format("previous framework only: periods before the {} break", brk))
            .otherwise(pl.format("previous framework only: {} up to the {} break", before, brk))
        )
    value_target = pl.col("target_value").is_not_null()
    interval_straddles = (pl.col("status") == "achieved") & (
        pl.col("d") * (pl.when(pl.col("d") > 0).then(pl.col("current_low")).otherwise(pl.col("current_high")))
        < pl.col("d") * pl.col("target_value")
    )
    pieces = [
        pl.when(pl.col("dropped_break")).then(brk_text),
        pl.when(pl.col("n").is_null()).then(pl.lit("no published value")),
        pl.when(value_target & (pl.col("baseline_used") != pl.col("baseline_period"))).then(
            pl.format("no value for baseline {}; {} used", pl.col("baseline_period"), pl.col("baseline_used"))
        ),
        pl.when(~value_target & (pl.col("n") >= 2)).then(
            pl.format("direction of travel {} to {} ({} points)", "baseline_used", "current_period", "n")
        ),
        pl.when(~value_target).then(pl.lit("no numeric target was set")),
        pl.when((pl.col("n") == 1) & (pl.col("status") == "not assessable")).then(
            pl.lit("only one period of data: a rate of change needs two")
        ),
        pl.when(
            (pl.col("n") >= 2) & (pl.col("n") < pl.col("min_periods")) & (pl.col("status") == "not assessable")
        ).then(pl.format("only {} periods of data: this commitment is assessed from {}", "n", "min_periods")),
        pl.when(pl.col("progress_band") == "target missed").then(
            pl.format("target date passed ({}) without the target being met", "target_period")
        ),
        pl.when(interval_straddles).then(
            pl.lit("the 95% interval of the current value includes values short of the target")
        ),
        pl.when(
            value_target
            & pl.col("progress_band").is_in(["deterioration", "no detectable change"])
            & (pl.col("d") * (pl.col("baseline_value") - pl.col("target_value")) >= -EPS)
        ).then(pl.lit("met the target at baseline but no longer does")),
        pl.when(pl.col("progress_band") == "no detectable change").then(
            pl.lit("the recent trend is not significant at 95% once year-to-year variation is allowed for")
        ),
        pl.when(~value_target & (pl.col("n") >= 2) & pl.col("trend_p").is_null()).then(
            pl.lit("a trend test needs three or more points on one side of any break")
        ),
        pl.when(pl.col("t1") < pl.col("latest_t")).then(
            pl.format("latest value is for {}; other areas have {}", "current_period", "latest_period")
        ),
    ]
    return pl.concat_str(pieces, separator="; ", ignore_nulls=True)
