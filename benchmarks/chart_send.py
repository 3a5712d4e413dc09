"""Round four's cases for benchmarks/rerun_steps.py (branch p4chart): a chart found in the chart cache,
sent to the browser inside a script run (benchmarks/in_run.py's harness).

Before (9d6471a): `st.plotly_chart(FinishedFigure(spec))`, whose `to_dict()` parses the cached JSON and
Streamlit writes Plotly's JSON of that dict again. After: `components.chart_element.send_plotly`,
which sends the cached string as the element's spec. Both must send the same element (checked here,
and on every page in tests/app/test_chart_element.py). Birmingham's Map (with on_select, as the Map
page draws it), Compare chart and Profile spine, from the committed store. Nothing here is a test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.thread_safe_set import ThreadSafeSet

from benchmarks.chart_hits import FinishedFigure, _charts
from benchmarks.in_run import attach_script_run, sent
from components.chart_element import send_plotly
from components.export import finished_chart

Case = tuple[Callable[[], Any], Callable[[], Any]]
CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": "a-chart", "scale": 2}}


def _forget_ids() -> None:
    """A new run's element ids: each call draws the chart once, as a rerun does."""
    shared = get_script_run_ctx().shared  # type: ignore[union-attr]
    shared.widget_ids_this_run = ThreadSafeSet()
    shared.widget_user_keys_this_run = ThreadSafeSet()


def _chosen() -> None:
    """A selection callback (never called here: no click is sent)."""


def chart_hit(name: str, selecting: bool = False) -> Callable[[], Case]:
    """One cached chart sent: through st.plotly_chart (before) or as its cached string (after)."""

    def make() -> Case:
        attach_script_run()
        build, args = _charts()[name]
        chart = finished_chart(build, args, "A title", "A source")
        on_select = _chosen if selecting else None
        extra: dict[str, Any] = {"on_select": on_select, "selection_mode": "points"} if selecting else {}

        def before() -> Any:
            _forget_ids()
            return st.plotly_chart(FinishedFigure(chart.spec.encode()), key="k", alt="a", config=CONFIG, **extra)

        def after() -> Any:
            _forget_ids()
            return send_plotly(chart.spec, chart.height, key="k", alt="a", config=CONFIG, on_select=on_select)

        if sent(before) != sent(after):
            raise SystemExit(f"{name}: the two paths send different elements")
        return before, after

    return make


CASES: dict[str, Callable[[], Case]] = {
    "R4.1 Map, a hit sent (on_select)": chart_hit("Map", selecting=True),
    "R4.1 Compare chart, a hit sent": chart_hit("Compare chart"),
    "R4.1 Profile spine, a hit sent": chart_hit("Profile spine (adults)"),
}


def counts_miss() -> Case:
    """Floor standards' counts chart not in the chart cache, built and finished up to its JSON (every
    standard, all councils, in turn): validated objects (before, 9d6471a) or written as a dict (after)."""
    from accountability.views.floor_standards import FloorsChoice, counts_panel, floors_view
    from components.cache import app_store
    from components.figures.floors import counts_figure
    from tests.data.validated_figures import validated_counts_figure

    view = app_store().derive(floors_view, FloorsChoice())
    panels = [counts_panel(view, label) for label in view.selection.counts["label"].unique().sort().to_list()]
    turn = iter(range(10**9))

    def finish(build: Callable[..., Any]) -> Callable[[], str]:
        def one() -> str:
            panel = panels[next(turn) % len(panels)]
            return finished_chart(build, (panel.counts, "Period"), panel.title, "s").spec

        return one

    for panel in panels:
        args = (panel.counts, "Period")
        if finished_chart(validated_counts_figure, args, "t", "s") != finished_chart(counts_figure, args, "t", "s"):
            raise SystemExit("counts: the two builders give different JSON")
    return finish(validated_counts_figure), finish(counts_figure)


CASES["R4.2 Floor standards counts chart, a miss"] = counts_miss


def dict_miss(name: str) -> Callable[[], Case]:
    """Birmingham's chart `name` not in the chart cache, built and finished up to its JSON: validated
    objects (before, 9d6471a) or written as a dict (after)."""

    def make() -> Case:
        from tests.data.validated_compare import validated_compare_figure
        from tests.data.validated_figures import validated_spine_figure

        build, args = _charts()[name]
        old = {"Compare chart": validated_compare_figure, "Profile spine (adults)": validated_spine_figure}[name]
        return _dict_miss(old, build, args)

    return make


def _dict_miss(old: Callable[..., Any], build: Callable[..., Any], args: tuple[Any, ...]) -> Case:
    def finish(build: Callable[..., Any]) -> Callable[[], str]:
        return lambda: finished_chart(build, args, "A title", "s").spec

    before, after = finish(old), finish(build)
    if before() != after():
        raise SystemExit(f"{build.__name__}: the two builders give different JSON")
    return before, after


CASES["R4.2 Profile spine (adults), a miss"] = dict_miss("Profile spine (adults)")
CASES["R4.2 Compare chart, a miss"] = dict_miss("Compare chart")
