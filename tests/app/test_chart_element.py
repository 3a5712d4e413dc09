"""Every chart the app draws sends, through `send_plotly` (the cached JSON handed over as it is),
byte-for-byte the message `st.plotly_chart` sends for the same finished figure and key: the element,
its width and height, its place on the page and the agent API's description (the whole ForwardMsg),
on the real pages and store, with and without on_select, and returns what st.plotly_chart returns.

Streamlit's private names are used by components/chart_element.py (Streamlit is pinned ==1.67.0):
this is the test that fails the day an upgrade changes what st.plotly_chart sends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, cast

import orjson
import plotly.graph_objects as go
import pytest
import streamlit as st
import streamlit.delta_generator as delta_generator
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

import components.export as export
from components import chart_element, widgets
from tests.app.conftest import assert_healthy, clear_every_cache, open_page

# (page, URL parameters): between them every builder render_chart is given, with and without on_select
PAGES: list[tuple[str, dict[str, str]]] = [
    ("pages/compare.py", {"council": "E08000025", "measure": "rereferral_pct", "period": "2024-25"}),
    ("pages/compare.py", {"council": "E08000025", "measure": "rereferral_pct", "view": "Funnel plot"}),
    ("pages/floors.py", {"council": "E08000025"}),
    ("pages/map.py", {"council": "E08000025", "measure": "rereferral_pct"}),
    ("pages/map.py", {"council": "E08000025", "measure": "rereferral_pct", "colour": "Floor verdict"}),
    ("pages/market.py", {"council": "E08000025"}),
    ("pages/value.py", {"council": "E06000001"}),
    ("pages/value.py", {"council": "E06000001", "spend": "spend_per_cla"}),
    ("pages/trends.py", {"council": "E08000025", "measure": "rereferral_pct"}),
    ("pages/progress.py", {"council": "E08000025", "commitment": "fewer-repeat-protection-plans:cpp_repeat_pct"}),
    ("pages/profile.py", {"council": "E08000025"}),
]
BUILDERS = {  # every figure builder a page hands render_chart (components/*.py)
    "compare_figure", "funnel_figure", "counts_figure", "council_map", "lines_figure", "sector_bars",
    "scatter_figure", "ranked_bars", "spend_scatter", "unit_cost_lines", "private_share_lines",
    "trend_figure", "trajectory_figure", "spine_figure",
}  # fmt: skip


class FinishedFigure(go.Figure):
    """Round three's hand-over (components/export.py at 9d6471a): st.plotly_chart given a figure whose
    `to_dict()` parses the cached JSON; Streamlit writes its own JSON of that dict."""

    def __init__(self, spec: bytes) -> None:
        super().__init__()
        self._finished = spec

    def to_dict(self) -> dict[str, Any]:
        return cast(dict[str, Any], orjson.loads(self._finished))


def through_st_plotly_chart(
    spec: str, height: object, *, key: str, alt: str, config: dict[str, Any], on_select: Any = None
) -> Any:
    """What render_chart did before: st.plotly_chart of the figure, with the same arguments."""
    if on_select is None:
        return st.plotly_chart(FinishedFigure(spec.encode()), key=key, alt=alt, config=config)
    figure = FinishedFigure(spec.encode())
    return st.plotly_chart(figure, key=key, alt=alt, config=config, on_select=on_select, selection_mode="points")


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[bytes, str]]]:
    """Every Plotly element message enqueued (the whole ForwardMsg, serialised) and what the call returned."""
    messages: list[tuple[bytes, str]] = []
    enqueue = delta_generator._enqueue_message

    def keep(msg: ForwardMsg) -> None:
        if msg.delta.new_element.WhichOneof("type") == "plotly_chart":
            messages.append((msg.SerializeToString(deterministic=True), ""))
        enqueue(msg)

    monkeypatch.setattr(delta_generator, "_enqueue_message", keep)
    yield messages


def _run(page: str, params: dict[str, str], send: Callable[..., Any], messages: list[tuple[bytes, str]]) -> list:
    """The page's Plotly messages and return values with `send` as render_chart's sender. The chart
    cache is kept from the run before: the same finished figures (the Market scatter's rows come in a
    different order each time it is built, so a rebuilt one is a different figure)."""
    returned: list[str] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        value = send(*args, **kwargs)
        returned.append(repr(value) if kwargs.get("on_select") else "element")
        return value

    messages.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "send_plotly", recorded)
        assert_healthy(open_page(page, **params))
    return [(m, r) for (m, _), r in zip(messages, returned, strict=True)]


@pytest.mark.parametrize(("page", "params"), PAGES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(PAGES)])
def test_the_same_message_as_st_plotly_chart(page: str, params: dict[str, str], sent: list) -> None:
    clear_every_cache()
    before = _run(page, params, through_st_plotly_chart, sent)
    after = _run(page, params, chart_element.send_plotly, sent)
    assert before, f"{page} drew no chart"
    assert len(after) == len(before)
    for (old, old_value), (new, new_value) in zip(before, after, strict=True):
        assert new == old, f"{page}: the message differs from st.plotly_chart's"
        assert new_value == old_value


def test_every_builder_is_drawn_by_the_pages_above(monkeypatch: pytest.MonkeyPatch) -> None:
    built: set[str] = set()
    finished = export.finished_chart

    def named(build: Callable[..., go.Figure], *args: Any) -> Any:
        built.add(build.__name__)
        return finished(build, *args)

    monkeypatch.setattr(export, "finished_chart", named)
    for page, params in PAGES:
        clear_every_cache()
        assert_healthy(open_page(page, **params))
    assert built == BUILDERS


def _click(send: Callable[..., Any], code: str) -> tuple[str, Any, str]:
    """The Map page drawn through `send`, then a click on `code`'s point sent back as the browser sends
    it (the chart's widget state, by its element id): the council the page chose, the selection its
    callback read from the chart's state, and the chart's element id."""
    seen: list[Any] = []
    choose = widgets._choose_clicked_council

    def recorded(chart_key: str) -> None:
        seen.append(st.session_state[chart_key].selection)
        choose(chart_key)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "send_plotly", send)
        patch.setattr(widgets, "_choose_clicked_council", recorded)
        at = open_page("pages/map.py", council="E08000025", measure="rereferral_pct")
        chart = at.get("plotly_chart")[0].proto
        states = at._tree.get_widget_states()
        clicked = states.widgets.add()
        clicked.id = chart.id
        point = {"curve_number": 0, "point_number": 3, "point_index": 3, "customdata": code}
        selection = {"points": [point], "point_indices": [3], "box": [], "lasso": []}
        clicked.string_value = json.dumps({"selection": selection})
        at._run(widget_state=states)
    assert_healthy(at)
    return at.session_state["council"], seen, chart.id


def test_a_click_on_the_map_still_chooses_that_council() -> None:
    clear_every_cache()
    before = _click(through_st_plotly_chart, "E06000001")
    after = _click(chart_element.send_plotly, "E06000001")
    assert after[0] == before[0] == "E06000001"  # the callback chose Hartlepool, as before
    assert after[1][0].points[0]["customdata"] == "E06000001"  # the chart's state held the chosen point
    assert after == before
