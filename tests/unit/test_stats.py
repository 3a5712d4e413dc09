"""Interval methods against references computed independently with scipy."""

from __future__ import annotations

import polars as pl
import pytest
from scipy import stats as sps

from accountability.methods.stats import byar_exprs, exact_poisson_table, survey_exprs, wilson_exprs, with_intervals


def _wilson(num: float, den: float, level: float) -> tuple[float | None, float | None]:
    frame = pl.DataFrame({"n": [num], "d": [den]}, schema={"n": pl.Float64, "d": pl.Float64})
    lo, hi = wilson_exprs(pl.col("n"), pl.col("d"), level, pl.lit(1.0))
    row = frame.select(lo=lo, hi=hi).row(0)
    return row[0], row[1]


@pytest.mark.parametrize("level", [0.95, 0.998])
@pytest.mark.parametrize(("num", "den"), [(0, 10), (10, 10), (1, 2), (37, 120), (5000, 12000), (1, 1)])
def test_wilson_matches_scipy(num: int, den: int, level: float) -> None:
    ref = sps.binomtest(num, den).proportion_ci(confidence_level=level, method="wilson")
    lo, hi = _wilson(num, den, level)
    assert lo == pytest.approx(ref.low, abs=1e-9)
    assert hi == pytest.approx(ref.high, abs=1e-9)


def test_wilson_with_zero_denominator_is_missing_not_an_error() -> None:
    assert _wilson(0, 0, 0.95) == (None, None)


def test_wilson_with_numerator_above_denominator_is_missing() -> None:
    assert _wilson(11, 10, 0.95) == (None, None)


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_exact_poisson_table_matches_chi_squared(level: float) -> None:
    lows, highs = exact_poisson_table(level)
    alpha = 1 - level
    for o in range(10):
        expected_low = 0.0 if o == 0 else sps.chi2.ppf(alpha / 2, 2 * o) / 2
        assert lows[float(o)] == pytest.approx(expected_low, abs=1e-9)
        assert highs[float(o)] == pytest.approx(sps.chi2.ppf(1 - alpha / 2, 2 * o + 2) / 2, abs=1e-9)


def _byar(num: float, den: float, level: float, mult: float) -> tuple[float, float]:
    frame = pl.DataFrame({"n": [num], "d": [den]}, schema={"n": pl.Float64, "d": pl.Float64})
    lo, hi = byar_exprs(pl.col("n"), pl.col("d"), level, pl.lit(mult))
    return frame.select(lo=lo, hi=hi).row(0)  # type: ignore[return-value]


@pytest.mark.parametrize("events", [0, 1, 9])
def test_rates_under_ten_events_use_exact_poisson(events: int) -> None:
    lo, hi = _byar(events, 50_000, 0.95, 100_000)
    exact_low = 0.0 if events == 0 else sps.chi2.ppf(0.025, 2 * events) / 2
    assert lo == pytest.approx(exact_low / 50_000 * 100_000, rel=1e-9)
    assert hi == pytest.approx(sps.chi2.ppf(0.975, 2 * events + 2) / 2 / 50_000 * 100_000, rel=1e-9)


@pytest.mark.parametrize("events", [10, 57, 400, 12_345])
def test_byar_is_close_to_exact_poisson_from_ten_events(events: int) -> None:
    lo, hi = _byar(events, 1e6, 0.95, 1.0)
    exact_lo = sps.chi2.ppf(0.025, 2 * events) / 2 / 1e6
    exact_hi = sps.chi2.ppf(0.975, 2 * events + 2) / 2 / 1e6
    assert lo == pytest.approx(exact_lo, rel=0.01)
    assert hi == pytest.approx(exact_hi, rel=0.01)


def test_byar_formula_for_one_hundred_events() -> None:
    # Byar's published form: O(1 - 1/9O - z/3√O)^3 and (O+1)(1 - 1/9(O+1) + z/3√(O+1))^3
    z = sps.norm.ppf(0.975)
    lo, hi = _byar(100, 1, 0.95, 1.0)
    assert lo == pytest.approx(100 * (1 - 1 / 900 - z / 30) ** 3)
    assert hi == pytest.approx(101 * (1 - 1 / 909 + z / (3 * 101**0.5)) ** 3)


