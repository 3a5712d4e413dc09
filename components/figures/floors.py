"""Pure Plotly builder for the Floor standards page: councils by verdict over time for one standard.

Verdicts are codes; the legend writes them in words (`labels.FLOOR_VERDICT_WORDS`) and each has a
pattern as well as a colour, so colour never carries the meaning alone.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from accountability.labels import FLOOR_VERDICT_WORDS

COUNT_COLOURS = {
    "below": "#801650",
    "cannot_tell": "#A285D1",
    "meets": "#12436D",
    "no_floor_yet": "#6F777B",
    "no_data": "#BFC1C3",
}
PATTERNS = {"below": "x", "cannot_tell": "/", "meets": "", "no_floor_yet": "-", "no_data": "."}


def counts_figure(counts: pl.DataFrame, label: str) -> go.Figure:
    """Stacked bars of councils by verdict per period for one standard; patterns as well as colours."""
    fig = go.Figure()
    for verdict in (v for v in COUNT_COLOURS if v in counts.columns):  # counts from before "no floor yet" lack it
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
