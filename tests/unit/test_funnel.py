"""Funnel plot limits and positions.

References: statsmodels `proportion_confint(method="wilson")` (the Wilson interval for E = N·p0
events of N is exactly Fingertips' control-limit formula); scipy.stats.binom for the tail areas the
limits should roughly cut off; the normal approximation p0 ± z·sqrt(p0(1 − p0)/N) for large N.
"""

from __future__ import annotations

import math

import polars as pl
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from accountability.methods.funnel import (
    LIMIT_COLUMNS,
    POSITION,
    Z,
    denominator_grid,
    limit_columns,
    position_expr,
)


def funnel_limits(p0: float, n_min: float, n_max: float, multiplier: float = 100.0) -> pl.DataFrame:
    """The Wilson limits on a denominator grid, from this module's primitives (as build_funnel uses them)."""
    grid = pl.DataFrame({"n": denominator_grid(n_min, n_max)}, schema={"n": pl.Int64})
    return grid.select("n", pl.lit(p0 * multiplier).alias("target"), *limit_columns(p0, pl.col("n"), multiplier))


def funnel_positions(values: pl.DataFrame, p0: float, multiplier: float = 100.0) -> pl.DataFrame:
    """Each row's limits at its own denominator and its position, from this module's primitives."""
    frame = values.with_columns(limit_columns(p0, pl.col("denominator"), multiplier))
    return frame.with_columns(position=position_expr(pl.col("value")))


def _limits_at(p0: float, n: int) -> dict[str, float]:
    row = funnel_limits(p0, n, n, multiplier=1.0).row(0, named=True)
    return {k: row[k] for k in LIMIT_COLUMNS}


@pytest.mark.parametrize("p0", [0.0, 0.02, 0.226, 0.5, 0.97, 1.0])
@pytest.mark.parametrize("n", [1, 3, 10, 57, 400, 25_000])
def test_limits_are_the_wilson_interval_around_the_expected_count(p0: float, n: int) -> None:
    got = _limits_at(p0, n)
    for level, (lo_name, hi_name) in {0.95: ("low95", "high95"), 0.998: ("low998", "high998")}.items():
        lo, hi = proportion_confint(n * p0, n, alpha=1 - level, method="wilson")
        assert got[lo_name] == pytest.approx(max(lo, 0.0), abs=1e-12)
        assert got[hi_name] == pytest.approx(min(hi, 1.0), abs=1e-12)


def test_limits_converge_to_the_normal_approximation_for_large_denominators() -> None:
    p0, n = 0.3, 1_000_000
    got = _limits_at(p0, n)
    half = Z[0.95] * math.sqrt(p0 * (1 - p0) / n)
    assert got["low95"] == pytest.approx(p0 - half, rel=1e-4)
    assert got["high95"] == pytest.approx(p0 + half, rel=1e-4)


@pytest.mark.parametrize("n", [200, 1000, 5000])
def test_limits_cut_off_about_the_right_binomial_tail(n: int) -> None:
    p0 = 0.3
    got = _limits_at(p0, n)
    above = sps.binom.sf(math.floor(got["high95"] * n), n, p0)  # P(X/n > upper limit)
    below = sps.binom.cdf(math.ceil(got["low95"] * n) - 1, n, p0)  # P(X/n < lower limit)
    assert 0.01 < above < 0.04
    assert 0.01 < below < 0.04
    assert sps.binom.sf(math.floor(got["high998"] * n), n, p0) < 0.003


def test_limits_stay_within_zero_and_one_and_funnel_in() -> None:
    funnel = funnel_limits(0.05, 1, 5000, multiplier=100.0)
    assert funnel["n"].to_list() == sorted(set(funnel["n"].to_list()))
    assert funnel["n"][0] == 1
    assert funnel["n"][-1] == 5000
    assert (funnel["low998"] >= 0).all()
    assert (funnel["high998"] <= 100).all()
    assert (funnel["low998"] <= funnel["low95"]).all()
    assert (funnel["high95"] <= funnel["high998"]).all()
    widths = (funnel["high95"] - funnel["low95"]).to_list()
    assert widths == sorted(widths, reverse=True)
    assert (funnel["target"] == 5.0).all()


def test_denominator_grid_edge_cases() -> None:
    assert denominator_grid(50, 50) == [50]
    assert denominator_grid(0.2, 3) == [1, 2, 3]
    assert len(denominator_grid(10, 100_000, points=50)) <= 52


def test_p0_must_be_a_proportion() -> None:
    with pytest.raises(ValueError, match="p0"):
        funnel_limits(22.6, 10, 100)


def test_positions_including_exactly_on_a_limit() -> None:
    p0, n = 0.2, 100
    lim = {k: 100 * v for k, v in _limits_at(p0, n).items()}
    values = {
        "on_high95": lim["high95"],
        "on_low998": lim["low998"],
        "inside": 20.0,
        "above95": (lim["high95"] + lim["high998"]) / 2,
        "above998": lim["high998"] + 0.1,
        "below95": (lim["low95"] + lim["low998"]) / 2,
        "below998": lim["low998"] - 0.1,
        "no_den": 20.0,
        "zero_den": 20.0,
        "no_value": None,
    }
    dens = [n] * 7 + [None, 0, n]
    frame = pl.DataFrame(
        {"code": list(values), "value": list(values.values()), "denominator": dens},
        schema={"code": pl.String, "value": pl.Float64, "denominator": pl.Float64},
    )
    out = funnel_positions(frame, p0, multiplier=100.0)
    assert out.schema["position"] == POSITION
    assert dict(zip(out["code"], out["position"], strict=True)) == {
        "on_high95": "inside",
        "on_low998": "below 95%",
        "inside": "inside",
        "above95": "above 95%",
        "above998": "above 99.8%",
        "below95": "below 95%",
        "below998": "below 99.8%",
        "no_den": "not tested",
        "zero_den": "not tested",
        "no_value": "not tested",
    }


def test_tiny_denominators_have_wide_limits() -> None:
    frame = pl.DataFrame({"code": ["A", "B"], "value": [80.0, 20.0], "denominator": [5.0, 5.0]})
    assert funnel_positions(frame, 0.5)["position"].to_list() == ["inside", "inside"]


def test_known_limitation_wilson_limits_flag_all_or_nothing_at_a_denominator_of_two() -> None:
    # Documented in the module: 2 of 2 against p0 = 0.5 is above the 99.8% Wilson limit (95.5%),
    # although the exact binomial chance of 2 of 2 is 0.25. Exact (step) limits would not flag it.
    frame = pl.DataFrame({"code": ["A"], "value": [100.0], "denominator": [2.0]})
    assert funnel_positions(frame, 0.5)["position"].to_list() == ["above 99.8%"]
    assert sps.binom.sf(1, 2, 0.5) == pytest.approx(0.25)
