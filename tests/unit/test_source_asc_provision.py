"""Adult in-house vs external provision reader on tiny CSVs in the published layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import asc_provision as asc
from accountability.sources.base import RowAccount, SourceFileError

EXP_LABELS = "Support type,Age category,Summary,Delivery mechanism,Accounting category"
ACT_HEADER = ("UUID,Council Code,Council Name,Care Type,Activity Provision,Age Bands,Primary support reason,"
              "Long Term Support Setting,Short Term Purpose,Data Type,Value,Notes")  # fmt: skip
SERIES_HEADER = '"","percent_sector","SupportSetting","DH_GEOGRAPHY_NAME","ActivityProvision","ITEMVALUE","year"'


def councils() -> pl.DataFrame:
    rows = [
        ("E10000006", "Cumbria", [], "102", None, date(2023, 4, 1)),
        ("E06000028", "Bournemouth", [], None, None, date(2019, 4, 1)),
        ("E06000035", "Medway", [], "821", None, None),
        ("E10000023", "North Yorkshire", [], "218", None, date(2023, 4, 1)),
        ("E06000065", "North Yorkshire", [], "218", date(2023, 4, 1), None),
    ]
    schema = {"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String), "cassr_code": pl.String,
              "valid_from": pl.Date, "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def expenditure(tmp_path: Path, own: str = "10.5") -> Path:
    lines = [
        ",,,,,NW,SW",
        f"{EXP_LABELS},102 - Cumbria,810 - Bournemouth",
        f"Long term,Age 65 and over,Total,Residential,Gross total cost: own provision,{own},:",
        "Long term,Age 65 and over,Total,Residential,Gross total cost: provision by others,20,30",
        "Long term,Age 65 and over,Total,Nursing,Gross total cost: provision by others,5,6",
        "Long term,Age 18 to 64,Total,Residential,Gross total cost: own provision,1,2",
        ",,,,,,",
        "Data are presented in £000's,,,,,,",
    ]
    return write(tmp_path, asc.EXPENDITURE, "\n".join(lines) + "\n")


def test_expenditure_wide_to_long_with_cassr_then_name(tmp_path: Path) -> None:
    accounts: list[RowAccount] = []
    frame = asc.read_expenditure(expenditure(tmp_path), councils(), accounts)
    got = {(r["code"], r["setting"], r["provision"]): (r["value"], r["status"]) for r in frame.iter_rows(named=True)}
    assert got[("E10000006", "residential", "in_house")] == (10.5, "published")
    assert got[("E06000028", "residential", "in_house")] == (None, "not_available")  # ':' marker
    assert got[("E06000028", "nursing", "external")] == (6.0, "published")
    assert frame["source_row"].min() == 3 and set(frame["unit"]) == {"GBP thousand"} and frame["official"].all()
    account = accounts[0]
    assert account.kept == 3 and account.rejected["note or blank row"] == 2 and account.balanced()


def test_expenditure_text_value_names_column_and_row(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'value', row 3: 'ten'"):
        asc.read_expenditure(expenditure(tmp_path, own="ten"), councils(), [])


def test_expenditure_missing_label_column(tmp_path: Path) -> None:
    path = write(tmp_path, asc.EXPENDITURE, ",,\nSupport type,Age,Summary\nLong term,x,y\n")
    with pytest.raises(SourceFileError, match=r"column 'Age category': required column is missing"):
        asc.read_expenditure(path, councils(), [])


def test_activity_keeps_65_plus_residential_and_nursing_by_reason(tmp_path: Path) -> None:
    lines = [
        ACT_HEADER,
        "1,102,Cumbria,Long term,In house,Age 65 and over,Physical support,Residential,-,Mandatory,24214,",
        "2,102,Cumbria,Long term,External,Age 65 and over,Physical support,Nursing,-,Mandatory,5,",
        "3,102,Cumbria,Long term,External,Age 18 to 64,Physical support,Nursing,-,Mandatory,5,",
        "4,102,Cumbria,Short term,External,Age 65 and over,Physical support,-,To maximise independence,Voluntary,,",
    ]
    accounts: list[RowAccount] = []
    frame = asc.read_activity(write(tmp_path, asc.ACTIVITY, "\n".join(lines) + "\n"), councils(), accounts)
    got = sorted(frame.select("setting", "provision", "value").rows())
    assert got == [("nursing", "external", 5.0), ("residential", "in_house", 24214.0)]
    assert set(frame["support_reason"]) == {"Physical support"}
    assert set(frame["period"]) == {"2015-16"} and accounts[0].balanced() and accounts[0].kept == 2


def test_activity_duplicate_key(tmp_path: Path) -> None:
    line = "1,102,Cumbria,Long term,In house,Age 65 and over,Physical support,Residential,-,Mandatory,1,"
    path = write(tmp_path, asc.ACTIVITY, "\n".join([ACT_HEADER, line, line]) + "\n")
    with pytest.raises(SourceFileError, match=r"duplicate key .* on rows \[2, 3\]"):
        asc.read_activity(path, councils(), [])


def test_series_uses_residential_and_nursing_only_and_maps_messy_names(tmp_path: Path) -> None:
    lines = [
        SERIES_HEADER,
        '"1",30,"Residential","102-Cumbria","In House",100,2010',
        '"2",70,"Residential","Medway%20Towns%20UA","External",NA,2010',
        '"3",50,"","Medway","External",9,2020',
        '"4",50,"Home care","Medway","External",9,2010',
        '"5",100,"Nursing","Medway","99",9,2020',
        '"6",100,"Nursing","ENGLAND","External",9,2020',
        '"7",100,"Nursing","North Yorkshire","External",9,2024',
        '"8",100,"Nursing","Cheshire","External",9,2008',
        '"9",100,"Nursing","NA","External",9,2017',
    ]
    accounts: list[RowAccount] = []
    frame = asc.read_series(write(tmp_path, asc.SERIES, "\n".join(lines) + "\n"), councils(), accounts)
    got = {(r["code"], r["year"]): (r["value"], r["status"], r["period"]) for r in frame.iter_rows(named=True)}
    assert got == {
        ("E10000006", 2010): (100.0, "published", "2009-10"),
        ("E06000035", 2010): (None, "missing", "2009-10"),
        ("E06000065", 2024): (9.0, "published", "2023-24"),
    }
    assert not frame["official"].any()
    account = accounts[0]
    assert account.rejected["unmapped local authority name: Cheshire"] == 1
    assert account.rejected["setting not used: Home care (not weeks of care)"] == 1
    assert account.rejected["no area name (NA in the compilation)"] == 1
    assert account.balanced() and account.kept == 3
    assert "not official statistics" in asc.ACTIVITY_CAVEATS


def test_series_wrong_encoding_and_empty(tmp_path: Path) -> None:
    path = tmp_path / asc.SERIES
    path.write_bytes(SERIES_HEADER.encode() + b'\n"1",1,"Residential","Ynys M\xf4n","External",1,2010\n')
    with pytest.raises(SourceFileError, match=r"activity_keep_all\.csv, row 2: not valid utf8"):
        asc.read_series(path, councils(), [])
    path.write_text("")
    with pytest.raises(SourceFileError, match="the file is empty"):
        asc.read_series(path, councils(), [])
