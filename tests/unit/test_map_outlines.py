"""The Map's outlines as NumPy arrays draw the same map: every council's outline in its class's trace,
each class's colour and pattern, the hover targets and the chosen council's highlight, read from the
JSON the browser gets (typed arrays decoded and divided by the map unit, NaN read as the gap null
was), against `outline`'s lists; and the figure, built without validation, is valid Plotly."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import orjson
import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.formatting import format_value
from accountability.labels import FLOOR_VERDICT_WORDS
from accountability.methods.geo import MAP_UNIT, centroid, centroid_points, outline, outline_points, outlines
from components.export import finished_spec
from components.figures import maps
from components.figures.theme import INK
from tests.plotly_json import is_typed_array, plain


def _square(x: float, y: float, size: float = 1.0) -> str:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


# An island council (two polygons) and one with a hole (two rings in one polygon): gaps inside a shape too.
ISLANDS = json.dumps(
    {
        "type": "MultiPolygon",
        "coordinates": [[[[4, 50], [5, 50], [5, 51], [4, 50]]], [[[4.2, 51.5], [4.6, 51.5], [4.4, 51.9], [4.2, 51.5]]]],
    }
)
HOLE = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [
            [[6, 50], [8, 50], [8, 52], [6, 52], [6, 50]],
            [[6.5, 50.5], [7.5, 50.5], [7.5, 51.5], [6.5, 50.5]],
        ],
    }
)
# Points as the store has them (4 decimal places), whose times-10,000 is not a whole number in binary.
COAST = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [
            [
                [-1.2411, 54.7233],
                [-1.241, 54.7232],
                [-1.1762, 54.6977],
                [-1.174, 54.6919],
                [-1.1962, 54.6986],
                [-1.188, 54.6934],
                [-1.1888, 54.6924],
                [-1.1921, 54.6925],
                [-1.2411, 54.7233],
            ]
        ],
    }
)
CODES = ["A", "B", "C", "D", "E", "F"]
NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
SHAPES = [_square(0, 50), _square(1.5, 50.2, 0.5), ISLANDS, _square(2, 52), HOLE, COAST]
LABELS = ["1 to 2", "2 to 3", "3 to 4", "4 to 5", "5 to 6"]


def _table(**columns: list[Any]) -> pl.DataFrame:
    frame = {"code": CODES, "name": NAMES, "geometry": SHAPES, "hover": [f"hover {n}" for n in NAMES]}
    types = {"class": pl.Int32, "verdict": pl.String, "basis": pl.String, "value": pl.Float64}
    return pl.DataFrame({**frame, **columns}, schema_overrides={k: t for k, t in types.items() if k in columns})


def _sent(table: pl.DataFrame, by_verdict: bool, selected: str | None) -> dict[str, Any]:
    """The map's JSON as the browser gets it (the finished spec), typed arrays decoded."""
    spec = finished_spec(maps.map_figure, (table, LABELS, by_verdict, selected), "Title", "Source")
    return plain(orjson.loads(spec), per=MAP_UNIT)


