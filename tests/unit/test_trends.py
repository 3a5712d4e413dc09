"""Recent trends against independent references, on hand-built series.

References (computed here with statsmodels and scipy, never with the module under test):
- the dispersion-scaled chi-squared test for trend: statsmodels WLS of p on year with weights n,
  φ = RSS / (p̄(1 − p̄)(k − 2)), the slope's t with se = sqrt(max(φ, 1)·p̄(1 − p̄)/Sxx), scipy's t;
  at φ <= 1 it is statsmodels' linear-by-linear association χ² (Cochran–Armitage = M²·N/(N − 1))
  referred to scipy's F(1, k − 2);
- WLS on interval widths and OLS: statsmodels WLS / OLS.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table

from accountability.methods.stats import with_intervals
from accountability.methods.trends import TREND_SCHEMA, recent_trends, trend_label, trend_table

MEASURES = pl.DataFrame(
    {
        "id": ["prop", "rate", "score", "broken", "late_break", "neutral"],
        "polarity": [
            "lower_is_better",
            "no_judgement",
            "higher_is_better",
            "higher_is_better",
            "lower_is_better",
            "no_judgement",
        ],
        "value_type": ["proportion", "rate", "score", "score", "score", "proportion"],
        "multiplier": [100.0, 10_000.0, 1.0, 1.0, 1.0, 100.0],
        "break_period": [None, None, None, "2021-22", "2023-24", None],
    }
)
YEARS = ["2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


def _series(measure: str, values: Sequence[float | None], **cols: Sequence[float | None]) -> pl.DataFrame:
    n = len(values)
    frame = pl.DataFrame(
        {
            "code": ["A"] * n,
            "period": YEARS[-n:],
            "measure": [measure] * n,
            "value": list(values),
            "numerator": list(cols.get("numerator", [None] * n)),
            "denominator": list(cols.get("denominator", [None] * n)),
            "moe": list(cols.get("moe", [None] * n)),
        },
        schema_overrides=dict.fromkeys(("value", "numerator", "denominator", "moe"), pl.Float64),
    )
    return with_intervals(frame, MEASURES.select("id", "value_type", "multiplier"))


def _counts(measure: str, num: Sequence[float], den: Sequence[float]) -> pl.DataFrame:
    values = [100 * a / b for a, b in zip(num, den, strict=True)]
    return _series(measure, values, numerator=list(num), denominator=list(den))


def _trend(frame: pl.DataFrame, breaks: pl.DataFrame | None = None) -> dict[str, object]:
    out = recent_trends(frame, MEASURES, breaks)
    assert out.schema == pl.Schema(TREND_SCHEMA)
    assert out.height == 1
    return out.row(0, named=True)


def _scaled_reference(num: Sequence[float], den: Sequence[float], years: Sequence[float]) -> tuple[float, float, float]:
    """(slope per year in proportion units, p-value, φ) by statsmodels WLS and scipy's t."""
    p, n = np.divide(num, den), np.asarray(den, float)
    p_bar = sum(num) / sum(den)
    fit = sm.WLS(p, sm.add_constant(np.asarray(years, float)), weights=n).fit()
    k = len(p)
    phi = fit.ssr / (p_bar * (1 - p_bar) * (k - 2))
    t = np.asarray(years, float)
    sxx = float(np.sum(n * (t - np.average(t, weights=n)) ** 2))
    se = np.sqrt(max(phi, 1.0) * p_bar * (1 - p_bar) / sxx)
    return float(fit.params[1]), float(2 * sps.t.sf(abs(fit.params[1] / se), k - 2)), float(phi)


WEST_SUSSEX = ([2440, 2401, 2212, 1347, 1945], [9152, 9370, 9598, 7931, 7960])  # re-referrals 2020-21 to 2024-25
BARNSLEY = ([420, 511, 585, 696, 825], [2722, 2808, 3042, 3114, 3241])  # a steady rise, φ < 1
CA_CASES = [
    WEST_SUSSEX,
    BARNSLEY,
    ([10, 14, 20, 25, 30], [100, 100, 100, 100, 100]),
    ([50, 48, 52, 47, 49], [210, 190, 205, 200, 198]),
    ([3, 1, 0], [4, 5, 3]),  # tiny denominators, three points (1 df)
    ([0, 2, 5, 9], [9, 9, 9, 9]),
]


