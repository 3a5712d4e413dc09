"""The ASCOF 2024-25 workbook reader on tiny hand-built sheets in the published layout.

The sheets are written as .xlsx (fastexcel reads both), one per test, with the workbook's title
rows, its header row and a few area rows.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl
import pytest
import xlsxwriter

from accountability.sources.ascof_2025 import NO_RESPONDENTS, OFF_YEAR, read_sheet
from accountability.sources.ascof_2025_sheets import Sheet
from accountability.sources.base import SourceFileError

SURVEY = Sheet("Table_1a", "1A", "ascof_scrqol", "survey")
COUNTS = Sheet("Table_2b", "2B", "ascof_admissions_18_64", "counts", in_development=True)
OUTCOME = Sheet("Table_6a", "6A", "oflog_workforce_turnover", "outcome")
IDS = ["Local authority code", "Local authority", "ONS area code"]
SURVEY_COLUMNS = [
    f"{y} - {f}"
    for y in ("2022 to 2023", "2023 to 2024")
    for f in ("margin of error", "number of respondents", "outcome")
]
COUNT_COLUMNS = ["2024 to 2025 - numerator", "2024 to 2025 - denominator", "2024 to 2025 - outcome"]


def _book(tmp_path: Path, name: str, header: list[str], rows: list[list[str]]) -> tuple[fastexcel.ExcelReader, Path]:
    path = tmp_path / "book.xlsx"
    with xlsxwriter.Workbook(path) as book:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, [f"{name}: a title [note 1]"])
        sheet.write_row(1, 0, ["This worksheet contains one table."])
        sheet.write_row(2, 0, IDS + header)
        for i, row in enumerate(rows, start=3):
            sheet.write_row(i, 0, row)
    return fastexcel.read_excel(path), path


def _survey(tmp_path: Path, rows: list[list[str]]) -> tuple[pl.DataFrame, object]:
    book, path = _book(tmp_path, SURVEY.name, SURVEY_COLUMNS, rows)
    return read_sheet(book, path, SURVEY)


ENGLAND = ["England", "England", "E92000001", "0", "51,830", "19", "0.1", "52665", "19.1"]
SHIRES = ["S", "Shire Counties", "[z]", "0.1", "9225", "19.1", "0.1", "8665", "19.2"]
REGION = ["NE", "North East", "E12000001", "0.1", "4580", "19.4", "0.1", "4305", "19.4"]
HARTLEPOOL = ["111", "Hartlepool", "E06000001", "0.3", "425", "19.9", "0.4", "390", "20 (19.8)"]


def test_every_area_and_year_becomes_a_record_with_its_margin_and_respondents(tmp_path: Path) -> None:
    records, account = _survey(tmp_path, [ENGLAND, SHIRES, REGION, HARTLEPOOL])
    rows = records.sort("code", "period").select("level", "code", "period", "value", "moe", "respondents", "source_row")
    assert rows.rows() == [
        ("council", "E06000001", "2022-23", 19.9, 0.3, 425.0, 7),
        ("council", "E06000001", "2023-24", 20.0, 0.4, 390.0, 7),  # "20 (19.8)": the first figure
        ("region", "E12000001", "2022-23", 19.4, 0.1, 4580.0, 6),
        ("region", "E12000001", "2023-24", 19.4, 0.1, 4305.0, 6),
        ("england", "E92000001", "2022-23", 19.0, 0.0, 51830.0, 4),
        ("england", "E92000001", "2023-24", 19.1, 0.1, 52665.0, 4),
        ("council type", "council_type:shire_county", "2022-23", 19.1, 0.1, 9225.0, 5),
        ("council type", "council_type:shire_county", "2023-24", 19.2, 0.1, 8665.0, 5),
    ]
    assert (account.read, account.kept) == (8, 8) and account.balanced()
    assert records["source_file"].unique().to_list() == ["book.xlsx (Table_1a)"]
    assert not records["in_development"].any()


def test_markers_are_missing_with_their_status_never_zero(tmp_path: Path) -> None:
    row = ["111", "Hartlepool", "E06000001", "[c]", "[c]", "[c]", "[x]", "[x]", "[x]"]
    records, account = _survey(tmp_path, [ENGLAND, row])
    mine = records.filter(pl.col("code") == "E06000001").sort("period")
    assert mine.select("value", "status", "moe").rows() == [(None, "suppressed", None), (None, "not_available", None)]
    assert account.set_missing == {
        "outcome published as a marker: suppressed": 1,
        "outcome published as a marker: not_available": 1,
    }


def test_a_zero_from_no_respondents_is_not_available(tmp_path: Path) -> None:
    row = ["312", "Trafford", "E08000009", "0", "0", "0", "0.5", "320", "18.8"]
    records, account = _survey(tmp_path, [ENGLAND, row])
    trafford = records.filter(pl.col("code") == "E08000009").sort("period")
    assert trafford.select("value", "moe", "status").rows() == [(None, None, "not_available"), (18.8, 0.5, "published")]
    assert account.set_missing == {NO_RESPONDENTS: 1}


def test_a_year_with_z_in_every_row_is_not_used(tmp_path: Path) -> None:
    off = [*ENGLAND[:3], "[z]", "[z]", "[z]", *ENGLAND[6:]]
    council = [*HARTLEPOOL[:3], "[z]", "[z]", "[z]", *HARTLEPOOL[6:]]
    records, account = _survey(tmp_path, [off, council])
    assert records["period"].unique().to_list() == ["2023-24"]
    assert account.rejected == {OFF_YEAR: 2} and account.balanced()


def test_counts_tables_give_numerator_and_denominator_and_flag_development(tmp_path: Path) -> None:
    rows = [
        ["England", "England", "E92000001", "6035", "35,455,995", "17"],
        ["111", "Hartlepool", "E06000001", "[c]", "[c]", "[c]"],
    ]
    book, path = _book(tmp_path, COUNTS.name, COUNT_COLUMNS, rows)
    records, _ = read_sheet(book, path, COUNTS)
    assert records.sort("code").select("code", "value", "numerator", "denominator", "in_development").rows() == [
        ("E06000001", None, None, None, True),
        ("E92000001", 17.0, 6035.0, 35455995.0, True),
    ]


def test_a_withheld_outcome_keeps_no_counts(tmp_path: Path) -> None:
    sheet = Sheet("Table_4b", "4B", "ascof_s42_risk_reduced", "counts")
    rows = [
        ["210", "Calderdale", "E08000033", "415", "135", "[z]"],
        ["England", "England", "E92000001", "5", "10", "50"],
    ]
    book, path = _book(tmp_path, sheet.name, COUNT_COLUMNS, rows)
    records = read_sheet(book, path, sheet)[0].filter(pl.col("code") == "E08000033")
    assert records.select("value", "status", "numerator", "denominator").rows() == [
        (None, "not_applicable", None, None)
    ]


def test_a_combined_area_row_is_read_as_its_council(tmp_path: Path) -> None:
    header = ["2024 to 2025 - outcome"]
    rows = [["[z]", "Cornwall and Isles of Scilly", "[z]", "20.2"]]
    book, path = _book(tmp_path, OUTCOME.name, header, rows)
    records, _ = read_sheet(book, path, OUTCOME)
    assert records.select("level", "code", "value").rows() == [("council", "E06000052", 20.2)]


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        (
            ["111", "Hartlepool", "E07000001", "0.3", "425", "19.9", "0.4", "390", "20"],
            "ONS area code",
            "is not England",
        ),
        (
            ["111", "Hartlepool", "E06000001", "0.3", "425", "lots", "0.4", "390", "20"],
            "2022 to 2023 - outcome",
            "'lots'",
        ),
        (
            ["111", "Hartlepool", "E06000001", "0.3", "425", "7.7 (n/a)", "0.4", "390", "20"],
            "2022 to 2023 - outcome",
            "bracketed",
        ),
    ],
    ids=["district code", "text", "bad bracket"],
)
def test_a_bad_row_names_the_sheet_column_and_row(tmp_path: Path, row: list[str], column: str, problem: str) -> None:
    with pytest.raises(SourceFileError, match=problem) as caught:
        _survey(tmp_path, [ENGLAND, row])
    assert (caught.value.file, caught.value.column, caught.value.row) == ("book.xlsx (Table_1a)", column, 5)


def test_a_renamed_or_unexpected_year_column_is_named(tmp_path: Path) -> None:
    header = [c.replace("number of respondents", "respondents") for c in SURVEY_COLUMNS]
    book, path = _book(tmp_path, SURVEY.name, header, [ENGLAND])
    with pytest.raises(SourceFileError, match="not a '<year> to <year> - <field>' column") as caught:
        read_sheet(book, path, SURVEY)
    assert caught.value.column == "2022 to 2023 - respondents"


def test_a_missing_sheet_is_an_error_naming_the_sheets_found(tmp_path: Path) -> None:
    book, path = _book(tmp_path, "Table_9z", SURVEY_COLUMNS, [ENGLAND])
    with pytest.raises(SourceFileError, match="sheet 'Table_1a' not found \\(sheets: Table_9z\\)"):
        read_sheet(book, path, SURVEY)


def test_a_sheet_without_its_header_row_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "flat.xlsx"
    with xlsxwriter.Workbook(path) as book:
        book.add_worksheet(SURVEY.name).write_row(0, 0, ["just a title"])
    with pytest.raises(SourceFileError, match="no header row starting 'Local authority code'"):
        read_sheet(fastexcel.read_excel(path), path, SURVEY)
