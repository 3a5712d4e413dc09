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
LABEL_STEP = 30  # px per break label (two lines of 11 px text)


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
    shown = [(periods.index(period) - 0.5, label) for period, label in markers if period in periods]
    for i, (x, label) in enumerate(shown):
        fig.add_vline(x=x, line_dash="dot", line_color=DARK_GREY)
        # Each label on its own level above the plot: adjacent breaks (2023-24, 2024-25) sit a narrow
        # category apart on a 390 px phone, so labels side by side would overlap.
        fig.add_annotation(
            x=x,
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=4 + LABEL_STEP * (len(shown) - 1 - i),
            xanchor="right",
            align="right",
            text=label,
            showarrow=False,
            font={"color": DARK_GREY, "size": 11},
        )
    fig.update_layout(
        height=480,
        # the chart's title (set by components.export) at the very top, clear of the break labels below it
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
        margin={"l": 10, "r": 10, "t": 50 + (LABEL_STEP + 8) * len(shown), "b": 120},
        plot_bgcolor="white",
        dragmode=False,
        # under the axis title, at the figure's foot: on a phone the slanted periods reach down to it
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
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
