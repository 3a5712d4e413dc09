"""Layout defaults every chart gets when it is framed (`components.export.render_chart`), so it reads on
a phone (about 360 pixels of chart) as well as on a desktop, and in the PNG or SVG a user downloads.

The server cannot see the screen's width, so nothing here depends on it: the figure is made to fit
the narrowest screen we support and still looks right when wider.
- Plotly never wraps a title, so long titles and the source line are broken into lines here (a
  phone cut the source and licence line off mid-sentence), with the top margin grown to match.
- A horizontal legend placed below the plot in paper coordinates (y = -0.2) lands on the x-axis
  title and tick labels when the plot is short or the ticks are rotated; anchored to the bottom of
  the whole figure instead (`yref="container"`), Plotly makes room for it under everything else.
- The title starts below the chart's toolbar, which on a phone covered its first line.
- Axis margins grow to fit their tick labels (`automargin`), so labels are not clipped.
It does not choose colours (theme.readable) or what a chart shows (each builder).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import plotly.graph_objects as go

TITLE_WIDTH = 46  # characters of the 15-pixel title that fit in a phone's chart (about 330 pixels)
SOURCE_WIDTH = 62  # characters of the 11-pixel source line that fit in the same width
TITLE_LINE = 20  # pixels per extra line of title
SOURCE_LINE = 15  # pixels per extra line of source
LEGEND_ROOM = 40  # pixels under the plot for one row of legend
# Plotly's toolbar (camera, zoom) sits over the figure's top right corner; on a phone the title runs
# under it, so the title starts below it.
MODEBAR_ROOM = 30
AXIS_NAME = re.compile(r"[xy]axis\d*")  # the layout's cartesian axes: xaxis, yaxis, xaxis2, …


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, breaking only at spaces (a long word stays whole)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def extra_top(title_lines: int, source_lines: int) -> int:
    """Pixels more than one title line and one source line need."""
    return (title_lines - 1) * TITLE_LINE + (source_lines - 1) * SOURCE_LINE


def legend_below(fig: go.Figure) -> go.Figure:
    """Move a horizontal legend drawn below the plot to the figure's bottom edge (see module docstring)."""
    legend = fig.layout.legend
    if moved := _legend_moved(legend.orientation, legend.y, fig.layout.margin.b):
        fig.update_layout(moved)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def legend_below_in(layout: dict[str, Any]) -> None:
    """`legend_below` on a figure's layout as a plain dict (`to_dict()`), without Plotly's validation:
    the same properties set (finished charts, components/export.py)."""
    legend, margin = layout.get("legend", {}), layout.get("margin", {})
    if moved := _legend_moved(legend.get("orientation"), legend.get("y"), margin.get("b")):
        layout.setdefault("legend", {}).update(moved["legend"])
        layout.setdefault("margin", {}).update(moved["margin"])
    # every x and y axis, and the first pair even if absent, as update_xaxes/update_yaxes set them
    for name in {"xaxis", "yaxis", *filter(AXIS_NAME.fullmatch, layout)}:
        layout.setdefault(name, {})["automargin"] = True


def _legend_moved(orientation: str | None, y: float | None, bottom: int | None) -> dict[str, Any] | None:
    """The legend and margin for a horizontal legend below the plot; None for any other legend."""
    if orientation == "h" and y is not None and y < 0:
        legend = {"yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
        return {"legend": legend, "margin": {"b": (bottom or 40) + LEGEND_ROOM}}
    return None
