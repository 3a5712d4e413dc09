"""Pure Plotly builder for the Fingertips-style spine chart of one council's profile. Draws nothing.

Each measure is a row scaled on its own: England sits on the centre line (0.5) and the furthest
council from England on either side sets the scale, so the bands are comparable in shape, not in
units. Better is always to the right (lowest to highest for measures where neither is better).
Light bands run worst to the 25th and 75th to best; the dark band is the middle half of councils.
The council's marker SHAPE gives the verdict (▲ better, ▼ worse, ● similar, ○ not tested), with
a legend in words; colour only repeats it. Hover text gives the real values.
Where England has no published figure, or it lies outside the councils' range (a count, where
England is a total), the row is centred on the middle of the councils' range and has no England tick.
A line through the council's marker is its interval at the verdict's level (`level_low`/`level_high`:
95%, or 99.8% where the verdict used it). Each row's name sits above its bands, left-aligned across
the full width, and the legend sits under the chart: on a 390 px phone a name beside the bands would
leave them no room (clipped), and a legend above would cover the title.
"""

from __future__ import annotations

import textwrap
from typing import Any

import polars as pl

from accountability.formatting import format_value
from accountability.labels import COMPARISON_LABELS
from components.figures.compare import COMPARISON_STYLE, DARK_GREY
from components.figures.theme import INK, MUTED_INK, canonical, readable_layout, trace

LIGHT_BAND = "#D9D9D9"
DARK_BAND = "#9E9E9E"
ROW_HEIGHT = 74
BAND = 0.34  # the bands' share of a row: the rest holds the row's name
WRAP = 44  # characters a line of a row's name: fits a 390 px phone at 11 px


def _centre_expr() -> pl.Expr:
    low = pl.min_horizontal("worst", "best")
    high = pl.max_horizontal("worst", "best")
    usable = pl.col("england").is_not_null() & pl.col("england").is_between(low, high)
    return pl.when(usable).then(pl.col("england")).otherwise((low + high) / 2)


def spine_positions(profile: pl.DataFrame) -> pl.DataFrame:
    """The profile plus 0..1 positions (`pos_worst` … `pos_value`, `pos_england`), better to the right."""
    sign = pl.when(pl.col("polarity") == "lower_is_better").then(-1.0).otherwise(1.0)
    centred = profile.with_columns(centre=_centre_expr())
    half = pl.max_horizontal((pl.col("worst") - pl.col("centre")).abs(), (pl.col("best") - pl.col("centre")).abs())

    def pos(col: str) -> pl.Expr:
        scaled = 0.5 + sign * (pl.col(col) - pl.col("centre")) / (2 * half)
        return pl.when(half > 0).then(scaled).otherwise(0.5).clip(0.0, 1.0).alias(f"pos_{col}")

    limits = [c for c in ("level_low", "level_high") if c in profile.columns]
    out = centred.with_columns(pos(c) for c in ["worst", "q25", "q75", "best", "value", *limits])
    return out.with_columns(
        pl.when(pl.col("england") == pl.col("centre")).then(pl.lit(0.5)).alias("pos_england"),
    )


def _row_label(label: str, period: str) -> str:
    return "<br>".join(textwrap.wrap(f"{label} ({period})", WRAP))


def _row_names(labels: list[str]) -> list[dict[str, object]]:
    """Each row's name above its bands, from the left edge (annotations: they never squeeze the plot)."""
    return [
        {
            "text": text,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": i - BAND / 2 - 0.04,
            "yanchor": "bottom",
            "showarrow": False,
            "align": "left",
            "font": {"size": 11, "color": INK},
        }
        for i, text in enumerate(labels)
    ]


def _interval_trace(rows: pl.DataFrame) -> dict[str, Any] | None:
    """The council's interval at the verdict's level, as one line per row (None-separated)."""
    if "pos_level_low" not in rows.columns:
        return None
    xs: list[float | None] = []
    ys: list[float | None] = []
    for i, (low, high) in enumerate(zip(rows["pos_level_low"], rows["pos_level_high"], strict=True)):
        if low is not None and high is not None:
            xs += [low, high, None]
            ys += [i, i, None]
    if not xs:
        return None
    return trace(
        "scatter",
        x=xs,
        y=ys,
        mode="lines",
        line={"color": INK, "width": 2},
        name="Council's confidence interval",
        hoverinfo="skip",
    )


