"""The finished chart's JSON, framed as a dict, is the same figure as the validated framing gave (the
same JSON values; only the order of keys within an object may differ), on every chart kind the app
draws and on figures with and without a title or a top margin of their own."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import numpy as np
import orjson
import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pytest
from plotly.subplots import make_subplots

from components.export import finished_chart, finished_spec, with_title_and_source
from tests.unit.test_chart_contrast import FIGURES

OTHERS: dict[str, Callable[[], go.Figure]] = {
    "empty": go.Figure,
    "own margin and title": lambda: go.Figure(layout={"margin": {"t": 12, "l": 4}, "title": {"text": "old"}}),
    "title as text, margin 0": lambda: go.Figure(layout={"title": "plain", "margin": {"t": 0}}),
    # round three: the legend and axes are framed in the dict too (layout.legend_below_in)
    "legend below, own bottom margin": lambda: go.Figure(
        layout={"legend": {"orientation": "h", "y": -0.3}, "margin": {"b": 7}}
    ),
    "legend below, no margin, a height": lambda: go.Figure(
        layout={"legend": {"orientation": "h", "y": -0.1}, "height": 420}
    ),
    "legend above the plot": lambda: go.Figure(layout={"legend": {"orientation": "h", "y": 1.02}}),
    "vertical legend below zero": lambda: go.Figure(layout={"legend": {"orientation": "v", "y": -0.5}}),
    "three subplots": lambda: make_subplots(rows=1, cols=3).add_scatter(x=[1], y=[2], row=1, col=3),
}


@pytest.mark.parametrize("name", sorted(FIGURES) + sorted(OTHERS))
def test_the_same_json_as_the_validated_framing(name: str) -> None:
    build = FIGURES.get(name) or OTHERS[name]
    expected = pio.to_json(with_title_and_source(build(), "A title, 2024-25", "A publisher"), validate=False)
    assert json.loads(finished_spec(build, (), "A title, 2024-25", "A publisher")) == json.loads(expected)


def test_a_figure_with_a_height_grows_by_the_room_its_title_and_source_lines_take() -> None:
    from components.export import LICENCE
    from components.figures import layout

    title = "Re-referrals within 12 months, 2024-25: Birmingham is worse than England at 95% confidence"
    lines = len(layout.wrapped(title, layout.TITLE_WIDTH))
    sources = len(layout.wrapped(f"Source: A publisher. {LICENCE}.", layout.SOURCE_WIDTH))
    extra = layout.extra_top(lines, sources) + layout.MODEBAR_ROOM
    assert lines >= 2 and extra > layout.MODEBAR_ROOM
    validated = with_title_and_source(go.Figure(layout={"height": 400}), title, "A publisher")
    assert validated.layout.height == 400 + extra
    spec = json.loads(finished_spec(lambda: go.Figure(layout={"height": 400}), (), title, "A publisher"))
    assert spec["layout"]["height"] == 400 + extra


@pytest.mark.parametrize("name", sorted(FIGURES) + sorted(OTHERS) + ["gaps and dates"])
def test_the_cached_string_is_what_streamlit_writes_from_it(name: str) -> None:
    # render_chart sends the cached string as the element's spec; st.plotly_chart wrote Plotly's JSON of
    # the dict read back from it (round three). Byte for byte the same, so nothing is re-serialised.
    build = FIGURES.get(name) or OTHERS.get(name) or _gaps_and_dates
    spec = finished_chart(build, (), "A title – 2024-25 <b>£</b>", "A publisher").spec
    assert spec == pio.to_json(
        plotly.tools.return_figure_from_figure_or_data(orjson.loads(spec), False), validate=False
    )


def _gaps_and_dates() -> go.Figure:
    x = [dt.date(2024, 3, 31), dt.datetime(2025, 3, 31, 12), None, np.datetime64("2026-03-31")]
    return go.Figure(go.Scatter(x=x, y=np.array([1.5, float("nan"), np.inf, 1e-300]), customdata=["E0\u2028"] * 4))
