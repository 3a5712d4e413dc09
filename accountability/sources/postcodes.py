"""Postcode districts ("EX4") and post towns ("Northallerton") -> the council that runs social care there.

Source: `postcode-district-lookup/Postcode districts.csv`, a compilation (doogal.co.uk) of the ONS
Postcode Directory: one row per UK outward code with its centre (the mean position of its
postcodes), its count of active postcodes, its post town and an area name ("Region").
Each English district with active postcodes is placed by its centre, in the ONS December 2024
super-generalised county and unitary boundaries. The area name is used only when the centre lies
in no English council (an island, or coast lost to generalisation) and the name is one council's:
the compilation's area names are of mixed kinds and sometimes wrong for the district (Coalville's
LE67 is "Leicester", which is a different council from Leicestershire, where Coalville lies).
A district can cross council boundaries; this gives the council where its centre lies, not every
council in it, so it is for finding a council, never for statistics. A post town leads to every
council that holds at least `TOWN_SHARE` of its active postcodes.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from accountability.sources import boundaries, harmonise
from accountability.sources.base import RowAccount, SourceFileError, read_csv_text

FILE = "Postcode districts.csv"
FOLDER = "postcode-district-lookup"
BOUNDARIES = "Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BSC.json"
ENGLISH_REGIONS = [
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
]  # fmt: skip
TOWN_SHARE = 0.2  # a fifth of a town's addresses: enough that a resident of that part should be told
METHODS = ["centre", "area_name"]
POSTCODES_SCHEMA: dict[str, pl.DataType] = {
    "postcode_district": pl.String(),
    "code": pl.String(),
    "post_town": pl.String(),
    "method": pl.Enum(METHODS),
    "active_postcodes": pl.Int64(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}
Ring = list[tuple[float, float]]
Shape = tuple[str, tuple[float, float, float, float], list[list[Ring]]]


def _shapes(frame: pl.DataFrame) -> list[Shape]:
    """(code, bounding box, polygons) per council, from GeoJSON geometry text."""
    shapes: list[Shape] = []
    for code, text in frame.select("code", "geometry").iter_rows():
        geometry = json.loads(text)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        xs = [x for polygon in polygons for x, _ in polygon[0]]
        ys = [y for polygon in polygons for _, y in polygon[0]]
        shapes.append((code, (min(xs), min(ys), max(xs), max(ys)), polygons))
    return shapes


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule: does a ray from (x, y) eastwards cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def council_at(x: float, y: float, shapes: list[Shape]) -> str | None:
    """The council whose area holds the point (lon, lat), or None (at sea, or outside England)."""
    for code, (x0, y0, x1, y1), polygons in shapes:
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        for outer, *holes in polygons:
            if _in_ring(x, y, outer) and not any(_in_ring(x, y, hole) for hole in holes):
                return code
    return None


def _numbers(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Latitude, longitude and active postcodes as numbers; anything else is an error naming the cell."""
    frame = frame.with_columns(pl.col("Latitude", "Longitude", "Active postcodes").replace("", None))
    typed = frame.with_columns(
        pl.col("Latitude", "Longitude").cast(pl.Float64, strict=False),
        pl.col("Active postcodes").cast(pl.Int64, strict=False),
    )
    for column in ("Latitude", "Longitude", "Active postcodes"):
        bad = typed.filter(pl.col(column).is_null() & frame[column].is_not_null())
        if bad.height:
            row = bad.row(0, named=True)
            raise SourceFileError(path, "not a number", column=column, row=row["_row"])
    return typed


def _placed(frame: pl.DataFrame, shapes: list[Shape], area_names: pl.DataFrame) -> pl.DataFrame:
    """Add `code` and `method`: the council at the district's centre, else the one its area name names."""
    centres = [
        council_at(x, y, shapes) if x is not None and y is not None else None
        for x, y in frame.select("Longitude", "Latitude").iter_rows()
    ]
    by_name = area_names.group_by(pl.col("name").str.to_lowercase()).agg(pl.col("code").unique())
    by_name = by_name.filter(pl.col("code").list.len() == 1).select("name", area_code=pl.col("code").list.first())
    frame = frame.with_columns(centre=pl.Series(centres, dtype=pl.String), _name=pl.col("Region").str.to_lowercase())
    frame = frame.join(by_name, left_on="_name", right_on="name", how="left", maintain_order="left")
    return frame.with_columns(
        code=pl.coalesce("centre", "area_code"),
        method=pl.when(pl.col("centre").is_not_null()).then(pl.lit("centre")).otherwise(pl.lit("area_name")),
    )


def _keep(frame: pl.DataFrame, keep: pl.Expr, reason: str, account: RowAccount) -> pl.DataFrame:
    kept = frame.filter(keep)
    account.reject(reason, frame.height - kept.height)
    return kept


def read_postcodes(raw_dir: Path, area_names: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    """English postcode districts with active postcodes -> council (see the module docstring)."""
    path = raw_dir / FOLDER / FILE
    columns = ["Postcode", "Latitude", "Longitude", "Region", "Active postcodes", "UK region", "Post Town"]
    frame = read_csv_text(path, columns).with_columns(pl.col(columns).str.strip_chars())
    account = RowAccount(path.name, read=frame.height)
    accounts.append(account)
    frame = _keep(frame, pl.col("UK region").is_not_null(), "no UK region (non-geographic or forces)", account)
    frame = _keep(frame, pl.col("UK region").is_in(ENGLISH_REGIONS), "outside England", account)
    frame = _numbers(frame, path)
    frame = _keep(frame, pl.col("Active postcodes") > 0, "no active postcodes (district no longer used)", account)
    shape_frame, shape_account = boundaries.read_vintage(raw_dir / "boundaries" / BOUNDARIES, "2024-12")
    accounts.append(shape_account)
    placed = harmonise.recode(_placed(frame, _shapes(shape_frame), area_names), "code")  # boundaries predate 2025 codes
    placed = _keep(
        placed, pl.col("code").is_not_null(), "centre outside every English council, area name unknown", account
    )
    account.kept = placed.height
    return placed.select(
        postcode_district="Postcode",
        code="code",
        post_town=pl.col("Post Town").replace("", None),
        method=pl.col("method").cast(pl.Enum(METHODS)),
        active_postcodes="Active postcodes",
        source_file=pl.lit(path.name),
        source_row="_row",
    ).sort("postcode_district")


def towns(postcodes: pl.DataFrame) -> pl.DataFrame:
    """(name, code, share) per post town and council holding at least TOWN_SHARE of its active postcodes."""
    # Some districts list several post towns ("Liverpool, Bootle"): each town counts the district.
    named = postcodes.with_columns(pl.col("post_town").str.split(",")).explode("post_town")
    named = named.with_columns(pl.col("post_town").str.strip_chars()).filter(pl.col("post_town").fill_null("") != "")
    counts = named.group_by("post_town", "code").agg(pl.col("active_postcodes").sum())
    shares = counts.with_columns(share=pl.col("active_postcodes") / pl.col("active_postcodes").sum().over("post_town"))
    return (
        shares.filter(pl.col("share") >= TOWN_SHARE)
        .select(name="post_town", code="code", share=pl.col("share").round(3))
        .sort("name", "code")
    )
