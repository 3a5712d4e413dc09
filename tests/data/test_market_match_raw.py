"""Provider/market readers against the published raw files, checked with plain csv reads of the same cells."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import asc_provision, cqc, market_panels, ofsted_providers
from accountability.sources.base import SourceOutput

pytestmark = pytest.mark.raw
CODE = r"^E(06|08|09|10)\d{6}$"
NOT_ENGLISH = {"Cardiff", "Conwy", "Newport", "Wrexham", ""}  # Welsh LAs (2025) and one blank name (joiners 2018)


def _rows(path: Path, first: str) -> tuple[list[str], list[list[str]], int]:
    """Header, data rows and header index, found independently of the reader (utf-8, else cp1252)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    header = next(i for i, r in enumerate(rows) if r and r[0].strip() == first)
    names = [" ".join(c.split()).lower() for c in rows[header]]
    return names, rows[header + 1 :], header


@pytest.fixture(scope="module")
def providers(raw_dir: Path) -> SourceOutput:
    return ofsted_providers.read(raw_dir)


def test_every_provider_file_is_read_and_accounts_balance(providers: SourceOutput) -> None:
    # how long reading them takes is measured in benchmarks/prepare.py, not asserted here
    files = {a.file for a in providers.accounts}
    assert set(ofsted_providers.REGISTERS.values()) | set(ofsted_providers.CHANGES.values()) <= files
    for account in providers.accounts:
        unmapped = {k: v for k, v in account.rejected.items() if k.startswith("unmapped")}
        print(account.file, "read", account.read, "kept", account.kept, "unmapped", unmapped)
        assert account.balanced(), account
    assert providers.tables
    for table in providers.tables.values():
        assert table["code"].str.contains(CODE).all()


@pytest.mark.parametrize("year", list(ofsted_providers.REGISTERS))
def test_national_providers_and_places_equal_the_file(raw_dir: Path, providers: SourceOutput, year: int) -> None:
    header, rows, _ = _rows(raw_dir / ofsted_providers.FOLDER / ofsted_providers.REGISTERS[year], "Web link")
    urn, la = header.index("urn"), header.index("local authority")
    english = [r for r in rows if r[urn].strip() and r[la].strip() not in NOT_ENGLISH]
    table = providers.tables["providers"].filter(pl.col("year") == year)
    assert table.height == len(english)
    if "places" in header:
        places = sum(int(r[header.index("places")]) for r in english if r[header.index("places")].strip())
        assert table["places"].sum() == places
    else:
        assert table["places"].null_count() == table.height


def test_sample_cells_equal_the_file(raw_dir: Path, providers: SourceOutput) -> None:
    table = providers.tables["providers"]
    for year in (2016, 2020, 2025):
        path = raw_dir / ofsted_providers.FOLDER / ofsted_providers.REGISTERS[year]
        header, rows, start = _rows(path, "Web link")
        for offset in (0, 100, 1000):
            cells = rows[offset]
            got = table.filter((pl.col("year") == year) & (pl.col("urn") == cells[header.index("urn")])).row(
                0, named=True
            )
            assert got["source_row"] == start + 2 + offset
            assert got["la_name"] == cells[header.index("local authority")].strip()
            assert got["sector"].lower() == cells[header.index("sector")].strip().lower()


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (range(2024, 2026), {"Cumberland": "E06000063", "Westmorland and Furness": "E06000064",
                             "North Yorkshire": "E06000065", "Somerset": "E06000066"}),
        # 31 March 2023 is the last day before the reorganisation: the 2023 file still says Cumbria
        (range(2015, 2024), {"Cumbria": "E10000006", "North Yorkshire": "E10000023", "Somerset": "E10000027"}),
    ],
)  # fmt: skip
def test_reorganised_councils_take_the_codes_of_the_snapshot_date(
    providers: SourceOutput, years: range, expected: dict[str, str]
) -> None:
    table = providers.tables["providers"].filter(pl.col("year").is_in(list(years)))
    pairs = table.filter(pl.col("la_name").is_in(list(expected))).select("la_name", "code").unique()
    assert dict(pairs.iter_rows()) == expected
    assert not table["la_name"].is_in(["Cumbria"] if min(years) >= 2024 else ["Cumberland"]).any()


