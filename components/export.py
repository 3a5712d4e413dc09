"""Every chart the same way: a title and a source-and-licence line inside the figure, so the PNG a
user downloads (the camera button in the chart's toolbar, drawn in their own browser, no server
software needed) carries them; alt text; and a file name that says what the chart is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any, cast

import orjson
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from components.cache_keys import check_key
from components.chart_cache import ByteBoundedCache
from components.figures.theme import merge

LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0"


def with_title_and_source(fig: go.Figure, title: str, source: str) -> go.Figure:
    """Put the title and 'Source: …; licence' at the top of the figure, making room for them."""
    fig.update_layout(_title_and_source(fig.layout.margin.t, title, source))
    return fig


def _title_and_source(top_margin: int | None, title: str, source: str) -> dict[str, Any]:
    return {
        "title": {
            "text": title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
            "subtitle": {"text": f"Source: {source}. {LICENCE}.", "font": {"size": 11, "color": "#505A5F"}},
        },
        "margin": {"t": (top_margin or 30) + 50},
    }


def file_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "chart"


# 32 MB of JSON: about 180 Map specs (0.18 MB each) or thousands of line and bar charts, per replica.
CHART_CACHE_BYTES = 32 * 1024 * 1024


@st.cache_resource(show_spinner=False)
def _charts() -> ByteBoundedCache[bytes]:
    """The replica's finished charts, shared by every session (cleared with Streamlit's resources)."""
    return ByteBoundedCache(CHART_CACHE_BYTES)


def finished_spec(build: Callable[..., go.Figure], args: tuple[Any, ...], title: str, source: str) -> bytes:
    """The finished figure (title and source line added) as Plotly's own JSON.

    The frame is merged into the figure's dict (the copy Plotly's JSON is written from anyway), not
    set through a validated `update_layout`, which walks the whole layout (5% of a rerun's CPU under
    load); the JSON is the same as `with_title_and_source` gives (tests/unit/test_export.py).
    """
    spec = build(*args).to_dict()
    layout = spec.setdefault("layout", {})
    merge(layout, _title_and_source(layout.get("margin", {}).get("t"), title, source))
    return pio.to_json(spec, validate=False).encode()


class FinishedFigure(go.Figure):
    """A figure already built, validated and serialised: Streamlit asks it only for `to_dict()`.

    Streamlit's `plotly_chart` turns a figure into a dict (a deep copy, 15 ms for the Map) and then
    into JSON. Handing it this instead skips building the figure's objects again (9 ms) and the
    copy: the dict is read straight from the cached JSON (1 ms). Never change it; it is not a full
    figure (its own data and layout are empty).
    """

    def __init__(self, spec: bytes) -> None:
        super().__init__()
        self._finished = spec

    def to_dict(self) -> dict[str, Any]:
        return cast(dict[str, Any], orjson.loads(self._finished))


def render_chart(
    build: Callable[..., go.Figure],
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
    determine every argument) and kept in the replica's byte-bounded chart cache. The arguments
    themselves are never hashed: a key that is not made of codes and frozen choices is refused
    (components/cache_keys.py), since hashing a shared Polars frame can hang the replica.
    """
    config = {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_name(title), "scale": 2},
    }
    key_args = (f"{build.__module__}.{build.__qualname__}", cache_key, title, source)
    check_key(key_args, "render_chart's cache key")
    framed = FinishedFigure(_charts().get_or_build(key_args, lambda: finished_spec(build, args, title, source)))
    if on_select is None:
        return st.plotly_chart(framed, key=key, alt=alt, config=config)
    return st.plotly_chart(framed, key=key, alt=alt, config=config, on_select=on_select, selection_mode="points")
