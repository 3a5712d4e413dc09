"""Pure Plotly builder for the Progress page: England's series, the target path and a projection."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures.compare import DARK_BLUE, TURQUOISE
from components.figures.theme import readable

PROJECTION = "#1D70B8"  # GOV.UK blue: 4.2:1 on the projection band, where the paler blue was 2.0:1


def trajectory_figure(
    series: pl.DataFrame,
    target_path: pl.DataFrame,
    band: pl.DataFrame,
    y_title: str,
    target_name: str = "Path to the target",
) -> go.Figure:
    """Published England values (solid), the path to the target (dashed), the projection (dotted) and its band."""
    fig = go.Figure()
    if band.height:
        years = [str(y) for y in band["year"].to_list()]
        fig.add_trace(
            go.Scatter(
                x=years + years[::-1],
                y=band["high"].to_list() + band["low"].to_list()[::-1],
                mode="lines",  # Plotly's default adds markers at every corner of the band for short series
                fill="toself",
                fillcolor="rgba(107,172,230,0.25)",
                line={"width": 0},
                name="Projection, 95% band",
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=years,
                y=band["fit"].to_list(),
                mode="lines",
                name="Projection (trend so far)",
                line={"color": PROJECTION, "dash": "dot", "width": 2},
            )
        )
    if target_path.height:
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in target_path["year"].to_list()],
                y=target_path["value"].to_list(),
                mode="lines+markers",
                name=target_name,
                line={"color": TURQUOISE, "dash": "dash", "width": 2},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[p[:4] for p in series["period"].to_list()],
            y=series["value"].to_list(),
            mode="lines+markers",
            name="England (published)",
            line={"color": DARK_BLUE, "width": 3},
            marker={"size": 8, "symbol": "circle"},
            hovertext=series["period"].to_list(),
            hovertemplate="%{hovertext}: %{y}<extra>England</extra>",
        )
    )
    fig.update_layout(
        height=400,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        legend={"orientation": "h", "y": -0.2},
        hovermode="closest",
        xaxis={
            "title": "Year (start of the period)",
            "type": "category",
            # in time order whatever trace comes first: the band is drawn first and may start later
            # than the published series, and a category axis otherwise orders years as it meets them
            "categoryorder": "array",
            "categoryarray": _years(series, target_path, band),
            "fixedrange": True,
        },
        yaxis={"title": y_title, "gridcolor": "#E5E5E5", "fixedrange": True},
    )
    return readable(fig)


def _years(series: pl.DataFrame, target_path: pl.DataFrame, band: pl.DataFrame) -> list[str]:
    """Every year on any trace, oldest first (the x categories, in time order)."""
    years = {p[:4] for p in series["period"].to_list()}
    years |= {str(y) for frame in (target_path, band) if frame.height for y in frame["year"].to_list()}
    return sorted(years)