@pytest.mark.parametrize(("num", "den"), CA_CASES)
def test_scaled_chi_squared_trend_matches_statsmodels(num: list[int], den: list[int]) -> None:
    row = _trend(_counts("prop", num, den))
    years = [int(p[:4]) for p in YEARS[-len(num) :]]
    slope, p_value, phi = _scaled_reference(num, den, years)
    assert row["method"] == "scaled_chi_squared_trend"
    assert row["slope_per_year"] == pytest.approx(100 * slope, rel=1e-9, abs=1e-12)
    assert row["p_value"] == pytest.approx(p_value, rel=1e-6, abs=1e-12)
    assert row["dispersion"] == pytest.approx(phi, rel=1e-6)


def test_west_sussex_rereferrals_are_no_significant_change_once_dispersion_is_allowed_for() -> None:
    row = _trend(_counts("prop", *WEST_SUSSEX))
    assert row["p_value"] == pytest.approx(0.3199, abs=5e-4)  # the p ≈ 0.32
    assert float(row["dispersion"]) > 50  # type: ignore[arg-type]
    assert row["label"] == "no significant change"
    # the pure-chance test this replaces called the same five points "getting better (p = 0.000)"
    table = np.column_stack([WEST_SUSSEX[0], np.subtract(WEST_SUSSEX[1], WEST_SUSSEX[0])])
    lbl = Table(table, shift_zeros=False).test_ordinal_association(np.arange(5.0), np.array([1.0, 0.0]))
    assert lbl.pvalue < 1e-15


def test_when_points_vary_no_more_than_chance_the_test_is_the_chi_squared_test_referred_to_f() -> None:
    num, den = BARNSLEY
    row = _trend(_counts("prop", num, den))
    assert float(row["dispersion"]) < 1  # type: ignore[arg-type]
    table = np.column_stack([num, np.subtract(den, num)])
    ref = Table(table, shift_zeros=False).test_ordinal_association(np.arange(5.0), np.array([1.0, 0.0]))
    chi2 = ref.zscore**2 * sum(den) / (sum(den) - 1)  # Cochran–Armitage from the linear-by-linear M²
    assert row["p_value"] == pytest.approx(sps.f.sf(chi2, 1, 3), rel=1e-6)
    assert row["label"] == "getting worse"  # a genuine rise stays significant


def test_wls_matches_statsmodels_when_points_scatter_more_than_their_intervals() -> None:
    num = [100.0, 180.0, 120.0, 210.0, 160.0]
    frame = _series("rate", num, numerator=num, denominator=[10_000.0] * 5)  # per 10,000: the value is the count
    row = _trend(frame)
    w = (2 * 1.959963984540054 / (frame["ci_high"] - frame["ci_low"])) ** 2
    ref = sm.WLS(num, sm.add_constant([2020.0, 2021, 2022, 2023, 2024]), weights=w.to_numpy()).fit()
    assert ref.scale > 1
    assert row["method"] == "wls"
    assert row["slope_per_year"] == pytest.approx(ref.params[1], rel=1e-9)
    assert row["p_value"] == pytest.approx(ref.pvalues[1], rel=1e-6)
    assert row["dispersion"] == pytest.approx(ref.scale, rel=1e-9)


def test_wls_never_claims_more_precision_than_the_intervals() -> None:
    num = [1000.0, 1040.0, 1090.0, 1120.0, 1170.0]
    frame = _series("rate", num, numerator=num, denominator=[10_000.0] * 5)
    row = _trend(frame)
    w = ((2 * 1.959963984540054 / (frame["ci_high"] - frame["ci_low"])) ** 2).to_numpy()
    x = sm.add_constant([2020.0, 2021, 2022, 2023, 2024])
    assert sm.WLS(num, x, weights=w).fit().scale < 1
    ref = sm.WLS(num, x, weights=w).fit(cov_type="fixed scale", use_t=True)  # scale = 1
    assert row["p_value"] == pytest.approx(2 * sps.t.sf(ref.params[1] / ref.bse[1], 3), rel=1e-6)


