"""Geography readers against the real raw folder: values checked cell by cell with plain csv/json."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from accountability.sources import boundaries, lookups, peers, population
from accountability.sources.base import SourceOutput

pytestmark = pytest.mark.raw
COUNCIL = r"^E(06|08|09|10)\d{6}$"


@pytest.fixture(scope="module")
def councils_out(raw_dir: Path) -> SourceOutput:
    return lookups.read(raw_dir)


@pytest.fixture(scope="module")
def councils(councils_out: SourceOutput) -> pl.DataFrame:
    return councils_out.tables["councils"]


@pytest.fixture(scope="module")
def peers_out(raw_dir: Path) -> SourceOutput:
    return peers.read(raw_dir)


@pytest.fixture(scope="module")
def population_out(raw_dir: Path) -> SourceOutput:
    return population.read(raw_dir)


@pytest.fixture(scope="module")
def boundaries_out(raw_dir: Path) -> SourceOutput:
    return boundaries.read(raw_dir)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k.strip(): v for k, v in row.items() if k is not None} for row in csv.DictReader(handle)]


def _alive(councils: pl.DataFrame, on: date) -> set[str]:
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )
    return set(councils.filter(alive)["code"].to_list())


def test_every_account_balances(
    councils_out: SourceOutput, peers_out: SourceOutput, population_out: SourceOutput, boundaries_out: SourceOutput
) -> None:
    for out in (councils_out, peers_out, population_out, boundaries_out):
        assert out.accounts and all(a.balanced() for a in out.accounts)


def test_153_councils_are_current_and_match_the_2025_neighbour_model(councils: pl.DataFrame, raw_dir: Path) -> None:
    current = councils.filter(pl.col("valid_to").is_null())
    assert current.height == 153
    sn_codes = {r["old_la_code"] for r in _csv(raw_dir / "lookups" / "sn_model_2025_wide.csv")}
    assert set(current["dfe_la_code"].to_list()) == sn_codes


def test_current_councils_are_the_april_2023_utlas_with_barnsley_and_sheffield_recoded(
    councils: pl.DataFrame, raw_dir: Path
) -> None:
    utla23 = {r["UTLA23CD"] for r in _csv(raw_dir / "lookups" / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv")}
    english = {c for c in utla23 if c.startswith("E")}
    recoded = (english - {"E08000016", "E08000019"}) | {"E08000038", "E08000039"}
    assert _alive(councils, date(2025, 4, 1)) == recoded
    assert _alive(councils, date(2024, 12, 1)) == english


def test_codes_are_gss_and_names_of_current_councils_are_unique(councils: pl.DataFrame) -> None:
    assert councils["code"].str.contains(COUNCIL).all()
    assert councils["code"].is_unique().all()
    assert councils.filter(pl.col("valid_to").is_null())["name"].is_unique().all()
    assert councils["region"].n_unique() == 9 and councils["region_code"].str.contains(r"^E12\d{6}$").all()


def test_cumbria_and_its_successors_point_at_each_other(councils: pl.DataFrame) -> None:
    by_code = {r["code"]: r for r in councils.iter_rows(named=True)}
    assert by_code["E10000006"]["successors"] == ["E06000063", "E06000064"]
    assert {by_code[c]["name"] for c in ["E06000063", "E06000064"]} == {"Cumberland", "Westmorland and Furness"}
    for code in ["E06000063", "E06000064"]:
        assert by_code[code]["predecessors"] == ["E10000006"]
        assert by_code[code]["valid_from"] == date(2023, 4, 1)
    assert by_code["E10000006"]["valid_to"] == date(2023, 4, 1)


@pytest.mark.parametrize(
    ("code", "name", "valid_to"),
    [
        ("E06000028", "Bournemouth", date(2019, 4, 1)),
        ("E06000029", "Poole", date(2019, 4, 1)),
        ("E10000009", "Dorset", date(2019, 4, 1)),
        ("E10000002", "Buckinghamshire", date(2020, 4, 1)),
        ("E10000021", "Northamptonshire", date(2021, 4, 1)),
        ("E10000023", "North Yorkshire", date(2023, 4, 1)),
        ("E10000027", "Somerset", date(2023, 4, 1)),
        ("E06000053", "Isles of Scilly", None),
        ("E09000001", "City of London", None),
    ],
)
def test_abolished_and_small_councils_are_kept(
    councils: pl.DataFrame, code: str, name: str, valid_to: date | None
) -> None:
    row = councils.filter(pl.col("code") == code).row(0, named=True)
    assert (row["name"], row["valid_to"]) == (name, valid_to)


def test_names_types_and_codes_match_the_published_lookups(councils: pl.DataFrame, raw_dir: Path) -> None:
    by_code = {r["code"]: r for r in councils.iter_rows(named=True)}
    files = ("lookups/LTLA-UTLA_Apr23_Lookup_England-Wales.csv", "lookups/Provider_data_lookup.csv")
    assert all(_csv(raw_dir / f) for f in (*files, "ascof-trend/ons_codes.csv"))
    for row in _csv(raw_dir / "lookups" / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"):
        if row["UTLA23CD"].startswith("E"):
            council = by_code[row["UTLA23CD"]]
            assert row["UTLA23NM"] == council["name"] or row["UTLA23NM"] in council["aliases"]
    for row in _csv(raw_dir / "lookups" / "Provider_data_lookup.csv"):
        assert by_code[row["la_code_new"]]["dfe_la_code"] == row["la_code"]
    for row in _csv(raw_dir / "ascof-trend" / "ons_codes.csv"):
        if row["Council type"]:
            assert by_code[row["ONS Area Code"]]["cassr_code"] == row["LA Code"].strip()
    prefix = {
        "E06": "Unitary authority",
        "E08": "Metropolitan district",
        "E09": "London borough",
        "E10": "County council",
    }
    assert all(prefix[r["code"][:3]] == r["council_type"] for r in by_code.values())
    assert by_code["E06000023"]["name"] == "Bristol" and "Bristol, City of" in by_code["E06000023"]["aliases"]
    assert by_code["E08000013"]["aliases"] == ["St Helens"]


def test_each_council_has_ten_distinct_peers_that_are_not_itself(peers_out: SourceOutput) -> None:
    frame = peers_out.tables["peers"]
    per = frame.group_by("model", "code").agg(pl.col("peer_code").n_unique().alias("n"), pl.len().alias("rows"))
    assert per["n"].to_list() == [10] * per.height and per["rows"].to_list() == [10] * per.height
    assert frame.filter(pl.col("code") == pl.col("peer_code")).height == 0
    assert frame["code"].str.contains(COUNCIL).all() and frame["peer_code"].str.contains(COUNCIL).all()


def test_peer_models_cover_the_councils_of_their_date(peers_out: SourceOutput, councils: pl.DataFrame) -> None:
    frame = peers_out.tables["peers"]
    for model, on in [("2021", date(2021, 4, 1)), ("2025", date(2025, 4, 1))]:
        assert set(frame.filter(pl.col("model") == model)["code"].to_list()) == _alive(councils, on)


def _dfe_to_ons(raw_dir: Path, model: str) -> dict[str, str]:
    """Independent DfE -> ONS maps: the ILACS lookup (2025 councils), DfE's own 2021 population rows."""
    if model == "2025":
        return {r["la_code"]: r["la_code_new"] for r in _csv(raw_dir / "lookups" / "Provider_data_lookup.csv")}
    rows = _csv(raw_dir / "population" / population.DFE_FILE)
    return {r["old_la_code"]: r["new_la_code"] for r in rows if r["time_period"] == "2021" and r["old_la_code"]}


