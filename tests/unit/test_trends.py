"""Recent trends against independent references.

References: scipy.stats.t / chi2 for the distributions; statsmodels `Table.test_ordinal_association`
(linear-by-linear, M² = (N−1)r², so Cochran–Armitage χ² = M² · N/(N−1)) and R's `prop.trend.test`
formulation (regression sum of squares of a WLS with weights n/(p̄q̄)) for the chi-squared test for
trend; statsmodels WLS / OLS for the regressions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table

from accountability.methods.stats import with_intervals
from accountability.methods.trends import (
    TREND_SCHEMA,
    Fit,
    betainc_regularized,
    chi2_1df_sf,
    chi_squared_trend,
    linear_trend,
    recent_trends,
    student_t_two_sided_p,
    trend_label,
)


@pytest.mark.parametrize("df", [1, 2, 3, 5, 10, 30, 200])
@pytest.mark.parametrize("t", [0.0, 0.1, 0.7, 1.0, 2.0, 2.776, 4.3, 12.7, 50.0, -3.2])
def test_student_t_matches_scipy(t: float, df: int) -> None:
    assert student_t_two_sided_p(t, df) == pytest.approx(2 * sps.t.sf(abs(t), df), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    ("a", "b", "x"), [(0.5, 0.5, 0.3), (2.5, 0.5, 0.99), (10, 3, 0.2), (1, 1, 0.5), (50, 0.5, 0.9)]
)
def test_incomplete_beta_matches_scipy(a: float, b: float, x: float) -> None:
    from scipy.special import betainc

    assert betainc_regularized(a, b, x) == pytest.approx(betainc(a, b, x), rel=1e-10)


@pytest.mark.parametrize("x", [0.0, 0.5, 3.84, 9.5495, 40.0])
def test_chi2_one_df_matches_scipy(x: float) -> None:
    assert chi2_1df_sf(x) == pytest.approx(sps.chi2.sf(x, 1), rel=1e-10)


CA_CASES = [
    ([10, 14, 20, 25, 30], [100, 100, 100, 100, 100], [2019, 2020, 2021, 2022, 2023]),
    ([50, 48, 52, 47, 49], [210, 190, 205, 200, 198], [2020, 2021, 2022, 2023, 2024]),
    ([3, 1, 0], [4, 5, 3], [2018, 2021, 2023]),  # tiny denominators, uneven gaps
    ([0, 2, 5, 9], [9, 9, 9, 9], [2012, 2013, 2014, 2015]),
]


@pytest.mark.parametrize(("x", "n", "t"), CA_CASES)
def test_chi_squared_trend_matches_statsmodels_linear_by_linear(x: list[int], n: list[int], t: list[int]) -> None:
    table = np.column_stack([x, np.subtract(n, x)])
    ref = Table(table, shift_zeros=False).test_ordinal_association(
        row_scores=np.array(t, float), col_scores=np.array([1.0, 0.0])
    )
    big_n = sum(n)
    chi2 = ref.zscore**2 * big_n / (big_n - 1)
    fit = chi_squared_trend(x, n, t)
    assert fit.p_value == pytest.approx(sps.chi2.sf(chi2, 1), rel=1e-9)
    assert math.copysign(1, fit.slope) == math.copysign(1, ref.zscore)


@pytest.mark.parametrize(("x", "n", "t"), CA_CASES)
def test_chi_squared_trend_matches_prop_trend_test_regression(x: list[int], n: list[int], t: list[int]) -> None:
    p = np.divide(x, n)
    p_bar = sum(x) / sum(n)
    w = np.array(n) / (p_bar * (1 - p_bar))
    fitted = sm.WLS(p, sm.add_constant(np.array(t, float)), weights=w).fit()
    chi2 = fitted.ess  # regression (explained) sum of squares for the score term
    fit = chi_squared_trend(x, n, t)
    assert fit.p_value == pytest.approx(sps.chi2.sf(chi2, 1), rel=1e-9)
    assert fit.slope == pytest.approx(fitted.params[1], rel=1e-9)  # proportion per year, weights ∝ n


@pytest.mark.parametrize(("x", "n"), [([0, 0, 0], [10, 20, 30]), ([10, 20, 30], [10, 20, 30])])
def test_no_events_or_all_events_is_no_change(x: list[int], n: list[int]) -> None:
    assert chi_squared_trend(x, n, [2020, 2021, 2022]) == Fit(0.0, 1.0)


def test_wls_matches_statsmodels_when_points_scatter_more_than_their_intervals() -> None:
    y, t, se = [10.0, 14.0, 11.0, 17.0, 15.0], [2019.0, 2020, 2021, 2022, 2023], [0.5, 0.6, 0.5, 0.7, 0.4]
    w = [1 / s**2 for s in se]
    ref = sm.WLS(y, sm.add_constant(t), weights=w).fit()
    assert ref.scale > 1
    fit = linear_trend(y, t, w, scale_floor=1.0)
    assert fit.slope == pytest.approx(ref.params[1], rel=1e-9)
    assert fit.p_value == pytest.approx(ref.pvalues[1], rel=1e-7)


def test_wls_never_claims_more_precision_than_the_intervals() -> None:
    y, t, se = [10.0, 10.6, 11.1, 11.4, 12.1], [2019.0, 2020, 2021, 2022, 2023], [1.0, 1.2, 0.9, 1.1, 1.0]
    w = [1 / s**2 for s in se]
    ref = sm.WLS(y, sm.add_constant(t), weights=w).fit(cov_type="fixed scale", use_t=True)  # scale = 1
    assert sm.WLS(y, sm.add_constant(t), weights=w).fit().scale < 1
    fit = linear_trend(y, t, w, scale_floor=1.0)
    assert fit.p_value == pytest.approx(ref.pvalues[1], rel=1e-7)
    assert fit.p_value == pytest.approx(2 * sps.t.sf(ref.params[1] / ref.bse[1], 3), rel=1e-7)


def test_ols_matches_statsmodels() -> None:
    y, t = [3.0, 5.0, 4.0, 8.0], [2017.0, 2018, 2019, 2021]
    ref = sm.OLS(y, sm.add_constant(t)).fit()
    fit = linear_trend(y, t, [1.0] * 4, scale_floor=0.0)
    assert (fit.slope, fit.p_value) == (pytest.approx(ref.params[1]), pytest.approx(ref.pvalues[1], rel=1e-7))


def test_ols_flat_line_is_p_one_and_perfect_line_is_p_zero() -> None:
    assert linear_trend([5.0, 5.0, 5.0], [1.0, 2, 3], [1.0] * 3, 0.0) == Fit(0.0, 1.0)
    assert linear_trend([5.0, 6.0, 7.0], [1.0, 2, 3], [1.0] * 3, 0.0) == Fit(pytest.approx(1.0), 0.0)  # type: ignore[arg-type]


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
    ],
)
def test_labels_are_polarity_aware(slope: float, p: float, polarity: str, expected: str) -> None:
    assert trend_label(Fit(slope, p), polarity) == expected


MEASURES = pl.DataFrame(
    {
        "id": ["prop", "rate", "score", "broken", "late_break"],
        "polarity": ["lower_is_better", "no_judgement", "higher_is_better", "higher_is_better", "lower_is_better"],
        "value_type": ["proportion", "rate", "score", "score", "score"],
        "multiplier": [100.0, 10_000.0, 1.0, 1.0, 1.0],
        "break_period": [None, None, None, "2021-22", "2022-23"],
    }
)
YEARS = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]


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


def _trend(frame: pl.DataFrame) -> dict[str, object]:
    out = recent_trends(frame, MEASURES)
    assert out.schema == pl.Schema(TREND_SCHEMA)
    assert out.height == 1
    return out.row(0, named=True)


def test_proportions_with_counts_use_the_chi_squared_test_on_the_last_five_points() -> None:
    num, den = [5, 9, 10, 14, 20, 25, 30], [100] * 7
    frame = _series("prop", [100 * a / b for a, b in zip(num, den, strict=True)], numerator=num, denominator=den)
    row = _trend(frame)
    assert row["method"] == "chi_squared_trend"
    assert row["periods"] == YEARS[-5:]
    ref = chi_squared_trend(num[-5:], den[-5:], [2019, 2020, 2021, 2022, 2023])
    assert row["p_value"] == pytest.approx(ref.p_value)
    assert row["slope_per_year"] == pytest.approx(100 * ref.slope)  # percentage points per year
    assert row["label"] == "getting worse"  # rising, lower is better


def test_rates_with_intervals_use_weighted_regression() -> None:
    num, den = [100, 130, 150, 190, 220], [10_000] * 5
    row = _trend(
        _series("rate", [10_000 * a / b for a, b in zip(num, den, strict=True)], numerator=num, denominator=den)
    )
    assert (row["method"], row["label"]) == ("wls", "increasing")


def test_no_intervals_fall_back_to_ols_and_say_so() -> None:
    row = _trend(_series("score", [18.0, 18.1, 17.9, 18.0, 18.2]))
    assert (row["method"], row["label"]) == ("ols", "no significant change")
    ref = sm.OLS([18.0, 18.1, 17.9, 18.0, 18.2], sm.add_constant([2019.0, 2020, 2021, 2022, 2023])).fit()
    assert row["p_value"] == pytest.approx(ref.pvalues[1], rel=1e-7)


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
    assert (row["n_points"], row["label"]) == (2, "not enough data")


def test_a_break_in_the_middle_is_never_crossed() -> None:
    # break 2021-22: points 2021-22, 2022-23, 2023-24 only, although 7 are published
    row = _trend(_series("broken", [1.0, 2.0, 3.0, 4.0, 50.0, 50.0, 50.0]))
    assert row["periods"] == ["2021-22", "2022-23", "2023-24"]
    assert row["label"] == "no significant change"
    short = _trend(_series("late_break", [1.0, 2.0, 3.0, 4.0, 5.0, 50.0]))  # 2 points after the break
    assert (short["periods"], short["label"]) == (["2022-23", "2023-24"], "not enough data")


def test_zero_events_in_every_period_is_no_significant_change() -> None:
    row = _trend(_series("prop", [0.0] * 4, numerator=[0.0] * 4, denominator=[3.0, 5.0, 4.0, 2.0]))
    assert (row["method"], row["p_value"], row["label"]) == ("chi_squared_trend", 1.0, "no significant change")


def test_falling_proportion_with_lower_is_better_is_getting_better() -> None:
    num, den = [40, 30, 22, 15, 8], [120] * 5
    row = _trend(_series("prop", [100 * a / b for a, b in zip(num, den, strict=True)], numerator=num, denominator=den))
    assert row["label"] == "getting better"
    assert float(row["slope_per_year"]) < 0  # type: ignore[arg-type]
