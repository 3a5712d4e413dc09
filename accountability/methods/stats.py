"""Confidence intervals, as Polars expressions: Wilson, Byar (exact Poisson under 10), survey MoE.

Methods follow PHE/OHID's `PHEindicatormethods` (the methods behind Fingertips):
- proportions: Wilson score interval on numerator/denominator;
- rates and counts: Byar's approximation, with exact Poisson limits when fewer than 10 events;
- survey measures: the publisher's margin of error (published at 95%; scaled to 99.8%).
Intervals come back in the measure's published units (`multiplier` × the underlying fraction).
This module decides nothing about better or worse; see the verdict modules for that.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TypeVar

import polars as pl

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

Z = {0.95: 1.959963984540054, 0.998: 3.090232306167813}
LEVELS = (0.95, 0.998)
EXACT_BELOW = 10  # events: below this, Byar's approximation is replaced by exact Poisson limits


def wilson_exprs(num: pl.Expr, den: pl.Expr, level: float, multiplier: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Wilson score limits for num/den, times `multiplier` (100 for a percentage)."""
    z = Z[level]
    p = num / den
    centre = 2 * num + z**2
    spread = z * (z**2 + 4 * num * (1 - p)).sqrt()
    scale = 2 * (den + z**2)
    valid = den.gt(0) & num.ge(0) & num.le(den)
    low = pl.when(valid).then((centre - spread) / scale * multiplier)
    high = pl.when(valid).then((centre + spread) / scale * multiplier)
    return low, high


