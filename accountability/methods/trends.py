"""Recent trend per council, measure and period: direction of travel over the last 5 points, with a test
that allows for year-to-year variation beyond chance (overdispersion).

One result per (code, measure, period), where `period` is the newest point of the window: every page,
the watchlist, the profile, progress statuses and reports read the trend from `trend_table` (or its
latest rows, `recent_trends`), so "getting worse" means one thing everywhere.

Rules (after Fingertips' recent-trend marker, adapted as the DESIGN asks):
- window: the area's last 5 published values up to and including `period`, never across a break in
  the measure's definition: every break counts (`breaks`: measure, period; plus `measures.break_period`),
  and only points in the same segment as `period` are used. Fewer than 3 → "not enough data".
- time is the period's first year (2023-24 → 2023), so gaps in a series are spaced honestly.
- proportions whose every point has an interval from its own numerator and denominator (ci_method
  "wilson") → method `scaled_chi_squared_trend`: the chi-squared test for trend in proportions
  (Cochran–Armitage; R's `prop.trend.test`) divided by a dispersion φ estimated from the same fit:
  weighted least squares of p on year with weights n, φ = Σ n(p − fitted)² / (p̄(1 − p̄)(k − 2)),
  the Pearson χ² of the linear trend model over its degrees of freedom. φ is never taken below 1
  (pure binomial chance is the least variation there can be), and the statistic χ²/max(φ, 1) is
  referred to F(1, k − 2), i.e. the slope's t with k − 2 df: a quasi-binomial (identity link) trend
  test. With five yearly re-referral rates of about 9,000 referrals, φ is typically 5 to 200: real
  year-to-year variation dwarfs the binomial, and the unscaled test called almost every wobble a trend.
- otherwise, if every point has a 95% interval → method `wls`: weighted least squares of value on
  year with weights 1/variance, variance = ((ci_high − ci_low) / (2 × 1.959964))²; the residual scale
  (the same φ) is estimated and never below 1; Student t with k − 2 df.
- otherwise → method `ols`: ordinary least squares, scale = residual variance, t with k − 2 df; a
  perfect line with a non-zero slope gives p = 0, a flat line p = 1. No φ (there is no chance model).
- slope_per_year in the measure's units; `dispersion` is the estimated φ before the floor of 1.
- significant at 95%: p < 0.05. Labels are polarity-aware: "getting better" / "getting worse", or for
  `no_judgement` measures "increasing" / "decreasing"; else "no significant change".
- no events (or all events) in every period: the proportion is constant, p = 1.
Fingertips differs: 99.8% significance, no dispersion, a drop-one robustness check; none of that here.
References: Armitage (1955) Biometrics 11:375; McCullagh & Nelder (1989) Generalized Linear Models,
§4.5 (quasi-likelihood dispersion); Spiegelhalter (2005) Stat Med 24:1185.
This module does not compare with benchmarks, floors or commitments.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from accountability.methods.trend_fit import MAX_POINTS, MIN_POINTS, fit_windows

POINTS = MAX_POINTS
__all__ = ["ALPHA", "MIN_POINTS", "POINTS", "TREND_SCHEMA", "recent_trends", "trend_table", "trend_windows"]
ALPHA = 0.05
LABELS = ["getting better", "getting worse", "increasing", "decreasing", "no significant change", "not enough data"]
METHODS = ["scaled_chi_squared_trend", "wls", "ols", "none"]
KEY = ["code", "measure", "period"]
Ends = Literal["all", "latest", "segment_ends"]
TREND_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "measure": pl.String(),
    "period": pl.String(),
    "periods": pl.List(pl.String()),
    "n_points": pl.UInt32(),
    "slope_per_year": pl.Float64(),
    "p_value": pl.Float64(),
    "method": pl.Enum(METHODS),
    "label": pl.Enum(LABELS),
    "dispersion": pl.Float64(),
}


def period_year_expr(period: pl.Expr) -> pl.Expr:
    """'2023-24' → 2023, '2023' → 2023."""
    return period.str.slice(0, 4).cast(pl.Int32)


def break_years(measures: pl.DataFrame, breaks: pl.DataFrame | None = None) -> pl.LazyFrame:
    """measure, break_year: every break (the `breaks` table, if given, and `measures.break_period`)."""
    parts = [measures.select(pl.col("id").alias("measure"), pl.col("break_period").alias("period"))]
    if breaks is not None:
        parts.append(breaks.select("measure", "period"))
    every = pl.concat(parts).lazy().drop_nulls()
    return every.select("measure", period_year_expr(pl.col("period")).alias("break_year")).unique().sort("break_year")


def _points(values: pl.DataFrame, measures: pl.DataFrame, breaks: pl.DataFrame | None) -> pl.LazyFrame:
    """Published values with the measure's facts, the year, and `segment`: the latest break at or before it."""
    info = measures.lazy().select(
        pl.col("id").alias("measure"),
        pl.col("polarity").cast(pl.String),
        pl.col("value_type").cast(pl.String),
        "multiplier",
    )
    columns = ["code", "measure", "period", "value", "numerator", "denominator", "ci_low", "ci_high"]
    points = (
        values.lazy()
        .filter(pl.col("value").is_not_null())
        .select(*columns, pl.col("ci_method").cast(pl.String))
        .join(info, on="measure", how="inner")
        .with_columns(year=period_year_expr(pl.col("period")))
        .sort("year")
    )
    segmented = points.join_asof(
        break_years(measures, breaks).with_columns(segment=pl.col("break_year")),
        left_on="year",
        right_on="break_year",
        by="measure",
        strategy="backward",
        check_sortedness=False,  # both sides are sorted by year above; the check cannot see inside `by` groups
    )
    return segmented.with_columns(pl.col("segment").fill_null(-1)).drop("break_year")


