"""Pure Plotly figure builders. Each takes prepared frames and returns a figure; nothing is drawn.

Colours are the UK Analysis Function palette. Meaning is never carried by colour alone: the
selected council is also a larger diamond with its name written beside it, and comparator lines
are labelled and drawn in different dash styles.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from accountability.formatting import format_value
from accountability.labels import COMPARISON_LABELS
from accountability.methods.compare import MeasureInfo
from components.figures.theme import canonical, readable_layout, trace

DARK_BLUE = "#12436D"
TURQUOISE = "#1B7A72"  # darker than the Analysis Function #28A197 (2.8:1 on the light band): 4.6:1
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
PALE_BLUE = "#6BACE6"


# Verdict against the chosen benchmark, keyed on its code: marker shape and legend text (the code's
# label) carry it, colour only repeats it.
COMPARISON_STYLE = {
    "better": ("triangle-up", TURQUOISE),
    "higher": ("triangle-up", TURQUOISE),
    "similar": ("circle", PALE_BLUE),
    "worse": ("triangle-down", "#801650"),
    "lower": ("triangle-down", "#801650"),
    "not tested": ("circle-open", DARK_GREY),
}


def compare_figure(
    table: pl.DataFrame,
    comps: pl.DataFrame,
    measure: MeasureInfo,
    selected: str | None,
    benchmark_line: tuple[str, float] | None = None,
    floor: tuple[str, float] | None = None,
    level: float = 0.95,
) -> dict[str, Any]:
    """Councils ranked best (left) to worst (right), with intervals and comparator lines, as the
    figure's dict: byte for byte what the validated figure's `to_dict()` was (tests/data/test_chart_bytes.py).

    The whiskers are the interval at the verdict's `level` (`level_low`/`level_high` at 99.8%), so a
    whisker that crosses the benchmark line always means "similar".

    With a `comparison` column, councils are drawn by verdict (shape and legend); `benchmark_line`
    adds the chosen benchmark (e.g. the selected council's statistical neighbours) as a dotted line;
    `floor` adds the floor standard; a `quartile` column shades and labels the four quarters.
    """
    shown = _with_whiskers(table.filter(pl.col("value").is_not_null()), level)
    traces, annotations = _council_traces(shown, measure, selected)
    # Shapes and their labels are built as plain layout lists and set once: Plotly's add_hline and
    # add_vrect validate the whole figure on every call, which made this chart slow to rebuild.
    shapes, labels = _quartile_bands(shown, measure)
    for y, dash, colour, text, position in _left_lines(floor, benchmark_line, measure):
        _hline(shapes, labels, y, dash, colour, text, position)
    for row, dash, colour, position in _comparator_styles(comps):
        value = float(row["value"])  # type: ignore[arg-type]
        text = f"{row['area_name']}: {format_value(value, measure.unit)}"
        _hline(shapes, labels, value, dash, colour, text, position)
    direction = {"higher_is_better": "best (highest)", "lower_is_better": "best (lowest)"}
    yaxis: dict[str, Any] = {"title": {"text": _axis_title(measure)}, "gridcolor": "#E5E5E5", "zeroline": False}
    yaxis["fixedrange"] = True
    if measure.unit == "%":  # otherwise Plotly's own range (a None was left out of the figure)
        yaxis["range"] = _percent_range(shown)
    annotations += [canonical(a) for a in labels]
    layout: dict[str, Any] = {"shapes": [canonical(s) for s in shapes], "annotations": annotations}
    layout = {k: v for k, v in layout.items() if v}  # Plotly leaves an empty list out of the figure
    layout |= {
        "height": 460,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "showlegend": "comparison" in table.columns,
        "legend": {"orientation": "h", "y": -0.15},
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "dragmode": False,
        "xaxis": {
            "title": {"text": f"Councils, ranked {direction.get(measure.polarity, 'highest')} on the left"},
            "showticklabels": False,
            "categoryorder": "array",
            "categoryarray": shown["name"].to_list(),
            "fixedrange": True,
        },
        "yaxis": yaxis,
    }
    return {"data": traces, "layout": readable_layout(layout)}


def _council_traces(
    shown: pl.DataFrame, measure: MeasureInfo, selected: str | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The councils' markers (by verdict where there is one), the chosen council's, and its label."""
    traces = []
    others = shown.filter(pl.col("code") != (selected or ""))
    if "comparison" in others.columns:
        for code, (symbol, colour) in COMPARISON_STYLE.items():
            group = others.filter(pl.col("comparison") == code)
            if group.height:
                name = f"{COMPARISON_LABELS[code]} ({group.height})"
                traces.append(_council_trace(group, measure, name, colour, 8, symbol=symbol))
    else:
        traces.append(_council_trace(others, measure, "Councils", PALE_BLUE, 7))
    chosen = shown.filter(pl.col("code") == (selected or ""))
    if not chosen.height:
        return traces, []
    traces.append(_council_trace(chosen, measure, chosen["name"][0], ORANGE, 14, symbol="diamond"))
    return traces, [_label_selected(chosen.row(0, named=True), measure, shown)]


QUARTER_NAMES = {1: "Best quarter", 2: "2nd quarter", 3: "3rd quarter", 4: "Worst quarter"}
FLOOR_COLOUR = "#801650"


def _with_whiskers(shown: pl.DataFrame, level: float) -> pl.DataFrame:
    """ci_low/ci_high replaced by the interval at the verdict's level when that is not 95%."""
    if level == 0.95 or "level_low" not in shown.columns:
        return shown
    return shown.with_columns(ci_low=pl.col("level_low"), ci_high=pl.col("level_high"))


def _left_lines(
    floor: tuple[str, float] | None, benchmark_line: tuple[str, float | None] | None, measure: MeasureInfo
) -> list[tuple[float, str, str, str, str]]:
    """The floor and the chosen benchmark, labelled at the left: the higher line's label above it, the
    lower one's below, so the two labels move apart and never sit on each other (the floor's label was
    hidden under the neighbours' one when both were written on the same side)."""
    lines: list[tuple[float, str, str, str]] = []
    if floor is not None:
        lines.append((floor[1], "longdash", FLOOR_COLOUR, floor[0]))
    if benchmark_line is not None and benchmark_line[1] is not None:
        text = f"{benchmark_line[0]}: {format_value(benchmark_line[1], measure.unit)}"
        lines.append((benchmark_line[1], "dot", DARK_GREY, text))
    lines.sort(key=lambda line: line[0], reverse=True)
    return [(*line, "top left" if i == 0 else "bottom left") for i, line in enumerate(lines)]


def _quartile_bands(
    shown: pl.DataFrame, measure: MeasureInfo
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Alternate light bands behind each quarter of councils, labelled (best first for a polarity)."""
    shapes: list[dict[str, object]] = []
    labels: list[dict[str, object]] = []
    if "quartile" not in shown.columns or measure.polarity == "no_judgement":
        return shapes, labels
    names = shown["name"].to_list()
    for quarter in (1, 2, 3, 4):
        members = shown.filter(pl.col("quartile") == quarter)["name"].to_list()
        if not members:
            continue
        first, last = names.index(members[0]), names.index(members[-1])
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": first - 0.5,
                "x1": last + 0.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": "#F3F2F1" if quarter % 2 else "#FFFFFF",
                "line": {"width": 0},
                "layer": "below",
            }
        )
        labels.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": (first + last) / 2,
                "y": 1 if quarter % 2 else 0.955,  # staggered: a narrow quarter's label cannot run into the next
                "xanchor": "center",
                "yanchor": "top",
                "text": QUARTER_NAMES[quarter],
                "showarrow": False,
                "font": {"size": 11, "color": DARK_GREY},
            }
        )
    return shapes, labels


def _hline(
    shapes: list[dict[str, object]],
    labels: list[dict[str, object]],
    y: float,
    dash: str,
    colour: str,
    text: str,
    position: str,
) -> None:
    """A full-width line at y and its label at one end, above or below the line."""
    vertical, horizontal = position.split(" ")
    shapes.append(
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": y,
            "y1": y,
            "line": {"dash": dash, "color": colour, "width": 2},
        }
    )
    labels.append(
        {
            "xref": "paper",
            "yref": "y",
            "x": 0 if horizontal == "left" else 1,
            "y": y,
            "xanchor": horizontal,
            "yanchor": "bottom" if vertical == "top" else "top",
            "text": text,
            "showarrow": False,
            "font": {"color": colour},
            "bgcolor": "rgba(255,255,255,0.85)",  # another line passing close by must not cut through the words
        }
    )


def _council_trace(
    rows: pl.DataFrame, measure: MeasureInfo, name: str, colour: str, size: int, symbol: str = "circle"
) -> dict[str, Any]:
    has_ci = rows["ci_low"].is_not_null()
    upper = (rows["ci_high"] - rows["value"]).fill_null(0)
    lower = (rows["value"] - rows["ci_low"]).fill_null(0)
    hover = [
        f"<b>{r['name']}</b><br>{format_value(r['value'], measure.unit)}"
        + (
            f" (95% CI {format_value(r['ci_low'], measure.unit)} to {format_value(r['ci_high'], measure.unit)})"
            if r["ci_low"] is not None
            else ""
        )
        + f"<br>Rank {r['rank']} of {r['ranked_of']}<br>{r['region'] or ''}"
        for r in rows.iter_rows(named=True)
    ]
    return trace(
        "scatter",
        x=rows["name"].to_list(),
        y=rows["value"].to_list(),
        mode="markers",
        name=name,
        customdata=rows["code"].to_list(),
        hovertext=hover,
        hoverinfo="text",
        marker={"color": colour, "size": size, "symbol": symbol, "line": {"color": DARK_BLUE, "width": 1}},
        error_y={
            "type": "data",
            "array": upper.to_list(),
            "arrayminus": lower.to_list(),
            "visible": bool(has_ci.any()),
            "color": "#7F8A94",
            "thickness": 1,
            "width": 0,
        },
    )


def _label_selected(row: dict[str, object], measure: MeasureInfo, shown: pl.DataFrame) -> dict[str, Any]:
    """Name and value beside the selected council: above it, or below when it sits near the top."""
    value = float(row["value"])  # type: ignore[arg-type]
    top = float(shown.select(pl.max_horizontal(pl.col("value").max(), pl.col("ci_high").max())).item())
    bottom = float(shown["value"].min())  # type: ignore[arg-type]
    near_top = top > bottom and (value - bottom) / (top - bottom) > 0.75
    return canonical(
        {
            "x": row["name"],
            "y": value,
            "text": f"<b>{row['name']}</b><br>{format_value(value, measure.unit)}",
            "showarrow": True,
            "arrowhead": 0,
            "ax": 0,
            "ay": 56 if near_top else -56,
            "font": {"color": DARK_GREY},
            "bgcolor": "rgba(255,255,255,0.9)",
        }
    )


def _comparator_styles(comps: pl.DataFrame) -> list[tuple[dict[str, object], str, str, str]]:
    """Line style and label position per comparator: the higher line's label above, others below."""
    styles = {
        "england": ("solid", DARK_BLUE),
        "region": ("dash", TURQUOISE),
        "council_type": ("dot", DARK_GREY),
    }
    rows = comps.filter(pl.col("value").is_not_null()).sort("value", descending=True)
    return [
        (row, *styles[str(row["area_type"])], "top right" if i == 0 else "bottom right")
        for i, row in enumerate(rows.iter_rows(named=True))
    ]


def _percent_range(shown: pl.DataFrame) -> list[float]:
    """Data range plus 5% padding, kept within 0-100: padding must not suggest a share above 100%."""
    if shown.height == 0:
        return [0.0, 100.0]
    low = float(shown.select(pl.min_horizontal(pl.col("value").min(), pl.col("ci_low").min())).item())
    high = float(shown.select(pl.max_horizontal(pl.col("value").max(), pl.col("ci_high").max())).item())
    pad = max((high - low) * 0.05, 0.5)
    return [max(low - pad, -0.5), min(high + pad, 100.5)]


def _axis_title(measure: MeasureInfo) -> str:
    return measure.label if measure.unit in {"score", ""} else f"{measure.label} ({measure.unit})"