@pytest.mark.parametrize(("model", "row_index"), [("2025", 0), ("2025", 152), ("2021", 0), ("2021", 100)])
def test_peers_equal_the_raw_cells(peers_out: SourceOutput, raw_dir: Path, model: str, row_index: int) -> None:
    file = peers.MODELS[model][0]
    to_ons = _dfe_to_ons(raw_dir, model)
    with (raw_dir / "lookups" / file).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, raw = rows[0], rows[1 + row_index]
    first = header.index("SN1" if model == "2021" else "SN_1")
    expected = [(to_ons[raw[first + 2 * k]], raw[first + 2 * k + 1].strip().lower()) for k in range(10)]
    frame = peers_out.tables["peers"].filter(pl.col("model") == model, pl.col("source_row") == row_index + 2)
    assert frame["code"].unique().to_list() == [to_ons[raw[0]]]
    got = frame.sort("rank").select("peer_code", pl.col("closeness").str.to_lowercase()).rows()
    assert got == expected


def test_children_population_equals_the_raw_cells(population_out: SourceOutput, raw_dir: Path) -> None:
    frame = population_out.tables["population"].filter(pl.col("age_band") == "0-17")
    rows = _csv(raw_dir / "population" / population.DFE_FILE)
    picks = [r for r in rows if r["new_la_code"] in {"E06000001", "E10000006", "E09000001", "E06000028"}]
    picks += [r for r in rows if r["geographic_level"] == "National"]
    assert len(picks) > 10
    for raw in picks:
        code = raw["new_la_code"] or raw["country_code"]
        got = frame.filter(pl.col("code") == code, pl.col("year") == int(raw["time_period"])).row(0, named=True)
        if raw["population_estimate"] == "x":
            assert got["population"] is None and got["status"] == "not_available"
        else:
            assert got["population"] == int(raw["population_estimate"])


