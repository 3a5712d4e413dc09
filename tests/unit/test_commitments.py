"""The commitments loader: valid files load into frozen models; every error names file, line and id."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from accountability.methods.commitments import CommitmentsError, commitments_frame, load_commitments, period_start_year

POLARITY = {"up_good": "higher_is_better", "down_good": "lower_is_better", "neutral": "no_judgement"}

FIRST = """\
[[commitment]]
id = "first"
title = "A value target"
measures = ["up_good"]
target_value = 100.0
target_date = 2013-04-01
target_period = "2012-13"
owner = "Department of Health and Social Care"
source = "A Vision for Adult Social Care"
source_sentence = "to everyone eligible"
"""

SECOND_HEAD = """
[[commitment]]
id = "second"
title = "A direction target"
"""
SECOND_TAIL = """\
owner = "Department for Education"
source = "Somewhere"
source_sentence = "fewer"
source_is_paraphrase = true
"""
# Line numbers in a file FIRST + SECOND_HEAD + body + SECOND_TAIL: the second header is line 12,
# its id line 13, and the body starts at line 15.
BODY_LINE = 15


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "commitments.toml"
    path.write_text(FIRST + SECOND_HEAD + body + SECOND_TAIL, encoding="utf-8")
    return path


def _error(path: Path, measures: dict[str, str] | None = POLARITY) -> str:
    with pytest.raises(CommitmentsError) as info:
        load_commitments(path, measures=measures)
    return str(info.value)


def test_valid_file_loads_frozen_models(tmp_path: Path) -> None:
    path = _write(tmp_path, 'measures = ["down_good", "neutral"]\ntarget_direction = "falling"\n')
    loaded = load_commitments(path, measures=POLARITY)
    assert [c.id for c in loaded] == ["first", "second"]
    assert loaded[0].target_date is not None
    assert loaded[0].target_date.isoformat() == "2013-04-01"
    assert loaded[1].source_is_paraphrase
    with pytest.raises(pydantic.ValidationError):
        loaded[0].title = "changed"
    frame = commitments_frame(loaded)
    assert frame.select("commitment_id", "measure").rows() == [
        ("first", "up_good"),
        ("second", "down_good"),
        ("second", "neutral"),
    ]


def test_syntax_error_names_file_line_and_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, 'measures = ["down_good"]\ntarget_direction = falling\n')
    message = _error(path)
    assert f"{path}:{BODY_LINE + 1}:" in message
    assert "syntax error" in message
    assert "entry 2 (id 'second')" in message


def test_missing_target_names_the_entry_header_line(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, 'measures = ["down_good"]\n'))
    assert f"{path_of(tmp_path)}:12:" in message
    assert "entry 2 (id 'second')" in message
    assert "exactly one of target_value or target_direction" in message


def test_both_targets_name_the_target_value_line(tmp_path: Path) -> None:
    body = 'measures = ["down_good"]\ntarget_direction = "falling"\ntarget_value = 3.0\n'
    message = _error(_write(tmp_path, body))
    assert f"{path_of(tmp_path)}:{BODY_LINE + 2}:" in message
    assert "id 'second'" in message
    assert "exactly one" in message


def test_bad_direction_names_its_line(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, 'measures = ["down_good"]\ntarget_direction = "down"\n'))
    assert f"{path_of(tmp_path)}:{BODY_LINE + 1}:" in message
    assert "id 'second'" in message
    assert "target_direction" in message
    assert "'down'" in message


def test_unknown_measure_names_the_measures_line(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, 'measures = ["nope"]\ntarget_direction = "falling"\n'))
    assert f"{path_of(tmp_path)}:{BODY_LINE}:" in message
    assert "id 'second'" in message
    assert "unknown measure id(s) ['nope']" in message


def test_unknown_measure_is_not_checked_without_measures(tmp_path: Path) -> None:
    path = _write(tmp_path, 'measures = ["nope"]\ntarget_direction = "falling"\n')
    assert len(load_commitments(path)) == 2


def test_direction_contradicting_polarity_names_the_direction_line(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, 'measures = ["up_good"]\ntarget_direction = "falling"\n'))
    assert f"{path_of(tmp_path)}:{BODY_LINE + 1}:" in message
    assert "id 'second'" in message
    assert "'falling' contradicts the polarity of 'up_good' (higher_is_better)" in message


def test_value_target_needs_a_date(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, 'measures = ["up_good"]\ntarget_value = 5.0\n'))
    assert "id 'second'" in message
    assert "needs target_date and target_period" in message


def test_bad_date_names_its_line(tmp_path: Path) -> None:
    body = 'measures = ["up_good"]\ntarget_value = 5.0\ntarget_date = "2013-13-01"\ntarget_period = "2012-13"\n'
    message = _error(_write(tmp_path, body))
    assert f"{path_of(tmp_path)}:{BODY_LINE + 2}:" in message
    assert "target_date" in message


def test_date_outside_the_target_period_is_refused(tmp_path: Path) -> None:
    body = 'measures = ["up_good"]\ntarget_value = 5.0\ntarget_date = 2020-04-01\ntarget_period = "2012-13"\n'
    message = _error(_write(tmp_path, body))
    assert "does not fall in or at the end of period '2012-13'" in message


def test_duplicate_id_names_the_second_id_line(tmp_path: Path) -> None:
    path = tmp_path / "commitments.toml"
    path.write_text(FIRST + "\n" + FIRST, encoding="utf-8")
    message = _error(path)
    assert f"{path}:13:" in message
    assert "entry 2 (id 'first')" in message
    assert "duplicate id" in message


def test_file_without_entries_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "commitments.toml"
    path.write_text("# nothing\n", encoding="utf-8")
    assert f"{path}:1: no [[commitment]] entries" in _error(path)


@pytest.mark.parametrize(("period", "year"), [("2017-18", 2017), ("2017", 2017), ("1999-00", 1999)])
def test_period_start_year(period: str, year: int) -> None:
    assert period_start_year(period) == year


@pytest.mark.parametrize("period", ["2017-19", "17-18", "2017/18"])
def test_period_start_year_refuses_bad_labels(period: str) -> None:
    with pytest.raises(ValueError, match="period"):
        period_start_year(period)


def path_of(tmp_path: Path) -> Path:
    return tmp_path / "commitments.toml"
