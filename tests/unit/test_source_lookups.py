"""The council table from tiny hand-built lookups in the published layouts, and the reorganisation table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from accountability.codes import COUNCIL_CODE
from accountability.sources import lookups, reorganisations
from accountability.sources.base import SourceFileError
from accountability.sources.reorganisations import Change

LTLA23 = """LTLA23CD,LTLA23NM,LTLA23NMW,UTLA23CD,UTLA23NM,UTLA23NMW,ObjectId
E06000023,"Bristol, City of",,E06000023,"Bristol, City of",,1
E07000026,Allerdale,,E06000063,Cumberland,,2
E07000027,Barrow-in-Furness,,E06000064,Westmorland and Furness,,3
E08000016,Barnsley,,E08000016,Barnsley,,4
W06000001,Isle of Anglesey,Ynys Môn,W06000001,Isle of Anglesey,Ynys Môn,5
"""
RECORDS = [
    {
        "FID": "1",
        "LTLA21CD": "E06000023",
        "LTLA21NM": "Bristol, City of",
        "UTLA21CD": "E06000023",
        "UTLA21NM": "Bristol, City of",
    },
    {"FID": "2", "LTLA21CD": "E07000026", "LTLA21NM": "Allerdale", "UTLA21CD": "E10000006", "UTLA21NM": "Cumbria"},
    {
        "FID": "3",
        "LTLA21CD": "W06000001",
        "LTLA21NM": "Isle of Anglesey",
        "UTLA21CD": "W06000001",
        "UTLA21NM": "Isle of Anglesey",
    },
]
PROVIDER = """urn,la_code,la_code_new,local_authority_ons_name,region_code
1,801,E06000023,"Bristol, City of",SW
2,942,E06000063,Cumberland,NW
3,943,E06000064,Westmorland and Furness,NW
4,909,E10000006,Cumbria,NW
5,370,E08000038,Barnsley,YH
"""
DFE_COLUMNS = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
    "region_name", "old_la_code", "new_la_code", "la_name", "age_group", "population_estimate",
]  # fmt: skip


def _dfe_row(level: str, region: str, dfe: str, code: str, name: str, year: str = "2022") -> str:
    cells = [year, "Reporting year", level, "E92000001", "England", region, "", dfe, code, name, "Children", "10"]
    return ",".join(cells)


DFE_POP = "\n".join(
    [
        ",".join(DFE_COLUMNS),
        _dfe_row("National", "", "", "", ""),
        _dfe_row("Local authority", "E12000002", "909", "E10000006", "Cumbria"),
        _dfe_row("Local authority", "E12000002", "942", "E06000063", "Cumberland", year="2023"),
        "",  # published files end with a line break (a file without one is refused as possibly cut short)
    ]
)
SN2025 = """old_la_code,la_name,region_ind,region_name,SN_1,SN_1P
801,"Bristol, City of",7,South West,942,Close
370,Barnsley,9,Yorkshire and The Humber,801,Close
"""
ONS_CODES = """Geography,Council type,Council region,LA Code ,ONS Area Code
England,,,,E92000001
North West,,North West,NW,E12000002
Cumberland ,Unitary Authority,North West,H6X4G,E06000063
Westmorland and Furness,Unitary Authority,North West,W8X1Q,E06000064
Yorkshire and the Humber,,Yorkshire and The Humber,YH,E12000003
Barnsley,Metropolitan District,Yorkshire and The Humber,204,E08000016
South West,,South West,SW,E12000009
"Bristol, City of River Avon",Unitary Authority,South West,909,E06000023
"""
ASCOF_ROWS = [
    ["Geographical Code", "Geographical Description", "Geographical Level", "ONS Code"],
    ["102", "Cumbria", "Council", "E10000006"],
    ["NW", "North West", "Region", "E12000002"],
]
TEST_CHANGES = [
    Change(
        "E10000006", "E06000063", date(2023, 4, 1), "The Cumbria (Structural Changes) Order 2022", "structural change"
    ),
    Change(
        "E10000006", "E06000064", date(2023, 4, 1), "The Cumbria (Structural Changes) Order 2022", "structural change"
    ),
    Change(
        "E08000016",
        "E08000038",
        date(2025, 4, 1),
        "The Barnsley and Sheffield (Boundary Change) Order 2024",
        "boundary change",
    ),
]


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("in")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()


def write_raw(root: Path, **replace: str | bytes) -> Path:
    """A tiny raw folder in the published layouts; `replace` swaps one file's content by name."""
    files: dict[str, str | bytes] = {
        "lookups/LTLA-UTLA_Apr23_Lookup_England-Wales.csv": LTLA23,
        "lookups/records.json": json.dumps(RECORDS),
        "lookups/Provider_data_lookup.csv": PROVIDER,
        "lookups/sn_model_2025_wide.csv": SN2025,
        "population/ons_mid-year_population_estimates_2012_to_2024.csv": DFE_POP,
        "ascof-trend/ons_codes.csv": ONS_CODES,
    }
    for name, content in files.items():
        content = replace.get(Path(name).name, content)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (root / "ascof-2020-21").mkdir(exist_ok=True)
    _write_xlsx(root / "ascof-2020-21" / lookups.ASCOF_2021, ASCOF_ROWS)
    return root


