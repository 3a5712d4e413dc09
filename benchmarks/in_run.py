"""Round three's cases for benchmarks/rerun_steps.py: Streamlit's own work per rerun, which only
happens inside a script run (`st.Page` and `st.dataframe` do almost nothing without one).

`attach_script_run()` runs a one-line script with AppTest and keeps its ScriptRunContext attached to
this thread, with the messages it would send dropped (`sent()` keeps the last one, so a case can check
that its two paths send the same). Every case then runs as it would in a page. Each case's "before" is
the code as it was in the commit before the step, kept here; "after" is the app's code now.
Nothing here is a test; the numbers go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import ast
import json
import threading
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import add_script_run_ctx
from streamlit.testing.v1 import AppTest

from accountability.labels import FLOOR_CHANGE_LABELS, WATCH_REASON_LABELS, words
from accountability.settings import ROOT
from accountability.views.floor_standards import FloorsChoice, FloorsView, floors_view
from benchmarks.chart_hits import _charts
from components import data, tables
from components.cache import app_store
from components.data import store_version
from components.export import LICENCE, finished_spec
from components.figures import layout
from components.navigation import PageSpec, fresh_pages

Case = tuple[Callable[[], Any], Callable[[], Any]]
_last: list[ForwardMsg] = []
GET_CTX = (
    "import streamlit as st\n"
    "from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx\n"
    "st.session_state['ctx'] = get_script_run_ctx()\n"
)


def attach_script_run() -> None:
    """Give this thread a script run's context, as a page's thread has (once)."""
    at = AppTest.from_string(GET_CTX, default_timeout=60).run()
    ctx = at.session_state["ctx"]
    ctx._enqueue = _keep_last  # the finished run's queue is read by nothing: keep one message, not all
    add_script_run_ctx(threading.current_thread(), ctx)


def _keep_last(msg: ForwardMsg) -> None:
    _last[:] = [msg]


def sent(fn: Callable[[], Any]) -> bytes:
    """The element in the last message `fn` sends, as bytes (to check two paths send the same; the
    message's place on the page differs, as each call adds an element)."""
    _last.clear()
    fn()
    return _last[0].delta.new_element.SerializeToString() if _last else b""


def dashboard_pages() -> tuple[PageSpec, ...]:
    """dashboard.py's PAGES, read from its source (importing it would run the app), paths made absolute:
    the benchmark's script run is not in the repository's folder."""
    tree = ast.parse((ROOT / "dashboard.py").read_text())
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "PAGES")
    specs = eval(compile(ast.Expression(node.value), "dashboard.py", "eval"), {"PageSpec": PageSpec})  # noqa: S307
    return tuple(spec._replace(script=str(ROOT / spec.script)) for spec in specs)


def pages_per_run() -> Case:
    """The navigation's 15 pages: built every run (before) or copied from the ones built once (after)."""
    attach_script_run()
    specs = dashboard_pages()

    def before() -> list[st.Page]:
        return [st.Page(s.script, title=s.title, icon=s.icon, url_path=s.url_path, default=s.default) for s in specs]

    def after() -> list[st.Page]:
        return fresh_pages(specs)

    if [vars(p) for p in before()] != [vars(p) for p in after()]:
        raise SystemExit("pages: the copies differ from pages built afresh")
    return before, after


def _floors(council: str | None) -> tuple[FloorsView, tuple[Any, ...]]:
    store = app_store()
    view = store.derive(floors_view, FloorsChoice(council, None, None, None, ()))
    return view, (store_version(), view.choice)


def table_case(name: str) -> Callable[[], Case]:
    """One of Floor standards' tables through st.dataframe: a Polars frame worded every run (before),
    or the table kept as sent (after); both must send the same message."""

    def make() -> Case:
        attach_script_run()
        view, key = _floors("E08000025")
        watch, changes = view.selection.watch, view.selection.changes
        build: Callable[[], pl.DataFrame] = {
            "matrix": lambda: view.matrix_shown,
            "watchlist": lambda: watch.with_columns(words("reason", WATCH_REASON_LABELS)),
            "changes": lambda: changes.with_columns(words("change", FLOOR_CHANGE_LABELS)),
        }[name]

        def before() -> Any:
            return st.dataframe(build(), hide_index=True, alt="a")

        def after() -> Any:
            return st.dataframe(tables.shown_table(build, (*key, name)).arrow, hide_index=True, alt="a")

        if sent(before) != sent(after):
            raise SystemExit(f"{name}: the two paths send different messages")
        return before, after

    return make


# Step P3, before: the framing through Plotly's validated updates, as finished_spec did at 5347e0e.
def _validated_frame(fig: go.Figure, title: str, source: str) -> go.Figure:
    title_lines = layout.wrapped(title, layout.TITLE_WIDTH)
    source_lines = layout.wrapped(f"Source: {source}. {LICENCE}.", layout.SOURCE_WIDTH)
    extra = layout.extra_top(len(title_lines), len(source_lines)) + layout.MODEBAR_ROOM
    top = (fig.layout.margin.t or 30) + 50 + extra
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + extra)
    subtitle = {"text": "<br>".join(source_lines), "font": {"size": 11, "color": "#505A5F"}}
    fig.update_layout(
        title={
            "text": "<br>".join(title_lines),
            **{"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": layout.MODEBAR_ROOM}},
            **{"x": 0, "xanchor": "left", "font": {"size": 15}, "subtitle": subtitle},
        },
        margin={"t": top},
    )
    legend = fig.layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        bottom = (fig.layout.margin.b or 40) + layout.LEGEND_ROOM
        fig.update_layout(
            legend={"yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
            margin={"b": bottom},
        )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def framing(name: str) -> Callable[[], Case]:
    """A chart not in the chart cache, built and framed up to its JSON: through validated updates
    (before) or merged into its dict (after, `finished_spec`); the same JSON values."""

    def make() -> Case:
        build, args = _charts()[name]

        def before() -> bytes:
            return pio.to_json(_validated_frame(build(*args), "t", "s").to_dict(), validate=False).encode()

        def after() -> bytes:
            return finished_spec(build, args, "t", "s")

        if json.loads(before()) != json.loads(after()):
            raise SystemExit(f"{name}: the two framings give different JSON")
        return before, after

    return make


def versions_per_run(asks: int = 5) -> Case:
    """The store version asked for `asks` times in a run (3-6 on the pages of the load mix): worked out
    each time (before) or once (after, inside `one_version_this_run`)."""

    def before() -> list[str]:
        return [data._current_version() for _ in range(asks)]

    def after() -> list[str]:
        with data.one_version_this_run():
            return [data.store_version() for _ in range(asks)]

    if before() != after():
        raise SystemExit("versions: the two paths give different versions")
    return before, after


CASES: dict[str, Callable[[], Case]] = {
    "P1. navigation pages, 15 per run": pages_per_run,
    "P2. Floor standards matrix through st.dataframe": table_case("matrix"),
    "P2. Floor standards watchlist through st.dataframe": table_case("watchlist"),
    "P2. Floor standards changes through st.dataframe": table_case("changes"),
    "P3. Compare chart built and framed (a miss)": framing("Compare chart"),
    "P3. Profile spine built and framed (a miss)": framing("Profile spine (adults)"),
    "P3. Map built and framed (a miss)": framing("Map"),
    "P4. store version, 5 asks in a run": versions_per_run,
}