def test_no_intervals_fall_back_to_ols_and_say_so() -> None:
    row = _trend(_series("score", [18.0, 18.1, 17.9, 18.0, 18.2]))
    assert (row["method"], row["label"], row["dispersion"]) == ("ols", "no significant change", None)
    ref = sm.OLS([18.0, 18.1, 17.9, 18.0, 18.2], sm.add_constant([2020.0, 2021, 2022, 2023, 2024])).fit()
    assert row["p_value"] == pytest.approx(ref.pvalues[1], rel=1e-6)


def test_a_wilson_interval_without_its_counts_is_tested_by_wls_not_as_counts() -> None:
    # A proportion marked "wilson" whose numerator is missing cannot enter the chi-squared test (it
    # needs counts); it is tested on its intervals instead, never given a made-up p of 1.
    frame = _counts("prop", [700, 700, 750], [1000, 1000, 1000]).with_columns(
        pl.when(pl.col("period") == YEARS[-1]).then(None).otherwise(pl.col("numerator")).alias("numerator")
    )
    row = _trend(frame)
    assert row["method"] == "wls"
    assert row["p_value"] is not None and 0 < row["p_value"] < 1


def test_ols_flat_line_is_p_one_and_perfect_line_is_p_zero() -> None:
    assert _trend(_series("score", [5.0, 5.0, 5.0]))["p_value"] == 1.0
    perfect = _trend(_series("score", [5.0, 6.0, 7.0]))
    assert (perfect["p_value"], perfect["slope_per_year"], perfect["label"]) == (0.0, 1.0, "getting better")


@pytest.mark.parametrize(
    ("slope", "p", "polarity", "expected"),
    [
        (1.0, 0.01, "higher_is_better", "getting better"),
        (1.0, 0.01, "lower_is_better", "getting worse"),
        (-1.0, 0.01, "higher_is_better", "getting worse"),
        (-1.0, 0.01, "lower_is_better", "getting better"),
        (1.0, 0.01, "no_judgement", "increasing"),
        (-1.0, 0.01, "no_judgement", "decreasing"),
        (1.0, 0.05, "higher_is_better", "no significant change"),  # p = 0.05 is not < 0.05
        (-1.0, 0.2, "no_judgement", "no significant change"),
        (0.0, 0.0, "higher_is_better", "no significant change"),
        (1.0, None, "higher_is_better", "not enough data"),
    ],
)
def test_labels_are_polarity_aware(slope: float, p: float | None, polarity: str, expected: str) -> None:
    assert trend_label(slope, p, polarity) == expected


def test_one_point_without_an_interval_means_ols_for_the_whole_series() -> None:
    num: list[float | None] = [10, 20, 30, None]
    den: list[float | None] = [100, 100, 100, None]
    row = _trend(_series("prop", [10.0, 20.0, 30.0, 40.0], numerator=num, denominator=den))
    assert row["method"] == "ols"


def test_fewer_than_three_points_is_not_enough_data() -> None:
    row = _trend(_series("score", [18.0, 19.0]))
    assert (row["method"], row["label"], row["p_value"], row["n_points"]) == ("none", "not enough data", None, 2)


def test_missing_values_are_skipped_not_counted() -> None:
    row = _trend(_series("score", [18.0, None, 19.0, None]))
    assert (row["n_points"], row["label"], row["period"]) == (2, "not enough data", "2023-24")


def test_the_last_five_points_are_used() -> None:
    row = _trend(_counts("prop", [5, 9, 10, 14, 20, 25, 30], [100] * 7))
    assert row["periods"] == YEARS[-5:]
    assert row["n_points"] == 5


