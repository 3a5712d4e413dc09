"""The progress engine on hand-built series: every status and band boundary, breaks, projections."""

from __future__ import annotations

import math

import polars as pl
import pytest
import statsmodels.api as sm
from scipy.optimize import brentq

from accountability.methods.commitments import Commitment
from accountability.methods.progress import OUTPUT_SCHEMA, assess, projection, trajectory
from accountability.methods.progress_series import assess_series

FY = ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]


def _value_case(ratio: float, *, falling: bool = False) -> dict[str, object]:
    """Baseline 100 in 2020-21, a target needing 4% a year to 2030-31, current in 2022-23 at `ratio` x that."""
    required = -0.04 if falling else 0.04
    target = 100 * (1 + required) ** 10
    current = 100 * (1 + ratio * required) ** 2
    return assess_series(
        ["2020-21", "2022-23"],
        [100.0, current],
        target_value=target,
        target_period="2030-31",
        polarity="lower_is_better" if falling else "higher_is_better",
    )


@pytest.mark.parametrize("falling", [False, True], ids=["rising", "falling"])
@pytest.mark.parametrize(
    ("ratio", "status", "band"),
    [
        (1.5, "on track", "substantial progress"),
        (0.95, "on track", "substantial progress"),
        (0.949, "off track", "moderate progress"),
        (0.5, "off track", "moderate progress"),
        (0.499, "off track", "limited progress"),
        (0.0, "off track", "limited progress"),
        (-0.01, "off track", "no detectable change"),  # moving away, but two points allow no trend test
    ],
)
def test_value_target_ratio_bands_are_inclusive_upwards(ratio: float, status: str, band: str, falling: bool) -> None:
    row = _value_case(ratio, falling=falling)
    assert row["ratio"] == pytest.approx(ratio, abs=1e-9)
    assert (row["status"], row["progress_band"]) == (status, band)


def test_cagr_matches_an_independent_root_finder() -> None:
    row = assess_series(["2017-18", "2023-24"], [40.0, 55.0], target_value=90.0, target_period="2029-30")
    actual = brentq(lambda r: 40.0 * (1 + r) ** 6 - 55.0, -0.5, 1.0)
    required = brentq(lambda r: 40.0 * (1 + r) ** 12 - 90.0, -0.5, 1.0)
    assert row["cagr_actual"] == pytest.approx(actual, rel=1e-10)
    assert row["cagr_required"] == pytest.approx(required, rel=1e-10)
    assert row["ratio"] == pytest.approx(actual / required, rel=1e-10)


def test_projected_period_worked_example() -> None:
    # 50 -> 60 over 2 years: CAGR = sqrt(1.2) - 1; 80 is reached at 2017 + ln(1.6)/ln(sqrt(1.2)) = 2022.156,
    # so the first period at or after it is 2023-24 (50 * 1.0954^5 = 78.9 < 80; 50 * 1.0954^6 = 86.4).
    row = assess_series(
        ["2017-18", "2018-19", "2019-20"], [50.0, 55.0, 60.0], target_value=80.0, target_period="2027-28"
    )
    assert row["cagr_actual"] == pytest.approx(math.sqrt(1.2) - 1, rel=1e-12)
    assert row["cagr_required"] == pytest.approx(1.6**0.1 - 1, rel=1e-12)
    assert 2017 + math.log(1.6) / math.log(math.sqrt(1.2)) == pytest.approx(2022.1557, abs=1e-4)
    assert row["projected_period"] == "2023-24"
    assert (row["status"], row["progress_band"]) == ("on track", "substantial progress")


def test_projected_period_is_null_when_moving_the_wrong_way() -> None:
    row = assess_series(["2017-18", "2019-20"], [60.0, 50.0], target_value=80.0, target_period="2027-28")
    assert (row["status"], row["progress_band"]) == ("off track", "no detectable change")
    assert row["projected_period"] is None


def test_moving_away_from_a_value_target_is_deteriorating_only_with_a_significant_trend() -> None:
    periods = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]
    steady = assess_series(periods, [60.0, 58.0, 56.1, 54.0, 52.0], target_value=80.0, target_period="2027-28")
    assert (steady["status"], steady["progress_band"], steady["trend_label"]) == (
        "deteriorating",
        "deterioration",
        "getting worse",
    )
    noisy = assess_series(periods, [60.0, 52.0, 63.0, 49.0, 58.0], target_value=80.0, target_period="2027-28")
    assert float(noisy["ratio"]) < 0  # type: ignore[arg-type]
    assert (noisy["status"], noisy["progress_band"]) == ("off track", "no detectable change")
    assert "not significant at 95%" in str(noisy["note"])


