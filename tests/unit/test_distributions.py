"""The runtime's own distributions against scipy (the references), to well beyond 1e-6."""

from __future__ import annotations

import math

import polars as pl
import pytest
from scipy import special
from scipy import stats as sps

from accountability.methods.distributions import (
    betainc_regularized,
    chi2_1df_sf,
    normal_two_sided_p,
    student_t_quantile,
    student_t_two_sided_p,
    t_two_sided_p_expr,
)


@pytest.mark.parametrize("df", [1, 2, 3, 5, 10, 30, 200])
@pytest.mark.parametrize("t", [0.0, 0.1, 0.7, 1.0, 2.0, 2.776, 4.3, 12.7, 50.0, -3.2])
def test_student_t_matches_scipy(t: float, df: int) -> None:
    assert student_t_two_sided_p(t, df) == pytest.approx(2 * sps.t.sf(abs(t), df), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    ("a", "b", "x"), [(0.5, 0.5, 0.3), (2.5, 0.5, 0.99), (10, 3, 0.2), (1, 1, 0.5), (50, 0.5, 0.9)]
)
def test_incomplete_beta_matches_scipy(a: float, b: float, x: float) -> None:
    assert betainc_regularized(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-10)


@pytest.mark.parametrize("x", [0.0, 0.5, 3.84, 9.5495, 40.0])
def test_chi2_one_df_matches_scipy(x: float) -> None:
    assert chi2_1df_sf(x) == pytest.approx(sps.chi2.sf(x, 1), rel=1e-10)


@pytest.mark.parametrize("z", [0.0, 1.0, -1.959964, 3.09])
def test_normal_matches_scipy(z: float) -> None:
    assert normal_two_sided_p(z) == pytest.approx(2 * sps.norm.sf(abs(z)), rel=1e-12)


T_VALUES = [0.0, 0.05, 0.5, 1.0, 1.7, 2.0, 3.2, 4.3, 9.9, 30.0, 300.0, -2.5]


@pytest.mark.parametrize("df", range(1, 9))
def test_t_p_expression_matches_scipy_for_whole_number_df(df: int) -> None:
    frame = pl.DataFrame({"t": T_VALUES, "df": [df] * len(T_VALUES)})
    got = frame.select(p=t_two_sided_p_expr(pl.col("t"), pl.col("df"), 8))["p"].to_list()
    ref = [2 * sps.t.sf(abs(t), df) for t in T_VALUES]
    assert got == pytest.approx(ref, rel=1e-9, abs=1e-14)


def test_t_p_expression_is_zero_for_an_infinite_t_and_null_outside_its_df() -> None:
    frame = pl.DataFrame({"t": [math.inf, -math.inf, 2.0, 2.0], "df": [3, 1, 0, 9]})
    assert frame.select(p=t_two_sided_p_expr(pl.col("t"), pl.col("df"), 8))["p"].to_list() == [0.0, 0.0, None, None]


@pytest.mark.parametrize("df", [1, 2, 3, 4, 7, 12, 60])
@pytest.mark.parametrize("prob", [0.5, 0.6, 0.9, 0.975, 0.999, 0.025])
def test_t_quantile_matches_scipy(prob: float, df: int) -> None:
    assert student_t_quantile(prob, df) == pytest.approx(sps.t.ppf(prob, df), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("prob", [0.0, 1.0, -0.1])
def test_t_quantile_refuses_a_probability_outside_zero_to_one(prob: float) -> None:
    with pytest.raises(ValueError, match="0 < prob < 1"):
        student_t_quantile(prob, 3)
