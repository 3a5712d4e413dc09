"""Progress page views: ordering, counts, the England series and the projection band."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.views.progress import area_table, counts_sentence, status_counts
from accountability.views.trajectory import national_series, projection_band

COUNCILS = pl.DataFrame({"code": ["A", "B", "C"], "name": ["Alpha", "Beta", "Gamma"], "region": ["R"] * 3})


def _assessment(statuses: list[str]) -> pl.DataFrame:
    n = len(statuses)
    return pl.DataFrame(
        {
            "commitment_id": ["c"] * n,
            "measure": ["m"] * n,
            "area_type": ["council"] * n,
            "area_code": ["A", "B", "C"][:n],
            "status": statuses,
            "progress_band": ["x"] * n,
            "baseline_period": ["2020-21"] * n,
            "baseline_value": [1.0] * n,
            "current_period": ["2024-25"] * n,
            "current_value": [2.0] * n,
            "cagr_actual": [0.01] * n,
            "projected_period": [None] * n,
            "note": [""] * n,
        }
    )


def test_worst_status_first_then_by_name() -> None:
    table = area_table(_assessment(["on track", "deteriorating", "off track"]), COUNCILS, "c", "m")
    assert table["council"].to_list() == ["Beta", "Gamma", "Alpha"]
    assert table["status"][0] == "deteriorating"  # a code in the frame; words at render (test_progress_view.py)


def test_councils_not_given_are_left_out() -> None:
    table = area_table(_assessment(["on track", "off track", "achieved"]), COUNCILS.head(2), "c", "m")
    assert table["council"].to_list() == ["Beta", "Alpha"]


def test_counts_sentence_names_each_status_present() -> None:
    table = area_table(_assessment(["on track", "on track", "deteriorating"]), COUNCILS, "c", "m")
    assert counts_sentence("X", status_counts(table)) == "X: of 3 councils, 1 deteriorating, 2 on track."


def test_national_series_keeps_one_side_of_the_break() -> None:
    bench = pl.DataFrame(
        {
            "area_type": ["england"] * 3,
            "measure": ["m"] * 3,
            "period": ["2021-22", "2022-23", "2023-24"],
            "value": [1.0, 2.0, 3.0],
            "ci_low": [None] * 3,
            "ci_high": [None] * 3,
        }
    )
    assert national_series(bench, "m", "2023-24", "current")["period"].to_list() == ["2023-24"]
    assert national_series(bench, "m", "2023-24", "before_break")["period"].to_list() == ["2021-22", "2022-23"]
    assert national_series(bench, "m", None, "current").height == 3


def test_projection_of_exact_growth_has_no_width_and_continues_the_growth() -> None:
    series = pl.DataFrame({"period": ["2020-21", "2021-22", "2022-23"], "value": [100.0, 110.0, 121.0]})
    band = projection_band(series, 2024)
    assert band["year"].to_list() == [2020, 2021, 2022, 2023, 2024]
    assert band["fit"][-1] == pytest.approx(100 * 1.1**4)
    assert band["high"][-1] == pytest.approx(band["low"][-1])


def test_projection_band_widens_away_from_the_data() -> None:
    series = pl.DataFrame({"period": ["2020-21", "2021-22", "2022-23", "2023-24"], "value": [10.0, 12.0, 11.0, 13.0]})
    band = projection_band(series, 2030).with_columns(width=pl.col("high") / pl.col("low"))
    assert band["width"][-1] > band["width"][2] > 1


@pytest.mark.parametrize("values", [[1.0, 2.0], [0.0, 1.0, 2.0]])
def test_projection_needs_three_positive_points(values: list[float]) -> None:
    periods = ["2020-21", "2021-22", "2022-23"][: len(values)]
    band = projection_band(pl.DataFrame({"period": periods, "value": values}), 2025)
    assert band.height == 0
