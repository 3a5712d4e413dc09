"""Every council outline and centre in the committed store, in the Map's units (whole numbers in
float32), divides back to exactly the numbers `outline` and `centroid` give: the Map sends the same
points as it did as lists, in both boundary vintages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from accountability import store
from accountability.methods.geo import MAP_UNIT, centroid, centroid_points, outline, outline_points


@pytest.fixture(scope="module")
def geometries(store_dir: Path) -> list[str]:
    shapes = store.read_table(store_dir, "boundaries")["geometry"].to_list()
    assert len(shapes) > 300, "both vintages' shapes (152 and 153 councils)"
    return shapes


def test_every_outline_point_is_exact_in_map_units(geometries: list[str]) -> None:
    inexact = []
    for number, geometry in enumerate(geometries):
        points, (xs, ys) = outline_points(geometry), outline(geometry)
        back = [[None if math.isnan(v) else v / MAP_UNIT for v in row] for row in points.tolist()]
        if back != [xs, ys]:
            inexact.append(number)
    assert inexact == [], f"boundaries rows whose outline is not exact in map units: {inexact[:10]}"


def test_every_centre_is_exact_in_map_units(geometries: list[str]) -> None:
    xs, ys = centroid_points(geometries)
    back = list(zip((v / MAP_UNIT for v in xs.tolist()), (v / MAP_UNIT for v in ys.tolist()), strict=True))
    assert back == [centroid(g) for g in geometries]