def byar_exprs(num: pl.Expr, den: pl.Expr, level: float, multiplier: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Byar's limits for a count `num` over person-years `den`; exact Poisson below 10 events."""
    z = Z[level]
    o1 = num + 1
    byar_low = num * (1 - 1 / (9 * num) - z / (3 * num.sqrt())) ** 3
    byar_high = o1 * (1 - 1 / (9 * o1) + z / (3 * o1.sqrt())) ** 3
    lows, highs = exact_poisson_table(level)
    small = num.lt(EXACT_BELOW) & (num == num.round(0))
    count_low = pl.when(small).then(num.replace_strict(lows, default=None)).otherwise(byar_low)
    count_high = pl.when(small).then(num.replace_strict(highs, default=None)).otherwise(byar_high)
    valid = den.gt(0) & num.ge(0)
    return (
        pl.when(valid).then(count_low / den * multiplier),
        pl.when(valid).then(count_high / den * multiplier),
    )


def survey_exprs(value: pl.Expr, moe: pl.Expr, level: float) -> tuple[pl.Expr, pl.Expr]:
    """value ± the published 95% margin of error, rescaled to `level`."""
    half = moe * (Z[level] / Z[0.95])
    return value - half, value + half


@functools.cache
def exact_poisson_table(level: float) -> tuple[dict[float, float], dict[float, float]]:
    """Exact (Garwood) limits for 0..9 observed events, found by bisection on the Poisson CDF."""
    alpha = 1 - level
    lows: dict[float, float] = {}
    highs: dict[float, float] = {}
    for o in range(EXACT_BELOW):
        # lower: P(X >= o | mu) = alpha/2 ; upper: P(X <= o | mu) = alpha/2
        lows[float(o)] = 0.0 if o == 0 else _bisect(functools.partial(_lower_gap, o, alpha))
        highs[float(o)] = _bisect(functools.partial(_upper_gap, o, alpha))
    return lows, highs


def _lower_gap(o: int, alpha: float, mu: float) -> float:
    return 1 - _cdf(o - 1, mu) - alpha / 2


def _upper_gap(o: int, alpha: float, mu: float) -> float:
    return alpha / 2 - _cdf(o, mu)


def _cdf(k: int, mu: float) -> float:
    """Poisson P(X <= k) for mean mu."""
    term = math.exp(-mu)
    total = term
    for i in range(1, k + 1):
        term *= mu / i
        total += term
    return total


def _bisect(f: Callable[[float], float], lo: float = 0.0, hi: float = 100.0) -> float:
    """Root of an increasing function on [lo, hi], to machine precision."""
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


CI_METHODS = ["wilson", "byar", "exact_poisson", "survey_moe", "not_reproducible", "none"]


def with_intervals(frame: FrameT, measures: FrameT) -> FrameT:
    """Add ci_method and 95% / 99.8% limits (ci_low, ci_high, ci998_low, ci998_high).

    `frame` has value, numerator, denominator, moe and measure; `measures` has id, value_type and
    multiplier. A survey margin of error wins over a numerator/denominator, because the survey's
    design (stratification, weighting) is in the published margin and not in a binomial interval.
    """
    info = measures.select(pl.col("id").alias("measure"), pl.col("value_type").cast(pl.String), "multiplier")
    joined = frame.join(info, on="measure", how="left", maintain_order="left")
    has_value = pl.col("value").is_not_null()
    has_counts = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    method = (
        pl.when(has_value & pl.col("moe").is_not_null())
        .then(pl.lit("survey_moe"))
        .when(has_value & has_counts & (pl.col("value_type") == "proportion"))
        .then(pl.lit("wilson"))
        .when(has_value & has_counts & pl.col("value_type").is_in(["rate", "count"]))
        .then(pl.when(pl.col("numerator") < EXACT_BELOW).then(pl.lit("exact_poisson")).otherwise(pl.lit("byar")))
        .otherwise(pl.lit("none"))
    )
    joined = joined.with_columns(ci_method=method.cast(pl.Enum(CI_METHODS)))
    num, den, mult = pl.col("numerator"), pl.col("denominator"), pl.col("multiplier")
    columns = []
    for level, (lo_name, hi_name) in zip(LEVELS, [("ci_low", "ci_high"), ("ci998_low", "ci998_high")], strict=True):
        w_lo, w_hi = wilson_exprs(num, den, level, mult)
        b_lo, b_hi = byar_exprs(num, den, level, mult)
        s_lo, s_hi = survey_exprs(pl.col("value"), pl.col("moe"), level)
        m = pl.col("ci_method")
        for name, (w, b, s) in ((lo_name, (w_lo, b_lo, s_lo)), (hi_name, (w_hi, b_hi, s_hi))):
            columns.append(
                pl.when(m == "wilson")
                .then(w)
                .when(m.is_in(["byar", "exact_poisson"]))
                .then(b)
                .when(m == "survey_moe")
                .then(s)
                .otherwise(None)
                .alias(name)
            )
    return _drop_unreproducible(joined.with_columns(columns)).drop("value_type", "multiplier")


COUNT_ROUNDING = 5  # publishers round counts to the nearest 5 (ASCOF regional and England counts, 4B)
VALUE_ROUNDING = 0.05  # half of the last decimal place of a value published to 1 dp


def reproducible_expr(value: pl.Expr, num: pl.Expr, den: pl.Expr, multiplier: pl.Expr) -> pl.Expr:
    """True when the published value is what its counts give, allowing for the publisher's rounding.

    Counts that are both multiples of 5 may each be up to 2.5 off (rounded to the nearest 5); the
    value may be up to 0.05 off (rounded to one decimal place). So 100.0 published for 2681 of 2682
    (99.96%) is reproducible; 10 published for 8,500 of 81,770 (10.40%) is not (rounded to a whole number).
    """
    rounded = ((num % COUNT_ROUNDING) == 0) & ((den % COUNT_ROUNDING) == 0)
    slack = pl.when(rounded).then(COUNT_ROUNDING / 2).otherwise(0.0)
    low = (num - slack).clip(lower_bound=0) / (den + slack) * multiplier
    high = (num + slack) / (den - slack) * multiplier
    return value.is_between(low - VALUE_ROUNDING - 1e-9, high + VALUE_ROUNDING + 1e-9)


def _drop_unreproducible(frame: FrameT) -> FrameT:
    """Withdraw a count-based interval whose counts do not reproduce the published value.

    The value is always the publisher's own figure. An interval from counts that do not give that
    figure (a value rounded to a whole number, a region total missing one council) would draw the
    dot outside its own whisker, so no interval is shown. A value outside its interval only because
    the publisher rounded it or its counts (`reproducible_expr`) keeps the interval, which is computed
    from the counts as published: the dot then sits outside it by no more than that rounding.
    """
    from_counts = pl.col("ci_method").is_in(["wilson", "byar", "exact_poisson"])
    outside = ~pl.col("value").is_between(pl.col("ci_low") - 1e-9, pl.col("ci_high") + 1e-9)
    rounding = reproducible_expr(pl.col("value"), pl.col("numerator"), pl.col("denominator"), pl.col("multiplier"))
    bad = from_counts & outside.fill_null(False) & ~rounding.fill_null(False)
    limits = ["ci_low", "ci_high", "ci998_low", "ci998_high"]
    return frame.with_columns(
        pl.when(bad)
        .then(pl.lit("not_reproducible"))
        .otherwise(pl.col("ci_method").cast(pl.String))
        .cast(pl.Enum(CI_METHODS))
        .alias("ci_method"),
        *[pl.when(bad).then(None).otherwise(pl.col(c)).alias(c) for c in limits],
    )