def _joined(codes: list[str]) -> tuple[list[float | None], list[float | None]]:
    """The outlines of these councils, in table order, as the list-building builder wrote them."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for code in codes:
        x, y = outline(SHAPES[CODES.index(code)])
        xs += x
        ys += y
    return xs or [None], ys or [None]


def _areas(sent: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in sent["data"] if t.get("fill") == "toself"}


def _has_outline(trace: dict[str, Any], codes: list[str]) -> None:
    assert (trace["x"], trace["y"]) == _joined(codes), trace["name"]


def _degrees(row: np.ndarray) -> list[float | None]:
    return [None if math.isnan(v) else v / MAP_UNIT for v in row.tolist()]


def test_outline_points_are_outline_in_map_units_exactly_with_nan_for_none() -> None:
    for shape in SHAPES:
        points = outline_points(shape)
        xs, ys = outline(shape)
        assert points.shape == (2, len(xs)) and points.dtype == np.float32
        assert _degrees(points[0]) == xs and _degrees(points[1]) == ys  # the same doubles, not just close
        assert all(v.is_integer() for v in points[~np.isnan(points)].tolist())
        with pytest.raises(ValueError, match="read-only"):
            points[0, 0] = 0.0  # shared by every map: never changed in place


def test_outlines_join_shapes_in_order_and_no_shapes_is_one_gap() -> None:
    xs, ys = outlines([SHAPES[2], SHAPES[0]])
    assert _degrees(xs) == outline(SHAPES[2])[0] + outline(SHAPES[0])[0]
    assert _degrees(ys) == outline(SHAPES[2])[1] + outline(SHAPES[0])[1]
    empty_x, empty_y = outlines([])
    assert empty_x.shape == empty_y.shape == (1,) and math.isnan(empty_x[0]) and math.isnan(empty_y[0])


def test_centroid_points_are_the_centroids_in_map_units() -> None:
    xs, ys = centroid_points(SHAPES)
    assert list(zip(_degrees(xs), _degrees(ys), strict=True)) == [centroid(s) for s in SHAPES]
    assert [a.size for a in centroid_points([])] == [0, 0]


def test_every_council_is_drawn_in_its_value_class_with_the_class_colour() -> None:
    sent = _sent(_table(**{"class": [0, 0, 2, None, 4, 1]}, verdict=[None] * 6), False, None)
    areas = _areas(sent)
    expected = {0: ["A", "B"], 1: ["F"], 2: ["C"], 3: [], 4: ["E"]}
    assert list(areas) == [f"{LABELS[i]} ({len(expected[i])})" for i in range(5)] + ["No data (1)"]
    for i, codes in expected.items():
        trace = areas[f"{LABELS[i]} ({len(codes)})"]
        _has_outline(trace, codes)  # a class with no council is one gap, and keeps its legend entry
        assert trace["fillcolor"] == maps.BANDS[i] and "fillpattern" not in trace
    _has_outline(areas["No data (1)"], ["D"])
    assert areas["No data (1)"]["fillcolor"] == maps.NO_DATA[1]
    assert all(not t.get("showlegend", True) for t in sent["data"] if t.get("name") == "councils")


def test_every_council_is_drawn_in_its_verdict_class_with_colour_and_pattern() -> None:
    verdicts = ["below", "below", "cannot_tell", "meets", None, "no_floor_yet"]
    basis = ["interval_95", "value_only", "interval_95", "interval_95", None, None]
    sent = _sent(_table(**{"class": [0] * 6}, verdict=verdicts, basis=basis), True, None)
    areas = _areas(sent)
    expected = [
        (maps.VERDICTS["below"], ["A"]),
        (maps.VALUE_ONLY_BELOW, ["B"]),
        (maps.VERDICTS["cannot_tell"], ["C"]),
        (maps.VERDICTS["meets"], ["D"]),
        (maps.VERDICTS["no_floor_yet"], ["F"]),
        (maps.NO_DATA, ["E"]),
    ]
    assert list(areas) == [f"{label} ({len(codes)})" for (label, _, _), codes in expected]
    for (label, colour, pattern), codes in expected:
        trace = areas[f"{label} ({len(codes)})"]
        _has_outline(trace, codes)
        assert trace["fillcolor"] == colour
        assert trace.get("fillpattern", {}).get("shape", "") == pattern


def test_the_chosen_council_is_outlined_in_ink_on_a_white_halo() -> None:
    sent = _sent(_table(**{"class": [0, 1, 2, 3, 4, 0]}, verdict=[None] * 6), False, "C")
    lines = [t for t in sent["data"] if t.get("mode") == "lines" and "fill" not in t]
    assert [(t["line"]["color"], t["line"]["width"]) for t in lines] == [("#FFFFFF", 7), (INK, 3)]
    for trace in lines:
        _has_outline(trace, ["C"])  # both of Gamma's islands
    assert lines[1]["name"] == "Gamma (your council)" and lines[0]["showlegend"] is False
    no_choice = _sent(_table(**{"class": [0, 1, 2, 3, 4, 0]}, verdict=[None] * 6), False, None)
    assert not [t for t in no_choice["data"] if t.get("mode") == "lines" and "fill" not in t]


def test_each_council_has_a_hover_target_with_its_code_and_words_at_its_centre() -> None:
    sent = _sent(_table(**{"class": [0, 1, 2, 3, 4, 0]}, verdict=[None] * 6), False, "C")
    (targets,) = [t for t in sent["data"] if t.get("name") == "councils"]
    assert targets["customdata"] == CODES
    assert targets["hovertext"] == [f"hover {n}" for n in NAMES] and targets["hoverinfo"] == "text"
    assert list(zip(targets["x"], targets["y"], strict=True)) == [centroid(s) for s in SHAPES]
    assert sent["data"][-1] is targets  # drawn last, so it is on top and takes the click


def test_council_map_writes_each_hover_label_from_value_and_verdict_codes() -> None:
    table = _table(
        **{"class": [0] * 6},
        value=[60.0, None, 12.25, 5.0, 7.0, 8.0],
        verdict=["below", None, "meets", "below", None, "cannot_tell"],
        basis=["interval_95", None, "interval_95", "value_only", None, "interval_95"],
    ).drop("hover")
    fig = maps.council_map(table, tuple(LABELS), True, None, "%")
    hover = next(t for t in fig.data if t.name == "councils").hovertext
    words = FLOOR_VERDICT_WORDS
    assert hover == (
        f"Alpha: 60.0% · {words['below']}",
        f"Beta: {format_value(None, '%')}",
        f"Gamma: 12.2% · {words['meets']}",
        f"Delta: 5.0% · {words['below']} (value only)",
        "Epsilon: 7.0%",
        f"Zeta: 8.0% · {words['cannot_tell']}",
    )


def test_outlines_go_to_the_browser_as_typed_arrays_not_lists() -> None:
    """What makes the map cheap to build: if a list came back, Plotly would walk it point by point."""
    table = _table(**{"class": [0, 0, 2, None, 4, 1]}, verdict=[None] * 6)
    raw = orjson.loads(finished_spec(maps.map_figure, (table, LABELS, False, "C"), "Title", "Source"))
    outlined = [t for t in raw["data"] if t.get("fill") == "toself" or t.get("mode") == "lines"]
    assert len(outlined) == 8  # 5 classes, no data, and the chosen council's two lines
    for trace in outlined:
        assert is_typed_array(trace["x"]) and is_typed_array(trace["y"]), trace["name"]
        assert trace["x"]["dtype"] == trace["y"]["dtype"] == "f4"  # whole numbers: exact in float32


@pytest.mark.parametrize(("by_verdict", "selected"), [(False, "C"), (True, "C"), (False, None)])
def test_the_figure_built_without_validation_is_valid_plotly(by_verdict: bool, selected: str | None) -> None:
    """Plotly's own validation of everything the builder wrote: a misspelt property or a bad value fails."""
    verdicts = ["below", "below", "cannot_tell", "meets", None, "no_floor_yet"]
    basis = ["interval_95", "value_only", "interval_95", "interval_95", None, None]
    table = _table(**{"class": [0, 0, 2, None, 4, 1]}, verdict=verdicts, basis=basis)
    built = maps.map_figure(table, LABELS, by_verdict, selected)
    checked = go.Figure(built.to_dict())  # validates every trace and the layout; raises on anything invalid
    assert checked.to_plotly_json() == built.to_plotly_json()


def test_changing_a_built_map_leaves_the_shared_layout_alone() -> None:
    """The figure is made from the module's LAYOUT without validation: it must hold a copy, not it."""
    kept = json.dumps(maps.LAYOUT, sort_keys=True)
    fig = maps.map_figure(_table(**{"class": [0] * 6}, verdict=[None] * 6), LABELS, False, "A")
    fig.update_layout(height=300, margin={"t": 99}, legend={"x": 0.5}, xaxis={"visible": True})
    finished_spec(maps.map_figure, (_table(**{"class": [0] * 6}, verdict=[None] * 6), LABELS, False, "A"), "T", "S")
    assert json.dumps(maps.LAYOUT, sort_keys=True) == kept