def test_calendar_year_periods_project_to_calendar_years() -> None:
    row = assess_series(["2017", "2019"], [50.0, 60.0], target_value=80.0, target_period="2027")
    assert row["projected_period"] == "2023"


@pytest.mark.parametrize(("current", "polarity"), [(81.0, "higher_is_better"), (80.0, "higher_is_better")])
def test_meeting_or_passing_the_target_is_achieved(current: float, polarity: str) -> None:
    row = assess_series(["2020-21", "2022-23"], [70.0, current], target_value=80.0, target_period="2030-31")
    assert (row["status"], row["progress_band"]) == ("achieved", "target achieved")
    assert row["projected_period"] is None


@pytest.mark.parametrize("current", [9.0, 10.0])
def test_falling_target_is_achieved_at_or_below_it(current: float) -> None:
    row = assess_series(
        ["2020-21", "2022-23"], [14.0, current], target_value=10.0, target_period="2030-31", polarity="lower_is_better"
    )
    assert row["status"] == "achieved"


def test_single_point_meeting_the_target_is_achieved_but_otherwise_not_assessable() -> None:
    met = assess_series(["2023-24"], [100.0], target_value=100.0, target_period="2030-31")
    short = assess_series(["2023-24"], [90.0], target_value=100.0, target_period="2030-31")
    assert met["status"] == "achieved"
    assert (short["status"], short["progress_band"]) == ("not assessable", "not available")
    assert "only one period" in str(short["note"])


def test_zero_baseline_is_not_assessable() -> None:
    row = assess_series(["2020-21", "2022-23"], [0.0, 5.0], target_value=50.0, target_period="2030-31")
    assert row["status"] == "not assessable"
    assert row["cagr_actual"] is None


def test_no_values_is_not_assessable_and_says_so() -> None:
    row = assess_series(["2020-21", "2022-23"], [None, None], target_value=50.0, target_period="2030-31")
    assert row["status"] == "not assessable"
    assert "no published value" in str(row["note"])


def test_target_date_passed_without_meeting_it_is_off_track_missed() -> None:
    row = assess_series(["2017-18", "2023-24"], [89.7, 92.2], target_value=100.0, target_period="2012-13")
    assert (row["status"], row["progress_band"]) == ("off track", "target missed")
    assert "target date passed (2012-13)" in str(row["note"])
    assert row["cagr_required"] is None
    assert row["projected_period"] is not None  # still moving the right way: when it would get there


def test_target_period_itself_not_met_is_missed() -> None:
    row = assess_series(["2020-21", "2030-31"], [50.0, 70.0], target_value=80.0, target_period="2030-31")
    assert row["progress_band"] == "target missed"


def test_baseline_that_met_the_target_and_no_longer_does_is_deteriorating_only_with_a_significant_trend() -> None:
    two = assess_series(["2020-21", "2022-23"], [85.0, 78.0], target_value=80.0, target_period="2030-31")
    assert (two["status"], two["progress_band"]) == ("off track", "no detectable change")
    assert "met the target at baseline" in str(two["note"])
    falling = assess_series(FY, [85.0, 83.0, 81.2, 79.0, 77.1], target_value=80.0, target_period="2030-31")
    assert (falling["status"], falling["progress_band"]) == ("deteriorating", "deterioration")
    assert "met the target at baseline" in str(falling["note"])


def test_named_baseline_missing_uses_the_next_period_and_records_it() -> None:
    row = assess_series(
        ["2017-18", "2019-20", "2020-21"],
        [40.0, 50.0, 55.0],
        target_value=80.0,
        target_period="2030-31",
        baseline_period="2018-19",
    )
    assert (row["baseline_period"], row["baseline_value"]) == ("2019-20", 50.0)
    assert "no value for baseline 2018-19; 2019-20 used" in str(row["note"])


def test_series_crossing_the_break_uses_only_post_break_points() -> None:
    # Before the break the series rises steeply; after it, it falls: only the fall may count.
    row = assess_series(FY, [10.0, 20.0, 40.0, 50.0, 45.0], target_direction="rising", break_period="2023-24")
    assert (row["baseline_period"], row["current_period"]) == ("2023-24", "2024-25")
    assert row["cagr_actual"] == pytest.approx(45 / 50 - 1)
    assert row["status"] == "not assessable"  # two points after the break: no trend test
    assert "framework break at 2023-24: only 2023-24 onwards used" in str(row["note"])
    assert "a trend test needs three or more points" in str(row["note"])


