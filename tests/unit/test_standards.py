"""Standards models, the loader's error messages (file, line, entry, measure) and rule resolution."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from pydantic import ValidationError

from accountability.methods.standards import (
    THRESHOLD_SCHEMA,
    Standard,
    StandardsError,
    exact_value_text,
    load_standards,
    resolve_thresholds,
)

MEASURES = pl.DataFrame(
    {
        "id": ["feel_safe", "admissions", "turnover", "qol"],
        "polarity": ["higher_is_better", "lower_is_better", "lower_is_better", "higher_is_better"],
        "unit": ["%", "per 100,000", "%", "score"],
        "value_type": ["proportion", "rate", "proportion", "score"],
        "multiplier": [100.0, 100_000.0, 100.0, 1.0],
    }
)

DEFAULTS: dict[str, str] = {
    "measure": '"feel_safe"',
    "label": '"Feel safe floor"',
    "rule": '"england_worst_quartile"',
    "baseline_period": '"2017-18"',
    "polarity": '"higher_is_better"',
    "periods": '{ from = "2018-19", to = "2022-23" }',
    "confidence": "0.998",
    "basis": '"rule"',
    "source": '"England worst-quartile boundary in the 2017-18 baseline."',
}


def _entry(**fields: str | None) -> str:
    """One [[standard]] block; a field set to None is left out."""
    merged = {**DEFAULTS, **fields}
    lines = ["[[standard]]", *(f"{key} = {value}" for key, value in merged.items() if value is not None)]
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "standards.toml"
    path.write_text("# floors\n\n" + "\n".join(entries), encoding="utf-8")
    return path


def _line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `text`, found independently of the loader."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line]
    return hits[occurrence - 1]


def _error(path: Path, measures: pl.DataFrame | None = MEASURES) -> str:
    with pytest.raises(StandardsError) as caught:
        load_standards(path, measures)
    return str(caught.value)


def _assert_names(message: str, path: Path, line: int, measure: str, entry: int) -> None:
    assert str(path) in message
    assert f"line {line} " in message
    assert f"[[standard]] #{entry}" in message
    assert f"measure '{measure}'" in message


def test_a_valid_file_loads_into_frozen_standards(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(measure='"qol"', threshold="7.0", rule=None, baseline_period=None))
    first, second = load_standards(path, MEASURES)
    assert (first.rule, first.periods.from_, first.periods.to, first.confidence) == (
        "england_worst_quartile",
        "2018-19",
        "2022-23",
        0.998,
    )
    assert (second.threshold, second.rule) == (7.0, None)
    with pytest.raises(ValidationError):
        first.confidence = 0.95  # type: ignore[misc]


def test_syntax_error_names_the_line_and_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(measure='"admissions"', polarity='"lower_is_better"', confidence="= 0.95"))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "confidence = = 0.95"), "admissions", 2)
    assert "TOML syntax error" in message


def test_bad_confidence_names_the_line_of_that_key(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(confidence="0.9"))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "confidence = 0.9", occurrence=2), "feel_safe", 2)
    assert "confidence must be 0.95 or 0.998, got 0.9" in message


def test_both_threshold_and_rule_is_an_error_at_the_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(threshold="70.0"))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "rule = "), "feel_safe", 1)
    assert "exactly one of threshold or rule, got both" in message


def test_neither_threshold_nor_rule_points_at_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(rule=None, baseline_period=None))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "[[standard]]"), "feel_safe", 1)
    assert "got neither" in message


def test_a_rule_needs_a_baseline_period(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(baseline_period=None))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "[[standard]]"), "feel_safe", 1)
    assert "a rule needs baseline_period" in message


def test_a_threshold_with_a_baseline_period_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(rule=None, threshold="70.0"))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "baseline_period = "), "feel_safe", 1)


def test_periods_from_after_to_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(periods='{ from = "2022-23", to = "2017-18" }'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "periods = "), "feel_safe", 1)
    assert "is after to" in message


def test_unknown_basis_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(basis='"guess"'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "basis = "), "feel_safe", 1)
    assert "basis" in message


def test_a_rule_cannot_be_official(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(basis='"official"'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "basis = "), "feel_safe", 1)


def test_a_misspelt_key_is_reported_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(confidense="0.95", confidence=None))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "confidense"), "feel_safe", 1)


def test_unknown_measure_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(measure='"feel_saf"', periods='{ from = "2023-24", to = "2023-24" }'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, 'measure = "feel_saf"'), "feel_saf", 2)
    assert "not in the measures registry; did you mean 'feel_safe'?" in message


def test_unknown_measure_is_not_checked_without_the_registry(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(measure='"anything"'))
    assert load_standards(path)[0].measure == "anything"


def test_polarity_must_match_the_registry(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(measure='"admissions"'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "polarity = "), "admissions", 1)
    assert "the measures registry says 'lower_is_better'" in message


def test_overlapping_periods_for_one_measure_are_an_error(tmp_path: Path) -> None:
    second = _entry(periods='{ from = "2022-23", to = "2023-24" }')
    path = _write(tmp_path, _entry(), second)
    message = _error(path)
    _assert_names(message, path, _line_of(path, "periods = ", occurrence=2), "feel_safe", 2)
    assert "overlap those of [[standard]] #1 (2018-19 to 2022-23)" in message


def test_adjacent_periods_for_one_measure_are_fine(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entry(),
        _entry(periods='{ from = "2023-24", to = "2023-24" }', threshold="7.0", rule=None, baseline_period=None),
    )
    assert len(load_standards(path, MEASURES)) == 2


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(confidence="0.9"), _entry(measure='"qol"', basis='"x"'))
    assert len(_error(path).splitlines()) == 2


def test_project_file_is_named_relative_to_the_repository() -> None:
    from accountability.settings import ROOT

    with pytest.raises(StandardsError, match=r"^data/no-such-file\.toml: cannot read"):
        load_standards(ROOT / "data" / "no-such-file.toml")


def _standard(**fields: object) -> Standard:
    base: dict[str, object] = {
        "measure": "feel_safe",
        "label": "Feel safe floor",
        "rule": "england_worst_quartile",
        "baseline_period": "2017-18",
        "polarity": "higher_is_better",
        "periods": {"from": "2018-19", "to": "2022-23"},
        "confidence": 0.95,
        "basis": "rule",
        "source": "why",
    }
    return Standard.model_validate({**base, **fields})


def _council_values(measure: str, period: str, values: list[float | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [f"E0600{i:04d}" for i in range(len(values))],
            "period": period,
            "measure": measure,
            "value": values,
        },
        schema_overrides={"value": pl.Float64},
    )


VALUES = pl.concat(
    [
        _council_values("feel_safe", "2017-18", [1.0, 2.0, 3.0, 4.0, None]),
        _council_values("feel_safe", "2018-19", [5.0, 6.0]),
        _council_values("feel_safe", "2023-24", [5.0, 6.0]),
        _council_values("admissions", "2017-18", [1.0, 2.0, 3.0, 4.0]),
        _council_values("admissions", "2018-19", [9.0]),
        _council_values("turnover", "2017", [10.0, 20.0]),
        _council_values("turnover", "2018", [10.0, 20.0]),
    ]
)


def test_worst_quartile_is_the_25th_percentile_for_higher_is_better() -> None:
    # sorted 1,2,3,4 (null excluded): position 0.25 * 3 = 0.75 -> 1 + 0.75 * (2 - 1) = 1.75
    out = resolve_thresholds([_standard()], VALUES, MEASURES)
    assert out["threshold"].to_list() == [1.75]
    assert out["period"].to_list() == ["2018-19"]  # not the 2017-18 baseline; 2023-24 is outside the periods
    assert out["rule_text"][0] == "Worst-quartile boundary of councils in 2017-18 (25th percentile, 4 councils): 1.75%"


def test_worst_quartile_is_the_75th_percentile_for_lower_is_better() -> None:
    # position 0.75 * 3 = 2.25 -> 3 + 0.25 * (4 - 3) = 3.25
    standard = _standard(measure="admissions", polarity="lower_is_better")
    out = resolve_thresholds([standard], VALUES, MEASURES)
    assert out.select("period", "threshold").rows() == [("2018-19", 3.25)]
    assert "75th percentile, lower is better" in out["rule_text"][0]
    assert out["rule_text"][0].endswith(": 3.25 per 100,000")


def test_a_fixed_threshold_is_used_as_given() -> None:
    standard = _standard(
        threshold=60.0, rule=None, baseline_period=None, basis="official", source="A document",
        periods={"from": "2017-18", "to": "2022-23"},
    )  # fmt: skip
    out = resolve_thresholds([standard], VALUES, MEASURES)
    assert out["threshold"].to_list() == [60.0, 60.0]
    assert out["rule_text"][0] == "Published floor: 60%"
    assert out["basis"][0] == "official"


def test_census_year_periods_resolve_only_to_census_years() -> None:
    standard = _standard(
        measure="turnover", polarity="lower_is_better", baseline_period="2017", periods={"from": "2018", "to": "2025"}
    )
    out = resolve_thresholds([standard], VALUES, MEASURES)
    assert out.select("period", "threshold").rows() == [("2018", 17.5)]


def test_resolved_frame_has_the_documented_schema_and_key() -> None:
    out = resolve_thresholds([_standard()], VALUES, MEASURES)
    assert dict(out.schema) == THRESHOLD_SCHEMA
    assert out["standard"].unique().to_list() == ["feel_safe 2018-19..2022-23"]
    assert out.select("unit", "value_type", "multiplier").unique().rows() == [("%", "proportion", 100.0)]


def test_no_standards_resolve_to_an_empty_frame_with_the_schema() -> None:
    assert dict(resolve_thresholds([], VALUES, MEASURES).schema) == THRESHOLD_SCHEMA


def test_a_baseline_without_council_values_is_an_error() -> None:
    with pytest.raises(StandardsError, match=r"'feel_safe': no council values in baseline period 2016-17"):
        resolve_thresholds([_standard(baseline_period="2016-17")], VALUES, MEASURES)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (87.6, "%", "87.6%"),
        (66.925, "%", "66.925%"),
        (17.925, "per 100,000", "17.925 per 100,000"),
        (7.0, "score", "7"),
    ],
)
def test_floors_are_written_without_rounding_onto_a_value(value: float, unit: str, text: str) -> None:
    assert exact_value_text(value, unit) == text


def test_a_baseline_among_the_periods_it_judges_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(periods='{ from = "2017-18", to = "2022-23" }'))
    message = _error(path)
    _assert_names(message, path, _line_of(path, "periods = "), "feel_safe", 1)
    assert "baseline_period 2017-18 is among the periods this floor judges" in message


@pytest.mark.parametrize(
    ("baseline", "start", "end", "allowed"),
    [
        ("2017-18", "2017-18", "2022-23", False),  # the first period judged
        ("2022-23", "2017-18", "2022-23", False),  # the last period judged
        ("2019-20", "2017-18", "2022-23", False),  # inside
        ("2017-18", "2018-19", "2022-23", True),  # the period just before
        ("2023-24", "2017-18", "2022-23", True),  # after: a later baseline judging earlier years is not circular
        ("2017", "2017", "2025", False),  # census years
        ("2017", "2018", "2025", True),
    ],
)
def test_no_standard_judges_its_own_baseline(baseline: str, start: str, end: str, allowed: bool) -> None:
    fields = {"baseline_period": baseline, "periods": {"from": start, "to": end}}
    if allowed:
        assert _standard(**fields).baseline_period == baseline
    else:
        with pytest.raises(ValidationError, match="must not judge it"):
            _standard(**fields)
