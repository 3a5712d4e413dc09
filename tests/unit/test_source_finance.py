"""MHCLG revenue-outturn reader on hand-built grids in both published layouts (2023-24 and 2024-25)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.sources import finance
from accountability.sources.base import SourceFileError
from accountability.sources.finance_grid import column_letters

PATH = Path("RO3_test.ods")
SPEC_2425 = finance.FinanceFile("finance", "RO3_test.ods", "RO3", "2024-25")
SPEC_2324 = finance.FinanceFile("finance-2023-24", "RO3_test.ods", "RO3", "2023-24")
LABELS = ["E-code", "ONS Code", "Local authority", "Notes", "Class"]


def grid(rows: list[list[str | None]]) -> pl.DataFrame:
    width = max(len(r) for r in rows)
    padded = [r + [None] * (width - len(r)) for r in rows]
    frame = pl.DataFrame(padded, schema=[f"c{i}" for i in range(width)], orient="row")
    return frame.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def layout_2425(cells: dict[str, list[str | None]] | None = None) -> pl.DataFrame:
    """Title, header, councils, England, class totals, then the hidden row of variable codes."""
    data = cells or {
        "hartlepool": ["E1", "E06000001", "Hartlepool", None, "UA", "10", "[x]"],
        "adur": ["E2", "E07000223", "Adur", None, "SD", "0", "0"],
    }
    return grid(
        [
            ["Worksheet 2: Revenue Outturn (RO) 2024-25: Social care"],
            [*LABELS, "Adult social care - Net Current Expenditure (C7)", "Other thing (C1)"],
            *data.values(),
            ["Eng", "E92000001", "ENGLAND", None, "Eng", "1000.5", "7"],
            [*LABELS, "x", "y"],
            ["[Y]", "E06", "Unitary Authorities", None, "UA", "99", "1"],
            [None, None, None, None, None, "RO3-asctot-net-cur-exp", "RO3-phs-empl"],
        ]
    )


def test_columns_are_found_by_variable_code_not_position() -> None:
    lines, account = finance.parse_grid(layout_2425(), SPEC_2425, PATH)
    assert set(lines["variable"]) == {"RO3-asctot-net-cur-exp"}  # public health is not kept
    got = {r["code"]: r for r in lines.iter_rows(named=True)}
    assert got["E06000001"]["value"] == 10.0 and got["E06000001"]["source_row"] == 3
    assert got["E06000001"]["source_column"] == "F"
    assert got["E92000001"]["value"] == 1000.5
    assert got["E06000001"]["description"] == "Adult social care - Net Current Expenditure (C7)"
    assert account.kept == 2 and account.balanced()
    assert account.rejected["authority without social care responsibilities (class SD)"] == 1


def test_moving_the_column_moves_nothing() -> None:
    moved = layout_2425()
    swapped = moved.select("_row", "c0", "c1", "c2", "c3", "c4", pl.col("c6").alias("c5"), pl.col("c5").alias("c6"))
    lines, _ = finance.parse_grid(swapped, SPEC_2425, PATH)
    assert lines.filter(pl.col("code") == "E06000001")["value"].to_list() == [10.0]
    assert lines["source_column"].unique().to_list() == ["G"]


@pytest.mark.parametrize(
    ("cell", "status", "marker"),
    [("[x]", "not_available", "[x]"), ("[z]", "not_applicable", "[z]"), ("[n]", "not_available", "[n]"),
     ("[note 4]", "not_available", "[note 4]"), ("", "missing", "(blank)")],
)  # fmt: skip
def test_markers_are_missing_values_with_their_reason(cell: str, status: str, marker: str) -> None:
    cells = {"hartlepool": ["E1", "E06000001", "Hartlepool", None, "UA", cell, "0"]}
    lines, account = finance.parse_grid(layout_2425(cells), SPEC_2425, PATH)
    row = lines.filter(pl.col("code") == "E06000001").row(0, named=True)
    assert (row["value"], row["status"], row["marker"]) == (None, status, marker)
    assert account.set_missing[f"published as {marker}"] == 1


def test_text_in_a_value_cell_names_the_variable_column_and_row() -> None:
    cells = {"hartlepool": ["E1", "E06000001", "Hartlepool", None, "UA", "ten", "0"]}
    with pytest.raises(SourceFileError, match=r"RO3-asctot-net-cur-exp \(F\).*row 3.*'ten'"):
        finance.parse_grid(layout_2425(cells), SPEC_2425, PATH)


def test_a_file_of_another_year_is_refused() -> None:
    with pytest.raises(SourceFileError, match="does not name 2023-24"):
        finance.parse_grid(layout_2425(), SPEC_2324, PATH)


def test_a_missing_code_row_or_header_is_named() -> None:
    no_codes = layout_2425().filter(pl.col("_row") < 8)
    with pytest.raises(SourceFileError, match="one row of variable codes"):
        finance.parse_grid(no_codes, SPEC_2425, PATH)
    no_header = layout_2425().with_columns(pl.col("c0").replace("E-code", "Code"))
    with pytest.raises(SourceFileError, match="E-code"):
        finance.parse_grid(no_header, SPEC_2425, PATH)


def test_a_renamed_ons_code_column_is_named() -> None:
    renamed = layout_2425().with_columns(pl.col("c1").replace("ONS Code", "GSS code"))
    with pytest.raises(SourceFileError, match="ONS Code"):
        finance.parse_grid(renamed, SPEC_2425, PATH)


def test_a_council_listed_twice_is_an_error() -> None:
    cells = {
        "a": ["E1", "E06000001", "Hartlepool", None, "UA", "1", "0"],
        "b": ["E1", "E06000001", "Hartlepool", None, "UA", "2", "0"],
    }
    with pytest.raises(SourceFileError, match="duplicate key"):
        finance.parse_grid(layout_2425(cells), SPEC_2425, PATH)


def test_2023_24_layout_codes_above_header_and_service_names_in_merged_cells() -> None:
    rows: list[list[str | None]] = [
        ["Worksheet 2: Revenue Outturn (RO) 2023-24: Social care"],
        [None, None, None, None, None, "RO3-asctot-empl", "RO3-asctot-net-cur-exp"],
        [None, None, None, None, None, "Children's social care", None],
        [*LABELS, "Employees\n (C1)2", "Net Current Expenditure\n (C7 = C3 - C6)281"],
        ["E1", "E06000001", "Hartlepool", None, "UA", "1", "2"],
    ]
    lines, account = finance.parse_grid(grid(rows), SPEC_2324, PATH)
    described = dict(zip(lines["variable"], lines["description"], strict=True))
    assert described["RO3-asctot-net-cur-exp"] == "Children's social care - Net Current Expenditure (C7 = C3 - C6)"
    assert described["RO3-asctot-empl"] == "Children's social care - Employees (C1)"
    assert account.rejected["title, note, reference or header row above the table"] == 4


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letters(index) == letters


def test_a_missing_workbook_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="file not found"):
        finance.load_grid(tmp_path / "RO3.ods", "RO3")


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "RO3.ods"
    path.write_text("not a spreadsheet")
    with pytest.raises(SourceFileError, match=r"RO3\.ods: cannot read the workbook"):
        finance.load_grid(path, "RO3")
