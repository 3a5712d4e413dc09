"""Funnel plots with Spiegelhalter's overdispersion adjustments, against an independent numpy reference.

The reference below re-derives FunnelPlotR's method (NHS-R Community, `transformed_zscore`,
`winsorisation`, `phi_func`, `tau_func`, `calculate_limits`) from Spiegelhalter (2005), with numpy's
linear quantiles for the 10% winsorisation; the exact Poisson limits come from scipy's chi-squared.
The councils here are synthetic (made up for the test), not published figures.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps

from accountability.methods.funnel_plot import build_funnel, dispersion

Z = {"95": sps.norm.ppf(0.975), "998": sps.norm.ppf(0.999)}
RNG = np.random.default_rng(7)  # synthetic councils: overdispersed proportions around 22%
DEN = RNG.integers(300, 20_000, 60).astype(float)
NUM = np.round(DEN * np.clip(RNG.normal(0.22, 0.05, 60), 0.01, 0.99))


def _frame(num: np.ndarray, den: np.ndarray) -> pl.DataFrame:
    return pl.DataFrame({"code": [f"C{i:03d}" for i in range(len(num))], "numerator": num, "denominator": den})


def _measure(kind: str, multiplier: float) -> pl.DataFrame:
    return pl.DataFrame({"value_type": [kind], "multiplier": [multiplier]})


def _england(num: float | None, den: float | None) -> pl.DataFrame:
    return pl.DataFrame(
        {"numerator": [num], "denominator": [den]}, schema={"numerator": pl.Float64, "denominator": pl.Float64}
    )


def _reference(
    kind: str, num: np.ndarray, den: np.ndarray, centre: float
) -> tuple[float, float, np.ndarray, np.ndarray]:
    """(φ, τ², y-scale θ, s) by the published recipe, in numpy."""
    if kind == "proportion":
        theta, y, s = math.asin(math.sqrt(centre)), np.arcsin(np.sqrt(num / den)), 1 / (2 * np.sqrt(den))
    else:
        expected = den * centre
        theta, y, s = 1.0, np.sqrt(num / expected), 1 / (2 * np.sqrt(expected))
    z = (y - theta) / s
    lo, hi = np.quantile(z, [0.1, 0.9])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    w = 1 / s**2
    count = len(z)
    tau2 = (
        0.0 if count * phi < count - 1 else max(0.0, (count * phi - (count - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    )
    return phi, tau2, np.array(theta), s


def _back(kind: str, y: np.ndarray, centre: float) -> np.ndarray:
    return np.sin(np.clip(y, 0, math.pi / 2)) ** 2 if kind == "proportion" else np.clip(y, 0, None) ** 2 * centre


@pytest.mark.parametrize("adjustment", ["multiplicative", "additive"])
def test_proportion_limits_match_the_reference_to_1e6(adjustment: str) -> None:
    funnel = build_funnel(_frame(NUM, DEN), _england(None, None), _measure("proportion", 100.0), adjustment)
    assert funnel is not None
    centre = NUM.sum() / DEN.sum()  # England's counts not given: pooled councils
    phi, tau2, theta, _ = _reference("proportion", NUM, DEN, centre)
    assert (funnel.centre_basis, funnel.centre) == ("council_counts", pytest.approx(100 * centre, rel=1e-12))
    assert (funnel.phi, funnel.tau2) == (pytest.approx(phi, rel=1e-9), pytest.approx(tau2, rel=1e-9))
    assert funnel.applied
    n = funnel.limits["n"].to_numpy().astype(float)
    s = 1 / (2 * np.sqrt(n))
    spread = np.sqrt(phi) * s if adjustment == "multiplicative" else np.sqrt(s**2 + tau2)
    for level, (lo, hi) in {"95": ("low95", "high95"), "998": ("low998", "high998")}.items():
        assert funnel.limits[lo].to_numpy() == pytest.approx(
            100 * _back("proportion", theta - Z[level] * spread, centre), abs=1e-6
        )
        assert funnel.limits[hi].to_numpy() == pytest.approx(
            100 * _back("proportion", theta + Z[level] * spread, centre), abs=1e-6
        )


@pytest.mark.parametrize("adjustment", ["multiplicative", "additive"])
def test_poisson_limits_for_rates_match_the_reference_to_1e6(adjustment: str) -> None:
    pop = RNG.integers(20_000, 400_000, 40).astype(float)
    events = np.round(pop * 0.0067 * RNG.gamma(20, 1 / 20, 40))  # synthetic rates per 10,000, overdispersed
    england = _england(81_770.0, 12_183_016.0)
    funnel = build_funnel(_frame(events, pop), england, _measure("rate", 10_000.0), adjustment)
    assert funnel is not None
    centre = 81_770.0 / 12_183_016.0
    phi, tau2, _, _ = _reference("rate", events, pop, centre)
    assert (funnel.centre_basis, funnel.phi, funnel.tau2) == ("england_counts", pytest.approx(phi), pytest.approx(tau2))
    s = 1 / (2 * np.sqrt(funnel.limits["n"].to_numpy() * centre))
    spread = np.sqrt(phi) * s if adjustment == "multiplicative" else np.sqrt(s**2 + tau2)
    expected_high = 10_000 * _back("rate", 1 + Z["998"] * spread, centre)
    assert funnel.limits["high998"].to_numpy() == pytest.approx(expected_high, abs=1e-6)
    expected_low = 10_000 * _back("rate", 1 - Z["95"] * spread, centre)
    assert funnel.limits["low95"].to_numpy() == pytest.approx(expected_low, abs=1e-6)


def test_unadjusted_poisson_limits_are_byars_and_close_to_the_exact_limits() -> None:
    pop = np.array([2_000.0, 30_000.0, 150_000.0, 400_000.0])
    funnel = build_funnel(_frame(np.array([10.0, 200.0, 1_000.0, 2_700.0]), pop), _england(81_770.0, 12_183_016.0),
                          _measure("rate", 10_000.0), "none")  # fmt: skip
    assert funnel is not None and not funnel.applied
    e = pop * 81_770.0 / 12_183_016.0
    z = Z["95"]
    byar_low = e * (1 - 1 / (9 * e) - z / (3 * np.sqrt(e))) ** 3 / pop * 10_000
    byar_high = (e + 1) * (1 - 1 / (9 * (e + 1)) + z / (3 * np.sqrt(e + 1))) ** 3 / pop * 10_000
    points = funnel.points.sort("denominator")
    assert points["low95"].to_numpy() == pytest.approx(byar_low, abs=1e-6)
    assert points["high95"].to_numpy() == pytest.approx(byar_high, abs=1e-6)
    exact_high = sps.chi2.ppf(0.975, 2 * (e + 1)) / 2 / pop * 10_000
    assert points["high95"].to_numpy()[e >= 10] == pytest.approx(exact_high[e >= 10], rel=0.01)
    assert points["small_expected"].to_list() == [bool(x < 10) for x in e]


def test_unadjusted_limits_are_always_available_and_equal_the_adjusted_when_there_is_no_overdispersion() -> None:
    den = np.full(30, 5_000.0)
    num = np.round(den * 0.2) + np.tile([-1.0, 0.0, 1.0], 10)  # far less spread than chance
    funnel = build_funnel(_frame(num, den), _england(1_000.0, 5_000.0), _measure("proportion", 100.0), "additive")
    assert funnel is not None
    assert funnel.phi < 1 and funnel.tau2 == 0
    assert not funnel.applied
    assert funnel.limits.equals(funnel.unadjusted)


def test_councils_are_plotted_from_their_counts_and_centred_on_englands_counts() -> None:
    # placements_3plus 2024-25: England published 10 (%), its counts 8,500 / 81,770 = 10.395%
    rows = pl.DataFrame(
        {"code": ["A", "B", "C"], "numerator": [49.0, 12.0, 300.0], "denominator": [445.0, 90.0, 2_400.0]}
    )
    funnel = build_funnel(rows, _england(8_500.0, 81_770.0), _measure("proportion", 100.0), "none")
    assert funnel is not None
    assert funnel.centre == pytest.approx(100 * 8_500 / 81_770)
    assert funnel.points["value"].to_list() == pytest.approx([100 * 49 / 445, 100 * 12 / 90, 100 * 300 / 2_400])
    assert funnel.limits["target"].unique().to_list() == pytest.approx([100 * 8_500 / 81_770])


def test_positions_follow_the_limits_drawn() -> None:
    funnel = build_funnel(_frame(NUM, DEN), _england(None, None), _measure("proportion", 100.0), "none")
    adjusted = build_funnel(_frame(NUM, DEN), _england(None, None), _measure("proportion", 100.0), "additive")
    assert funnel is not None and adjusted is not None
    outside = funnel.points.filter(pl.col("position") != "inside").height
    assert adjusted.points.filter(pl.col("position") != "inside").height < outside
    above = funnel.points.filter(pl.col("position") == "above 99.8%")
    assert above.height > 0 and (above["value"] > above["high998"]).all()
    assert adjusted.points["position_unadjusted"].to_list() == funnel.points["position"].to_list()


@pytest.mark.parametrize("kind", ["score", "count"])
def test_no_funnel_for_scores_or_counts(kind: str) -> None:
    assert build_funnel(_frame(NUM, DEN), _england(None, None), _measure(kind, 1.0)) is None


def test_no_funnel_from_fewer_than_three_usable_councils() -> None:
    rows = pl.DataFrame({"code": ["A", "B", "C"], "numerator": [5.0, None, 12.0], "denominator": [10.0, 10.0, 0.0]})
    assert build_funnel(rows, _england(1.0, 2.0), _measure("proportion", 100.0)) is None


def test_an_unknown_adjustment_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'scaled'"):
        build_funnel(_frame(NUM, DEN), _england(None, None), _measure("proportion", 100.0), "scaled")


def test_dispersion_without_any_overdispersion_is_about_one() -> None:
    z = pl.Series(RNG.standard_normal(5_000))
    phi, tau2 = dispersion(z, pl.Series(np.full(5_000, 0.01)))
    # winsorising at 10% shrinks a pure-chance φ below 1: E[clip(Z, ±1.2816)²] = 0.679 for a standard normal
    c = sps.norm.ppf(0.9)
    expected = 0.8 - 2 * c * sps.norm.pdf(c) + 0.2 * c**2
    assert phi == pytest.approx(expected, abs=0.03)
    assert tau2 == 0.0
