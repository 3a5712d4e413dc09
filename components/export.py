"""Every chart the same way: a title and a source-and-licence line inside the figure, so the PNG a
user downloads (the camera button in the chart's toolbar, drawn in their own browser, no server
software needed) carries them; alt text; and a file name that says what the chart is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from accountability.labels import PICTURE_FORMAT_LABELS
from components.cache_keys import check_key
from components.chart_cache import ByteBoundedCache
from components.chart_element import send_plotly
from components.figures import layout
from components.figures.theme import merge

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
    fig.update_layout(_title_and_source(fig.layout.margin.t, fig.layout.height, title, source))
    return layout.legend_below(fig)


def _title_and_source(top_margin: int | None, height: int | None, title: str, source: str) -> dict[str, Any]:
    """The layout properties `with_title_and_source` sets, for a figure with this top margin and height."""
    title_lines = layout.wrapped(title, layout.TITLE_WIDTH)
    source_lines = layout.wrapped(f"Source: {source}. {LICENCE}.", layout.SOURCE_WIDTH)
    extra = layout.extra_top(len(title_lines), len(source_lines))
    extra += layout.MODEBAR_ROOM
    values: dict[str, Any] = {
        "title": {
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
        "margin": {"t": (top_margin or 30) + 50 + extra},
    }
    if height:  # the extra lines take their room from the margin, not from the plot
        values["height"] = height + extra
    return values


def picture_format() -> str:
    chosen = st.session_state.get(PICTURE_FORMAT)
    return chosen if chosen in PICTURE_FORMAT_LABELS else "png"


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "chart"


# 16 MB of JSON: about 90 Map specs (0.18 MB each) or thousands of line and bar charts, per replica.
# Not 32 MB (round two): that took over ten minutes to fill at 50 sessions on two replicas, so memory
# kept growing; at 16 MB the hit rate was the same, 38-43% on a random mix (benchmarks/RESULTS.md,
# "Round three: memory once warm").
CHART_CACHE_BYTES = 16 * 1024 * 1024


@st.cache_resource(show_spinner=False)
def _charts() -> ByteBoundedCache[FinishedChart]:
    """The replica's finished charts, shared by every session (cleared with Streamlit's resources)."""
    return ByteBoundedCache(CHART_CACHE_BYTES, sizeof=FinishedChart.size)


class FinishedChart(NamedTuple):
    """A finished chart: its Plotly JSON exactly as Streamlit writes it, and the layout height
    Streamlit sizes the element from (components/chart_element.py sends both as they are)."""

    spec: str
    height: int | float | None

    def size(self) -> int:
        """Bytes the chart cache counts: the string's memory (a non-Latin-1 character makes every
        character take 2 bytes, so its length alone would undercount)."""
        return sys.getsizeof(self.spec)


Builder = Callable[..., go.Figure | dict[str, Any]]  # a figure, or its `to_dict()` written directly


def finished_chart(build: Builder, args: tuple[Any, ...], title: str, source: str) -> FinishedChart:
    """The finished figure (title and source line added, laid out to fit a phone) as Plotly's own JSON,
    written once per cache key: a cache hit sends this JSON as it is, never rebuilding the figure.

    The frame is merged into the figure's dict (the copy the JSON is written from anyway), not set
    through `with_title_and_source`: Plotly's validated updates walk the whole layout for every
    property (8% of the server's CPU under load). Same JSON values: tests/unit/test_finished_spec.py.
    The string is what st.plotly_chart would write for this figure: Plotly's JSON of a dict read back
    from Plotly's JSON is the same string (tests/unit/test_chart_element.py, on every chart kind).
    """
    built = build(*args)
    spec = built if isinstance(built, dict) else built.to_dict()  # a dict is the builder's own, fresh
    framed = spec.setdefault("layout", {})
    margin = framed.get("margin", {})
    merge(framed, _title_and_source(margin.get("t"), framed.get("height"), title, source))
    layout.legend_below_in(framed)
    return FinishedChart(pio.to_json(spec, validate=False), framed.get("height"))


def finished_spec(build: Builder, args: tuple[Any, ...], title: str, source: str) -> bytes:
    """`finished_chart`'s JSON as bytes (for tests and benchmarks that read it as JSON)."""
    return finished_chart(build, args, title, source).spec.encode()


def render_chart(
    build: Builder,
    *args: Any,
    key: str,
    alt: str,
    title: str,
    source: str,
    on_select: Callable[[], None] | None = None,
    cache_key: Hashable,
) -> Any:
    """st.plotly_chart of `build(*args)` with the title/source frame, PNG download settings and alt text.

    The finished chart is built once per `cache_key` (the view's store version and choice, which
    determine every argument) and kept in the replica's byte-bounded chart cache; a hit sends its JSON
    as Streamlit's element without parsing it (components/chart_element.py). The arguments
    themselves are never hashed: a key that is not made of codes and frozen choices is refused
    (components/cache_keys.py), since hashing a shared Polars frame can hang the replica.
    """
    config = {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": picture_format(), "filename": file_name(title), "scale": 2},
    }
    key_args = (f"{build.__module__}.{build.__qualname__}", cache_key, title, source)
    check_key(key_args, "render_chart's cache key")
    chart = _charts().get_or_build(key_args, lambda: finished_chart(build, args, title, source))
    return send_plotly(chart.spec, chart.height, key=key, alt=alt, config=config, on_select=on_select)
