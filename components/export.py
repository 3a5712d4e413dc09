"""Every chart the same way: a title and a source-and-licence line inside the figure, so the PNG or SVG a
user downloads (the camera button in the chart's toolbar, drawn in their own browser, no server
software needed) carries them; alt text; and a file name that says what the chart is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from accountability.labels import PICTURE_FORMAT_LABELS
from components.cache import frame_digest
from components.figures import layout

LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0"
PICTURE_FORMAT = "picture_format"  # session key: the format the camera button downloads


def render_picture_format() -> None:
    """In the sidebar: PNG or SVG for every chart's camera button. Plotly's toolbar takes one format per
    chart, and Streamlit passes its configuration as JSON, so a second button (a JavaScript function)
    cannot be added; the picture is drawn in the user's browser either way, with no server software."""
    st.sidebar.selectbox(
        "Chart downloads (camera button)",
        list(PICTURE_FORMAT_LABELS),
        format_func=PICTURE_FORMAT_LABELS.__getitem__,
        key=PICTURE_FORMAT,
        help="Every chart's toolbar has a camera button that downloads the chart, with its title and source.",
    )


def with_title_and_source(fig: go.Figure, title: str, source: str) -> go.Figure:
    """Put the title and 'Source: …; licence' at the top of the figure, in lines that fit a phone, making
    room for them; and the layout defaults that keep labels apart on any width (`figures.layout`)."""
    title_lines = layout.wrapped(title, layout.TITLE_WIDTH)
    source_lines = layout.wrapped(f"Source: {source}. {LICENCE}.", layout.SOURCE_WIDTH)
    extra = layout.extra_top(len(title_lines), len(source_lines))
    extra += layout.MODEBAR_ROOM
    top = (fig.layout.margin.t or 30) + 50 + extra
    if fig.layout.height:  # the extra lines take their room from the margin, not from the plot
        fig.update_layout(height=fig.layout.height + extra)
    fig.update_layout(
        title={
            "text": "<br>".join(title_lines),
            # from the figure's top edge: Plotly centres a title in a tall margin, and the source lines
            # under it then ran into labels drawn at the top of the plot
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": layout.MODEBAR_ROOM},
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
            "subtitle": {"text": "<br>".join(source_lines), "font": {"size": 11, "color": "#505A5F"}},
        },
        margin={"t": top},
    )
    return layout.legend_below(fig)


def picture_format() -> str:
    chosen = st.session_state.get(PICTURE_FORMAT)
    return chosen if chosen in PICTURE_FORMAT_LABELS else "png"


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "chart"


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs={pl.DataFrame: frame_digest})
def _framed_spec(
    _build: Callable[..., go.Figure], build_name: str, args: tuple[Any, ...], title: str, source: str
) -> dict[str, Any]:
    """The finished figure as a plain dict, built once per distinct input (keyed on the builder's name
    and its arguments; a frame by a hash of every row, see `frame_digest`)."""
    return with_title_and_source(_build(*args), title, source).to_dict()


@st.cache_data(show_spinner=False, max_entries=128)
def _keyed_spec(
    _build: Callable[..., go.Figure],
    build_name: str,
    cache_key: Hashable,
    title: str,
    source: str,
    _args: tuple[Any, ...],
) -> dict[str, Any]:
    """As `_framed_spec`, keyed on the caller's explicit key (store version and choice) instead of the
    arguments, which are then not hashed at all."""
    return with_title_and_source(_build(*_args), title, source).to_dict()


def render_chart(
    build: Callable[..., go.Figure],
    *args: Any,
    key: str,
    alt: str,
    title: str,
    source: str,
    on_select: Callable[[], None] | None = None,
    cache_key: Hashable | None = None,
) -> Any:
    """st.plotly_chart of `build(*args)` with the title/source frame, PNG download settings and alt text.

    Building and validating a Plotly figure costs tens of milliseconds, most of a rerun's budget, so the
    finished figure is cached as a dict and rebuilt here without validation: it was validated when it
    was first built (`_validate=False` is Plotly's own switch for exactly this). A view passes
    `cache_key` (its store version and choice), which determines every argument.
    """
    config = {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": picture_format(), "filename": file_name(title), "scale": 2},
    }
    name = f"{build.__module__}.{build.__qualname__}"
    if cache_key is None:
        spec = _framed_spec(build, name, args, title, source)
    else:
        spec = _keyed_spec(build, name, cache_key, title, source, _args=args)
    framed = go.Figure(spec, _validate=False)
    if on_select is None:
        return st.plotly_chart(framed, key=key, alt=alt, config=config)
    return st.plotly_chart(framed, key=key, alt=alt, config=config, on_select=on_select, selection_mode="points")
