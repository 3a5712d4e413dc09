"""Pure Plotly builders for the Market page: comparison lines, sector bars, market-outcome scatter."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures.compare import DARK_BLUE, DARK_GREY, ORANGE, PALE_BLUE, TURQUOISE
from components.figures.theme import readable

AREA_STYLE = {
    "council": (ORANGE, "solid", "diamond"),
    "region": (TURQUOISE, "dash", "square"),
    "England": (DARK_BLUE, "solid", "circle"),
}
SECTOR_STYLE = {
    "private": ("Private", DARK_BLUE, ""),
    "local_authority": ("Local authority", TURQUOISE, "/"),
    "voluntary": ("Voluntary", "#801650", "x"),
    "other": ("Other", DARK_GREY, "."),
}


def _layout(fig: go.Figure, y_title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": y_title, "gridcolor": "#E5E5E5", "fixedrange": True},
        xaxis={"title": "Year (at 31 March)", "type": "category", "fixedrange": True},
    )
    return readable(fig)


def lines_figure(long: pl.DataFrame, names: dict[str, str], y_title: str) -> go.Figure:
    """One line per area (council, region, England), each with its own colour, dash and marker."""
    fig = go.Figure()
    for area, (colour, dash, symbol) in AREA_STYLE.items():
        rows = long.filter(pl.col("area") == area)
        if rows.height:
            fig.add_trace(
                go.Scatter(
                    x=[str(y) for y in rows["year"].to_list()],
                    y=rows["value"].to_list(),
                    mode="lines+markers",
                    name=names.get(area, area),
                    line={"color": colour, "dash": dash, "width": 3},
                    marker={"symbol": symbol, "size": 8},
                )
            )
    return _layout(fig, y_title)


def sector_bars(mix_rows: pl.DataFrame) -> go.Figure:
    """Places by sector per year, stacked, with patterns as well as colours."""
    fig = go.Figure()
    for key, (label, colour, pattern) in SECTOR_STYLE.items():
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in mix_rows["year"].to_list()],
                y=mix_rows[f"places_{key}"].to_list(),
                name=label,
                marker={"color": colour, "pattern": {"shape": pattern}},
            )
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, "Places in children's homes")


def scatter_figure(points: pl.DataFrame, x_title: str, y_title: str, selected: str | None) -> go.Figure:
    """Councils as points (x: market measure, y: outcome), the chosen council a labelled diamond."""
    fig = go.Figure()
    others = points.filter(pl.col("code") != (selected or ""))
    fig.add_trace(
        go.Scatter(
            x=others["x"].to_list(),
            y=others["y"].to_list(),
            mode="markers",
            name="Councils",
            marker={"color": PALE_BLUE, "size": 8, "line": {"color": DARK_BLUE, "width": 1}},
            hovertext=others["name"].to_list(),
            hoverinfo="text+x+y",
        )
    )
    chosen = points.filter(pl.col("code") == (selected or ""))
    if chosen.height:
        fig.add_trace(
            go.Scatter(
                x=chosen["x"].to_list(),
                y=chosen["y"].to_list(),
                mode="markers+text",
                name=chosen["name"][0],
                text=chosen["name"].to_list(),
                textposition="top center",
                marker={"color": ORANGE, "size": 14, "symbol": "diamond"},
            )
        )
    fig.update_layout(
        height=460,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        showlegend=False,
        xaxis={"title": x_title, "gridcolor": "#E5E5E5", "fixedrange": True},
        yaxis={"title": y_title, "gridcolor": "#E5E5E5", "fixedrange": True},
    )
    return readable(fig)
