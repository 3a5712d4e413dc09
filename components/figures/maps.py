"""Pure Plotly builder for council maps, drawn on plain axes (no map service, nothing fetched).

Each class (a value band, or a floor verdict) is one filled trace, so colour, legend text and, for
verdicts, a fill pattern all say the same thing. Invisible markers at each council's centre carry
the hover text and the council code for click-to-select.

Outlines and centres go to Plotly as NumPy arrays in map units (`geo.outline_points`, built once per
shape; whole numbers in float32): Plotly copies an array whole and sends it as a typed array, where
Python lists were walked point by point on every map built. Gaps between rings are NaN, which
plotly.js reads as a gap exactly as it reads null; the axes are hidden, so their units never show.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl

from accountability.formatting import format_value
from accountability.labels import FLOOR_VERDICT_WORDS
from accountability.methods.geo import centroid_points, outline_points, outlines
from components.figures.theme import INK, readable

BANDS = ["#DCEBF6", "#8CBAE1", "#4A90D4", "#1A5E9A", "#0C2D49"]
# A verdict on the value alone cannot allow for chance, so it is its own class, with its own words and
# pattern (never colour alone): same hue as "below", dotted rather than crossed.
VALUE_ONLY_BELOW = ("Below the floor (value only)", "#801650", ".")
VERDICTS = {
    "below": ("Below the floor (on an interval)", "#801650", "x"),
    "cannot_tell": ("Cannot tell", "#A285D1", "/"),
    "meets": ("Meets the floor", "#12436D", ""),
    "no_floor_yet": (FLOOR_VERDICT_WORDS["no_floor_yet"], "#6F777B", "-"),
}
NO_DATA = ("No data", "#D9D9D9", ".")


LAYOUT = {
    "height": 720,
    "margin": {"l": 0, "r": 0, "t": 10, "b": 0},
    "plot_bgcolor": "white",
    "dragmode": "zoom",
    "legend": {"title": {"text": ""}, "x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.8)"},
    "xaxis": {"visible": False},
    "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
    "hovermode": "closest",
}


def map_figure(table: pl.DataFrame, class_labels: list[str], by_verdict: bool, selected: str | None) -> go.Figure:
    """`table`: code, name, geometry, hover, and `class` (0-4) or `verdict`; one trace per class.

    The traces and layout are plain dicts made into a figure without Plotly's validation (as
    `readable` does): the same few fixed properties were checked again on every map built, twice
    per trace. tests/unit/test_map_outlines.py validates the result, so a wrong property still fails."""
    traces = [
        _area(rows, name, colour, pattern) for name, colour, pattern, rows in _groups(table, class_labels, by_verdict)
    ]
    chosen = table.filter(pl.col("code") == (selected or ""))
    if chosen.height:
        xs, ys = outline_points(chosen["geometry"][0])
        # A dark outline on a white halo: one of the two stands out on every fill, from the palest band
        # to the darkest (orange alone was 1.1:1 on the middle blue).
        halo = {"color": "#FFFFFF", "width": 7}
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": halo,
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
        name = f"{chosen['name'][0]} (your council)"
        line = {"color": INK, "width": 3}
        traces.append(
            {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": line, "name": name, "hoverinfo": "skip"}
        )
    x, y = centroid_points(table["geometry"].to_list())
    targets = {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "showlegend": False,
        "marker": {"size": 12, "opacity": 0.01, "color": "#000000"},
        "customdata": table["code"].to_list(),
        "hovertext": table["hover"].to_list(),
        "hoverinfo": "text",
        "name": "councils",
    }
    return readable(go.Figure(data=[*traces, targets], layout=LAYOUT, _validate=False))


def _groups(table: pl.DataFrame, class_labels: list[str], by_verdict: bool) -> list[tuple[str, str, str, pl.DataFrame]]:
    if by_verdict:
        on_value = (pl.col("basis").fill_null("") == "value_only") if "basis" in table.columns else pl.lit(False)
        groups = [
            (
                label,
                colour,
                pattern,
                table.filter((pl.col("verdict") == key) & ~(on_value & (pl.col("verdict") == "below"))),
            )
            for key, (label, colour, pattern) in VERDICTS.items()
        ]
        groups.insert(1, (*VALUE_ONLY_BELOW, table.filter((pl.col("verdict") == "below") & on_value)))
        missing = table.filter(pl.col("verdict").is_null() | (pl.col("verdict") == "no_data"))
    else:
        groups = [(label, BANDS[i], "", table.filter(pl.col("class") == i)) for i, label in enumerate(class_labels)]
        missing = table.filter(pl.col("class").is_null())
    return [*groups, (NO_DATA[0], NO_DATA[1], NO_DATA[2], missing)]


def _area(rows: pl.DataFrame, name: str, colour: str, pattern: str) -> dict[str, Any]:
    """One class's filled trace: every council's outline in turn (one gap, NaN, if there is none)."""
    xs, ys = outlines(rows["geometry"].to_list())
    trace = {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": colour,
        "line": {"color": "#FFFFFF", "width": 0.6},
        "name": f"{name} ({rows.height})",
        "hoverinfo": "skip",
    }
    if pattern:
        trace["fillpattern"] = {"shape": pattern, "fgcolor": "#FFFFFF", "bgcolor": colour}
    return trace


def council_map(
    table: pl.DataFrame, class_labels: tuple[str, ...], by_verdict: bool, selected: str | None, unit: str
) -> go.Figure:
    """`map_figure` of a Map view's table, with each council's hover text written here: its name,
    value in the measure's unit and, when coloured by verdict, the verdict's words (from its code)."""
    hover = [  # 153 short strings, built only when the map is (the finished map is cached)
        f"{r['name']}: {format_value(r['value'], unit)}"
        + (f" · {FLOOR_VERDICT_WORDS.get(r['verdict'], r['verdict'])}" if r["verdict"] else "")
        + (" (value only)" if r["verdict"] and r["basis"] == "value_only" else "")
        for r in table.select(
            "name", "value", "verdict", pl.col("basis") if "basis" in table.columns else pl.lit(None).alias("basis")
        ).iter_rows(named=True)
    ]
    with_hover = table.with_columns(hover=pl.Series(hover, dtype=pl.String))
    return map_figure(with_hover, list(class_labels), by_verdict, selected)