def test_a_break_in_the_middle_is_never_crossed() -> None:
    # break 2021-22: points 2021-22 onwards only, although 9 are published
    row = _trend(_series("broken", [1.0, 2.0, 3.0, 4.0, 5.0, 50.0, 50.0, 50.0, 50.0]))
    assert row["periods"] == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert row["label"] == "no significant change"
    short = _trend(_series("late_break", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 50.0]))  # 2 points from 2023-24
    assert (short["periods"], short["label"]) == (["2023-24", "2024-25"], "not enough data")


def test_every_break_in_the_breaks_table_is_respected_not_only_the_latest() -> None:
    breaks = pl.DataFrame({"measure": ["broken", "broken"], "period": ["2018-19", "2021-22"]})
    frame = _series("broken", [1.0, 2.0, 9.0, 9.5, 10.0, 50.0, 51.0, 52.0, 53.0])
    table = trend_table(frame, MEASURES, breaks)
    at_2020 = table.filter(pl.col("period") == "2020-21").row(0, named=True)
    assert at_2020["periods"] == ["2018-19", "2019-20", "2020-21"]  # not back across 2018-19
    at_2017 = table.filter(pl.col("period") == "2017-18").row(0, named=True)
    assert at_2017["periods"] == ["2016-17", "2017-18"]


def test_the_table_has_one_result_per_period_each_using_only_points_up_to_it() -> None:
    frame = _series("score", [1.0, 2.0, 3.5, 3.0, 6.0, 7.0])
    table = trend_table(frame, MEASURES)
    assert table["period"].to_list() == YEARS[-6:]
    at_2021 = table.filter(pl.col("period") == "2021-22").row(0, named=True)
    assert at_2021["periods"] == ["2019-20", "2020-21", "2021-22"]
    ref = sm.OLS([1.0, 2.0, 3.5], sm.add_constant([2019.0, 2020, 2021])).fit()
    assert at_2021["p_value"] == pytest.approx(ref.pvalues[1], rel=1e-6)
    latest = recent_trends(frame, MEASURES)
    assert latest.row(0) == table.filter(pl.col("period") == "2024-25").row(0)


def test_each_council_and_measure_is_tested_on_its_own() -> None:
    a = _counts("prop", *WEST_SUSSEX)
    b = _counts("prop", *BARNSLEY).with_columns(code=pl.lit("B"))
    both = recent_trends(pl.concat([b, a]), MEASURES)
    assert both["code"].to_list() == ["A", "B"]
    assert both.filter(pl.col("code") == "A").row(0, named=True) == _trend(a)
    assert both.filter(pl.col("code") == "B").row(0, named=True) == _trend(b)


def test_zero_events_in_every_period_is_no_significant_change() -> None:
    row = _trend(_series("prop", [0.0] * 4, numerator=[0.0] * 4, denominator=[3.0, 5.0, 4.0, 2.0]))
    assert (row["method"], row["p_value"], row["label"]) == ("scaled_chi_squared_trend", 1.0, "no significant change")


def test_falling_proportion_with_lower_is_better_is_getting_better() -> None:
    row = _trend(_counts("prop", [40, 30, 22, 15, 8], [120] * 5))
    assert row["label"] == "getting better"
    assert float(row["slope_per_year"]) < 0  # type: ignore[arg-type]


def test_a_proportion_where_neither_direction_is_better_is_increasing_or_decreasing() -> None:
    row = _trend(_counts("neutral", [10, 20, 30, 40, 50], [100] * 5))
    assert row["label"] == "increasing"


def test_segment_ends_are_the_newest_period_on_each_side_of_every_break_and_equal_the_full_rows() -> None:
    frame = _series("broken", [1.0, 2.0, 2.5, 4.0, 5.0, 50.0, 51.0, 53.0, 52.0])  # break 2021-22
    full = trend_table(frame, MEASURES)
    ends = trend_table(frame, MEASURES, ends="segment_ends")
    assert ends["period"].to_list() == ["2020-21", "2024-25"]
    assert ends.rows() == full.filter(pl.col("period").is_in(["2020-21", "2024-25"])).rows()
    assert trend_table(frame, MEASURES, ends="latest").rows() == ends.tail(1).rows()
