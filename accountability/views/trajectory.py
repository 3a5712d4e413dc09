"""England's side of one commitment, as the Progress page charts it: the published series, the path to
the target and a projection.

- `national_series`: England's published values on the assessed side of a framework break;
- `target_line`: the path from the baseline to a target value by its date (`progress.trajectory`),
  or, when the date passed before the data begin, the target as a level line;
- `projection_band`: a log-linear fit with a Student-t 95% band (`methods.projection`), of the same
  points the assessment used (from the baseline for a target value; the last `DIRECTION_WINDOW` points
  for a direction);
- `england_trajectory`: all three for one commitment and measure.
This module assesses nothing (see `methods.progress`) and draws nothing (components/figures/progress.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from accountability.methods.commitments import Commitment, period_start_year
from accountability.methods.progress import DIRECTION_WINDOW, trajectory
from accountability.methods.projection import projection_band as fitted_band

PATH_NAME = "Path to the target"


@dataclass(frozen=True)
class Trajectory:
    """England's chart for one commitment and measure."""

    series: pl.DataFrame  # period, value, ci_low, ci_high: England as published
    target: pl.DataFrame  # year, value (empty without a target value)
    target_name: str
    band: pl.DataFrame  # year, fit, low, high, pred_low, pred_high (empty with fewer than three points)


def national_series(benchmarks: pl.DataFrame, measure: str, break_period: str | None, side: str) -> pl.DataFrame:
    """England's published values for the measure, on the assessed side of any framework break."""
    rows = benchmarks.filter((pl.col("area_type") == "england") & (pl.col("measure") == measure))
    if break_period:
        after = pl.col("period") >= break_period
        rows = rows.filter(after if side == "current" else ~after)
    return rows.filter(pl.col("value").is_not_null()).select("period", "value", "ci_low", "ci_high").sort("period")


def england_trajectory(series: pl.DataFrame, commitment: Commitment, baseline: dict[str, Any] | None) -> Trajectory:
    """The chart's lines, given England's series and its assessment row (None when it has none)."""
    target, name = target_line(series, commitment, baseline)
    until = max(
        period_start_year(series["period"][-1]) + 3 if series.height else 0,
        period_start_year(commitment.target_period) if commitment.target_period else 0,
    )
    assessed = series.filter(pl.col("period") >= baseline["baseline_period"]) if baseline else series
    points = assessed if commitment.target_value is not None else assessed.tail(DIRECTION_WINDOW)
    return Trajectory(series, target, name, projection_band(points, until))


def target_line(
    series: pl.DataFrame, commitment: Commitment, baseline: dict[str, Any] | None
) -> tuple[pl.DataFrame, str]:
    """(year, value) of the path to a target value and its legend name; empty for a direction target."""
    goal, due = commitment.target_value, commitment.target_period
    if goal is None or not due or not baseline or not baseline["baseline_value"]:
        return pl.DataFrame(), PATH_NAME
    if period_start_year(due) > period_start_year(baseline["baseline_period"]):
        return trajectory(float(baseline["baseline_value"]), baseline["baseline_period"], goal, due), PATH_NAME
    years = [period_start_year(p) for p in series["period"].to_list()]  # the date passed before the data begin
    return pl.DataFrame({"year": years, "value": [goal] * len(years)}), f"Target {goal:g} (date passed: {due})"


def projection_band(series: pl.DataFrame, until_year: int) -> pl.DataFrame:
    """`methods.projection.projection_band` at 95%: a log-linear least-squares fit of the series projected
    to `until_year`, its band Student-t based (with 3 to 5 points a ±1.96 band was far too narrow);
    year, fit, low, high (the fitted line) and pred_low, pred_high (one year's value). Needs three or
    more positive points (two points fit exactly and give no band)."""
    return fitted_band(series, until_year)
