"""The committed places and postcode districts against the published files, read with plain csv."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.sources import places, postcodes

pytestmark = pytest.mark.raw


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> dict[str, pl.DataFrame]:
    return {name: store.read_table(store_dir, name) for name in ("councils", "places", "postcode_districts")}


@pytest.fixture(scope="module")
def postcode_rows(raw_dir: Path) -> list[dict[str, str]]:
    return _csv(raw_dir / postcodes.FOLDER / postcodes.FILE)


def test_every_current_district_leads_to_the_county_ons_gives(raw_dir: Path, tables: dict[str, pl.DataFrame]) -> None:
    published = [
        r
        for r in _csv(raw_dir / places.FOLDER / places.DISTRICTS)
        if r["LADCD"].startswith("E07") and r["Current"] == "TRUE"
    ]
    assert len(published) > 150  # 164 lower-tier districts in 2025
    districts = tables["places"].filter(pl.col("relation") == "district")
    stored = set(zip(districts["via_code"], districts["code"], strict=True))
    assert {(r["LADCD"], r["UTLACD"]) for r in published} <= stored


def test_every_current_council_has_its_official_name(tables: dict[str, pl.DataFrame]) -> None:
    current = tables["councils"].filter(pl.col("valid_to").is_null())["code"]
    official = tables["places"].filter((pl.col("relation") == "council") & (pl.col("name_source") == "official_name"))
    assert current.len() == 153
    assert set(current.to_list()) <= set(official["code"].to_list())


@pytest.mark.parametrize(
    ("name", "code", "relation"),
    [
        ("Exeter", "E10000008", "district"),  # Devon
        ("Cheltenham", "E10000013", "district"),  # Gloucestershire
        ("Harrogate", "E06000065", "former_district"),  # North Yorkshire since April 2023
        ("Allerdale", "E06000063", "former_district"),  # Cumberland
        ("Kent County Council", "E10000016", "council"),
        ("Northallerton", "E06000065", "town"),
    ],
)
def test_places_people_type(tables: dict[str, pl.DataFrame], name: str, code: str, relation: str) -> None:
    rows = tables["places"].filter(pl.col("name") == name)
    assert (code, relation) in set(zip(rows["code"], rows["relation"].cast(pl.String), strict=True))


def test_postcode_districts_carry_the_published_cells(
    tables: dict[str, pl.DataFrame], postcode_rows: list[dict[str, str]]
) -> None:
    stored = tables["postcode_districts"]
    assert stored.height > 2_000
    for row in stored.sample(50, seed=11).iter_rows(named=True):
        published = postcode_rows[row["source_row"] - 2]  # line 1 is the header
        assert published["Postcode"] == row["postcode_district"]
        assert int(published["Active postcodes"]) == row["active_postcodes"]
        assert (published["Post Town"] or None) == row["post_town"]
        assert published["UK region"] in postcodes.ENGLISH_REGIONS


@pytest.mark.parametrize(
    ("district", "code"),
    [("EX4", "E10000008"), ("HG1", "E06000065"), ("GL50", "E10000013"), ("LE67", "E10000018"), ("CA1", "E06000063")],
)
def test_postcode_districts_people_type(tables: dict[str, pl.DataFrame], district: str, code: str) -> None:
    row = tables["postcode_districts"].filter(pl.col("postcode_district") == district)
    assert row["code"].to_list() == [code]


def test_every_english_district_in_use_is_placed_or_its_loss_accounted(
    tables: dict[str, pl.DataFrame], postcode_rows: list[dict[str, str]], store_dir: Path
) -> None:
    in_use = [
        r for r in postcode_rows if r["UK region"] in postcodes.ENGLISH_REGIONS and int(r["Active postcodes"] or 0) > 0
    ]
    accounts = store.read_table(store_dir, "row_accounts").filter(pl.col("file") == postcodes.FILE)
    unplaced = int(
        accounts.filter(pl.col("outcome") == "rejected", pl.col("reason").str.starts_with("centre"))["rows"].sum()
    )
    assert len(in_use) == tables["postcode_districts"].height + unplaced
