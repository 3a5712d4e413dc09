"""The projection band against statsmodels' prediction intervals, and the paths drawn beside a target.

Reference: statsmodels OLS of log(value) on the start year; `get_prediction(...).summary_frame()` gives
the 95% interval for the fitted line (mean_ci_*) and for one new value (obs_ci_*), both on Student t
with n − 2 df; exponentiated, they must equal the band to 1e-6.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
from scipy import stats as sps

from accountability.methods.projection import projection_band

SERIES = [
    (["2020-21", "2021-22", "2022-23"], [10.0, 12.0, 11.0]),
    (["2019-20", "2020-21", "2021-22", "2022-23"], [80.0, 83.5, 82.0, 86.0]),
    (["2017", "2018", "2019", "2020", "2021"], [13.4, 15.1, 15.0, 13.5, 15.4]),
    (["2013-14", "2015-16", "2016-17", "2019-20", "2020-21", "2022-23"], [5.0, 5.5, 6.1, 7.9, 7.7, 9.0]),
]


@pytest.mark.parametrize(("periods", "values"), SERIES)
def test_band_matches_statsmodels_prediction_intervals(periods: list[str], values: list[float]) -> None:
    years = np.array([int(p[:4]) for p in periods], float)
    band = projection_band(pl.DataFrame({"period": periods, "value": values}), int(years.max()) + 4)
    fit = sm.OLS(np.log(values), sm.add_constant(years)).fit()
    grid = band["year"].to_numpy().astype(float)
    ref = fit.get_prediction(sm.add_constant(grid, has_constant="add")).summary_frame(alpha=0.05)
    assert band["fit"].to_list() == pytest.approx(np.exp(ref["mean"]).tolist(), rel=1e-6)
    assert band["low"].to_list() == pytest.approx(np.exp(ref["mean_ci_lower"]).tolist(), rel=1e-6)
    assert band["high"].to_list() == pytest.approx(np.exp(ref["mean_ci_upper"]).tolist(), rel=1e-6)
    assert band["pred_low"].to_list() == pytest.approx(np.exp(ref["obs_ci_lower"]).tolist(), rel=1e-6)
    assert band["pred_high"].to_list() == pytest.approx(np.exp(ref["obs_ci_upper"]).tolist(), rel=1e-6)


def test_with_five_points_the_band_is_t_based_not_normal() -> None:
    periods, values = SERIES[2]
    band = projection_band(pl.DataFrame({"period": periods, "value": values}), 2025).with_columns(
        half=(pl.col("high").log() - pl.col("fit").log())
    )
    fit = sm.OLS(np.log(values), sm.add_constant(np.arange(2017.0, 2022.0))).fit()
    se_at_2025 = fit.get_prediction(np.array([[1.0, 2025.0]])).se_mean[0]
    assert band["half"][-1] == pytest.approx(sps.t.ppf(0.975, 3) * se_at_2025, rel=1e-9)
    assert band["half"][-1] > 1.6 * 1.959964 * se_at_2025  # 3.18 against 1.96: the old band was 62% as wide


def test_three_points_give_the_widest_band_one_degree_of_freedom() -> None:
    band = projection_band(pl.DataFrame({"period": ["2020", "2021", "2022"], "value": [10.0, 12.0, 11.0]}), 2022)
    fit = sm.OLS(np.log([10.0, 12.0, 11.0]), sm.add_constant([2020.0, 2021, 2022])).fit()
    se = fit.get_prediction(np.array([[1.0, 2021.0]])).se_mean[0]
    assert np.log(band["high"][1] / band["fit"][1]) == pytest.approx(12.706204736174694 * se, rel=1e-9)
