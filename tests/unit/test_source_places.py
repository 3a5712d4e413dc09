"""Places and postcode districts from tiny hand-built files in the published layouts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.prepare import validate
from accountability.sources import places, postcodes
from accountability.sources.base import SourceFileError

DISTRICTS = """LADCD,LADNM,LADCD_ACTIVE,LADNM_ACTIVE,UTLACD,UTLANM,RGNCD,Current
E07000041,Exeter,E07000041,Exeter,E10000008,Devon,E12000009,TRUE
E07000165,Harrogate,E06000065,North Yorkshire,E06000065,North Yorkshire,E12000003,FALSE
E06000001,Hartlepool,E06000001,Hartlepool,E06000001,Hartlepool,E12000001,TRUE
W06000001,Isle of Anglesey,W06000001,Isle of Anglesey,W06000001,Isle of Anglesey,W92000004,TRUE
"""
REGISTER_COLUMNS = "local-authority-code,official-name,nice-name,gss-code,end-date,nation,alt-names"
REGISTER = f"""{REGISTER_COLUMNS}
DEV,Devon County Council,Devon,E10000008,,England,"Devon,devon,devon county council"
EXE,Exeter City Council,Exeter,E07000041,,England,Exeter
HAG,Harrogate Borough Council,Harrogate,E07000165,2023-03-31,England,Harrogate
NYK,North Yorkshire County Council,North Yorkshire,E10000023,2023-04-01,England,
NYE,North Yorkshire Council,North Yorkshire,E06000065,,England,
BNS,Barnsley Metropolitan Borough Council,Barnsley,E08000016,,England,
AGY,Isle of Anglesey County Council,Isle of Anglesey,W06000001,,Wales,
WMCA,West Midlands Combined Authority,West Midlands,E47000007,,England,
"""
VARIANTS = """la-name,local-authority-code
Exeter City Council,EXE
Devon County,DEV
Atlantis Council,ZZZ
Ynys Môn,AGY
"""
POSTCODE_COLUMNS = (
    "Postcode,Latitude,Longitude,Easting,Northing,Grid Reference,Town/Area,Region,Postcodes,Active postcodes,"
    "Population,Households,Nearby districts,UK region,Post Town"
)
POSTCODES = f"""{POSTCODE_COLUMNS}
EX4,50.5,-3.5,0,0,X,Exwick,Exeter,2000,1500,,,,South West,Exeter
EX5,50.5,-3.4,0,0,X,Broadclyst,Exeter,900,600,,,,South West,"Exeter, Crediton"
HG1,54.5,-1.5,0,0,X,Harrogate,Harrogate,1000,900,,,,Yorkshire and The Humber,Harrogate
EX39,51.5,-5.5,0,0,X,Lundy,Devon,10,5,,,,South West,Crediton
XX1,51.5,-5.5,0,0,X,Nowhere,Atlantis,10,5,,,,South West,Nowhere
EX99,50.5,-3.5,0,0,X,Old,Exeter,10,0,,,,South West,
CF10,51.5,-3.2,0,0,X,Cardiff,Cardiff,10,10,,,,Wales,Cardiff
BF1,,,,,,British Forces,British Forces,48,48,,,,,BFPO
"""


def _topology() -> dict[str, object]:
    """Devon: lon -4..-3, lat 50..51; North Yorkshire: lon -2..-1, lat 54..55 (no transform: plain lon/lat)."""
    arcs = [
        [[-4, 50], [-3, 50], [-3, 51], [-4, 51], [-4, 50]],
        [[-2, 54], [-1, 54], [-1, 55], [-2, 55], [-2, 54]],
    ]
    features = [
        {"type": "Polygon", "arcs": [[0]], "properties": {"AREACD": "E10000008", "AREANM": "Devon"}},
        {"type": "Polygon", "arcs": [[1]], "properties": {"AREACD": "E06000065", "AREANM": "North Yorkshire"}},
    ]
    return {"type": "Topology", "objects": {"x": {"type": "GeometryCollection", "geometries": features}}, "arcs": arcs}


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / places.FOLDER
    folder.mkdir()
    (folder / places.DISTRICTS).write_text(DISTRICTS, encoding="utf-8")
    (folder / places.REGISTER).write_text(REGISTER, encoding="utf-8")
    (folder / places.VARIANTS).write_text(VARIANTS, encoding="utf-8")
    (tmp_path / postcodes.FOLDER).mkdir()
    (tmp_path / postcodes.FOLDER / postcodes.FILE).write_text(POSTCODES, encoding="utf-8")
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "boundaries" / postcodes.BOUNDARIES).write_text(json.dumps(_topology()), encoding="utf-8")
    return tmp_path


def _row(frame: pl.DataFrame, name: str, code: str) -> dict[str, object]:
    rows = frame.filter((pl.col("name") == name) & (pl.col("code") == code))
    assert rows.height == 1, f"{name} -> {code}: {rows}"
    return rows.row(0, named=True)


def test_a_district_leads_to_its_county(raw: Path) -> None:
    table = places.read(raw).tables["places"]
    exeter = _row(table, "Exeter", "E10000008")
    assert (exeter["relation"], exeter["via_code"], exeter["via_name"]) == ("district", "E07000041", "Exeter")
    assert _row(table, "Exeter City Council", "E10000008")["relation"] == "district"


def test_a_former_district_leads_to_its_successor_with_the_day_it_ended(raw: Path) -> None:
    harrogate = _row(places.read(raw).tables["places"], "Harrogate", "E06000065")
    assert harrogate["relation"] == "former_district"
    assert harrogate["abolished"] == date(2023, 4, 1)  # published as its last day, 2023-03-31


def test_a_former_county_leads_to_the_council_that_replaced_it(raw: Path) -> None:
    row = _row(places.read(raw).tables["places"], "North Yorkshire County Council", "E06000065")
    assert (row["relation"], row["via_code"], row["abolished"]) == ("former_council", "E10000023", date(2023, 4, 1))


def test_a_renumbered_council_gets_its_current_code(raw: Path) -> None:
    assert _row(places.read(raw).tables["places"], "Barnsley", "E08000038")["relation"] == "council"


def test_each_name_is_kept_once_per_council_whatever_its_letter_case(raw: Path) -> None:
    table = places.read(raw).tables["places"]
    devon = table.filter(pl.col("code") == "E10000008")
    assert devon.filter(pl.col("name").str.to_lowercase() == "devon").height == 1
    assert table.select("name", "code").is_duplicated().sum() == 0
    # "North Yorkshire" is the new council's own name and the old county's short name: the council wins
    assert _row(table, "North Yorkshire", "E06000065")["relation"] == "council"


def test_nothing_outside_england_or_without_social_care_is_kept(raw: Path) -> None:
    table = places.read(raw).tables["places"]
    gone = ["Isle of Anglesey", "Ynys Môn", "West Midlands", "Hartlepool"]
    assert not table.filter(pl.col("name").is_in(gone)).height


def test_every_row_is_accounted_for_with_a_reason(raw: Path) -> None:
    accounts = {a.file: a for a in places.read(raw).accounts}
    assert all(a.balanced() for a in accounts.values()) and len(accounts) == 5
    upper_tier = "an upper-tier council: found by its own name"
    assert accounts[places.DISTRICTS].rejected == {"outside England": 1, upper_tier: 1}
    register = accounts[places.REGISTER]
    assert register.kept == 6 and register.rejected["outside England"] == 1
    assert accounts[places.VARIANTS].rejected["register code not in mySociety's register"] == 1
    codes = accounts[postcodes.FILE].rejected
    assert codes == {
        "no UK region (non-geographic or forces)": 1,
        "outside England": 1,
        "no active postcodes (district no longer used)": 1,
        "centre outside every English council, area name unknown": 1,
    }


def test_a_postcode_district_is_placed_by_its_centre_then_by_its_area_name(raw: Path) -> None:
    table = places.read(raw).tables["postcode_districts"]
    found = {r["postcode_district"]: (r["code"], r["method"]) for r in table.iter_rows(named=True)}
    assert found == {
        "EX4": ("E10000008", "centre"),
        "EX5": ("E10000008", "centre"),
        "HG1": ("E06000065", "centre"),
        "EX39": ("E10000008", "area_name"),  # centre at sea; "Devon" names one council
    }
    assert table.filter(pl.col("postcode_district") == "EX4")["source_row"].item() == 2


def test_a_post_town_leads_to_the_councils_holding_enough_of_it(raw: Path) -> None:
    towns = places.read(raw).tables["places"].filter(pl.col("relation") == "town")
    # Crediton: EX5 (600 active postcodes, listed with Exeter) and EX39 (5), both in Devon
    assert _row(towns, "Crediton", "E10000008")["share"] == 1.0
    assert "Exeter" not in towns["name"].to_list()  # Exeter is already a district: the district explains it


def test_town_shares_below_the_threshold_are_dropped() -> None:
    districts = pl.DataFrame(
        {"post_town": ["Bootle", "Bootle", "Bootle"], "code": ["A", "B", "C"], "active_postcodes": [80, 15, 5]}
    )
    shares = postcodes.towns(districts)
    assert shares.select("code", "share").rows() == [("A", 0.8)]


def test_the_point_test_respects_holes() -> None:
    ring = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
    hole = [(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0)]
    shapes = [("X", (0.0, 0.0, 4.0, 4.0), [[ring, hole]])]
    assert postcodes.council_at(0.5, 0.5, shapes) == "X"
    assert postcodes.council_at(2.0, 2.0, shapes) is None
    assert postcodes.council_at(5.0, 2.0, shapes) is None


def test_a_latitude_that_is_not_a_number_names_the_cell(raw: Path) -> None:
    path = raw / postcodes.FOLDER / postcodes.FILE
    path.write_text(POSTCODES.replace("EX4,50.5,", "EX4,fifty,"), encoding="utf-8")
    with pytest.raises(SourceFileError) as caught:
        places.read(raw)
    assert (caught.value.column, caught.value.row) == ("Latitude", 2)


def test_a_renamed_column_is_named(raw: Path) -> None:
    path = raw / places.FOLDER / places.DISTRICTS
    path.write_text(DISTRICTS.replace("UTLACD", "UTLA_CODE"), encoding="utf-8")
    with pytest.raises(SourceFileError, match="UTLACD"):
        places.read(raw)


def test_the_build_fails_if_a_place_leads_to_a_council_that_no_longer_exists() -> None:
    councils = pl.DataFrame(
        {"code": ["E10000008", "E10000023"], "valid_to": [None, date(2023, 4, 1)]},
        schema_overrides={"valid_to": pl.Date},
    )
    good = pl.DataFrame({"name": ["Exeter"], "code": ["E10000008"]})
    stale = pl.DataFrame({"name": ["Harrogate"], "code": ["E10000023"]})
    tables = {"councils": councils, "places": good, "postcode_districts": good}
    assert validate.check_places_lead_to_current_councils(tables).passed
    failed = validate.check_places_lead_to_current_councils({**tables, "postcode_districts": stale})
    assert not failed.passed and "postcode_districts" in failed.message and "E10000023" in failed.message
