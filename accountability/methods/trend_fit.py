"""The trend fits behind `trends.trend_table`, for every window at once, as Polars expressions.

Input: one row per (code, measure, end, point) with year, value, numerator, denominator, ci_low,
ci_high, ci_method, value_type, multiplier and polarity (see `trends.trend_windows`). One weighted
straight-line fit per window covers the three methods (the rules are in `trends`' docstring):

    method                     response y       weight w              base variance   scale
    scaled_chi_squared_trend   numerator/den.   denominator           p̄(1 − p̄)        max(φ, 1)
    wls                        value            1 / variance from CI  1               max(φ, 1)
    ols                        value            1                     1               φ

with slope b = Σw(t − t̄)(y − ȳ) / Sxx, Sxx = Σw(t − t̄)², RSS = Σw(y − ȳ − b(t − t̄))²,
φ = RSS / (base variance × (k − 2)) and se(b) = sqrt(scale × base variance / Sxx); the p-value is
Student t's with k − 2 df. For the first row b²·Sxx / p̄(1 − p̄) is exactly the Cochran–Armitage χ²,
so with φ <= 1 the test is the chi-squared test for trend referred to F(1, k − 2).
Sums are taken around the window's weighted means (two passes), so a near-perfect line does not
lose its residual to cancellation. This module chooses no labels and knows nothing of breaks.
"""

from __future__ import annotations

import polars as pl

from accountability.methods.distributions import Z95, t_two_sided_p_expr

MIN_POINTS = 3
MAX_POINTS = 5
GROUP = ["code", "measure", "end"]


def _method() -> pl.Expr:
    """The window's method: none (too few points), chi-squared from counts, WLS on intervals, or OLS."""
    counts_known = pl.col("numerator").is_not_null() & (pl.col("denominator") > 0)
    from_counts = ((pl.col("value_type") == "proportion") & (pl.col("ci_method") == "wilson") & counts_known).all()
    lo, hi = pl.col("ci_low"), pl.col("ci_high")
    with_intervals = (lo.is_not_null() & hi.is_not_null() & (hi > lo)).all()
    return (
        pl.when(pl.len() < MIN_POINTS)
        .then(pl.lit("none"))
        .when(from_counts)
        .then(pl.lit("scaled_chi_squared_trend"))
        .when(with_intervals)
        .then(pl.lit("wls"))
        .otherwise(pl.lit("ols"))
        .over(GROUP)
    )


def _response_and_weight() -> list[pl.Expr]:
    method = pl.col("method")
    half_width = (pl.col("ci_high") - pl.col("ci_low")) / (2 * Z95)
    y = (
        pl.when(method == "scaled_chi_squared_trend")
        .then(pl.col("numerator") / pl.col("denominator"))
        .otherwise(pl.col("value"))
    )
    w = (
        pl.when(method == "scaled_chi_squared_trend")
        .then(pl.col("denominator"))
        .when(method == "wls")
        .then(1 / half_width**2)
        .otherwise(1.0)
    )
    return [y.alias("y"), w.alias("w"), pl.col("year").cast(pl.Float64).alias("t")]


def _sums() -> list[pl.Expr]:
    """Per window: k, periods, the weighted mean of y, Sxx, the slope and the residual sum of squares."""
    w, t, y = pl.col("w"), pl.col("t"), pl.col("y")
    t_bar = (w * t).sum() / w.sum()
    y_bar = (w * y).sum() / w.sum()
    sxx = (w * (t - t_bar) ** 2).sum()
    slope = (w * (t - t_bar) * (y - y_bar)).sum() / sxx
    rss = (w * (y - y_bar - slope * (t - t_bar)) ** 2).sum()
    return [
        pl.len().alias("n_points"),
        pl.col("period").alias("periods"),
        y_bar.alias("y_bar"),
        sxx.alias("sxx"),
        slope.alias("slope"),
        rss.alias("rss"),
        pl.col("method", "multiplier", "polarity").first(),
    ]


def _test() -> list[pl.Expr]:
    """slope_per_year, p_value and dispersion from the sums (null for 'none')."""
    method, slope, k = pl.col("method"), pl.col("slope"), pl.col("n_points").cast(pl.Float64)
    counts = method == "scaled_chi_squared_trend"
    y_bar = pl.col("y_bar")
    base_var = pl.when(counts).then(y_bar * (1 - y_bar)).otherwise(1.0)
    dispersion = pl.when(base_var > 0).then(pl.col("rss") / (base_var * (k - 2)))
    scale = pl.when(method == "ols").then(dispersion).otherwise(pl.max_horizontal(dispersion, pl.lit(1.0)))
    se = (scale * base_var / pl.col("sxx")).sqrt()
    df = pl.col("n_points").cast(pl.Int64) - 2
    p_value = (
        pl.when(method == "none")
        .then(None)
        .when(counts & (base_var <= 0))  # no events, or all events, in every period: constant, no trend
        .then(1.0)
        .when(se == 0)  # a perfect straight line (least squares only)
        .then(pl.when(slope == 0).then(1.0).otherwise(0.0))
        .otherwise(t_two_sided_p_expr(slope / se, df, MAX_POINTS - 2))
    )
    per_year = pl.when(counts).then(slope * pl.col("multiplier")).otherwise(slope)
    return [
        pl.when(method != "none").then(per_year).alias("slope_per_year"),
        p_value.alias("p_value"),
        pl.when(method.is_in(["scaled_chi_squared_trend", "wls"])).then(dispersion).alias("dispersion"),
    ]


def fit_windows(windows: pl.LazyFrame) -> pl.LazyFrame:
    """code, measure, period (the window's end), periods, n_points, slope_per_year, p_value, method,
    dispersion and polarity, one row per window."""
    prepared = windows.with_columns(method=_method()).with_columns(_response_and_weight())
    sums = prepared.group_by(GROUP, maintain_order=True).agg(_sums())
    return sums.with_columns(_test()).rename({"end": "period"})
