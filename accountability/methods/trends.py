"""Recent trend per council and measure: direction of travel over the last 5 points, with a test.

Rules (after Fingertips' recent-trend marker, `TrendMarkerCalculator.cs`, adapted as the DESIGN asks):
- points: the council's last 5 published values, never across the measure's `break_period`. Only the
  points in the same framework segment as the council's latest value are used (for a break in
  2023-24 and a latest value in 2024-25, only 2023-24 onwards). Fewer than 3 → "not enough data"
  (Fingertips asks for 5; 3 is the least that leaves a degree of freedom for a regression).
- time is the period's first year (2023-24 → 2023, 2023 → 2023), so gaps in a series (biennial
  surveys) are spaced honestly and the slope is per year.
- proportions whose every point has an interval from its own numerator and denominator
  (ci_method "wilson") → chi-squared test for trend in proportions (Cochran–Armitage, no continuity
  correction; identical to R's `prop.trend.test`), 1 df, with the years as scores. The slope is the
  n-weighted least-squares change in the proportion per year, in the measure's units.
- otherwise, if every point has a 95% interval → weighted least squares of value on year with
  weights 1/variance, variance = ((ci_high − ci_low) / (2 × 1.959964))². The residual scale is
  estimated from the data but never below 1, i.e. the slope's standard error is never smaller than
  the intervals imply (points scattering more than their intervals widen it). Student t, n − 2 df.
- otherwise → ordinary least squares (method "ols"): the intervals are unknown, the scale is the
  residual variance, Student t with n − 2 df. A perfect straight line (zero residuals) with a
  non-zero slope gives p = 0; a flat line gives p = 1.
- significant at 95%: p < 0.05. Labels are polarity-aware: "getting better" / "getting worse", or for
  `no_judgement` measures "increasing" / "decreasing"; else "no significant change".
- no events (or all events) in every period: the proportion is constant, χ² = 0, p = 1.
Fingertips differs: 99.8% significance and a drop-one robustness check; neither is done here.

Distributions are pure Python (no scipy at runtime): chi-squared (1 df) and normal via `math.erfc`;
Student t via the regularised incomplete beta function (Lentz continued fraction).
This module does not compare with benchmarks, floors or commitments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import polars as pl

POINTS = 5
MIN_POINTS = 3
ALPHA = 0.05
Z95 = 1.959963984540054
LABELS = ["getting better", "getting worse", "increasing", "decreasing", "no significant change", "not enough data"]
METHODS = ["chi_squared_trend", "wls", "ols", "none"]
TREND_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "measure": pl.String(),
    "periods": pl.List(pl.String()),
    "n_points": pl.UInt32(),
    "slope_per_year": pl.Float64(),
    "p_value": pl.Float64(),
    "method": pl.Enum(METHODS),
    "label": pl.Enum(LABELS),
}


class Fit(NamedTuple):
    slope: float
    p_value: float


def chi2_1df_sf(x: float) -> float:
    """P(χ²₁ > x) = erfc(sqrt(x / 2))."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


def normal_two_sided_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def student_t_two_sided_p(t: float, df: float) -> float:
    """P(|T| > |t|) for Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2)."""
    if math.isinf(t):
        return 0.0
    return betainc_regularized(df / 2, 0.5, df / (df + t * t))


def betainc_regularized(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), by continued fraction."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Modified Lentz evaluation of the incomplete beta continued fraction."""
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for aa in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + aa * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def chi_squared_trend(events: Sequence[float], totals: Sequence[float], years: Sequence[float]) -> Fit:
    """Cochran–Armitage test for trend; slope = change in the proportion (0-1) per year."""
    big_n = sum(totals)
    p_bar = sum(events) / big_n
    t_bar = sum(n * t for n, t in zip(totals, years, strict=True)) / big_n
    sxx = sum(n * (t - t_bar) ** 2 for n, t in zip(totals, years, strict=True))
    stat_t = sum(x * (t - t_bar) for x, t in zip(events, years, strict=True))
    if p_bar <= 0 or p_bar >= 1:
        return Fit(0.0, 1.0)
    chi2 = stat_t**2 / (p_bar * (1 - p_bar) * sxx)
    return Fit(stat_t / sxx, chi2_1df_sf(chi2))


def linear_trend(y: Sequence[float], years: Sequence[float], weights: Sequence[float], scale_floor: float) -> Fit:
    """Weighted least-squares slope of y on year, two-sided t test (n − 2 df).

    The residual scale is max(estimated, `scale_floor`): 1 for inverse-variance weights, 0 for OLS.
    """
    sw = sum(weights)
    t_bar = sum(w * t for w, t in zip(weights, years, strict=True)) / sw
    y_bar = sum(w * v for w, v in zip(weights, y, strict=True)) / sw
    sxx = sum(w * (t - t_bar) ** 2 for w, t in zip(weights, years, strict=True))
    slope = sum(w * (t - t_bar) * (v - y_bar) for w, t, v in zip(weights, years, y, strict=True)) / sxx
    rss = sum(w * (v - y_bar - slope * (t - t_bar)) ** 2 for w, t, v in zip(weights, years, y, strict=True))
    df = len(y) - 2
    se = math.sqrt(max(rss / df, scale_floor) / sxx)
    if se == 0:
        return Fit(slope, 1.0 if slope == 0 else 0.0)
    return Fit(slope, student_t_two_sided_p(slope / se, df))


