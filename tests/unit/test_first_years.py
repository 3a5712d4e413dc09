"""No floor judges the year it is drawn from: first years of a definition get "no_floor_yet", not a verdict."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.methods.definitions import definition_starts, first_year_rows, segment_label_expr
from accountability.methods.floors import floor_verdicts, streaks
from accountability.methods.standards import THRESHOLD_SCHEMA, Periods, Standard, resolve_thresholds

HIB, LIB = "higher_is_better", "lower_is_better"


def _measures(break_periods: list[str], polarity: str = HIB, measure: str = "m") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": [measure],
            "label": ["A measure"],
            "polarity": [polarity],
            "unit": ["%"],
            "value_type": ["proportion"],
            "multiplier": [100.0],
            "break_period": [break_periods[-1] if break_periods else None],
            "break_periods": [break_periods],
        },
        schema_overrides={"break_periods": pl.List(pl.String)},
    )


def _standard(baseline: str, start: str, end: str, polarity: str = HIB, measure: str = "m") -> Standard:
    return Standard(
        measure=measure, label="floor", polarity=polarity, rule="england_worst_quartile", baseline_period=baseline,
        periods=Periods.model_validate({"from": start, "to": end}), confidence=0.998, basis="rule", source="s",
    )  # fmt: skip


def _values(rows: list[tuple[str, str, float | None]], measure: str = "m") -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"code": c, "period": p, "measure": measure, "value": v, "denominator": 100.0, "status": "published",
             "ci_method": "none", "ci_low": None, "ci_high": None, "ci998_low": None, "ci998_high": None}
            for c, p, v in rows
        ],
        schema_overrides=dict.fromkeys(("value", "ci_low", "ci_high", "ci998_low", "ci998_high"), pl.Float64),
    )  # fmt: skip


COUNCILS = [("A", 10.0), ("B", 50.0), ("C", 90.0), ("D", 30.0)]


def _three_years() -> pl.DataFrame:
    """2023-24 (first year of the new definition), 2024-25 (first year of another), 2022-23 (old)."""
    return _values([(c, p, v) for p in ("2022-23", "2023-24", "2024-25") for c, v in COUNCILS])


def test_the_first_year_of_each_definition_that_no_floor_judges_gets_a_row() -> None:
    rows = first_year_rows([_standard("2023-24", "2024-25", "2024-25")], _three_years(), _measures(["2023-24"]))
    assert rows.select("measure", "period").rows() == [("m", "2023-24")]
    assert rows["threshold"].null_count() == rows.height
    assert dict(rows.schema) == THRESHOLD_SCHEMA


def test_two_breaks_give_two_first_years_when_neither_is_judged() -> None:
    rows = first_year_rows(
        [_standard("2017-18", "2018-19", "2022-23")], _three_years(), _measures(["2023-24", "2024-25"])
    )
    assert rows["period"].to_list() == ["2023-24", "2024-25"]
    assert rows["standard"].n_unique() == 2


def test_a_first_year_a_standard_judges_is_left_to_that_standard() -> None:
    official = Standard(
        measure="m", label="published floor", polarity=HIB, threshold=40.0,
        periods=Periods.model_validate({"from": "2024-25", "to": "2024-25"}), confidence=0.998, basis="official",
        source="a published floor",
    )  # fmt: skip
    rows = first_year_rows([official], _three_years(), _measures(["2024-25"]))
    assert rows.height == 0


def test_no_first_year_rows_for_a_measure_without_standards_or_a_year_without_data() -> None:
    values = _values([(c, "2022-23", v) for c, v in COUNCILS])
    assert first_year_rows([_standard("2017-18", "2018-19", "2022-23")], values, _measures(["2023-24"])).height == 0
    other = _standard("2017-18", "2018-19", "2022-23", measure="other")
    assert first_year_rows([other], _three_years(), _measures(["2023-24"])).height == 0


def test_definition_starts_fall_back_to_break_period() -> None:
    measures = _measures(["2023-24", "2024-25"]).drop("break_periods")
    assert definition_starts(measures).rows() == [("m", "2024-25")]


@pytest.mark.parametrize("polarity", [HIB, LIB])
@pytest.mark.parametrize("value", [0.0, 49.9, 50.0, 100.0])
def test_a_first_year_value_is_no_floor_yet_whatever_it_is(polarity: str, value: float) -> None:
    values = _values([("A", "2024-25", value)])
    first = first_year_rows(
        [_standard("2017-18", "2018-19", "2022-23", polarity)], values, _measures(["2024-25"], polarity)
    )
    row = floor_verdicts(values, pl.DataFrame(schema=THRESHOLD_SCHEMA), first).row(0, named=True)
    assert (row["verdict"], row["basis"], row["threshold"], row["distance_units"]) == ("no_floor_yet", None, None, None)


@pytest.mark.parametrize("polarity", [HIB, LIB])
def test_a_missing_first_year_value_is_no_data(polarity: str) -> None:
    values = _values([("A", "2024-25", 20.0), ("B", "2024-25", None)])
    first = first_year_rows(
        [_standard("2017-18", "2018-19", "2022-23", polarity)], values, _measures(["2024-25"], polarity)
    )
    out = floor_verdicts(values, pl.DataFrame(schema=THRESHOLD_SCHEMA), first)
    assert out.select("code", "verdict").rows() == [("A", "no_floor_yet"), ("B", "no_data")]


def test_a_rebased_floor_judges_the_next_year_and_not_its_baseline() -> None:
    values, measures = _three_years(), _measures(["2023-24"])
    standards = [_standard("2023-24", "2024-25", "2024-25")]
    out = floor_verdicts(
        values, resolve_thresholds(standards, values, measures), first_year_rows(standards, values, measures)
    )
    by_period = out.group_by("period").agg(pl.col("verdict").cast(pl.String).unique().sort())
    assert dict(by_period.rows()) == {"2023-24": ["no_floor_yet"], "2024-25": ["below", "meets"]}
    assert out.filter(pl.col("period") == "2024-25")["basis"].cast(pl.String).unique().to_list() == ["value_only"]


def test_runs_below_never_continue_into_a_first_year() -> None:
    baseline = [(c, "2021-22", v) for c, v in COUNCILS]
    low = [(c, p, 1.0) for p in ("2022-23", "2023-24") for c, _ in COUNCILS]  # far below any floor
    values, measures = _values(baseline + low), _measures(["2023-24"])
    standards = [_standard("2021-22", "2022-23", "2022-23")]
    verdicts = floor_verdicts(
        values, resolve_thresholds(standards, values, measures), first_year_rows(standards, values, measures)
    )
    runs = streaks(verdicts)
    assert runs.filter(pl.col("period") == "2022-23")["below_run"].to_list() == [1, 1, 1, 1]
    first = runs.filter(pl.col("period") == "2023-24")
    assert first["verdict"].cast(pl.String).to_list() == ["no_floor_yet"] * 4
    assert first["below_run"].to_list() == [0, 0, 0, 0] and not first["newly_below"].any()


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        ([], ["all", "all", "all"]),
        (["2023-24"], ["before 2023-24", "from 2023-24", "from 2023-24"]),
        (["2024-25", "2023-24"], ["before 2023-24", "2023-24 to 2024-25", "from 2024-25"]),
    ],
    ids=["none", "one", "two, unsorted"],
)
def test_each_period_is_labelled_with_its_definition(breaks: list[str], expected: list[str]) -> None:
    frame = pl.DataFrame({"period": ["2022-23", "2023-24", "2024-25"]})
    assert frame.with_columns(s=segment_label_expr(pl.col("period"), breaks))["s"].to_list() == expected
