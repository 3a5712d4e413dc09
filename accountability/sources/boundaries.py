"""Council (county / unitary) boundaries for maps: ONS ultra-generalised TopoJSON -> GeoJSON text.

Two vintages: December 2022 (England; the pre-April-2023 councils, for periods up to 2022-23) and
December 2024 (UK file; English rows only). Each council's geometry is decoded with the small
TopoJSON decoder in this module (no GIS dependency), rounded to 4 decimal places of a degree
(about 10 m, far finer than the ultra-generalised source), and written as compact GeoJSON. The
files are already WGS84 lon/lat; a file in British National Grid metres is refused, not guessed at.
Geometry is simplified (Douglas-Peucker) only when a vintage's text would exceed `MAX_BYTES`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique, read_bytes
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, empty

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # exterior ring first, then holes

VINTAGES: dict[str, str] = {
    "2022-12": "Counties_and_Unitary_Authorities_December_2022_EN_BUC.json",
    "2024-12": "Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC.json",
}
MAX_BYTES = 600_000
DIGITS = 4
BOUNDARIES_SCHEMA: dict[str, pl.DataType] = {
    "vintage": pl.String(),
    "code": pl.String(),
    "name": pl.String(),
    "geometry": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def _decode_arcs(topology: dict[str, Any], path: Path) -> list[Ring]:
    """Absolute coordinates of every arc: undo delta encoding, then apply the quantization transform."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    if any(abs(x) > 180 or abs(y) > 90 for arc in arcs for x, y in arc):
        raise SourceFileError(path, "coordinates are not lon/lat degrees (British National Grid metres?)")
    return arcs


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs into a ring; a negative index ~i means arc i reversed. Shared end points appear once."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[Polygon]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    raise ValueError(f"geometry type {kind!r} is not Polygon or MultiPolygon")


def _clean(ring: Ring) -> Ring | None:
    """Round to DIGITS, drop repeated points, close the ring; None when fewer than 4 points remain."""
    out: Ring = []
    for x, y in ring:
        point = (round(x, DIGITS), round(y, DIGITS))
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _clean_polygons(polygons: list[Polygon]) -> list[Polygon]:
    """Keep valid rings; a polygon whose exterior vanishes is dropped with its holes."""
    kept: list[Polygon] = []
    for polygon in polygons:
        rings = [_clean(r) for r in polygon]
        if rings and rings[0] is not None:
            kept.append([r for r in rings if r is not None])
    return kept


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return float(((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
    return float(abs(dy * px - dx * py + bx * ay - by * ax) / (dx * dx + dy * dy) ** 0.5)


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Iterative Douglas-Peucker keeping both end points (the ring's closing point is both)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            distance = _perpendicular(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify(polygons: list[Polygon], tolerance: float) -> list[Polygon]:
    simplified = [[_douglas_peucker(r, tolerance) for r in polygon] for polygon in polygons]
    return _clean_polygons(simplified) or polygons  # never let a whole council vanish


def _geojson(polygons: list[Polygon]) -> str:
    coords = [[[list(p) for p in ring] for ring in polygon] for polygon in polygons]
    if len(coords) == 1:
        return json.dumps({"type": "Polygon", "coordinates": coords[0]}, separators=(",", ":"))
    return json.dumps({"type": "MultiPolygon", "coordinates": coords}, separators=(",", ":"))


def _load(path: Path) -> dict[str, Any]:
    raw = read_bytes(path)
    try:
        topology = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(path, f"not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise SourceFileError(path, "not a TopoJSON Topology")
    return topology


def _features(topology: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    features = [g for obj in topology.get("objects", {}).values() for g in obj.get("geometries", [])]
    if not features:
        raise SourceFileError(path, "the topology has no geometries")
    return features


def _council(feature: dict[str, Any], number: int, path: Path) -> tuple[str, str]:
    properties = feature.get("properties") or {}
    for key in ("AREACD", "AREANM"):
        if not str(properties.get(key) or "").strip():
            raise SourceFileError(path, "property is missing or blank", column=key, row=number)
    return str(properties["AREACD"]).strip(), str(properties["AREANM"]).strip()


def _decoded(path: Path, account: RowAccount) -> list[tuple[str, str, list[Polygon], int]]:
    """(code, name, polygons, feature number) of the English councils in one file."""
    topology = _load(path)
    arcs = _decode_arcs(topology, path)
    councils = []
    for number, feature in enumerate(_features(topology, path), start=1):
        code, name = _council(feature, number, path)
        account.read += 1
        if not re.match(COUNCIL_CODE, code):
            account.reject("not an English county or unitary council (Scotland, Wales, N. Ireland)")
            continue
        try:
            polygons = _clean_polygons(_polygons(feature, arcs))
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            raise SourceFileError(path, f"geometry cannot be decoded ({exc})", column="arcs", row=number) from exc
        if not polygons:
            raise SourceFileError(path, "geometry has no ring with 4 or more points", column="arcs", row=number)
        councils.append((code, name, polygons, number))
        account.kept += 1
    return councils


def _texts(councils: list[tuple[str, str, list[Polygon], int]]) -> list[str]:
    """GeoJSON per council, simplified with a doubling tolerance until the vintage fits MAX_BYTES."""
    texts = [_geojson(polygons) for _, _, polygons, _ in councils]
    tolerance = 10.0**-DIGITS
    while sum(len(t) for t in texts) > MAX_BYTES and tolerance < 1:
        texts = [_geojson(_simplify(polygons, tolerance)) for _, _, polygons, _ in councils]
        tolerance *= 2
    return texts


def read_vintage(path: Path, vintage: str) -> tuple[pl.DataFrame, RowAccount]:
    """One TopoJSON file -> (vintage, code, name, geometry, source_file, source_row = feature number)."""
    account = RowAccount(path.name)
    councils = _decoded(path, account)
    frame = pl.DataFrame(
        {
            "vintage": [vintage] * len(councils),
            "code": [c[0] for c in councils],
            "name": [c[1] for c in councils],
            "geometry": _texts(councils),
            "source_file": [path.name] * len(councils),
            "source_row": [c[3] for c in councils],
        },
        schema=BOUNDARIES_SCHEMA,
    )
    check_unique(frame.with_columns(_row=pl.col("source_row")), ["code"], path)
    return frame.sort("code"), account


def read(raw_dir: Path) -> SourceOutput:
    """Both vintages in `tables['boundaries']`, sorted by vintage and code."""
    frames, accounts = [], []
    for vintage, file in VINTAGES.items():
        frame, account = read_vintage(raw_dir / "boundaries" / file, vintage)
        frames.append(frame)
        accounts.append(account)
    boundaries = pl.concat(frames).sort("vintage", "code")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"boundaries": boundaries})
