"""The reader guard: a published file's bytes, and every CSV row complete (no short, long or cut rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accountability.sources.base import read_csv_text
from accountability.sources.files import SourceFileError, check_complete_rows, read_bytes

HEADER = "code,name,value\n"


def fails_at(text: str, **kwargs: object) -> SourceFileError:
    with pytest.raises(SourceFileError) as caught:
        check_complete_rows(text, "file.csv", **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "E1,York,14.6\nE2,Hull,3\n",
        HEADER + 'E1,"York, City of",14.6\nE2,"Hull ""North""",3\n',  # quoted commas and quotes
        HEADER + 'E1,"York\nCity",14.6\nE2,Hull,3\n',  # a quoted field across two lines
        HEADER.replace("\n", "\r\n") + "E1,York,14.6\r\nE2,Hull,3\r\n",
        HEADER + "E1,York,14.6\n\nE2,Hull,3\n\n",  # blank lines are the reader's business
        HEADER + "E1,,\n",  # empty values are values, not missing fields
    ],
    ids=["plain", "quoted", "multi-line-field", "crlf", "blank-lines", "empty-values"],
)
def test_complete_files_pass(text: str) -> None:
    check_complete_rows(text, "file.csv")


def test_a_file_cut_inside_a_number_fails_naming_the_last_row() -> None:
    error = fails_at(HEADER + "E1,York,14.6\nE2,Hull,1")  # "14.6" cut to "1", no final line break
    assert error.row == 3
    assert (
        str(error) == "file.csv, row 3: the file stops without a final line break: its last row may have been cut short"
    )


def test_a_short_final_row_fails_even_with_its_line_break() -> None:
    error = fails_at(HEADER + "E1,York,14.6\nE2,Hull\n")
    assert error.row == 3
    assert "this row has 2 fields but the header has 3" in str(error)
    assert "incomplete" in str(error)


def test_a_short_row_in_the_middle_fails_naming_its_line() -> None:
    error = fails_at(HEADER + "E1,York,14.6\nE2,Hull\nE3,Leeds,7\n")
    assert error.row == 3


def test_a_row_with_more_fields_than_the_header_fails() -> None:
    error = fails_at(HEADER + "E1,York,14,6\n")  # an unquoted decimal comma
    assert error.row == 2
    assert "this row has 4 fields but the header has 3: its values would land in the wrong columns" in str(error)


def test_a_file_without_its_final_line_break_fails() -> None:
    assert fails_at(HEADER + "E1,York,14.6").row == 2


def test_line_numbers_count_from_the_header_line() -> None:
    assert fails_at(HEADER + "E1,York\n", first_line=4).row == 5


def test_line_numbers_stay_right_after_a_field_across_lines() -> None:
    error = fails_at(HEADER + 'E1,"York\nCity",14.6\nE2,Hull\n')
    assert error.row == 4  # the record starting on line 2 takes lines 2-3


def test_an_unclosed_quote_at_the_end_fails() -> None:
    error = fails_at(HEADER + 'E1,York,"14.6\n')
    assert error.row == 2


class TestPublishedWithoutFinalLineBreak:
    """Ofsted exports some files without a final line break; their last row ends with empty fields."""

    def test_a_last_row_ending_in_an_empty_field_passes(self) -> None:
        check_complete_rows(HEADER + "E1,York,14.6\nE2,Hull,", "file.csv", published_without_final_newline=True)

    def test_a_cut_in_that_last_row_shows_as_a_short_row(self) -> None:
        error = fails_at(HEADER + "E1,York,14.6\nE2,Hull", published_without_final_newline=True)
        assert error.row == 3
        assert "incomplete" in str(error)

    def test_a_last_row_ending_in_a_value_still_fails(self) -> None:
        error = fails_at(HEADER + "E1,York,14.6\nE2,Hull,1", published_without_final_newline=True)
        assert error.row == 3

    def test_with_its_line_break_the_file_passes(self) -> None:
        check_complete_rows(HEADER + "E1,York,14.6\n", "file.csv", published_without_final_newline=True)


def test_read_bytes_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"^gone\.csv: file not found in "):
        read_bytes(tmp_path / "gone.csv")


def test_read_bytes_names_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "data.csv").mkdir()
    with pytest.raises(SourceFileError, match=r"^data\.csv: is a folder, not a file"):
        read_bytes(tmp_path / "data.csv")


def test_read_bytes_names_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_bytes(b" \n")
    with pytest.raises(SourceFileError, match=r"^data\.csv: the file is empty"):
        read_bytes(tmp_path / "data.csv")


def test_read_csv_text_refuses_a_cut_file_and_reads_a_whole_one(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(HEADER + "E1,York,14.6\nE2,Hull,1", encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"^data\.csv, row 3: the file stops without a final line break"):
        read_csv_text(path, ["code", "value"])
    path.write_text(HEADER + "E1,York,14.6\nE2,Hull,13.2\n", encoding="utf-8")
    frame = read_csv_text(path, ["code", "value"])
    assert frame["value"].to_list() == ["14.6", "13.2"]
    assert frame["_row"].to_list() == [2, 3]


def test_a_reader_that_rejects_long_rows_itself_may_allow_them_but_never_short_ones() -> None:
    check_complete_rows(HEADER + "E1,York,14,6\n", "file.csv", allow_extra_fields=True)
    assert fails_at(HEADER + "E1,York\n", allow_extra_fields=True).row == 2


def test_a_missing_column_is_named_before_the_ragged_rows_it_causes(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("code,name\nE1,York,14.6\n", encoding="utf-8")  # the header lost 'value'
    with pytest.raises(SourceFileError, match=r"^data\.csv, column 'value': required column is missing"):
        read_csv_text(path, ["code", "value"])
