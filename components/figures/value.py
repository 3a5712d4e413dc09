"""Pure Plotly builders for the Value for money page: ranked spend, spend against an outcome, unit costs.

Styles are keyed on the view's codes ("council", "group", "england", "other"); colours come from the
compare palette and every highlighted thing also differs in shape or pattern, not colour alone.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures.compare import DARK_BLUE, DARK_GREY, ORANGE, PALE_BLUE, TURQUOISE
from components.figures.theme import readable

BAR_STYLE = {"council": (ORANGE, "/"), "england": (DARK_BLUE, "x"), "other": (PALE_BLUE, "")}
POINT_STYLE = {  # role: (colour, symbol, size, legend name)
    "other": (PALE_BLUE, "circle", 8, "Other councils"),
    "group": (TURQUOISE, "square", 10, "Statistical neighbours"),
    "council": (ORANGE, "diamond", 15, None),
}
COST_STYLE = {"unit_cost_residential": (DARK_BLUE, "circle"), "unit_cost_fostering": (TURQUOISE, "square")}


def _layout(fig: go.Figure, x_title: str, y_title: str, height: int = 420, category: bool = False) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        dragmode=False,
        legend={"orientation": "h", "y": -0.25},
        xaxis={
            "title": x_title,
            "gridcolor": "#E5E5E5",
            "fixedrange": True,
            **({"type": "category"} if category else {}),
        },
        yaxis={"title": y_title, "gridcolor": "#E5E5E5", "fixedrange": True},
    )
    return readable(fig)


def ranked_bars(ranked: pl.DataFrame, y_title: str) -> go.Figure:
    """Every council highest first, the chosen council and England patterned and named on the axis."""
    rows = ranked.filter(pl.col("value").is_not_null())
    styles = [BAR_STYLE.get(h, BAR_STYLE["other"]) for h in rows["highlight"]]
    fig = go.Figure(
        go.Bar(
            x=rows["name"].to_list(),
            y=rows["value"].to_list(),
            customdata=rows["code"].to_list(),
            marker={"color": [s[0] for s in styles], "pattern": {"shape": [s[1] for s in styles]}},
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
            showlegend=False,
        )
    )
    named = rows.filter(pl.col("highlight") != "other")
    fig = _layout(fig, "Councils, highest first", y_title, category=True)
    fig.update_xaxes(tickmode="array", tickvals=named["name"].to_list(), ticktext=named["name"].to_list(), tickangle=0)
    return fig


def spend_scatter(points: pl.DataFrame, x_title: str, y_title: str) -> go.Figure:
    """Councils as points; the benchmark group as squares, the chosen council a labelled diamond."""
    fig = go.Figure()
    for role, (colour, symbol, size, name) in POINT_STYLE.items():
        rows = points.filter(pl.col("group") == role)
        if rows.height == 0:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["x"].to_list(),
                y=rows["y"].to_list(),
                customdata=rows["code"].to_list(),
                mode="markers+text" if role == "council" else "markers",
                name=name or rows["name"][0],
                text=rows["name"].to_list() if role == "council" else None,
                textposition="top center",
                hovertext=rows["name"].to_list(),
                hoverinfo="text+x+y",
                marker={"color": colour, "symbol": symbol, "size": size, "line": {"color": DARK_GREY, "width": 1}},
            )
        )
    return _layout(fig, x_title, y_title, height=460)


def unit_cost_lines(costs: pl.DataFrame, labels: dict[str, str], council_name: str | None) -> go.Figure:
    """Weekly unit costs over time: solid for the council, dotted for England, one colour per cost."""
    fig = go.Figure()
    for measure, (colour, symbol) in COST_STYLE.items():
        for is_england, dash in ((False, "solid"), (True, "dot")):
            rows = costs.filter((pl.col("measure") == measure) & ((pl.col("name") == "England") == is_england))
            if rows.height == 0:
                continue
            who = "England" if is_england else (council_name or "")
            fig.add_trace(
                go.Scatter(
                    x=rows["period"].to_list(),
                    y=rows["value"].to_list(),
                    mode="lines+markers",
                    name=f"{labels.get(measure, measure)}: {who}",
                    line={"color": colour, "dash": dash, "width": 3},
                    marker={"symbol": symbol, "size": 8},
                )
            )
    return _layout(fig, "Financial year", "£ per child per week (cash)", category=True)


def private_share_lines(share: pl.DataFrame, council_name: str | None) -> go.Figure:
    """Private share of children's home places: the council's area (solid) and England (dotted)."""
    fig = go.Figure()
    for area_type, colour, dash, name in (
        ("council", ORANGE, "solid", council_name),
        ("england", DARK_BLUE, "dot", "England"),
    ):
        rows = share.filter(pl.col("area_type") == area_type)
        if rows.height:
            fig.add_trace(
                go.Scatter(
                    x=[str(y) for y in rows["year"].to_list()],
                    y=rows["private_share_places"].to_list(),
                    mode="lines+markers",
                    name=name or area_type,
                    line={"color": colour, "dash": dash, "width": 3},
                )
            )
    return _layout(fig, "Year (at 31 March)", "Private share of places (%)", category=True)
