"""Compare's ranked chart as it was at main 9d6471a, through Plotly's validated objects: the reference
the dict-writing builder must match byte for byte (tests/data/test_chart_bytes.py), and the "before" of
benchmarks/chart_send.py. Not used by the app.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from accountability.formatting import format_value
from accountability.labels import COMPARISON_LABELS
from accountability.methods.compare import MeasureInfo
from components.figures.compare import (
    COMPARISON_STYLE,
    DARK_BLUE,
    DARK_GREY,
    ORANGE,
    PALE_BLUE,
    _axis_title,
    _comparator_styles,
    _hline,
    _left_lines,
    _percent_range,
    _quartile_bands,
    _with_whiskers,
)
from components.figures.theme import readable


def validated_compare_figure(
    table: pl.DataFrame,
    comps: pl.DataFrame,
    measure: MeasureInfo,
    selected: str | None,
    benchmark_line: tuple[str, float] | None = None,
    floor: tuple[str, float] | None = None,
    level: float = 0.95,
) -> go.Figure:
    """components/figures/compare.compare_figure at 9d6471a, through Plotly's validated objects.

    The whiskers are the interval at the verdict's `level` (`level_low`/`level_high` at 99.8%), so a
    whisker that crosses the benchmark line always means "similar".

    With a `comparison` column, councils are drawn by verdict (shape and legend); `benchmark_line`
    adds the chosen benchmark (e.g. the selected council's statistical neighbours) as a dotted line;
    `floor` adds the floor standard; a `quartile` column shades and labels the four quarters.
    """
    shown = _with_whiskers(table.filter(pl.col("value").is_not_null()), level)
    fig = go.Figure()
    others = shown.filter(pl.col("code") != (selected or ""))
    if "comparison" in others.columns:
        for code, (symbol, colour) in COMPARISON_STYLE.items():
            group = others.filter(pl.col("comparison") == code)
            if group.height:
                name = f"{COMPARISON_LABELS[code]} ({group.height})"
                fig.add_trace(_validated_trace(group, measure, name, colour, 8, symbol=symbol))
    else:
        fig.add_trace(_validated_trace(others, measure, "Councils", PALE_BLUE, 7))
    chosen = shown.filter(pl.col("code") == (selected or ""))
    if chosen.height:
        fig.add_trace(_validated_trace(chosen, measure, chosen["name"][0], ORANGE, 14, symbol="diamond"))
        _validated_label(fig, chosen.row(0, named=True), measure, shown)
    # Shapes and their labels are built as plain layout lists and set once: Plotly's add_hline and
    # add_vrect validate the whole figure on every call, which made this chart slow to rebuild.
    shapes, labels = _quartile_bands(shown, measure)
    for y, dash, colour, text, position in _left_lines(floor, benchmark_line, measure):
        _hline(shapes, labels, y, dash, colour, text, position)
    for row, dash, colour, position in _comparator_styles(comps):
        value = float(row["value"])  # type: ignore[arg-type]
        text = f"{row['area_name']}: {format_value(value, measure.unit)}"
        _hline(shapes, labels, value, dash, colour, text, position)
    fig.update_layout(shapes=shapes, annotations=[*fig.layout.annotations, *labels])
    direction = {"higher_is_better": "best (highest)", "lower_is_better": "best (lowest)"}
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        showlegend="comparison" in table.columns,
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        hovermode="closest",
        dragmode=False,
        xaxis={
            "title": f"Councils, ranked {direction.get(measure.polarity, 'highest')} on the left",
            "showticklabels": False,
            "categoryorder": "array",
            "categoryarray": shown["name"].to_list(),
            "fixedrange": True,
        },
        yaxis={
            "title": _axis_title(measure),
            "gridcolor": "#E5E5E5",
            "zeroline": False,
            "fixedrange": True,
            "range": _percent_range(shown) if measure.unit == "%" else None,
        },
    )
    return readable(fig)


def _validated_trace(
    rows: pl.DataFrame, measure: MeasureInfo, name: str, colour: str, size: int, symbol: str = "circle"
) -> go.Scatter:
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
    return go.Scatter(
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


def _validated_label(fig: go.Figure, row: dict[str, object], measure: MeasureInfo, shown: pl.DataFrame) -> None:
    """Name and value beside the selected council: above it, or below when it sits near the top."""
    value = float(row["value"])  # type: ignore[arg-type]
    top = float(shown.select(pl.max_horizontal(pl.col("value").max(), pl.col("ci_high").max())).item())
    bottom = float(shown["value"].min())  # type: ignore[arg-type]
    near_top = top > bottom and (value - bottom) / (top - bottom) > 0.75
    fig.add_annotation(
        x=row["name"],
        y=value,
        text=f"<b>{row['name']}</b><br>{format_value(value, measure.unit)}",
        showarrow=True,
        arrowhead=0,
        ax=0,
        ay=56 if near_top else -56,
        font={"color": DARK_GREY},
        bgcolor="rgba(255,255,255,0.9)",
    )
