"""Pure Plotly builder for the Trends page: one line per series and framework segment, never bridged."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures.compare import DARK_BLUE, DARK_GREY, ORANGE, TURQUOISE
from components.figures.theme import readable

ROLE_STYLE = {
    "council": (ORANGE, "solid", "diamond", 4),
    "predecessor": ("#A285D1", "dot", "diamond-open", 3),
    "england": (DARK_BLUE, "solid", "circle", 3),
}
OTHER = (TURQUOISE, "dash", "square", 3)


def trend_figure(points: pl.DataFrame, y_title: str, markers: list[tuple[str, str]]) -> go.Figure:
    """`points` from trend_views (with segment); `markers`: (period, label) vertical lines, e.g. breaks."""
    fig = go.Figure()
    periods = sorted(points["period"].unique().to_list())
    for (series, role, segment), rows in points.group_by(["series", "role", "segment"], maintain_order=True):
        colour, dash, symbol, width = ROLE_STYLE.get(str(role), OTHER)
        first = rows["period"].min() == points.filter(pl.col("series") == series)["period"].min()
        has_ci = rows["ci_low"].is_not_null().any()
        fig.add_trace(
            go.Scatter(
                x=rows["period"].to_list(),
                y=rows["value"].to_list(),
                mode="lines+markers",
                name=str(series),
                legendgroup=str(series),
                showlegend=bool(first),
                line={"color": colour, "dash": dash, "width": width},
                marker={"symbol": symbol, "size": 9},
                hovertemplate=f"{series} %{{x}}: %{{y}}<extra>{segment}</extra>",
                error_y={
                    "type": "data",
                    "array": (rows["ci_high"] - rows["value"]).fill_null(0).to_list(),
                    "arrayminus": (rows["value"] - rows["ci_low"]).fill_null(0).to_list(),
                    "visible": bool(has_ci),
                    "color": colour,
                    "thickness": 1,
                },
            )
        )
    for period, label in markers:
        if period in periods:
            fig.add_vline(
                x=periods.index(period) - 0.5,
                line_dash="dot",
                line_color=DARK_GREY,
                annotation_text=label,
                annotation_position="top left",
                annotation_font_color=DARK_GREY,
            )
    fig.update_layout(
        height=440,
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        legend={"orientation": "h", "y": -0.2},
        hovermode="closest",
        xaxis={
            "title": "Period",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": periods,
            "fixedrange": True,
        },
        yaxis={"title": y_title, "gridcolor": "#E5E5E5", "fixedrange": True},
    )
    return readable(fig)
