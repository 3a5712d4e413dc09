"""Funnel plot control limits for proportions, and where each council sits against them.

Method: Wilson-score control limits around a target proportion p0 (the published England value),
as Fingertips' `SpcForProportions` comparer (Spiegelhalter 2005's funnel plot for proportions with
the Wilson interval in place of the exact binomial step function). For a denominator N and
E = N·p0:  L, U = (2E + z² ∓ z·sqrt(z² + 4E(1 − E/N))) / (2(N + z²)), with z for 95% (1.959964)
and 99.8% (3.090232). Unlike the plain normal approximation p0 ± z·sqrt(p0(1 − p0)/N), these limits
stay inside [0, 1] and are asymmetric for small N or p0 near 0 or 1; for large N they converge to it.
The limits are smooth in N (the exact binomial limits are steps), which is what a funnel draws.
Known limitation: for very small N the smooth limits ignore discreteness, e.g. 2 of 2 against
p0 = 0.5 is "above 99.8%" although the exact binomial chance of 2 of 2 is 0.25. Spiegelhalter's
exact limits (binomial quantiles with interpolation) would not flag it; read positions for
denominators under about 10 with that in mind.

Positions (the council's published value against the limits at its own denominator):
"inside" (on a limit counts as inside), "above 95%" (above the 95% limit, not above 99.8%),
"above 99.8%", "below 95%", "below 99.8%"; "not tested" when the value or denominator is missing.
Above/below are not better/worse: polarity is for the caller.

`funnel_plot.build_funnel` is the funnel pages should draw: councils from their own counts, centred on
England's pooled counts, Poisson funnels for rates, and Spiegelhalter's overdispersion adjustments;
it uses `wilson_limit_exprs`, `position_expr` and `denominator_grid` from here. (The older
`funnel_limits` / `funnel_positions`, around a rounded published value with no adjustment, are gone.)
"""

from __future__ import annotations

import math

import polars as pl

Z = {0.95: 1.959963984540054, 0.998: 3.090232306167813}
POSITIONS = ["inside", "above 95%", "above 99.8%", "below 95%", "below 99.8%", "not tested"]
POSITION = pl.Enum(POSITIONS)
LIMIT_COLUMNS = ["low95", "high95", "low998", "high998"]


def wilson_limit_exprs(p0: float, n: pl.Expr, level: float) -> tuple[pl.Expr, pl.Expr]:
    """Lower and upper control limits (as fractions) for denominator `n` around p0; null for n <= 0."""
    z = Z[level]
    expected = n * p0
    spread = z * (z**2 + 4 * expected * (1 - p0)).sqrt()
    scale = 2 * (n + z**2)
    valid = n > 0
    return (
        pl.when(valid).then(((2 * expected + z**2 - spread) / scale).clip(0.0, 1.0)),
        pl.when(valid).then(((2 * expected + z**2 + spread) / scale).clip(0.0, 1.0)),
    )


def limit_columns(p0: float, n: pl.Expr, multiplier: float) -> list[pl.Expr]:
    """low95, high95, low998, high998 in the measure's units (fraction × `multiplier`)."""
    _check_p0(p0)
    low95, high95 = wilson_limit_exprs(p0, n, 0.95)
    low998, high998 = wilson_limit_exprs(p0, n, 0.998)
    limits = (low95, high95, low998, high998)
    return [(e * multiplier).alias(name) for e, name in zip(limits, LIMIT_COLUMNS, strict=True)]


def denominator_grid(n_min: float, n_max: float, points: int = 200) -> list[int]:
    """Whole denominators from n_min to n_max, evenly spaced on a log scale (endpoints included)."""
    low, high = max(1, math.floor(n_min)), max(1, math.ceil(n_max))
    if high <= low:
        return [low]
    step = (math.log(high) - math.log(low)) / (points - 1)
    grid = {round(math.exp(math.log(low) + i * step)) for i in range(points)}
    return sorted(grid | {low, high})


def position_expr(value: pl.Expr) -> pl.Expr:
    """Where `value` sits against the limit columns; on a limit counts as inside."""
    return (
        pl.when(value.is_null() | pl.col("low95").is_null())
        .then(pl.lit("not tested"))
        .when(value > pl.col("high998"))
        .then(pl.lit("above 99.8%"))
        .when(value > pl.col("high95"))
        .then(pl.lit("above 95%"))
        .when(value < pl.col("low998"))
        .then(pl.lit("below 99.8%"))
        .when(value < pl.col("low95"))
        .then(pl.lit("below 95%"))
        .otherwise(pl.lit("inside"))
        .cast(POSITION)
    )


def _check_p0(p0: float) -> None:
    if not 0 <= p0 <= 1:
        raise ValueError(f"p0 is a proportion between 0 and 1 (England value / multiplier), not {p0}")