@pytest.mark.parametrize("year", list(ofsted_providers.CHANGES))
def test_joiners_and_leavers_equal_the_file(raw_dir: Path, providers: SourceOutput, year: int) -> None:
    header, rows, _ = _rows(raw_dir / ofsted_providers.FOLDER / ofsted_providers.CHANGES[year], "URN")
    la, joiner, leaver = (header.index(c) for c in ["local authority", "joiner status", "leaver status"])
    rows = [r for r in rows if r[0].strip() and r[la].strip() not in NOT_ENGLISH]
    expected = Counter(
        {"joined": sum(r[joiner] == "Joiner" for r in rows), "left": sum(r[leaver] == "Leaver" for r in rows)}
    )
    table = providers.tables["provider_changes"].filter(pl.col("year") == year)
    assert Counter(table["change"].cast(pl.String).to_list()) == expected


def test_market_panels_match_raw_cells(raw_dir: Path) -> None:
    out = market_panels.read(raw_dir)
    table = out.tables["market_panel"]
    assert all(a.balanced() for a in out.accounts) and table["code"].str.contains(CODE).all()
    frame = pl.read_csv(raw_dir / market_panels.FOLDER / market_panels.PLACEMENTS, infer_schema=False)
    for code, year, column in [("E06000001", 2011, "per_for_profit"), ("E09000033", 2019, "Private_spend"),
                               ("E10000016", 2021, "per_third_sector")]:  # fmt: skip
        cell = frame.filter((pl.col("New_geog_code") == code) & (pl.col("year") == str(year)))[column][0]
        measure = market_panels.PLACEMENT_MEASURES[column][0]
        got = table.filter((pl.col("code") == code) & (pl.col("year") == year) & (pl.col("measure") == measure))
        assert got["value"][0] == pytest.approx(float(cell))
    panel = pl.read_csv(raw_dir / market_panels.FOLDER / market_panels.PANEL, infer_schema=False)
    cell = panel.filter((pl.col("Local.authority") == "KENT") & (pl.col("year") == "2022"))["Places_Investment_owned"][
        0
    ]
    got = table.filter((pl.col("code") == "E10000016") & (pl.col("year") == 2022))
    assert got.filter(pl.col("measure") == "childrens_home_places_investment_owned")["value"][0] == float(cell)
    for account in out.accounts:
        print(account.file, {k: v for k, v in account.rejected.items() if k.startswith("unmapped")})


def test_asc_provision_matches_raw_cells(raw_dir: Path) -> None:
    out = asc_provision.read(raw_dir)
    table = out.tables["asc_provision"]
    assert all(a.balanced() for a in out.accounts) and table["code"].str.contains(CODE).all()
    path = raw_dir / asc_provision.FOLDER / asc_provision.EXPENDITURE
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp1252"))))
    column = rows[1].index("912 - Devon")
    cell = next(r for r in rows if r[1] == "Age 65 and over" and r[2] == "Total" and r[3] == "Residential"
                and r[4] == "Gross total cost: own provision")[column]  # fmt: skip
    got = table.filter((pl.col("code") == "E10000008") & (pl.col("year") == 2015) & (pl.col("official")))
    assert got.filter((pl.col("setting") == "residential") & (pl.col("provision") == "in_house"))["value"][0] == float(
        cell
    )
    series = pl.read_csv(raw_dir / asc_provision.FOLDER / asc_provision.SERIES, infer_schema=False)
    leeds = (pl.col("DH_GEOGRAPHY_NAME") == "Leeds") & (pl.col("year") == "2023")
    cell = series.filter(
        leeds & (pl.col("SupportSetting") == "Residential") & (pl.col("ActivityProvision") == "External")
    )
    got = table.filter((pl.col("code") == "E08000035") & (pl.col("year") == 2023) & ~pl.col("official"))
    value = got.filter((pl.col("setting") == "residential") & (pl.col("provision") == "external"))["value"][0]
    assert value == float(cell["ITEMVALUE"][0])


def test_cqc_fixture_is_four_councils_labelled_fixture(raw_dir: Path) -> None:
    out = cqc.read(raw_dir)
    table = out.tables["adult_providers"]
    assert sorted(table["code"].unique()) == ["E06000026", "E06000027", "E10000008", "E10000027"]
    assert table["fixture"].all() and out.accounts[0].balanced() and table.height == 728