def test_one_point_after_the_break_is_not_assessable() -> None:
    row = assess_series(FY[:4], [10.0, 20.0, 40.0, 50.0], target_direction="rising", break_period="2023-24")
    assert row["status"] == "not assessable"


def test_before_break_side_uses_only_the_previous_framework() -> None:
    row = assess_series(
        FY, [10.0, 20.0, 40.0, 50.0, 45.0], target_direction="rising", break_period="2023-24", side="before_break"
    )
    assert (row["baseline_period"], row["current_period"]) == ("2020-21", "2022-23")
    assert "previous framework only" in str(row["note"])


def test_value_target_series_crossing_the_break_uses_only_post_break_points() -> None:
    row = assess_series(
        FY, [95.0, 96.0, 97.0, 60.0, 66.0], target_value=100.0, target_period="2030-31", break_period="2023-24"
    )
    assert row["baseline_value"] == 60.0
    assert row["cagr_actual"] == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("values", "direction", "status", "band"),
    [
        ([100.0, 102.0, 104.0, 106.1, 108.2], "rising", "on track", "improving"),
        ([100.0, 100.5, 101.0, 101.5, 102.0], "rising", "on track", "improving"),  # small but steady
        ([100.0, 100.0, 100.0, 100.0, 100.0], "rising", "off track", "no detectable change"),
        ([100.0, 97.0, 104.0, 99.0, 103.0], "rising", "off track", "no detectable change"),  # up, but noise
        ([100.0, 98.0, 96.1, 94.0, 92.2], "rising", "deteriorating", "worsening"),
        ([100.0, 98.0, 96.1, 94.0, 92.2], "falling", "on track", "improving"),
        ([100.0, 104.0, 99.0, 103.0, 97.5], "falling", "off track", "no detectable change"),
        ([100.0, 102.0, 104.0, 106.1, 108.2], "falling", "deteriorating", "worsening"),
    ],
)
def test_direction_status_is_the_recent_trend_test(values: list[float], direction: str, status: str, band: str) -> None:
    polarity = "higher_is_better" if direction == "rising" else "lower_is_better"
    row = assess_series(FY, values, target_direction=direction, polarity=polarity)
    assert (row["status"], row["progress_band"]) == (status, band)
    ref = sm.OLS(values, sm.add_constant([2020.0, 2021, 2022, 2023, 2024])).fit()  # no intervals: least squares
    flat = len(set(values)) == 1  # statsmodels gives rounding noise for p there; the test's answer is 1
    assert row["trend_p_value"] == pytest.approx(1.0 if flat else ref.pvalues[1], rel=1e-6)
    assert row["cagr_actual"] == pytest.approx((values[-1] / values[0]) ** 0.25 - 1)
    assert row["target_value"] is None
    assert row["ratio"] is None


def test_direction_target_uses_only_the_last_five_points() -> None:
    periods = ["2018-19", "2019-20", *FY]
    row = assess_series(periods, [200.0, 150.0, 100.0, 101.0, 102.0, 103.0, 104.0], target_direction="rising")
    assert row["baseline_period"] == "2020-21"
    assert row["cagr_actual"] == pytest.approx(1.04**0.25 - 1)
    assert row["status"] == "on track"


def test_direction_target_with_one_point_is_not_assessable() -> None:
    row = assess_series(["2024-25"], [10.0], target_direction="falling", polarity="lower_is_better")
    assert row["status"] == "not assessable"


def test_achieved_with_interval_short_of_the_target_says_so() -> None:
    row = assess_series(
        ["2020-21", "2022-23"], [90.0, 100.0], target_value=100.0, target_period="2030-31",
        ci_low=[88.0, 97.5], ci_high=[92.0, 100.0],
    )  # fmt: skip
    assert row["status"] == "achieved"
    assert "interval of the current value includes values short of the target" in str(row["note"])


def test_trajectory_runs_from_baseline_to_target_at_the_required_rate() -> None:
    path = trajectory(50.0, "2020-21", 80.0, "2025-26")
    assert path["period"].to_list() == ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26"]
    assert path["value"][0] == pytest.approx(50.0)
    assert path["value"][-1] == pytest.approx(80.0)
    growth = (path["value"] / path["value"].shift(1)).drop_nulls()
    assert growth.to_list() == pytest.approx([1.6**0.2] * 5)


