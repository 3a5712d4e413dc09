"""Paths drawn beside a commitment: the required trajectory, a straight carry-forward, and a fitted
projection with a 95% band that is honest about how few points it rests on.

- `trajectory`: baseline to target at the required compound rate, one row per period.
- `projection`: the latest value carried forward at a given yearly rate.
- `projection_band`: least squares of log(value) on the start year, projected forward. The band for
  the fitted line is fit ± t(0.975, n − 2) × se(fit), se(fit)² = s²(1/n + (x − x̄)²/Sxx), and the
  prediction band for a single future year is fit ± t × s·sqrt(1 + 1/n + (x − x̄)²/Sxx), both
  exponentiated. Student t, not 1.96: with 3 to 5 points t is 12.71, 4.30 or 3.18, so a 1.96 band was
  15% to 62% of the right width (Montgomery, Peck & Vining, Introduction to Linear Regression
  Analysis, §2.4). Three or more positive points are needed (two fit exactly and leave no error).
This module decides no status; see `progress`.
"""

from __future__ import annotations

import math

import polars as pl

from accountability.methods.commitments import period_start_year
from accountability.methods.distributions import student_t_quantile

BAND_SCHEMA = {"year": pl.Int32, "fit": pl.Float64, "low": pl.Float64, "high": pl.Float64}
BAND_SCHEMA_FULL = {**BAND_SCHEMA, "pred_low": pl.Float64, "pred_high": pl.Float64}
PATH_SCHEMA = {"period": pl.String, "year": pl.Int32, "value": pl.Float64}


def period_label(year: int, like: str) -> str:
    """A start year in the style of `like`: '2027-28' for financial years, '2027' otherwise."""
    return f"{year}-{(year + 1) % 100:02d}" if len(like) == 7 else str(year)


def trajectory(baseline_value: float, baseline_period: str, target_value: float, target_period: str) -> pl.DataFrame:
    """The required path, one row per period from baseline to target: x_0 * (1 + CAGR_required)^(t - t_0)."""
    t0, t_target = period_start_year(baseline_period), period_start_year(target_period)
    if t_target <= t0 or baseline_value <= 0 or target_value <= 0:
        raise ValueError("a trajectory needs positive values and a target period after the baseline")
    rate = (target_value / baseline_value) ** (1 / (t_target - t0)) - 1
    years = list(range(t0, t_target + 1))
    return pl.DataFrame(
        {
            "period": [period_label(y, baseline_period) for y in years],
            "year": years,
            "value": [baseline_value * (1 + rate) ** (y - t0) for y in years],
        },
        schema=PATH_SCHEMA,
    )


def projection(series: pl.DataFrame, cagr: float, until_period: str) -> pl.DataFrame:
    """The latest value of `series` (period, value) carried forward at `cagr` a year to `until_period`.

    The first row is the latest observed point, so a chart line joins the data.
    """
    observed = series.filter(pl.col("value").is_not_null())
    if observed.height == 0 or not math.isfinite(cagr):
        return pl.DataFrame(schema=PATH_SCHEMA)
    last = observed.with_columns(t=pl.col("period").str.slice(0, 4).cast(pl.Int32)).sort("t").row(-1, named=True)
    t1 = period_start_year(last["period"])
    years = list(range(t1, max(t1, period_start_year(until_period)) + 1))
    return pl.DataFrame(
        {
            "period": [period_label(y, last["period"]) for y in years],
            "year": years,
            "value": [last["value"] * (1 + cagr) ** (y - t1) for y in years],
        },
        schema=PATH_SCHEMA,
    )


def projection_band(series: pl.DataFrame, until_year: int, level: float = 0.95) -> pl.DataFrame:
    """Log-linear least-squares fit of `series` (period, value), from its first year to `until_year`.

    Returns year, fit, low, high (the band for the fitted line) and pred_low, pred_high (the band for
    one year's value), all at `level` with Student t on n − 2 degrees of freedom; empty with fewer
    than three positive points.
    """
    points = [(period_start_year(p), v) for p, v in series.select("period", "value").iter_rows() if v and v > 0]
    if len(points) < 3:
        return pl.DataFrame(schema=BAND_SCHEMA_FULL)
    xs, ys = [float(x) for x, _ in points], [math.log(v) for _, v in points]
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    s2 = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys, strict=True)) / (n - 2)
    t = student_t_quantile(0.5 + level / 2, n - 2)
    years = list(range(int(min(xs)), until_year + 1))
    fit = [intercept + slope * y for y in years]
    mean_se = [math.sqrt(s2 * (1 / n + (y - mx) ** 2 / sxx)) for y in years]
    pred_se = [math.sqrt(s2 + e * e) for e in mean_se]
    return pl.DataFrame(
        {
            "year": years,
            "fit": [math.exp(f) for f in fit],
            "low": [math.exp(f - t * e) for f, e in zip(fit, mean_se, strict=True)],
            "high": [math.exp(f + t * e) for f, e in zip(fit, mean_se, strict=True)],
            "pred_low": [math.exp(f - t * e) for f, e in zip(fit, pred_se, strict=True)],
            "pred_high": [math.exp(f + t * e) for f, e in zip(fit, pred_se, strict=True)],
        },
        schema=BAND_SCHEMA_FULL,
    )
