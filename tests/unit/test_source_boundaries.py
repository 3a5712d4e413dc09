"""The TopoJSON decoder and boundary reader on hand-built topologies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accountability.sources import boundaries
from accountability.sources.base import SourceFileError

# Two unit squares sharing the edge x=-1 (arc 0), and a triangle island; quantized, delta-encoded.
ARCS = [
    [[2, 0], [0, 4]],  # (-1,50) -> (-1,51): the shared edge
    [[2, 4], [-2, 0], [0, -4], [2, 0]],  # west square, rest of its ring
    [[2, 0], [2, 0], [0, 4], [-2, 0]],  # east square, rest of its ring
    [[6, 0], [1, 0], [-1, 1], [0, -1]],  # island triangle
]


def _feature(code: str, kind: str, arcs: Any, name: str = "Somewhere") -> dict[str, Any]:
    return {"type": kind, "arcs": arcs, "properties": {"AREACD": code, "AREANM": name}}


def _topology(features: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    features = features or [
        _feature("E06000001", "Polygon", [[0, 1]], "West"),
        _feature("E06000002", "MultiPolygon", [[[2, -1]], [[3]]], "East"),
        _feature("S12000033", "Polygon", [[1]], "Aberdeen City"),
    ]
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [-2, 50]},
        "objects": {"data": {"type": "GeometryCollection", "geometries": features}},
        "arcs": ARCS,
    }
    return {**topology, **extra}


def _read(tmp_path: Path, content: dict[str, Any] | str) -> tuple[dict[str, dict[str, Any]], Any]:
    path = tmp_path / "areas.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    frame, account = boundaries.read_vintage(path, "2024-12")
    return {row["code"]: row for row in frame.iter_rows(named=True)}, account


def test_quantized_arcs_are_decoded_to_lon_lat(tmp_path: Path) -> None:
    rows, _ = _read(tmp_path, _topology())
    west = json.loads(rows["E06000001"]["geometry"])
    assert west == {"type": "Polygon", "coordinates": [[[-1, 50], [-1, 51], [-2, 51], [-2, 50], [-1, 50]]]}


def test_negative_arc_index_reverses_the_shared_edge(tmp_path: Path) -> None:
    rows, _ = _read(tmp_path, _topology())
    east = json.loads(rows["E06000002"]["geometry"])
    assert east["type"] == "MultiPolygon"
    assert east["coordinates"][0] == [[[-1, 50], [0, 50], [0, 51], [-1, 51], [-1, 50]]]
    assert east["coordinates"][1] == [[[1, 50], [1.5, 50], [1, 50.25], [1, 50]]]


def test_non_english_areas_are_rejected_and_rows_are_feature_numbers(tmp_path: Path) -> None:
    rows, account = _read(tmp_path, _topology())
    assert sorted(rows) == ["E06000001", "E06000002"]
    assert rows["E06000002"]["source_row"] == 2 and rows["E06000002"]["name"] == "East"
    assert account.read == 3 and account.kept == 2 and account.balanced()


def test_untransformed_arcs_are_rounded_to_four_places(tmp_path: Path) -> None:
    arcs = [[[-1.123456, 50.987654], [-1.0, 51.0], [-2.0, 51.0], [-1.123456, 50.987654]]]
    topology = _topology([_feature("E06000001", "Polygon", [[0]])], arcs=arcs)
    del topology["transform"]
    rows, _ = _read(tmp_path, topology)
    ring = json.loads(rows["E06000001"]["geometry"])["coordinates"][0]
    assert ring[0] == [-1.1235, 50.9877] and ring[0] == ring[-1]


def test_british_national_grid_coordinates_are_refused(tmp_path: Path) -> None:
    topology = _topology(arcs=[[[400000, 500000], [1, 1]]], transform={"scale": [1, 1], "translate": [0, 0]})
    with pytest.raises(SourceFileError, match="not lon/lat degrees"):
        _read(tmp_path, topology)


def test_missing_code_property_names_column_and_feature(tmp_path: Path) -> None:
    features = _topology()["objects"]["data"]["geometries"]
    del features[1]["properties"]["AREACD"]
    with pytest.raises(SourceFileError, match=r"areas.json, column 'AREACD', row 2: property is missing"):
        _read(tmp_path, _topology(features))


def test_unsupported_geometry_type_names_the_feature(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'arcs', row 1: geometry cannot be decoded"):
        _read(tmp_path, _topology([_feature("E06000001", "LineString", [0])]))


def test_arc_index_out_of_range_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"row 1: geometry cannot be decoded"):
        _read(tmp_path, _topology([_feature("E06000001", "Polygon", [[0, 9]])]))


def test_duplicate_codes_are_an_error(tmp_path: Path) -> None:
    features = [_feature("E06000001", "Polygon", [[0, 1]]), _feature("E06000001", "Polygon", [[2, -1]])]
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E06000001\) on rows \[1, 2\]"):
        _read(tmp_path, _topology(features))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "the file is empty"),
        ("{not json", "not valid UTF-8 JSON"),
        ('{"type": "FeatureCollection"}', "not a TopoJSON"),
    ],
)
def test_broken_files_are_errors(tmp_path: Path, content: str, problem: str) -> None:
    with pytest.raises(SourceFileError, match=problem):
        _read(tmp_path, content)


def test_a_ring_that_collapses_when_rounded_is_dropped(tmp_path: Path) -> None:
    square = [[-1.0, 50.0], [-1.0, 51.0], [-2.0, 51.0], [-2.0, 50.0], [-1.0, 50.0]]
    speck = [[0.0, 50.0], [0.00001, 50.0], [0.0, 50.00001], [0.0, 50.0]]
    topology = _topology([_feature("E06000001", "MultiPolygon", [[[0]], [[1]]])], arcs=[square, speck])
    del topology["transform"]
    rows, _ = _read(tmp_path, topology)
    assert json.loads(rows["E06000001"]["geometry"]) == {"type": "Polygon", "coordinates": [square]}


def test_a_council_whose_every_ring_collapses_is_an_error(tmp_path: Path) -> None:
    speck = [[0.0, 50.0], [0.00001, 50.0], [0.0, 50.00001], [0.0, 50.0]]
    topology = _topology([_feature("E06000001", "Polygon", [[0]])], arcs=[speck])
    del topology["transform"]
    with pytest.raises(SourceFileError, match=r"row 1: geometry has no ring with 4 or more points"):
        _read(tmp_path, topology)


def test_simplification_keeps_closed_rings_of_four_or_more_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wiggly = [[0, 0]] + [[1, 1 if i % 2 else -1] for i in range(400)] + [[0, 300], [-400, 0], [0, -300]]
    topology = _topology([_feature("E06000001", "Polygon", [[0]])], arcs=[wiggly])
    topology["transform"] = {"scale": [0.001, 0.001], "translate": [-2, 50]}
    monkeypatch.setattr(boundaries, "MAX_BYTES", 200)
    rows, _ = _read(tmp_path, topology)
    ring = json.loads(rows["E06000001"]["geometry"])["coordinates"][0]
    assert 4 <= len(ring) < 100 and ring[0] == ring[-1]


def test_douglas_peucker_drops_collinear_points() -> None:
    line = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 0.0)]
    assert boundaries._douglas_peucker(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 0.0)]
