"""Map geometry and classes for council maps, without any map service.

Boundaries are stored as GeoJSON geometry strings (lon/lat). For drawing on plain axes, each
council's rings become one list of x/y points with None between rings, x scaled by cos(52.5°) so
England keeps its shape. Values are put in five classes (quintiles of the councils shown), labelled
with their ranges. No Streamlit and no Plotly here.
"""

from __future__ import annotations

import functools
import json
import math

import polars as pl

X_SCALE = math.cos(math.radians(52.5))  # England's mid-latitude: degrees of longitude are shorter
N_CLASSES = 5


def vintage_for(period: str) -> str:
    """Boundaries in force for a period: December 2022 shapes before April 2023, December 2024 after."""
    return "2024-12" if period[:4].isdigit() and int(period[:4]) >= 2023 else "2022-12"


@functools.lru_cache(maxsize=1024)  # ~310 shapes in two vintages; parsing them every rerun was the map's main cost
def outline(geometry: str) -> tuple[list[float | None], list[float | None]]:
    """x and y of every ring of a Polygon or MultiPolygon, rings separated by None."""
    shape = json.loads(geometry)
    polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        for ring in polygon:
            xs += [round(lon * X_SCALE, 4) for lon, _ in ring] + [None]
            ys += [lat for _, lat in ring] + [None]
    return xs, ys


@functools.lru_cache(maxsize=1024)
def centroid(geometry: str) -> tuple[float, float]:
    """Mean of the outer ring's points of the largest polygon: good enough to place a hover marker."""
    shape = json.loads(geometry)
    polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    return (
        round(sum(lon for lon, _ in ring) / len(ring) * X_SCALE, 4),
        round(sum(lat for _, lat in ring) / len(ring), 4),
    )


def value_classes(values: pl.Series, unit_format: str = "{:,.1f}") -> tuple[list[float], list[str]]:
    """Quintile breaks of the non-null values and a label for each class ('12.3 to 15.0')."""
    clean = values.drop_nulls()
    if clean.len() == 0:
        return [], []
    breaks = [float(clean.quantile(q / N_CLASSES, interpolation="linear") or 0) for q in range(N_CLASSES + 1)]
    labels = [f"{unit_format.format(breaks[i])} to {unit_format.format(breaks[i + 1])}" for i in range(N_CLASSES)]
    return breaks, labels


def class_expr(value: pl.Expr, breaks: list[float]) -> pl.Expr:
    """Class index 0..4 for each value (null stays null); the top break belongs to the last class."""
    if not breaks:
        return pl.lit(None, pl.Int32)
    inner = breaks[1:-1]
    index = pl.lit(0, pl.Int32)
    for b in inner:
        index = index + (value > b).cast(pl.Int32)
    return pl.when(value.is_null()).then(None).otherwise(index)