@pytest.fixture
def small_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reorganisations, "CHANGES", TEST_CHANGES)


def _council(frame: pl.DataFrame, code: str) -> dict[str, object]:
    return frame.filter(pl.col("code") == code).row(0, named=True)


@pytest.mark.usefixtures("small_changes")
def test_councils_are_built_from_every_lookup(tmp_path: Path) -> None:
    out = lookups.read(write_raw(tmp_path))
    councils = out.tables["councils"]
    assert councils["code"].to_list() == ["E06000023", "E06000063", "E06000064", "E08000016", "E08000038", "E10000006"]
    bristol = _council(councils, "E06000023")
    assert bristol["name"] == "Bristol"
    assert bristol["aliases"] == ["Bristol, City of"]
    assert (bristol["region_code"], bristol["region"]) == ("E12000009", "South West")
    assert (bristol["dfe_la_code"], bristol["cassr_code"]) == ("801", "909")
    assert bristol["council_type"] == "Unitary authority"
    assert all(a.balanced() for a in out.accounts)


@pytest.mark.usefixtures("small_changes")
def test_cumbria_links_to_its_successors_and_back(tmp_path: Path) -> None:
    councils = lookups.read(write_raw(tmp_path)).tables["councils"]
    cumbria = _council(councils, "E10000006")
    assert cumbria["successors"] == ["E06000063", "E06000064"]
    assert cumbria["valid_to"] == date(2023, 4, 1)
    assert (cumbria["council_type"], cumbria["cassr_code"], cumbria["dfe_la_code"]) == ("County council", "102", "909")
    for code in ["E06000063", "E06000064"]:
        successor = _council(councils, code)
        assert successor["predecessors"] == ["E10000006"]
        assert successor["valid_from"] == date(2023, 4, 1)
        assert successor["valid_to"] is None


@pytest.mark.usefixtures("small_changes")
def test_a_code_only_change_carries_codes_and_region_across(tmp_path: Path) -> None:
    councils = lookups.read(write_raw(tmp_path)).tables["councils"]
    old, new = _council(councils, "E08000016"), _council(councils, "E08000038")
    assert old["dfe_la_code"] == new["dfe_la_code"] == "370"
    assert old["cassr_code"] == new["cassr_code"] == "204"
    assert old["region"] == new["region"] == "Yorkshire and The Humber"


@pytest.mark.usefixtures("small_changes")
def test_council_code_map_reads_dfe_codes_at_a_date(tmp_path: Path) -> None:
    councils = lookups.read(write_raw(tmp_path)).tables["councils"]
    before = dict(lookups.council_code_map(councils, date(2022, 4, 1)).iter_rows())
    after = dict(lookups.council_code_map(councils, date(2025, 4, 1)).iter_rows())
    assert before["909"] == "E10000006" and "942" not in before
    assert after["942"] == "E06000063" and "909" not in after
    assert before["370"] == "E08000016" and after["370"] == "E08000038"


