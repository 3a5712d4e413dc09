"""The figure builders as they were at main 9d6471a, through Plotly's validated objects, kept to prove
the builders that now write their figure as a dict give the same bytes (tests/data/test_chart_bytes.py)
and to measure them against (benchmarks/chart_send.py). Not used by the app.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from accountability.labels import COMPARISON_LABELS, FLOOR_VERDICT_WORDS
from components.figures.compare import COMPARISON_STYLE, DARK_GREY
from components.figures.floors import COUNT_COLOURS, PATTERNS
from components.figures.spine import (
    BAND,
    DARK_BAND,
    LIGHT_BAND,
    ROW_HEIGHT,
    _hover,
    _row_label,
    _row_names,
    spine_positions,
)
from components.figures.theme import INK, MUTED_INK, readable


def validated_counts_figure(counts: pl.DataFrame, label: str) -> go.Figure:
    """components/figures/floors.counts_figure at 9d6471a, through Plotly's validated objects."""
    fig = go.Figure()
    for verdict in (v for v in COUNT_COLOURS if v in counts.columns):
        fig.add_trace(
            go.Bar(
                x=counts["period"].to_list(),
                y=counts[verdict].to_list(),
                name=FLOOR_VERDICT_WORDS[verdict],
                marker={"color": COUNT_COLOURS[verdict], "pattern": {"shape": PATTERNS[verdict]}},
                text=counts[verdict].to_list(),
                textposition="inside",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": "Councils", "fixedrange": True},
        xaxis={"title": label, "fixedrange": True},
        dragmode=False,
    )
    return fig


def _validated_interval(rows: pl.DataFrame) -> go.Scatter | None:
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
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": INK, "width": 2},
        name="Council's confidence interval",
        hoverinfo="skip",
    )


def validated_spine_figure(profile: pl.DataFrame, council_name: str) -> go.Figure:
    """components/figures/spine.spine_figure at 9d6471a, through Plotly's validated objects."""
    rows = spine_positions(profile)
    labels = [_row_label(r["label"], r["period"]) for r in rows.iter_rows(named=True)]
    ys = list(range(rows.height))
    fig = go.Figure()
    bands = [
        ("pos_worst", "pos_q25", LIGHT_BAND, "Worst to 25th percentile"),
        ("pos_q25", "pos_q75", DARK_BAND, "Middle half of councils"),
        ("pos_q75", "pos_best", LIGHT_BAND, "75th percentile to best"),
    ]
    for start, end, colour, name in bands:
        fig.add_trace(
            go.Bar(
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
        )
    if (interval := _validated_interval(rows)) is not None:
        fig.add_trace(interval)
    fig.add_trace(
        go.Scatter(
            y=ys,
            x=rows["pos_england"].to_list(),
            mode="markers",
            marker={"symbol": "line-ns-open", "size": 26, "color": DARK_GREY, "line": {"width": 3, "color": DARK_GREY}},
            name="England",
            hoverinfo="skip",
        )
    )
    hovers = [_hover(r) for r in rows.iter_rows(named=True)]
    for verdict, (symbol, colour) in COMPARISON_STYLE.items():
        picked = [i for i, c in enumerate(rows["comparison"].to_list()) if c == verdict]
        if picked:
            fig.add_trace(
                go.Scatter(
                    y=picked,
                    x=[rows["pos_value"][i] for i in picked],
                    mode="markers",
                    marker={"symbol": symbol, "size": 15, "color": colour, "line": {"width": 1.5, "color": INK}},
                    name=f"{council_name}: {COMPARISON_LABELS[verdict]}",
                    hovertext=[hovers[i] for i in picked],
                    hoverinfo="text",
                )
            )
    fig.update_layout(
        barmode="overlay",
        height=200 + ROW_HEIGHT * max(rows.height, 1),
        margin={"l": 10, "r": 10, "t": 40, "b": 150},  # the legend sits in the bottom margin, under the axis
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
        annotations=_row_names(labels),
    )
    fig.update_yaxes(range=[rows.height - 0.5, -0.75], showticklabels=False, showgrid=False, zeroline=False)
    fig.update_xaxes(
        range=[-0.03, 1.03],
        tickvals=[0, 0.5, 1],
        ticktext=["Worst (or lowest)", "England", "Best (or highest)"],
        showgrid=False,
        zeroline=False,
    )
    return readable(fig)