def test_trajectory_refuses_a_target_before_the_baseline() -> None:
    with pytest.raises(ValueError, match="after the baseline"):
        trajectory(90.0, "2017-18", 100.0, "2012-13")


def test_projection_starts_at_the_latest_value() -> None:
    series = pl.DataFrame({"period": ["2022", "2021", "2023"], "value": [11.0, 10.0, None]})
    out = projection(series, 0.1, "2025")
    assert out["period"].to_list() == ["2022", "2023", "2024", "2025"]
    assert out["value"].to_list() == pytest.approx([11.0, 12.1, 13.31, 14.641])


def _commitment(cid: str, measure: str, **target: object) -> Commitment:
    return Commitment.model_validate(
        {"id": cid, "title": "t", "measures": [measure], "owner": "o", "source": "s", "source_sentence": "q", **target}
    )


def _store_like(frame: dict[str, list[object]], **types: pl.DataType) -> pl.DataFrame:
    """A values or benchmarks table with the store's count and interval columns (all missing here)."""
    n = len(frame["measure"])
    extra = {"numerator": [None] * n, "denominator": [None] * n, "ci_low": [None] * n, "ci_high": [None] * n}
    floats = dict.fromkeys(extra, pl.Float64)
    return pl.DataFrame({**frame, **extra}, schema_overrides={**floats, **types}).with_columns(ci_method=pl.lit("none"))


def test_assess_covers_councils_regions_and_england_with_the_output_schema() -> None:
    periods = ["2021-22", "2022-23", "2023-24"]
    values = _store_like(
        {
            "code": ["E06000001"] * 3 + ["E06000002"] * 3,
            "period": periods * 2,
            "measure": ["m"] * 6,
            "value": [10.0, 11.0, 12.0, None, None, 3.0],
        }
    )
    areas = _store_like(
        {
            "area_type": ["england"] * 3 + ["region"] * 3 + ["council_type"] * 3,
            "area_code": ["E92000001"] * 3 + ["E12000001"] * 3 + ["UA"] * 3,
            "measure": ["m"] * 9,
            "period": periods * 3,
            "value": [20.0, 19.0, 18.0, 5.0, 6.1, 5.2, 1.0, 2.0, 3.0],
        },
        area_type=pl.Enum(["england", "region", "council_type"]),
    )
    measures = pl.DataFrame(
        {"id": ["m"], "polarity": ["higher_is_better"], "value_type": ["score"], "multiplier": [1.0]}
    ).with_columns(break_period=pl.lit(None, pl.String))
    out = assess(values, [_commitment("grow", "m", target_direction="rising")], measures, areas)
    assert out.schema == pl.Schema(OUTPUT_SCHEMA)
    assert out.select("area_type", "area_code", "status", "trend_label").rows() == [
        ("england", "E92000001", "deteriorating", "getting worse"),  # a perfect fall: p = 0
        ("region", "E12000001", "off track", "no significant change"),
        ("council", "E06000001", "on track", "getting better"),
        ("council", "E06000002", "not assessable", "not enough data"),
    ]


def test_before_break_side_stops_at_the_break_before_the_latest() -> None:
    # Two breaks (2022-23 and 2024-25, as ASCOF's framework change and its move to client-level data):
    # "before the break" is 2022-23 to 2023-24 only, never joined to the periods before 2022-23.
    periods = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
    values = _store_like(
        {
            "code": ["E06000001"] * 6,
            "period": periods,
            "measure": ["m"] * 6,
            "value": [10.0, 20.0, 30.0, 50.0, 52.0, 70.0],
        }
    )
    areas = _store_like(
        {"area_type": ["england"], "area_code": ["E92000001"], "measure": ["m"], "period": ["2024-25"], "value": [1.0]},
        area_type=pl.Enum(["england", "region", "council_type"]),
    )
    measures = pl.DataFrame(
        {"id": ["m"], "polarity": ["higher_is_better"], "value_type": ["score"], "multiplier": [1.0]}
    ).with_columns(break_period=pl.lit("2024-25"), break_periods=pl.lit(["2022-23", "2024-25"]))
    rising = [_commitment("grow", "m", target_direction="rising")]
    row = (
        assess(values, rising, measures, areas, side="before_break")
        .filter(pl.col("area_type") == "council")
        .row(0, named=True)
    )
    assert (row["baseline_period"], row["current_period"]) == ("2022-23", "2023-24")
    assert "previous framework only: 2022-23 up to the 2024-25 break" in str(row["note"])
