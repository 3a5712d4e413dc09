"""Population readers on tiny hand-built files: DfE's 0-17 CSV and an ONS MYE2-style sheet."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from accountability.sources import population
from accountability.sources.base import SourceFileError

HEADER = ",".join(
    [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
        "region_name", "old_la_code", "new_la_code", "la_name", "age_group", "population_estimate",
    ]
)  # fmt: skip
CHILD = "Children aged 0 to 17 years"


def _row(year: str, level: str, region: str, la: str, value: str, age: str = CHILD) -> str:
    """A DfE row; `la` is 'old_la_code,new_la_code,la_name' (empty for England and regions)."""
    region_name = {"E12000001": "North East", "E12000009": "South West", "E13000001": "Inner London"}.get(region, "")
    return ",".join([year, "Reporting year", level, "E92000001", "England", region, region_name, la, age, value])


ROWS = [
    _row("2024", "National", "", ",,", "12183016"),
    _row("2024", "Regional", "E12000001", ",,", "542710"),
    _row("2024", "Regional", "E13000001", ",,", "600000"),
    _row("2024", "Local authority", "E12000001", "805,E06000001,Hartlepool", "20312"),
    _row("2018", "Local authority", "E12000009", "837,E06000028,Bournemouth", "x"),
    _row("2018", "Local authority", "E12000009", "836,E06000029,Poole", "c"),
    _row("2024", "Local authority", "E12000001", "806,E06000002,Middlesbrough", "9000", "Children aged 0 to 4 years"),
]


def _dfe(tmp_path: Path, rows: list[str] | None = None, header: str = HEADER, raw: bytes | None = None) -> pl.DataFrame:
    path = tmp_path / population.DFE_FILE
    path.write_bytes(raw if raw is not None else "\n".join([header, *(rows or ROWS)]).encode() + b"\n")
    frame, account = population.read_dfe_children(path)
    assert account.balanced()
    return frame


def test_children_rows_keep_code_year_and_line(tmp_path: Path) -> None:
    frame = _dfe(tmp_path)
    england = frame.filter(pl.col("code") == "E92000001").row(0, named=True)
    assert (england["year"], england["age_band"], england["population"], england["source_row"]) == (
        2024,
        "0-17",
        12183016,
        2,
    )
    assert sorted(frame["code"].to_list()) == ["E06000001", "E06000028", "E06000029", "E12000001", "E92000001"]


@pytest.mark.parametrize(("code", "status"), [("E06000028", "not_available"), ("E06000029", "suppressed")])
def test_markers_become_null_with_a_status(tmp_path: Path, code: str, status: str) -> None:
    row = _dfe(tmp_path).filter(pl.col("code") == code).row(0, named=True)
    assert row["population"] is None and row["status"] == status


def test_inner_london_and_other_age_groups_are_rejected_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / population.DFE_FILE
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    _, account = population.read_dfe_children(path)
    assert account.rejected == {
        "Inner/Outer London sub-region not used": 1,
        "age group not used: Children aged 0 to 4 years": 1,
    }
    assert account.set_missing == {"published as not_available": 1, "published as suppressed": 1}


def test_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        SourceFileError,
        match=r"column 'population_estimate': required column is missing \(found 'population_estimates'",
    ):
        _dfe(tmp_path, header=HEADER.replace("population_estimate", "population_estimates"))


def test_text_in_numeric_column_names_column_and_row(tmp_path: Path) -> None:
    rows = [*ROWS[:3], ROWS[3].replace(",20312", ",twenty")]
    with pytest.raises(SourceFileError, match=r"column 'population_estimate', row 5: 'twenty' is not a number"):
        _dfe(tmp_path, rows)


def test_fractional_population_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"row 5: '20312.5' is not a whole number"):
        _dfe(tmp_path, [*ROWS[:3], ROWS[3].replace(",20312", ",20312.5")])


def test_duplicate_council_year_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E06000001, time_period=2024\) on rows \[5, 6\]"):
        _dfe(tmp_path, [*ROWS[:4], ROWS[3]])


def test_lower_tier_code_in_council_row_is_rejected_not_kept(tmp_path: Path) -> None:
    frame = _dfe(tmp_path, [ROWS[0], ROWS[3].replace("E06000001", "E07000026")])
    assert frame["code"].to_list() == ["E92000001"]


def test_empty_and_wrongly_encoded_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="the file is empty"):
        _dfe(tmp_path, raw=b"")
    latin = ("\n".join([HEADER, ROWS[0], ROWS[3].replace("Hartlepool", "Hartlépool")]) + "\n").encode("latin-1")
    with pytest.raises(SourceFileError, match=r"row 3: not valid utf8"):
        _dfe(tmp_path, raw=latin)


AGES = [str(a) for a in range(90)] + ["90+"]


def _mye(
    tmp_path: Path, rows: list[list[object]], header: list[str] | None = None, sheet: str = population.MYE_SHEET
) -> Path:
    """Title rows, a blank row, the header on spreadsheet row 5, then `rows`."""
    path = tmp_path / "mye.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    ws.write(0, 0, "MYE2: Persons by single year of age")
    ws.write(2, 0, "Some note")
    ws.write_row(4, 0, header or ["Code", "Name", "Geography", "All ages", *AGES])
    for r, row in enumerate(rows, start=5):
        ws.write_row(r, 0, row)
    book.close()
    return path


def _area(code: str, per_age: int = 1) -> list[object]:
    return [code, f"Area {code}", "Geo", per_age * 91, *([per_age] * 91)]


def test_mid2020_sheet_is_summed_into_bands(tmp_path: Path) -> None:
    rows = [
        _area("K02000001"),
        _area("E92000001", 2),
        _area("E12000001"),
        _area("E10000006", 3),
        _area("E07000026"),
        _area("W06000001"),
        [],
    ]
    frame, account = population.read_mid2020(_mye(tmp_path, rows))
    cumbria = {r["age_band"]: r for r in frame.filter(pl.col("code") == "E10000006").iter_rows(named=True)}
    assert {b: r["population"] for b, r in cumbria.items()} == {"all ages": 273, "18-64": 47 * 3, "65+": 26 * 3}
    assert cumbria["all ages"]["source_row"] == 9
    assert sorted(frame["code"].unique().to_list()) == ["E10000006", "E12000001", "E92000001"]
    assert account.read == 6 and account.kept == 3 and account.balanced()
    assert account.rejected["outside England"] == 2


def test_mid2020_header_is_found_by_content_not_position(tmp_path: Path) -> None:
    path = _mye(tmp_path, [_area("E92000001")])
    frame, _ = population.read_mid2020(path)
    assert frame["source_row"].unique().to_list() == [6]


def test_mid2020_missing_age_column_is_named(tmp_path: Path) -> None:
    header = ["Code", "Name", "Geography", "All ages", *AGES[:70], *AGES[71:]]
    with pytest.raises(SourceFileError, match=r"mye.xlsx, column '70'"):
        population.read_mid2020(_mye(tmp_path, [_area("E92000001")[:-1]], header=header))


def test_mid2020_text_in_age_cell_names_column_and_row(tmp_path: Path) -> None:
    row = _area("E10000006")
    row[4 + 40] = "n/a"
    with pytest.raises(SourceFileError, match=r"column '40', row 7: 'n/a' is not a whole number"):
        population.read_mid2020(_mye(tmp_path, [_area("E92000001"), row]))


def test_mid2020_without_header_row_is_an_error(tmp_path: Path) -> None:
    header = ["Area code", "Name", "Geography", "Total", *AGES]
    with pytest.raises(SourceFileError, match="no header row with 'Code' and 'All ages'"):
        population.read_mid2020(_mye(tmp_path, [_area("E92000001")], header=header))


def test_mid2020_missing_sheet_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="cannot read sheet 'MYE2 - Persons'"):
        population.read_mid2020(_mye(tmp_path, [_area("E92000001")], sheet="MYE1"))


def test_mid2020_duplicate_code_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E92000001\) on rows \[6, 7\]"):
        population.read_mid2020(_mye(tmp_path, [_area("E92000001"), _area("E92000001")]))


def test_districts_are_summed_into_a_unitary_council_created_after_mid_2020(tmp_path: Path) -> None:
    rows = [_area("E92000001"), _area("E10000006", 5), _area("E07000026", 2), _area("E07000028", 3), _area("E07000030")]
    successors = pl.DataFrame(
        {
            "district": ["E07000026", "E07000028", "E07000030", "E07000999"],
            "successor": ["E06000063"] * 2 + ["E06000064"] * 2,
        }
    )
    frame, account = population.read_mid2020(_mye(tmp_path, rows), successors)
    cumberland = {r["age_band"]: r for r in frame.filter(pl.col("code") == "E06000063").iter_rows(named=True)}
    assert {b: r["population"] for b, r in cumberland.items()} == {"all ages": 5 * 91, "18-64": 47 * 5, "65+": 26 * 5}
    assert cumberland["65+"]["derived_from"] == "E07000026, E07000028" and cumberland["65+"]["source_row"] is None
    # a successor with only some of its districts in the table gets the sum of those present (E07000999 absent)
    assert frame.filter(pl.col("code") == "E06000064", pl.col("age_band") == "all ages")["population"].item() == 91
    assert account.rejected["district summed into the unitary council that replaced it (not kept on its own)"] == 3
    assert account.balanced() and frame.filter(pl.col("code") == "E92000001")["derived_from"].is_null().all()


def test_a_council_with_its_own_mid_2020_row_is_not_summed_again(tmp_path: Path) -> None:
    rows = [_area("E06000060", 4), _area("E07000004")]
    successors = pl.DataFrame({"district": ["E07000004"], "successor": ["E06000060"]})
    frame, account = population.read_mid2020(_mye(tmp_path, rows), successors)
    assert frame.filter(pl.col("code") == "E06000060", pl.col("age_band") == "all ages")["population"].to_list() == [
        364
    ]
    assert account.rejected["not an upper-tier council (district, metropolitan county or country group)"] == 1