@pytest.mark.usefixtures("small_changes")
def test_renamed_column_is_named_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError) as err:
        lookups.read(
            write_raw(
                tmp_path, **{"LTLA-UTLA_Apr23_Lookup_England-Wales.csv": LTLA23.replace("UTLA23NM,", "UTLA23NAME,", 1)}
            )
        )
    message = str(err.value)
    assert "LTLA-UTLA_Apr23_Lookup_England-Wales.csv" in message
    assert "column 'UTLA23NM'" in message and "was it renamed?" in message


@pytest.mark.usefixtures("small_changes")
def test_missing_column_in_records_is_named(tmp_path: Path) -> None:
    records = [{k: v for k, v in r.items() if k != "UTLA21NM"} for r in RECORDS]
    with pytest.raises(SourceFileError, match=r"records.json, column 'UTLA21NM'"):
        lookups.read(write_raw(tmp_path, **{"records.json": json.dumps(records)}))


@pytest.mark.usefixtures("small_changes")
def test_broken_json_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"records.json: not valid JSON"):
        lookups.read(write_raw(tmp_path, **{"records.json": '[{"FID": "1",'}))


@pytest.mark.usefixtures("small_changes")
def test_empty_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"Provider_data_lookup.csv: the file is empty"):
        lookups.read(write_raw(tmp_path, **{"Provider_data_lookup.csv": ""}))


@pytest.mark.usefixtures("small_changes")
def test_wrong_encoding_names_file_and_line(tmp_path: Path) -> None:
    latin = LTLA23.encode("utf-8").replace("Ynys Môn".encode(), "Ynys Môn".encode("latin-1"))
    with pytest.raises(SourceFileError, match=r"LTLA-UTLA_Apr23_Lookup_England-Wales.csv, row 6: not valid utf8"):
        lookups.read(write_raw(tmp_path, **{"LTLA-UTLA_Apr23_Lookup_England-Wales.csv": latin}))


@pytest.mark.usefixtures("small_changes")
def test_conflicting_dfe_codes_for_one_council_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"E10000006 has conflicting dfe_la_codes \['908', '909'\]"):
        lookups.read(write_raw(tmp_path, **{"Provider_data_lookup.csv": PROVIDER.replace("4,909,", "4,908,")}))


@pytest.mark.usefixtures("small_changes")
def test_non_council_code_in_dfe_population_names_column_and_row(tmp_path: Path) -> None:
    bad = DFE_POP.replace("942,E06000063", "942,E07000026")
    with pytest.raises(SourceFileError, match=r"column 'new_la_code', row 4"):
        lookups.read(write_raw(tmp_path, **{"ons_mid-year_population_estimates_2012_to_2024.csv": bad}))


@pytest.mark.usefixtures("small_changes")
def test_unknown_region_name_names_column_and_row(tmp_path: Path) -> None:
    bad = ONS_CODES.replace("Metropolitan District,Yorkshire and The Humber", "Metropolitan District,Yorkshire")
    with pytest.raises(SourceFileError, match=r"ons_codes.csv, column 'Council region', row 7"):
        lookups.read(write_raw(tmp_path, **{"ons_codes.csv": bad}))


def test_reorganisation_table_links_cumbria_both_ways() -> None:
    validity = reorganisations.validity_frame()
    cumbria = validity.filter(pl.col("code") == "E10000006").row(0, named=True)
    assert cumbria["successors"] == ["E06000063", "E06000064"]
    for code in cumbria["successors"]:
        assert validity.filter(pl.col("code") == code)["predecessors"].to_list() == [["E10000006"]]


def test_every_change_cites_an_order_and_codes_are_councils() -> None:
    changes = reorganisations.changes_frame()
    assert changes["order"].str.contains(r"^The .+ Order 20\d\d$").all()
    assert changes["predecessor"].str.contains(COUNCIL_CODE).all()
    assert changes["successor"].str.contains(COUNCIL_CODE).all()
    assert changes.filter(pl.col("on").dt.day() != 1).height == 0
