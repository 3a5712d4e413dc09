"""Ofsted provider-level reader on tiny hand-built CSVs in the published layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import ofsted_providers as op
from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceFileError

TITLE = "Children's social care data in England 2024 – Provider level\nNotes row,,\n,,\n"
HEADER_2024 = ("Web link,URN,Provision type,Registration status,Local authority,Sector,Places,"
               "Organisation which owns the provider,Latest full inspection date,"
               "Overall experiences and progress of children and young people\n")  # fmt: skip
HEADER_2015 = "Web link,URN,Provision type,Reg Status,Local authority,Sector,Inspection Date,Overall effectiveness\n"
JOINERS = ("URN,Provision type,Local authority,Sector,Places,Registration date,Date closed,Joiner status,"
           "Leaver status\n")  # fmt: skip


def councils() -> pl.DataFrame:
    rows = [
        ("E10000023", "North Yorkshire", [], None, date(2023, 4, 1)),
        ("E06000065", "North Yorkshire", [], date(2023, 4, 1), None),
        ("E10000006", "Cumbria", [], None, date(2023, 4, 1)),
        ("E06000063", "Cumberland", [], date(2023, 4, 1), None),
        ("E06000058", "Bournemouth, Christchurch and Poole", [], date(2019, 4, 1), None),
        ("E08000013", "St. Helens", ["St Helens"], None, None),
        ("E06000010", "Kingston upon Hull", ["Kingston upon Hull, City of"], None, None),
    ]
    schema = {"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String), "valid_from": pl.Date,
              "valid_to": pl.Date}  # fmt: skip
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(cassr_code=pl.lit(None, pl.String))


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def row_2024(urn: str, la: str, sector: str = "Private", places: str = "4", grade: str = "Good") -> str:
    return f"Webpage,{urn},Children's Home,Active,{la},{sector},{places},Owner Ltd,01/02/2024,{grade}\n"


def register(tmp_path: Path, year: int, body: str, encoding: str = "utf-8") -> tuple[pl.DataFrame, RowAccount]:
    write(tmp_path, op.REGISTERS[year], body, encoding)
    accounts: list[RowAccount] = []
    frame = op.read_register(tmp_path, year, councils(), accounts)
    return frame, accounts[0]


def test_happy_path_header_found_by_scanning_and_codes_by_date(tmp_path: Path) -> None:
    body = TITLE + HEADER_2024 + row_2024("SC1", "North Yorkshire") + row_2024("SC2", "Cumberland", "Local Authority")
    frame, account = register(tmp_path, 2024, body + ",,,,,,,,,\n")
    assert frame.sort("urn")["code"].to_list() == ["E06000065", "E06000063"]
    first = frame.sort("urn").row(0, named=True)
    assert first["source_row"] == 5 and first["places"] == 4 and first["latest_judgement"] == "Good"
    assert first["provision_type"] == "Children's home" and first["latest_inspection_date"] == date(2024, 2, 1)
    assert frame.sort("urn")["sector"].to_list() == ["Private", "Local authority"]
    assert account.read == 3 and account.kept == 2 and account.rejected["blank row (no URN)"] == 1
    assert account.balanced()


def test_pre_2023_names_take_old_codes_and_cp1252_is_read(tmp_path: Path) -> None:
    body = HEADER_2015 + "x,SC1,Children's home,Active,North Yorkshire,Private,01/02/2014,Requires Improvement\n"
    body += "x,SC2,Children's home,Active,Cumbria,Voluntary,,Adequate\n"
    body += "x,SC3,Children's home,Active,Kingston upon Hull,Private,,\n"
    body += "x,SC4,Children's home,Active,Ynys Môn,Private,,\n"
    frame, account = register(tmp_path, 2015, body, encoding="cp1252")
    assert dict(zip(frame["urn"], frame["code"], strict=True)) == {
        "SC1": "E10000023", "SC2": "E10000006", "SC3": "E06000010"}  # fmt: skip
    assert frame.filter(pl.col("urn") == "SC1")["latest_judgement"].to_list() == ["Requires improvement to be good"]
    old = frame.filter(pl.col("urn") == "SC2").row(0, named=True)
    assert old["latest_judgement"] is None and old["latest_judgement_published"] == "Adequate"
    assert account.rejected["unmapped local authority name: Ynys Môn"] == 1
    assert account.set_missing["no Places column in this year's file"] == 3
    assert account.balanced()


def test_missing_column_names_the_canonical_column(tmp_path: Path) -> None:
    body = TITLE + HEADER_2024.replace(",Sector,", ",Sectr,") + row_2024("SC1", "Cumberland")
    with pytest.raises(SourceFileError, match=r"provider_at_march_2024.csv, column 'sector'"):
        register(tmp_path, 2024, body)


def test_renamed_judgement_column_is_matched_through_the_synonym_table(tmp_path: Path) -> None:
    header = HEADER_2024.replace("Overall experiences", "Latest full inspection overall experiences")
    header = header.replace("Latest full inspection date", "\n Latest  full inspection date")
    frame, _ = register(tmp_path, 2024, TITLE + header.replace("\n Latest", '"\n Latest').replace(
        "inspection date,", 'inspection date",') + row_2024("SC1", "Cumberland"))  # fmt: skip
    assert frame["latest_judgement"].to_list() == ["Good"]
    assert frame["source_row"].to_list() == [5]


def test_text_in_places_names_column_and_row(tmp_path: Path) -> None:
    body = TITLE + HEADER_2024 + row_2024("SC1", "Cumberland") + row_2024("SC2", "Cumberland", places="four")
    with pytest.raises(SourceFileError, match=r"column 'Places', row 6: 'four' is not a whole number"):
        register(tmp_path, 2024, body)


def test_unknown_sector_and_judgement_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'Sector', row 5: unknown sector 'Mutual'"):
        register(tmp_path, 2024, TITLE + HEADER_2024 + row_2024("SC1", "Cumberland", sector="Mutual"))
    with pytest.raises(SourceFileError, match=r"row 5: unknown judgement 'Great'"):
        register(tmp_path, 2024, TITLE + HEADER_2024 + row_2024("SC1", "Cumberland", grade="Great"))


def test_duplicate_urn_empty_file_and_missing_header(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"duplicate key \(urn=SC1\) on rows \[5, 6\]"):
        register(tmp_path, 2024, TITLE + HEADER_2024 + row_2024("SC1", "Cumberland") * 2)
    with pytest.raises(SourceFileError, match="the file is empty"):
        register(tmp_path, 2024, "")
    with pytest.raises(SourceFileError, match="no row starts with 'Web link'"):
        register(tmp_path, 2024, TITLE)


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "")
    path.write_bytes(b"URN\n\x81\x8d\x90\n")
    with pytest.raises(SourceFileError, match=r"bad.csv: not valid text"):
        names.decode(path)


def test_joiners_and_leavers_one_row_per_change(tmp_path: Path) -> None:
    body = "Title row,,\n,,\n,,\n" + JOINERS
    body += "SC1,Children's home,St Helens,Private,3,01/05/2021,,Joiner,\n"
    body += "SC2,Children's home,Cumbria,Voluntary,NULL,01/05/2010,31/10/2022,,Leaver\n"
    body += "SC3,Children's home,Cumbria,Private,2,01/05/2021,01/03/2023,Joiner,Leaver\n"
    body += "SC4,Children's home,Cumbria,Private,2,01/05/2021,,,\n"
    path = write(tmp_path, "joiners_leavers_23.csv", body, "cp1252")
    accounts: list[RowAccount] = []
    frame = op.read_changes(path, 2023, councils(), accounts)
    got = sorted(zip(frame["urn"], frame["change"], frame["code"], frame["date"], strict=True))
    assert got == [
        ("SC1", "joined", "E08000013", date(2021, 5, 1)),
        ("SC2", "left", "E10000006", date(2022, 10, 31)),
        ("SC3", "joined", "E10000006", date(2021, 5, 1)),
        ("SC3", "left", "E10000006", date(2023, 3, 1)),
    ]
    account = accounts[0]
    assert account.kept == 3 and account.rejected["neither a joiner nor a leaver"] == 1 and account.balanced()
    assert frame.filter(pl.col("urn") == "SC2")["places"].to_list() == [None]


def test_joiners_bad_status_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "joiners_leavers_20.csv", JOINERS + "SC1,Children's home,Cumbria,Private,3,,,Maybe,\n")
    with pytest.raises(SourceFileError, match=r"column 'joiner_status', row 2: unexpected status 'Maybe'"):
        op.read_changes(path, 2020, councils(), [])


def test_name_key_normalisation() -> None:
    frame = pl.DataFrame({"n": ["Bournemouth, Christchurch & Poole", "STOCKTON ON TEES", "Bristol City of",
                                "Isle of Wight Council", "102-Cumbria", "Medway%20Towns%20UA"]})  # fmt: skip
    keys = frame.select(names.name_key(pl.col("n")))["n"].to_list()
    assert keys == ["bournemouth christchurch and poole", "stockton on tees", "bristol", "isle of wight", "cumbria",
                    "medway"]  # fmt: skip
