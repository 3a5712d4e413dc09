"""Tail probabilities and quantiles the methods need, in pure Python and as Polars expressions.

No scipy at runtime (it is a development dependency only), so the few distributions used are
written out here and checked against scipy in tests/unit/test_distributions.py:
- chi-squared with 1 df and the normal, via `math.erfc`;
- Student t: two-sided p-values through the regularised incomplete beta function
  I_x(df/2, 1/2) with x = df / (df + t²) (continued fraction, Lentz), and its quantile by bisection;
- `t_two_sided_p_expr`: the same p-value as a Polars expression for whole-number df, from the closed
  forms I_x(1/2, 1/2) = (2/π)·asin(√x), I_x(1, 1/2) = 1 − √(1 − x) and the recurrence
  I_x(a + 1, b) = I_x(a, b) − x^a (1 − x)^b / (a·B(a, b)), so a column of trend tests needs no
  Python loop. The recurrence subtracts terms, so for very large t (p below about 1e-12) only the
  absolute error is small; a p-value is never shown to more than three decimals.
This module knows nothing about trends, funnels or councils.
"""

from __future__ import annotations

import math

import polars as pl

Z95 = 1.959963984540054
Z998 = 3.090232306167813


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


def student_t_quantile(prob: float, df: float) -> float:
    """The t value with P(T <= t) = prob (0 < prob < 1), by bisection on the two-sided p-value."""
    if not 0 < prob < 1:
        raise ValueError(f"a quantile needs 0 < prob < 1, not {prob}")
    if prob == 0.5:
        return 0.0
    target = 2 * min(prob, 1 - prob)  # two-sided tail area beyond |t|
    lo, hi = 0.0, 1.0
    while student_t_two_sided_p(hi, df) > target:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if student_t_two_sided_p(mid, df) > target:
            lo = mid
        else:
            hi = mid
    return math.copysign((lo + hi) / 2, prob - 0.5)


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


def t_two_sided_p_expr(t: pl.Expr, df: pl.Expr, max_df: int) -> pl.Expr:
    """P(|T| > |t|) for whole-number df from 1 to `max_df` (null outside that range); t = ±inf gives 0."""
    x = (df / (df + t * t)).fill_nan(0.0)  # t = ±inf → x = 0
    root_x, root_1mx = x.sqrt(), (1 - x).clip(lower_bound=0.0).sqrt()
    by_df: dict[int, pl.Expr] = {
        1: (2 / math.pi) * root_x.arcsin(),
        2: x / (1 + root_1mx),  # 1 − √(1 − x), written so it does not cancel for small x
    }
    for k in range(3, max_df + 1):
        a = (k - 2) / 2  # I_x(a + 1, ½) from I_x(a, ½)
        log_coef = math.lgamma(a + 0.5) - math.lgamma(a + 1) - math.lgamma(0.5)  # 1 / (a·B(a, ½))
        by_df[k] = by_df[k - 2] - math.exp(log_coef) * x.pow(a) * root_1mx
    out: pl.Expr = pl.lit(None, pl.Float64)
    for k in range(max_df, 0, -1):  # nested from the last df inwards: one when/then per df
        out = pl.when(df == k).then(by_df[k].clip(0.0, 1.0)).otherwise(out)
    return out