def test_survey_margin_is_used_as_published_at_95_and_scaled_to_998() -> None:
    frame = pl.DataFrame({"v": [60.0], "m": [4.0]})
    lo95, hi95 = survey_exprs(pl.col("v"), pl.col("m"), 0.95)
    lo998, hi998 = survey_exprs(pl.col("v"), pl.col("m"), 0.998)
    row = frame.select(a=lo95, b=hi95, c=lo998, d=hi998).row(0)
    assert row[:2] == (56.0, 64.0)
    scale = sps.norm.ppf(0.999) / sps.norm.ppf(0.975)
    assert row[2] == pytest.approx(60 - 4 * scale)
    assert row[3] == pytest.approx(60 + 4 * scale)


@pytest.mark.parametrize(("value", "moe"), [(0.0, 0.4), (47.3, 2.86), (88.1, 1.05), (19.2, 6.4), (100.0, 0.0)])
def test_survey_margin_intervals_match_scipy_to_1e6(value: float, moe: float) -> None:
    # the publisher's 95% margin is z(0.975)·SE, so SE = moe / z(0.975) and the 99.8% half-width is z(0.999)·SE
    se = moe / sps.norm.ppf(0.975)
    frame = pl.DataFrame({"v": [value], "m": [moe]})
    for level, z in ((0.95, sps.norm.ppf(0.975)), (0.998, sps.norm.ppf(0.999))):
        lo, hi = survey_exprs(pl.col("v"), pl.col("m"), level)
        got = frame.select(lo=lo, hi=hi).row(0)
        assert got == (pytest.approx(value - z * se, abs=1e-6), pytest.approx(value + z * se, abs=1e-6))


def _frame(**cols: list[object]) -> pl.DataFrame:
    schema = {
        "measure": pl.String,
        "value": pl.Float64,
        "numerator": pl.Float64,
        "denominator": pl.Float64,
        "moe": pl.Float64,
    }
    return pl.DataFrame(cols, schema=schema)


MEASURES = pl.DataFrame(
    {
        "id": ["p", "r", "s"],
        "value_type": ["proportion", "rate", "score"],
        "multiplier": [100.0, 100_000.0, 1.0],
    }
)


def test_with_intervals_picks_the_method_from_value_type_and_what_is_published() -> None:
    frame = _frame(
        measure=["p", "p", "r", "r", "s", "p"],
        value=[25.0, 25.0, 50.0, 5.0, 19.0, None],
        numerator=[25.0, None, 500.0, 5.0, None, None],
        denominator=[100.0, None, 1e6, 1e5, None, None],
        moe=[None, None, None, None, 0.4, None],
    )
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"].cast(pl.String).to_list() == [
        "wilson",
        "none",
        "byar",
        "exact_poisson",
        "survey_moe",
        "none",
    ]
    assert out["ci_low"][1] is None and out["ci_low"][5] is None
    assert out["ci_low"][0] == pytest.approx(sps.binomtest(25, 100).proportion_ci(method="wilson").low * 100)
    assert out["ci_high"][4] == pytest.approx(19.4)


def test_survey_margin_wins_over_counts() -> None:
    frame = _frame(measure=["p"], value=[40.0], numerator=[40.0], denominator=[100.0], moe=[3.0])
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"][0] == "survey_moe"
    assert (out["ci_low"][0], out["ci_high"][0]) == (37.0, 43.0)


def test_missing_value_gets_no_interval_even_with_counts() -> None:
    frame = _frame(measure=["p"], value=[None], numerator=[4.0], denominator=[10.0], moe=[None])
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"][0] == "none"
    assert out["ci_low"][0] is None


def test_a_published_value_outside_its_count_interval_gets_no_interval() -> None:
    # England published 26 (a whole number) for 2,570 of 100,000: the interval 25.0 to 26.7 holds it;
    # a value of 100.0 published for 2,681 of 2,682 does not lie inside 99.79 to 99.99, so no interval.
    frame = _frame(
        measure=["p", "p"],
        value=[2.6, 100.0],
        numerator=[2570.0, 2681.0],
        denominator=[100_000.0, 2682.0],
        moe=[None, None],
    )
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"].cast(pl.String).to_list() == ["wilson", "not_reproducible"]
    assert out.row(1, named=True)["ci_low"] is None and out.row(1, named=True)["ci998_high"] is None