def _hover(row: dict[str, object]) -> str:
    unit = str(row["unit"])

    def f(key: str) -> str:
        value = row[key]
        return format_value(float(value) if isinstance(value, int | float) else None, unit)

    ends = ("Worst", "Best") if row["range_kind"] == "worst to best" else ("Lowest", "Highest")
    middle = ("25th", "75th") if ends[0] == "Lowest" else ("Worst quarter from", "Best quarter from")
    return (
        f"<b>{row['label']}</b> ({row['period']})<br>"
        f"Council: {f('value')} · {COMPARISON_LABELS.get(str(row['comparison']), row['comparison'])} "
        f"vs {row['benchmark_name'] or 'benchmark'} "
        f"({f('benchmark_value')})<br>England: {f('england')}<br>"
        f"{ends[0]}: {f('worst')} · {middle[0]}: {f('q25')} · {middle[1]}: {f('q75')} · {ends[1]}: {f('best')}<br>"
        f"Recent trend: {row['trend']}"
    )


def spine_figure(profile: pl.DataFrame, council_name: str) -> dict[str, Any]:
    """One row per measure, first measure at the top; see the module docstring.

    Written as the figure's dict (`go.Figure.to_dict()` of the validated figure it used to build, byte
    for byte: tests/data/test_chart_bytes.py on every council's profile): Plotly's validated objects
    took most of a Profile page's chart-cache miss."""
    rows = spine_positions(profile)
    labels = [_row_label(r["label"], r["period"]) for r in rows.iter_rows(named=True)]
    ys = list(range(rows.height))
    bands = [
        ("pos_worst", "pos_q25", LIGHT_BAND, "Worst to 25th percentile"),
        ("pos_q25", "pos_q75", DARK_BAND, "Middle half of councils"),
        ("pos_q75", "pos_best", LIGHT_BAND, "75th percentile to best"),
    ]
    traces = [
        trace(
            "bar",
            y=ys,
            base=rows[start].to_list(),
            x=(rows[end] - rows[start]).to_list(),
            orientation="h",
            marker={"color": colour, "line": {"color": MUTED_INK, "width": 1}},  # edges 7:1 on white
            name=name,
            showlegend=name.startswith("Middle"),
            hoverinfo="skip",
            width=BAND,
        )
        for start, end, colour, name in bands
    ]
    if (interval := _interval_trace(rows)) is not None:
        traces.append(interval)
    england = {"symbol": "line-ns-open", "size": 26, "color": DARK_GREY, "line": {"width": 3, "color": DARK_GREY}}
    traces.append(
        trace(
            "scatter",
            y=ys,
            x=rows["pos_england"].to_list(),
            mode="markers",
            marker=england,
            name="England",
            hoverinfo="skip",
        )
    )
    traces += _council_traces(rows, council_name)
    layout = {
        "barmode": "overlay",
        "height": 200 + ROW_HEIGHT * max(rows.height, 1),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 150},  # the legend sits in the bottom margin, under the axis
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
        "annotations": [canonical(a) for a in _row_names(labels)],
        "yaxis": {"range": [rows.height - 0.5, -0.75], "showticklabels": False, "showgrid": False, "zeroline": False},
        "xaxis": {
            "range": [-0.03, 1.03],
            "tickvals": [0, 0.5, 1],
            "ticktext": ["Worst (or lowest)", "England", "Best (or highest)"],
            "showgrid": False,
            "zeroline": False,
        },
    }
    return {"data": traces, "layout": readable_layout(layout)}


def _council_traces(rows: pl.DataFrame, council_name: str) -> list[dict[str, Any]]:
    """The council's marker on each row, one trace per verdict (its shape), with the real values on hover."""
    hovers = [_hover(r) for r in rows.iter_rows(named=True)]
    comparisons = rows["comparison"].to_list()
    traces = []
    for verdict, (symbol, colour) in COMPARISON_STYLE.items():
        picked = [i for i, c in enumerate(comparisons) if c == verdict]
        if picked:
            traces.append(
                trace(
                    "scatter",
                    y=picked,
                    x=[rows["pos_value"][i] for i in picked],
                    mode="markers",
                    marker={"symbol": symbol, "size": 15, "color": colour, "line": {"width": 1.5, "color": INK}},
                    name=f"{council_name}: {COMPARISON_LABELS[verdict]}",
                    hovertext=[hovers[i] for i in picked],
                    hoverinfo="text",
                )
            )
    return traces