def trend_windows(
    values: pl.DataFrame, measures: pl.DataFrame, breaks: pl.DataFrame | None = None, *, ends: Ends = "all"
) -> pl.LazyFrame:
    """One row per (code, measure, end period, point): the up-to-5 points the test at that period uses.

    `ends`: "all" periods, each series' "latest" period, or the newest period of every segment between
    breaks ("segment_ends": the latest, and the last before each break, which progress assesses).
    """
    points = _points(values, measures, breaks)
    last = points.select("code", "measure", "segment", pl.col("year").alias("end_year"), pl.col("period").alias("end"))
    if ends == "latest":
        last = last.filter(pl.col("end_year") == pl.col("end_year").max().over("code", "measure"))
    elif ends == "segment_ends":
        last = last.filter(pl.col("end_year") == pl.col("end_year").max().over("code", "measure", "segment"))
    pairs = last.join(points, on=["code", "measure", "segment"]).filter(pl.col("year") <= pl.col("end_year"))
    newest_first = pl.col("year").rank("ordinal", descending=True).over("code", "measure", "end")
    return pairs.filter(newest_first <= POINTS).sort("code", "measure", "end", "year")


def trend_table(
    values: pl.DataFrame, measures: pl.DataFrame, breaks: pl.DataFrame | None = None, *, ends: Ends = "all"
) -> pl.DataFrame:
    """The trend at every (code, measure, period) with a published value; columns as `TREND_SCHEMA`.

    `values` needs code, measure, period, value, numerator, denominator, ci_low, ci_high, ci_method
    (the store's `values` table; for regions and England, `benchmarks` with area_code renamed code).
    `ends` limits the periods computed (see `trend_windows`); a row is the same whichever set it is in.
    """
    fitted = fit_windows(trend_windows(values, measures, breaks, ends=ends))
    out = fitted.with_columns(label=label_expr(pl.col("slope_per_year"), pl.col("p_value"), pl.col("polarity")))
    return out.select([pl.col(c).cast(t) for c, t in TREND_SCHEMA.items()]).sort(KEY).collect()


def recent_trends(values: pl.DataFrame, measures: pl.DataFrame, breaks: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each council's trend at its newest published period, per measure (rows of `trend_table`)."""
    return trend_table(values, measures, breaks, ends="latest")


def label_expr(slope: pl.Expr, p_value: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """Polarity-aware label; significant when p < `ALPHA` and the slope is not zero."""
    rising = slope > 0
    better = pl.when(polarity == "higher_is_better").then(rising).otherwise(~rising)
    directional = pl.when(better).then(pl.lit("getting better")).otherwise(pl.lit("getting worse"))
    return (
        pl.when(p_value.is_null())
        .then(pl.lit("not enough data"))
        .when((p_value >= ALPHA) | (slope == 0))
        .then(pl.lit("no significant change"))
        .when(polarity == "no_judgement")
        .then(pl.when(rising).then(pl.lit("increasing")).otherwise(pl.lit("decreasing")))
        .otherwise(directional)
    )


def trend_label(slope: float, p_value: float | None, polarity: str) -> str:
    """`label_expr` for one result (for callers holding plain numbers)."""
    frame = pl.DataFrame(
        {"s": [slope], "p": [p_value], "pol": [polarity]}, schema={"s": pl.Float64, "p": pl.Float64, "pol": pl.String}
    )
    return str(frame.select(label_expr(pl.col("s"), pl.col("p"), pl.col("pol"))).item())


def significant_expr(p_value: pl.Expr) -> pl.Expr:
    """True when a trend result is significant at 95% (null p, i.e. no test, is not)."""
    return (p_value < ALPHA).fill_null(False)
