"""Every chart the same way: a title and a source-and-licence line inside the figure, so the PNG a
user downloads (the camera button in the chart's toolbar, drawn in their own browser, no server
software needed) carries them; alt text; and a file name that says what the chart is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0"


def with_title_and_source(fig: go.Figure, title: str, source: str) -> go.Figure:
    """Put the title and 'Source: …; licence' at the top of the figure, making room for them."""
    top = (fig.layout.margin.t or 30) + 50
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
            "subtitle": {"text": f"Source: {source}. {LICENCE}.", "font": {"size": 11, "color": "#505A5F"}},
        },
        margin={"t": top},
    )
    return fig


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "chart"


@st.cache_data(show_spinner=False, max_entries=128)
def _framed_spec(
    _build: Callable[..., go.Figure], build_name: str, args: tuple[Any, ...], title: str, source: str
) -> dict:
    """The finished figure as a plain dict, built once per distinct input (keyed on the builder's name
    and its arguments; frames are hashed by content)."""
    return with_title_and_source(_build(*args), title, source).to_dict()


def render_chart(
    build: Callable[..., go.Figure],
    *args: Any,
    key: str,
    alt: str,
    title: str,
    source: str,
    on_select: Callable[[], None] | None = None,
) -> Any:
    """st.plotly_chart of `build(*args)` with the title/source frame, PNG download settings and alt text.

    Building and validating a Plotly figure costs tens of milliseconds, most of a rerun's budget, so the
    finished figure is cached as a dict and rebuilt here without validation: it was validated when it
    was first built (`_validate=False` is Plotly's own switch for exactly this).
    """
    config = {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_name(title), "scale": 2},
    }
    spec = _framed_spec(build, f"{build.__module__}.{build.__qualname__}", args, title, source)
    framed = go.Figure(spec, _validate=False)
    if on_select is None:
        return st.plotly_chart(framed, key=key, alt=alt, config=config)
    return st.plotly_chart(framed, key=key, alt=alt, config=config, on_select=on_select, selection_mode="points")
