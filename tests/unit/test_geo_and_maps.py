"""Map geometry, value classes, click selection and the offline map figure."""

from __future__ import annotations

import json

import polars as pl
import pytest

from accountability.methods.geo import X_SCALE, centroid, class_expr, outline, value_classes, vintage_for
from accountability.state import selected_code
from components.figures.maps import map_figure

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 50], [1, 50], [1, 51], [0, 51], [0, 50]]]})
TWO = json.dumps(
    {
        "type": "MultiPolygon",
        "coordinates": [[[[0, 50], [1, 50], [1, 51], [0, 50]]], [[[2, 52], [3, 52], [3, 53], [2, 53], [2, 52]]]],
    }
)


@pytest.mark.parametrize(
    ("period", "vintage"), [("2022-23", "2022-12"), ("2023-24", "2024-12"), ("2025", "2024-12"), ("2017", "2022-12")]
)
def test_boundaries_follow_the_april_2023_reorganisation(period: str, vintage: str) -> None:
    assert vintage_for(period) == vintage


def test_outline_separates_rings_and_scales_longitude() -> None:
    xs, ys = outline(TWO)
    assert xs.count(None) == 2 and ys.count(None) == 2
    assert xs[1] == pytest.approx(round(1 * X_SCALE, 4))


def test_centroid_uses_the_largest_polygon() -> None:
    _, y = centroid(TWO)
    assert y == pytest.approx(52.4)


def test_five_classes_with_values_on_a_break_in_the_lower_class() -> None:
    values = pl.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, None])
    breaks, labels = value_classes(values)
    assert len(breaks) == 6 and len(labels) == 5 and labels[0] == "1.0 to 2.0"
    classes = pl.DataFrame({"v": values}).select(class_expr(pl.col("v"), breaks).alias("c"))["c"].to_list()
    assert classes == [0, 0, 1, 2, 3, 4, None]


def test_tied_quintiles_make_no_empty_class() -> None:
    # 7 of 10 councils at 100%: the top three quintiles coincide; no "100.0 to 100.0" class
    values = pl.Series([80.0, 90.0, 95.0] + [100.0] * 7)
    breaks, labels = value_classes(values)
    assert breaks == sorted(set(breaks)) and len(labels) == len(breaks) - 1 < 5
    assert not any(low == high for low, high in (label.split(" to ") for label in labels))
    classes = pl.DataFrame({"v": values}).select(class_expr(pl.col("v"), breaks).alias("c"))["c"]
    assert set(classes.to_list()) == set(range(len(labels)))  # every class drawn has councils
    assert classes.max() == len(labels) - 1


def test_values_all_alike_make_one_class_named_by_the_value() -> None:
    values = pl.Series([100.0, 100.0, None])
    breaks, labels = value_classes(values)
    assert labels == ["100.0"]
    classes = pl.DataFrame({"v": values}).select(class_expr(pl.col("v"), breaks).alias("c"))["c"].to_list()
    assert classes == [0, 0, None]


def test_no_values_gives_no_classes() -> None:
    assert value_classes(pl.Series([None], dtype=pl.Float64)) == ([], [])


@pytest.mark.parametrize(
    ("selection", "code"),
    [
        ({"points": [{"customdata": "E08000025"}]}, "E08000025"),
        ({"points": [{"customdata": ["E06000001"]}]}, "E06000001"),
        ({"points": []}, None),
        ({}, None),
        (None, None),
        ({"points": [{"customdata": 3}]}, None),
        ({"points": [{"x": 1}]}, None),
    ],
)
def test_selected_code_reads_the_clicked_council(selection: object, code: str | None) -> None:
    assert selected_code(selection) == code


def test_map_figure_draws_each_class_once_and_outlines_the_chosen_council() -> None:
    table = pl.DataFrame(
        {
            "code": ["A", "B"],
            "name": ["Alpha", "Beta"],
            "geometry": [SQUARE, SQUARE],
            "hover": ["a", "b"],
            "class": [0, None],
            "verdict": [None, None],
        },
        schema_overrides={"class": pl.Int32, "verdict": pl.String},
    )
    fig = map_figure(table, ["x", "y", "z", "w", "v"], False, "A")
    names = [t.name for t in fig.data]
    assert names[0] == "x (1)" and "No data (1)" in names and "Alpha (your council)" in names
    assert fig.data[-1].customdata == ("A", "B")
    assert fig.layout.yaxis.scaleanchor == "x"
