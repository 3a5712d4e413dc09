"""Text colours every figure sets for itself, so chart text meets WCAG 1.4.3 (4.5:1) wherever it is drawn.

Streamlit's chart theme (the default of `st.plotly_chart`) writes its own colours into a figure's
template when the chart is drawn in the browser: axis titles and tick labels #808495, only 3.7:1 on
white. A value in the figure's own layout always wins over its template, so `readable` sets every
text colour there: on whatever renders the figure (Streamlit's theme, `theme=None`, a PNG export)
the text is the colour chosen here. It does not choose line or marker colours (each builder does,
from the palette in `compare`); tests/unit/test_chart_contrast.py checks both against their ratios.
"""

from __future__ import annotations

import plotly.graph_objects as go

INK = "#0B0C0C"  # GOV.UK text colour: 19.6:1 on white
MUTED_INK = "#505A5F"  # GOV.UK secondary text: 7.1:1 on white, 6.3:1 on the light quarter band
BACKGROUND = "#FFFFFF"


def readable(fig: go.Figure) -> go.Figure:
    """Set the figure's text colours and backgrounds in its own layout (see the module docstring)."""
    fig.update_layout(
        font={"color": INK},
        title={"font": {"color": INK}},
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        legend={"font": {"color": INK}, "title": {"font": {"color": INK}}},
        hoverlabel={"bgcolor": BACKGROUND, "bordercolor": MUTED_INK, "font": {"color": INK}},
    )
    fig.update_xaxes(title_font_color=INK, tickfont_color=MUTED_INK)
    fig.update_yaxes(title_font_color=INK, tickfont_color=MUTED_INK)
    return fig
