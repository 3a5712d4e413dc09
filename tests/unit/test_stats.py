"""Interval methods against references computed independently with scipy."""

from __future__ import annotations

import polars as pl
import pytest
from scipy import stats as sps

from accountability.methods.stats import (
    byar_exprs,
    exact_poisson_table,
    reproducible_expr,
    survey_exprs,
    wilson_exprs,
    with_intervals,
)


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


def test_a_value_the_counts_give_once_the_publisher_rounded_it_keeps_its_interval() -> None:
    # 100.0 published for 2,681 of 2,682 (99.96% rounded to 1 dp: Dorset's self-directed support,
    # 2020-21) lies just above its interval 99.79 to 99.99, yet the counts reproduce it; so do 99.6
    # for 240 of 245 (counts rounded to the nearest 5: 242.5 of 242.5 is 100%) and 2.6 for 2,570 of
    # 100,000, which its interval holds anyway.
    frame = _frame(
        measure=["p", "p", "p"],
        value=[100.0, 99.6, 2.6],
        numerator=[2681.0, 240.0, 2570.0],
        denominator=[2682.0, 245.0, 100_000.0],
        moe=[None, None, None],
    )
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"].cast(pl.String).to_list() == ["wilson", "wilson", "wilson"]
    assert out["ci_high"][0] < 100.0 and out["ci_high"][1] < 99.6  # the dot sits outside, by the rounding


def test_a_value_its_counts_do_not_give_gets_no_interval() -> None:
    # 10 published (a whole number) for 8,500 of 81,770 (10.40%); 23.6 published for 1,660 of 7,490 (22.2%).
    frame = _frame(
        measure=["p", "p"],
        value=[10.0, 23.6],
        numerator=[8500.0, 1660.0],
        denominator=[81_770.0, 7490.0],
        moe=[None, None],
    )
    out = with_intervals(frame, MEASURES)
    assert out["ci_method"].cast(pl.String).to_list() == ["not_reproducible", "not_reproducible"]
    assert out.row(0, named=True)["ci_low"] is None and out.row(1, named=True)["ci998_high"] is None


@pytest.mark.parametrize(("value", "method"), [(33.383, "wilson"), (33.384, "not_reproducible")])
def test_the_value_rounding_allowance_is_half_a_decimal_place(value: float, method: str) -> None:
    # 3,333,333 of 10,000,000 is 33.33333%; its interval is about +-0.03, so both values lie outside it.
    # 33.383 is within 0.05 of 33.33333 (a value rounded to 1 dp could be that far), 33.384 is not.
    frame = _frame(measure=["p"], value=[value], numerator=[3_333_333.0], denominator=[10_000_000.0], moe=[None])
    assert with_intervals(frame, MEASURES)["ci_method"].cast(pl.String).to_list() == [method]


def test_reproducible_expr_allows_counts_rounded_to_5_only_when_both_are_multiples_of_5() -> None:
    frame = pl.DataFrame({"v": [99.6, 99.6], "n": [240.0, 241.0], "d": [245.0, 246.0]})
    out = frame.select(reproducible_expr(pl.col("v"), pl.col("n"), pl.col("d"), pl.lit(100.0)))
    assert out.to_series().to_list() == [True, False]