def test_mid2020_bands_equal_sums_of_raw_cells(population_out: SourceOutput, raw_dir: Path) -> None:
    sheet = fastexcel.read_excel(raw_dir / "population" / population.MYE_FILE).load_sheet_by_name(
        population.MYE_SHEET, header_row=7, dtypes="string"
    )
    raw = {r["Code"]: r for r in sheet.to_polars().iter_rows(named=True)}
    frame = population_out.tables["population"].filter(pl.col("year") == 2020, pl.col("age_band") != "0-17")
    for code in ["E92000001", "E12000002", "E10000006", "E06000053", "E09000001", "E08000025"]:
        got = {r["age_band"]: r["population"] for r in frame.filter(pl.col("code") == code).iter_rows(named=True)}
        cells = raw[code]
        assert got["all ages"] == int(cells["All ages"])
        assert got["18-64"] == sum(int(cells[str(a)]) for a in range(18, 65))
        assert got["65+"] == sum(int(cells[str(a)]) for a in range(65, 90)) + int(cells["90+"])
        assert sum(int(cells[str(a)]) for a in range(90)) + int(cells["90+"]) == got["all ages"]


def test_population_codes_are_councils_regions_or_england(population_out: SourceOutput, councils: pl.DataFrame) -> None:
    frame = population_out.tables["population"]
    assert frame["code"].str.contains(r"^(E(06|08|09|10|12)\d{6}|E92000001)$").all()
    council_codes = set(frame.filter(pl.col("code").str.contains(COUNCIL))["code"].to_list())
    assert council_codes <= set(councils["code"].to_list())
    mid2020 = frame.filter(
        pl.col("year") == 2020, pl.col("age_band") == "all ages", pl.col("code").str.contains(COUNCIL)
    )
    published = set(mid2020.filter(pl.col("derived_from").is_null())["code"])
    assert published == _alive(councils, date(2021, 4, 1))  # the mid-2020 file is on 2021 geography
    # and the councils created in April 2023 get the sum of their former districts (named in derived_from)
    assert set(mid2020.filter(pl.col("derived_from").is_not_null())["code"]) == {
        "E06000063", "E06000064", "E06000065", "E06000066"
    }  # fmt: skip


def test_boundary_vintages_hold_the_councils_of_their_date(
    boundaries_out: SourceOutput, councils: pl.DataFrame
) -> None:
    frame = boundaries_out.tables["boundaries"]
    v2022 = set(frame.filter(pl.col("vintage") == "2022-12")["code"])
    v2024 = set(frame.filter(pl.col("vintage") == "2024-12")["code"])
    assert "E10000006" in v2022 and "E06000063" not in v2022
    assert "E06000063" in v2024 and "E10000006" not in v2024
    assert v2022 == _alive(councils, date(2022, 12, 1)) and v2024 == _alive(councils, date(2024, 12, 1))


def test_every_geometry_is_json_with_closed_lon_lat_rings(boundaries_out: SourceOutput) -> None:
    frame = boundaries_out.tables["boundaries"]
    assert frame.height > 0
    for text in frame["geometry"]:
        geometry = json.loads(text)
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert all(-7 < x < 2 and 49.8 < y < 56 and round(x, 4) == x for x, y in ring)
    sizes = frame.group_by("vintage").agg(pl.col("geometry").str.len_bytes().sum())
    assert sizes["geometry"].max() <= boundaries.MAX_BYTES  # type: ignore[operator]


def test_first_vertex_equals_the_raw_first_arc(boundaries_out: SourceOutput, raw_dir: Path) -> None:
    topology = json.loads((raw_dir / "boundaries" / boundaries.VINTAGES["2022-12"]).read_text())
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    feature = topology["objects"]["data"]["geometries"][0]
    first_arc = feature["arcs"][0][0]
    qx, qy = topology["arcs"][first_arc][0] if first_arc >= 0 else topology["arcs"][~first_arc][-1]
    row = boundaries_out.tables["boundaries"].filter(
        pl.col("vintage") == "2022-12", pl.col("code") == feature["properties"]["AREACD"]
    )
    ring = json.loads(row["geometry"][0])["coordinates"][0]
    assert ring[0] == [round(qx * kx + dx, 4), round(qy * ky + dy, 4)]
