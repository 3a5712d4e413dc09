"""The floor engine on hand-built frames: every boundary rule, distances, and runs below the floor."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from accountability.methods.floors import VALUE_ONLY, floor_verdicts, streaks, verdict_expr

HIB, LIB = "higher_is_better", "lower_is_better"
FLOOR = 50.0
NO_INTERVAL = (None, None)
# Interval positions relative to the floor of 50.
WHOLLY_BELOW = (40.0, 45.0)
TOUCHING_FROM_BELOW = (45.0, 50.0)
STRADDLING = (45.0, 55.0)
TOUCHING_FROM_ABOVE = (50.0, 55.0)
WHOLLY_ABOVE = (52.0, 58.0)

# (polarity, value, interval, expected); value is below / on / above the floor within its interval.
CASES = [
    (HIB, 42.0, WHOLLY_BELOW, "below"),
    (HIB, 47.0, TOUCHING_FROM_BELOW, "cannot_tell"),
    (HIB, 50.0, TOUCHING_FROM_BELOW, "cannot_tell"),
    (HIB, 47.0, STRADDLING, "cannot_tell"),
    (HIB, 50.0, STRADDLING, "cannot_tell"),
    (HIB, 53.0, STRADDLING, "cannot_tell"),
    (HIB, 50.0, TOUCHING_FROM_ABOVE, "meets"),
    (HIB, 53.0, TOUCHING_FROM_ABOVE, "meets"),
    (HIB, 55.0, WHOLLY_ABOVE, "meets"),
    (HIB, 49.9, NO_INTERVAL, "below"),
    (HIB, 50.0, NO_INTERVAL, "meets"),
    (HIB, 50.1, NO_INTERVAL, "meets"),
    (LIB, 42.0, WHOLLY_BELOW, "meets"),
    (LIB, 47.0, TOUCHING_FROM_BELOW, "meets"),
    (LIB, 50.0, TOUCHING_FROM_BELOW, "meets"),
    (LIB, 47.0, STRADDLING, "cannot_tell"),
    (LIB, 50.0, STRADDLING, "cannot_tell"),
    (LIB, 53.0, STRADDLING, "cannot_tell"),
    (LIB, 50.0, TOUCHING_FROM_ABOVE, "cannot_tell"),
    (LIB, 53.0, TOUCHING_FROM_ABOVE, "cannot_tell"),
    (LIB, 55.0, WHOLLY_ABOVE, "below"),
    (LIB, 49.9, NO_INTERVAL, "meets"),
    (LIB, 50.0, NO_INTERVAL, "meets"),
    (LIB, 50.1, NO_INTERVAL, "below"),
]
ALL_INTERVALS = [WHOLLY_BELOW, TOUCHING_FROM_BELOW, STRADDLING, TOUCHING_FROM_ABOVE, WHOLLY_ABOVE, NO_INTERVAL]


def _values(rows: list[dict[str, object]]) -> pl.DataFrame:
    """A `values` table: defaults for every column the engine reads."""
    base = {
        "code": "E06000001",
        "period": "2023-24",
        "measure": "m",
        "value": None,
        "denominator": None,
        "status": "published",
        "ci_method": "wilson",
        "ci_low": None,
        "ci_high": None,
        "ci998_low": None,
        "ci998_high": None,
    }
    schema = dict.fromkeys(("value", "denominator", "ci_low", "ci_high", "ci998_low", "ci998_high"), pl.Float64)
    return pl.DataFrame([{**base, **row} for row in rows], schema_overrides=schema)


def _thresholds(polarity: str = HIB, confidence: float = 0.95, **extra: object) -> pl.DataFrame:
    row = {
        "measure": "m",
        "standard": "m 2023-24..2023-24",
        "period": "2023-24",
        "threshold": FLOOR,
        "polarity": polarity,
        "confidence": confidence,
        "basis": "rule",
        "label": "a floor",
        "rule_text": "text",
        "source": "source",
        "unit": "%",
        "value_type": "proportion",
        "multiplier": 100.0,
        **extra,
    }
    return pl.DataFrame([row])


def _one(value: float | None, interval: tuple[float | None, float | None], polarity: str, **th: object) -> dict:
    row = {"value": value, "ci_low": interval[0], "ci_high": interval[1]}
    return floor_verdicts(_values([row]), _thresholds(polarity, **th)).row(0, named=True)


@pytest.mark.parametrize(("polarity", "value", "interval", "expected"), CASES)
def test_verdict_follows_the_stated_boundary_rules(
    polarity: str, value: float, interval: tuple[float | None, float | None], expected: str
) -> None:
    assert _one(value, interval, polarity)["verdict"] == expected


@pytest.mark.parametrize("polarity", [HIB, LIB])
@pytest.mark.parametrize("interval", ALL_INTERVALS)
def test_missing_value_is_no_data_never_below(polarity: str, interval: tuple[float | None, float | None]) -> None:
    row = _one(None, interval, polarity)
    assert row["verdict"] == "no_data"
    assert row["basis"] is None
    assert row["distance_units"] is None


@pytest.mark.parametrize(
    ("interval", "basis"), [(STRADDLING, "interval_95"), (NO_INTERVAL, VALUE_ONLY)], ids=["interval", "none"]
)
def test_basis_says_whether_an_interval_was_used(interval: tuple[float | None, float | None], basis: str) -> None:
    assert _one(50.0, interval, HIB)["basis"] == basis


def test_not_reproducible_interval_decides_on_value_alone() -> None:
    values = _values([{"value": 49.0, "ci_method": "not_reproducible"}])
    row = floor_verdicts(values, _thresholds(HIB)).row(0, named=True)
    assert (row["verdict"], row["basis"]) == ("below", VALUE_ONLY)


@pytest.mark.parametrize(
    ("confidence", "verdict", "basis"), [(0.95, "meets", "interval_95"), (0.998, "cannot_tell", "interval_998")]
)
def test_confidence_chooses_which_interval_decides(confidence: float, verdict: str, basis: str) -> None:
    # 95% wholly above the floor, 99.8% straddling it.
    row = {"value": 55.0, "ci_low": 51.0, "ci_high": 59.0, "ci998_low": 48.0, "ci998_high": 62.0}
    out = floor_verdicts(_values([row]), _thresholds(HIB, confidence=confidence)).row(0, named=True)
    assert (out["verdict"], out["basis"]) == (verdict, basis)
    assert out["interval_low"] == (51.0 if confidence == 0.95 else 48.0)


def test_confidence_998_can_turn_below_into_cannot_tell_for_lower_is_better() -> None:
    row = {"value": 56.0, "ci_low": 52.0, "ci_high": 60.0, "ci998_low": 49.0, "ci998_high": 63.0}
    at_95 = floor_verdicts(_values([row]), _thresholds(LIB, confidence=0.95))["verdict"][0]
    at_998 = floor_verdicts(_values([row]), _thresholds(LIB, confidence=0.998))["verdict"][0]
    assert (at_95, at_998) == ("below", "cannot_tell")


def test_verdict_expr_is_usable_on_its_own() -> None:
    frame = pl.DataFrame({"v": [49.0, 50.0, None], "t": [50.0, 50.0, 50.0]})
    out = frame.select(
        verdict_expr(pl.col("v"), pl.lit(None, pl.Float64), pl.lit(None, pl.Float64), pl.col("t"), pl.lit(True))
    )
    assert out.to_series().cast(pl.String).to_list() == ["below", "meets", "no_data"]


# (polarity, value, denominator, threshold overrides, distance_units, distance_people)
DISTANCES = [
    pytest.param(HIB, 45.0, 200.0, {}, -5.0, 10, id="proportion-below-exact-10"),  # 5/100*200
    pytest.param(HIB, 45.1, 200.0, {}, -4.9, 10, id="proportion-below-rounds-up"),  # 9.8 people -> 10
    pytest.param(HIB, 49.9, 1000.0, {}, -0.1, 1, id="proportion-below-by-one-person"),
    pytest.param(HIB, 50.0, 200.0, {}, 0.0, 0, id="proportion-on-floor"),
    pytest.param(HIB, 55.0, 200.0, {}, 5.0, 0, id="proportion-above"),
    pytest.param(LIB, 55.0, 400.0, {}, -5.0, 20, id="lower-is-better-above-floor"),  # 5/100*400
    pytest.param(LIB, 45.0, 400.0, {}, 5.0, 0, id="lower-is-better-meets"),
    pytest.param(
        LIB,
        700.0,
        250_000.0,
        {"threshold": 650.0, "value_type": "rate", "multiplier": 100_000.0, "unit": "per 100,000"},
        -50.0,
        125,  # 50 per 100,000 of 250,000 people
        id="rate-per-100000",
    ),
    pytest.param(HIB, 45.0, None, {}, -5.0, None, id="no-denominator"),
    pytest.param(HIB, 6.0, 200.0, {"threshold": 7.0, "value_type": "score", "multiplier": 1.0}, -1.0, None, id="score"),
    pytest.param(HIB, None, 200.0, {}, None, None, id="no-data"),
]


@pytest.mark.parametrize(("polarity", "value", "den", "extra", "units", "people"), DISTANCES)
def test_distance_to_the_floor_in_units_and_people(
    polarity: str, value: float | None, den: float | None, extra: dict, units: float | None, people: int | None
) -> None:
    values = _values([{"value": value, "denominator": den, "ci_method": "none"}])
    row = floor_verdicts(values, _thresholds(polarity, **extra)).row(0, named=True)
    if units is None:
        assert row["distance_units"] is None
    else:
        assert row["distance_units"] == pytest.approx(units)
    assert row["distance_people"] == people


def test_verdicts_only_for_measure_periods_with_a_standard_and_sorted() -> None:
    values = _values(
        [
            {"code": "E06000002", "value": 60.0},
            {"code": "E06000001", "value": 40.0},
            {"code": "E06000001", "period": "2022-23", "value": 40.0},
            {"code": "E06000001", "measure": "other", "value": 40.0},
        ]
    )
    out = floor_verdicts(values, _thresholds(HIB))
    assert out.select("code", "period", "measure").rows() == [
        ("E06000001", "2023-24", "m"),
        ("E06000002", "2023-24", "m"),
    ]
    assert out.schema["verdict"] == pl.Enum(["below", "cannot_tell", "meets", "no_floor_yet", "no_data"])
    assert out.schema["basis"] == pl.Enum(["interval_95", "interval_998", "value_only"])
    assert out.schema["distance_people"] == pl.Int64


def _verdicts(rows: list[tuple[str, str, str]], measure: str = "m") -> pl.DataFrame:
    return pl.DataFrame(
        [{"code": c, "measure": measure, "period": p, "verdict": v} for c, p, v in rows],
        schema={"code": pl.String, "measure": pl.String, "period": pl.String, "verdict": pl.String},
    )


def _streak(rows: list[tuple[str, str, str]], code: str = "A") -> list[tuple[object, ...]]:
    out = streaks(_verdicts(rows)).filter(pl.col("code") == code)
    return out.select("period", "below_run", "newly_below", "recovered").rows()


def test_consecutive_periods_below_count_up() -> None:
    rows = [("A", "2019-20", "below"), ("A", "2020-21", "below"), ("A", "2021-22", "below")]
    assert _streak(rows) == [("2019-20", 1, False, False), ("2020-21", 2, False, False), ("2021-22", 3, False, False)]


def test_newly_below_then_recovered() -> None:
    rows = [("A", "2019-20", "meets"), ("A", "2020-21", "below"), ("A", "2021-22", "below"), ("A", "2022-23", "meets")]
    assert _streak(rows) == [
        ("2019-20", 0, False, False),
        ("2020-21", 1, True, False),
        ("2021-22", 2, False, False),
        ("2022-23", 0, False, True),
    ]


def test_cannot_tell_after_below_is_recovered_and_below_after_cannot_tell_is_new() -> None:
    rows = [("A", "2019-20", "below"), ("A", "2020-21", "cannot_tell"), ("A", "2021-22", "below")]
    assert _streak(rows) == [("2019-20", 1, False, False), ("2020-21", 0, False, True), ("2021-22", 1, True, False)]


def test_no_data_breaks_a_run_but_is_not_a_new_breach() -> None:
    # B has data in 2020-21, so 2020-21 is one of the measure's periods and A's gap is real.
    rows = [
        ("A", "2019-20", "below"),
        ("A", "2020-21", "no_data"),
        ("B", "2020-21", "meets"),
        ("A", "2021-22", "below"),
    ]
    assert _streak(rows) == [("2019-20", 1, False, False), ("2020-21", 0, False, False), ("2021-22", 1, False, False)]
    out = streaks(_verdicts(rows)).filter((pl.col("code") == "A") & (pl.col("period") == "2021-22")).row(0, named=True)
    assert (out["previous_period"], out["previous_verdict"]) == ("2019-20", "below")


def test_a_missing_row_breaks_a_run_like_no_data() -> None:
    rows = [("A", "2019-20", "below"), ("B", "2020-21", "meets"), ("A", "2021-22", "below")]
    assert _streak(rows) == [("2019-20", 1, False, False), ("2021-22", 1, False, False)]


def test_a_period_nobody_published_is_skipped_not_a_gap() -> None:
    rows = [
        ("A", "2019-20", "below"),
        ("A", "2020-21", "no_data"),
        ("B", "2020-21", "no_data"),
        ("A", "2021-22", "below"),
    ]
    assert _streak(rows)[-1] == ("2021-22", 2, False, False)


def test_biennial_survey_waves_are_consecutive() -> None:
    rows = [("A", "2018-19", "below"), ("A", "2021-22", "below"), ("A", "2023-24", "below")]
    assert [r[1] for r in _streak(rows)] == [1, 2, 3]


def test_first_period_below_is_not_newly_below() -> None:
    assert _streak([("A", "2019-20", "below")]) == [("2019-20", 1, False, False)]


def test_runs_do_not_cross_from_one_standard_to_the_next() -> None:
    frame = _verdicts([("A", "2021-22", "below"), ("A", "2022-23", "below"), ("A", "2023-24", "below")])
    frame = frame.with_columns(
        standard=pl.when(pl.col("period") < "2023-24").then(pl.lit("old")).otherwise(pl.lit("new"))
    )
    out = streaks(frame)
    assert out.select("period", "below_run", "previous_verdict").rows() == [
        ("2021-22", 1, None),
        ("2022-23", 2, "below"),
        ("2023-24", 1, None),
    ]


def test_streaks_do_not_depend_on_row_order() -> None:
    rows = [
        ("A", "2019-20", "meets"),
        ("A", "2020-21", "below"),
        ("A", "2021-22", "below"),
        ("B", "2019-20", "below"),
        ("B", "2020-21", "no_data"),
        ("B", "2021-22", "below"),
    ]
    ordered = streaks(_verdicts(rows))
    shuffled = streaks(_verdicts(rows).sample(fraction=1.0, shuffle=True, seed=7))
    reversed_ = streaks(_verdicts(rows[::-1]))
    assert_frame_equal(ordered, shuffled)
    assert_frame_equal(ordered, reversed_)


def test_census_year_periods_sort_and_count() -> None:
    rows = [("A", "2017", "below"), ("A", "2018", "below"), ("A", "2019", "meets")]
    assert _streak(rows) == [("2017", 1, False, False), ("2018", 2, False, False), ("2019", 0, False, True)]
