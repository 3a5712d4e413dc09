"""Pure Plotly builder for the Floor standards page: councils by verdict over time for one standard.

Verdicts are codes; the legend writes them in words (`labels.FLOOR_VERDICT_WORDS`) and each has a
pattern as well as a colour, so colour never carries the meaning alone.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from accountability.labels import FLOOR_VERDICT_WORDS
from components.figures.theme import default_template

COUNT_COLOURS = {
    "below": "#801650",
    "cannot_tell": "#A285D1",
    "meets": "#12436D",
    "no_floor_yet": "#6F777B",
    "no_data": "#BFC1C3",
}
PATTERNS = {"below": "x", "cannot_tell": "/", "meets": "", "no_floor_yet": "-", "no_data": "."}


def counts_figure(counts: pl.DataFrame, label: str) -> dict[str, Any]:
    """Stacked bars of councils by verdict per period for one standard; patterns as well as colours.

    Written as the figure's dict (`go.Figure.to_dict()`), not built through Plotly's validated objects:
    on a chart-cache miss that took 6 ms of the server's CPU, now 1 ms. The dict is byte for byte what
    the validated builder gave (tests/data/test_chart_bytes.py, on every standard and selection of the
    store): the same key order, the bar labels as strings and the axis titles as {"text": ...}, as
    Plotly's validation wrote them, and the default template's layout (Streamlit's, in the app)."""
    bars = [
        {
            "marker": {"color": COUNT_COLOURS[verdict], "pattern": {"shape": PATTERNS[verdict]}},
            "name": FLOOR_VERDICT_WORDS[verdict],
            "text": [None if n is None else str(n) for n in counts[verdict].to_list()],  # as Plotly validated them
            "textposition": "inside",
            "x": counts["period"].to_list(),
            "y": counts[verdict].to_list(),
            "type": "bar",
        }
        for verdict in COUNT_COLOURS
        if verdict in counts.columns  # counts from before "no floor yet" lack it
    ]
    template = default_template()
    layout = {
        **({"template": template} if template else {}),
        # compound properties first, then the rest: the order Plotly's update_layout wrote them in
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "legend": {"orientation": "h", "y": -0.2},
        "yaxis": {"title": {"text": "Councils"}, "fixedrange": True},
        "xaxis": {"title": {"text": label}, "fixedrange": True},
        "barmode": "stack",
        "height": 380,
        "plot_bgcolor": "white",
        "dragmode": False,
    }
    return {"data": bars, "layout": layout}
