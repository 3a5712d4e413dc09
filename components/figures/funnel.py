"""The Compare page's funnel plot: each council's value against its denominator, inside the limits.

A pure Plotly builder over `views.funnel.FunnelView`'s frames: the limits drawn (95% dashed, 99.8%
dotted), England's centre line, the councils and the chosen council (a larger diamond, named). The
limits that allow for chance alone are in the legend, off until clicked, when an adjustment widened
the drawn ones, so an official can see what the adjustment changed. Nothing is computed here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from accountability.methods.compare import MeasureInfo
from components.figures.compare import DARK_BLUE, DARK_GREY, ORANGE, PALE_BLUE, _axis_title
from components.figures.theme import readable

CHANCE_ALONE = "#6F777B"  # grey 4.5:1 on white: still a readable line when switched on


def _limit_traces(limits: pl.DataFrame, colour: str, suffix: str, hidden: bool) -> list[go.Scatter]:
    """Upper and lower 95% and 99.8% limit lines, one legend entry per level."""
    traces = []
    for low, high, dash, label in (
        ("low998", "high998", "dot", "99.8% limits"),
        ("low95", "high95", "dash", "95% limits"),
    ):
        name = label + suffix
        for column, show in ((low, True), (high, False)):
            traces.append(
                go.Scatter(
                    x=limits["n"].to_list(),
                    y=limits[column].to_list(),
                    mode="lines",
                    name=name,
                    showlegend=show,
                    legendgroup=name,
                    visible="legendonly" if hidden else True,
                    line={"color": colour, "dash": dash, "width": 1.5 if not hidden else 1},
                    hoverinfo="skip",
                )
            )
    return traces


def _council_traces(points: pl.DataFrame, selected: str | None) -> list[go.Scatter]:
    others = points.filter(pl.col("code") != (selected or ""))
    traces = [
        go.Scatter(
            x=others["denominator"].to_list(),
            y=others["value"].to_list(),
            mode="markers",
            name="Councils",
            customdata=others["code"].to_list(),
            hovertext=others["name"].to_list(),
            hoverinfo="text+x+y",
            marker={"color": PALE_BLUE, "size": 7, "line": {"color": DARK_BLUE, "width": 1}},
        )
    ]
    chosen = points.filter(pl.col("code") == (selected or ""))
    if chosen.height:
        traces.append(
            go.Scatter(
                x=chosen["denominator"].to_list(),
                y=chosen["value"].to_list(),
                mode="markers+text",
                name=chosen["name"][0],
                text=chosen["name"].to_list(),
                textposition="top center",
                customdata=chosen["code"].to_list(),
                marker={"color": ORANGE, "size": 14, "symbol": "diamond", "line": {"color": DARK_BLUE, "width": 1}},
            )
        )
    return traces


def funnel_figure(
    points: pl.DataFrame,
    limits: pl.DataFrame,
    unadjusted: pl.DataFrame,
    measure: MeasureInfo,
    selected: str | None,
    x_title: str = "Denominator",
) -> go.Figure:
    """Council value against its denominator, with 95% and 99.8% limits around England's centre."""
    fig = go.Figure()
    if not limits.select("low95", "high95", "low998", "high998").equals(
        unadjusted.select("low95", "high95", "low998", "high998")
    ):
        fig.add_traces(_limit_traces(unadjusted, CHANCE_ALONE, ", chance alone", hidden=True))
    fig.add_traces(_limit_traces(limits, DARK_GREY, "", hidden=False))
    fig.add_trace(
        go.Scatter(
            x=limits["n"].to_list(),
            y=limits["target"].to_list(),
            mode="lines",
            name="England",
            line={"color": DARK_BLUE, "width": 2},
            hoverinfo="skip",
        )
    )
    fig.add_traces(_council_traces(points, selected))
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        legend={"orientation": "h", "y": -0.2},
        xaxis={"title": x_title, "type": "log", "gridcolor": "#E5E5E5", "fixedrange": True},
        yaxis={"title": _axis_title(measure), "gridcolor": "#E5E5E5", "fixedrange": True},
    )
    return readable(fig)