def period_year_expr(period: pl.Expr) -> pl.Expr:
    """'2023-24' → 2023, '2023' → 2023."""
    return period.str.slice(0, 4).cast(pl.Int32)


def recent_points(values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """Each council's last `POINTS` published values in the segment of its latest value."""
    info = measures.select(
        pl.col("id").alias("measure"),
        pl.col("polarity").cast(pl.String),
        pl.col("value_type").cast(pl.String),
        "multiplier",
        period_year_expr(pl.col("break_period")).alias("break_year"),
    )
    group = ["code", "measure"]
    points = values.filter(pl.col("value").is_not_null()).join(info, on="measure", how="inner")
    points = points.with_columns(year=period_year_expr(pl.col("period")))
    segment = (pl.col("year") >= pl.col("break_year")).fill_null(False)
    points = points.with_columns(segment=segment)
    latest_segment = pl.col("segment").sort_by("year").last().over(group)
    points = points.filter(pl.col("segment") == latest_segment)
    newest_first = pl.col("year").rank("ordinal", descending=True).over(group)
    return points.filter(newest_first <= POINTS).sort("code", "measure", "year")


def recent_trends(values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """One row per council and measure with a published value; columns as `TREND_SCHEMA`."""
    points = recent_points(values, measures)
    lists = ["period", "year", "value", "numerator", "denominator", "ci_low", "ci_high"]
    series = points.group_by("code", "measure").agg(
        *[pl.col(c).sort_by("year") for c in lists],
        pl.col("ci_method").cast(pl.String).sort_by("year"),
        pl.col("polarity", "value_type", "multiplier").first(),
    )
    rows = [_trend_row(Series(**row)) for row in series.sort("code", "measure").iter_rows(named=True)]
    return pl.DataFrame(rows, schema=TREND_SCHEMA, orient="row")


@dataclass(frozen=True)
class Series:
    """One council's recent points for one measure, oldest first, and the measure's facts."""

    code: str
    measure: str
    period: list[str]
    year: list[int]
    value: list[float]
    numerator: list[float | None]
    denominator: list[float | None]
    ci_low: list[float | None]
    ci_high: list[float | None]
    ci_method: list[str | None]
    polarity: str
    value_type: str
    multiplier: float


def _trend_row(s: Series) -> tuple[object, ...]:
    method = choose_method(s)
    head = (s.code, s.measure, s.period, len(s.period))
    if method == "none":
        return (*head, None, None, method, "not enough data")
    fit = _fit(method, s)
    return (*head, fit.slope, fit.p_value, method, trend_label(fit, s.polarity))


def choose_method(s: Series) -> str:
    """'none' (too few points), 'chi_squared_trend', 'wls' or 'ols'; see the module docstring."""
    if len(s.value) < MIN_POINTS:
        return "none"
    if s.value_type == "proportion" and all(m == "wilson" for m in s.ci_method):
        return "chi_squared_trend"
    if all(lo is not None and hi is not None and hi > lo for lo, hi in zip(s.ci_low, s.ci_high, strict=True)):
        return "wls"
    return "ols"


def _fit(method: str, s: Series) -> Fit:
    years = [float(y) for y in s.year]
    if method == "chi_squared_trend":
        fit = chi_squared_trend(_known(s.numerator), _known(s.denominator), years)
        return Fit(fit.slope * s.multiplier, fit.p_value)
    if method == "wls":
        widths = [hi - lo for lo, hi in zip(_known(s.ci_low), _known(s.ci_high), strict=True)]
        return linear_trend(s.value, years, [(2 * Z95 / w) ** 2 for w in widths], scale_floor=1.0)
    return linear_trend(s.value, years, [1.0] * len(years), scale_floor=0.0)


def _known(xs: list[float | None]) -> list[float]:
    """The list without its Optional type; `choose_method` has already checked nothing is missing."""
    out = [x for x in xs if x is not None]
    if len(out) != len(xs):
        raise ValueError("missing numbers in a series chosen for a test that needs them")
    return out


def trend_label(fit: Fit, polarity: str) -> str:
    """Polarity-aware label for a fitted trend; significant when p < `ALPHA`."""
    if fit.p_value >= ALPHA or fit.slope == 0:
        return "no significant change"
    rising = fit.slope > 0
    if polarity == "no_judgement":
        return "increasing" if rising else "decreasing"
    return "getting better" if rising == (polarity == "higher_is_better") else "getting worse"
