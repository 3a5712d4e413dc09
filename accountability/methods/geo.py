"""Map geometry and classes for council maps, without any map service.

Boundaries are stored as GeoJSON geometry strings (lon/lat). For drawing on plain axes, each
council's rings become one list of x/y points with None between rings, x scaled by cos(52.5°) so
England keeps its shape. For a chart, `outline_points` is the same points as one read-only NumPy
array per shape, built once, in map units (1/10,000 of those degrees: whole numbers, NaN for None),
and `outlines` joins many shapes' arrays for one trace. Values are put in five classes (quintiles of
the councils shown), labelled with their ranges. No Streamlit and no Plotly here.
"""

from __future__ import annotations

import functools
import itertools
import json
import math

import numpy as np
import polars as pl

X_SCALE = math.cos(math.radians(52.5))  # England's mid-latitude: degrees of longitude are shorter
N_CLASSES = 5
# Map units: the 4-decimal degrees (lat, and lon scaled) times 10,000 are whole numbers below 2**24
# (England: under 600,000), which float32 holds exactly. Scaling x and y alike draws the same shapes
# on axes that are never shown; float32 sends half the bytes of float64, and whole numbers compress
# about as well as the decimal text they replace (benchmarks/RESULTS.md, round three).
MAP_UNIT = 10_000


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


@functools.lru_cache(maxsize=1024)  # one array per shape: ~310 shapes in two vintages, ~0.2 MB in all
def outline_points(geometry: str) -> np.ndarray:
    """`outline` in map units as one read-only float32 array of shape (2, n): row 0 x, row 1 y, NaN
    where `outline` has None. The store's shapes have 4 decimal places (sources/boundaries.py), so
    each value divided by MAP_UNIT is `outline`'s number again, exactly (tests/data check the store)."""
    xs, ys = outline.__wrapped__(geometry)  # not kept in `outline`'s cache too: only the arrays are reused
    return _map_units(np.array([xs, ys], dtype=np.float64))  # None becomes NaN


def outlines(geometries: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every shape in turn (a gap after each ring), for one filled trace; a single gap
    (NaN) when there are no shapes, so the trace still exists and keeps its legend entry.

    Joining arrays copies memory only: Python lists of the same points were walked point by point
    by Plotly (validation, copies, JSON) on every map built."""
    if not geometries:
        return np.array([np.nan], dtype=np.float32), np.array([np.nan], dtype=np.float32)
    joined = np.concatenate([outline_points(g) for g in geometries], axis=1)
    return joined[0], joined[1]


def centroid_points(geometries: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of each shape's `centroid`, in map units, in the order given."""
    if not geometries:
        return np.array([], dtype=np.float32), np.array([], dtype=np.float32)
    points = _map_units(np.array([centroid(g) for g in geometries], dtype=np.float64).T)
    return points[0], points[1]


def _map_units(degrees: np.ndarray) -> np.ndarray:
    # rounded, not truncated: 52.1234 * 10,000 is 521233.99999999994 in binary
    points = np.round(degrees * MAP_UNIT).astype(np.float32)
    points.flags.writeable = False  # shared by every map drawn from this shape
    return points


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
    """Quintile breaks of the non-null values and a label for each class ('12.3 to 15.0').

    Tied values can make quintiles coincide (many councils at 100%): a repeated break would be an
    empty class labelled '100.0 to 100.0', so repeats are dropped and there are fewer classes. Values
    all alike make one class labelled with that value alone.
    """
    clean = values.drop_nulls()
    if clean.len() == 0:
        return [], []
    quantiles = [float(clean.quantile(q / N_CLASSES, interpolation="linear") or 0) for q in range(N_CLASSES + 1)]
    breaks = sorted(set(quantiles))
    if len(breaks) == 1:
        return [breaks[0], breaks[0]], [unit_format.format(breaks[0])]
    labels = [f"{unit_format.format(low)} to {unit_format.format(high)}" for low, high in itertools.pairwise(breaks)]
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
