"""Round four's cases for benchmarks/rerun_steps.py (branch p4lazy): send only what a user can see.

"Before" is the code at 9d6471a, kept here: Home's attention list with every item sent (the folded ones
too) and Floor standards' what-if editor with every input sent inside its closed expander. "After" is the
app's code now, which draws an expander's contents only while it is open. Nothing here is a test; the
numbers go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st
from streamlit.testing.v1 import AppTest

from accountability.settings import ROOT
from benchmarks.in_run import Case, attach_script_run
from components.cache import app_store

BIRMINGHAM = "E08000025"  # 19 things need attention (4 shown, 15 in "more"), and strengths


def _old_render_attention(view: Any, code: str, shown: int = 4) -> None:
    """components.attention.render_attention at 9d6471a: every item sent, the folded ones too."""
    from components.attention import _items

    st.subheader(view.heading)
    st.caption(view.note)
    _items(view.concerns[:shown], code, "concern")
    rest = view.concerns[shown:]
    if rest:
        with st.expander(f"{len(rest)} more that need attention"):
            _items(rest, code, "concern_more")
    if view.strengths:
        with st.expander(f"Strengths: {len(view.strengths)} significantly better or getting better"):
            _items(view.strengths, code, "strength")


def _old_render_what_if(options: pl.DataFrame) -> tuple[tuple[str, float], ...]:
    """components.floors.render_what_if at 9d6471a: every input sent inside the closed expander."""
    changed: dict[str, float] = {}
    with st.expander("What if the floors were different? (changes last for this session only)"):
        st.caption("Change a floor to see which councils would be below it. The standards file is not changed.")
        for row in options.iter_rows(named=True):
            value = st.number_input(
                row["label"], value=float(row["threshold"]), format="%.3f", key=f"floor_{row['standard']}"
            )
            if value != row["threshold"]:
                changed[row["standard"]] = float(value)
    if changed:
        st.info(
            f"Showing what-if floors for {len(changed)} standard(s); reload the page to return to the published ones."
        )
    return tuple(sorted(changed.items()))


def _in_one_run(fn: Callable[[], Any]) -> Callable[[], Any]:
    """`fn` called as if each call were a new run: the widget keys seen this run forgotten first."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    def call() -> Any:
        ctx = get_script_run_ctx()
        if ctx is not None:
            ctx.shared.reset()
        return fn()

    return call


def what_if_render() -> Case:
    """Floor standards' what-if editor, closed: every input sent (before) or its label only (after)."""
    from accountability.views.floor_standards import what_if_options
    from components import floors

    attach_script_run()
    options = app_store().derive(what_if_options)
    before, after = _old_render_what_if, floors.render_what_if
    if before(options) != after(options):
        raise SystemExit("what-if: the two editors return different floors")
    return _in_one_run(lambda: before(options)), _in_one_run(lambda: after(options))


LAZY_KEYS = ("attention_more", "attention_strengths", "what_if_open")  # the expanders drawn only when open
Renderers = tuple[Callable[..., Any], Callable[..., Any]]


def _session(page: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["council"] = BIRMINGHAM
    if page:
        at.switch_page(page)
    return at


def _run_with(at: AppTest, renderers: Renderers) -> AppTest:
    """One rerun with these attention and what-if renderers patched in (the pages import them each run)."""
    import components.attention as attention
    import components.floors as floors

    new = (attention.render_attention, floors.render_what_if)
    attention.render_attention, floors.render_what_if = renderers  # type: ignore[assignment]
    try:
        return at.run()
    finally:
        attention.render_attention, floors.render_what_if = new  # type: ignore[assignment]


def _shown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [b.label for b in at.number_input]


def _set_lazy(at: AppTest, value: bool) -> AppTest:
    for key in LAZY_KEYS:
        at.session_state[key] = value
    return at


def page_rerun(page: str | None) -> Callable[[], Case]:
    """A whole rerun of a page for Birmingham with AppTest (its script thread's CPU counted too, and
    AppTest's reading of the messages into its tree; not the serialising and sending a server does):
    the old renderers patched in (before) or the app's (after), each path in its own session. Opened,
    the new expanders must show what the old ones sent closed."""

    def make() -> Case:
        from components.attention import render_attention
        from components.floors import render_what_if

        new: Renderers = (render_attention, render_what_if)
        old: Renderers = (_old_render_attention, _old_render_what_if)
        at_old, at_new = _session(page), _session(page)
        old_shown = _shown(_run_with(at_old, old))
        closed = len(_run_with(at_new, new).markdown)
        if _shown(_run_with(_set_lazy(at_new, True), new)) != old_shown:
            raise SystemExit(f"{page}: opened, the new expanders do not show what the old ones did")
        if len(_run_with(_set_lazy(at_new, False), new).markdown) != closed:
            raise SystemExit(f"{page}: the new expanders did not close again")
        return lambda: _run_with(at_old, old), lambda: _run_with(at_new, new)

    return make


CASES: dict[str, Callable[[], Case]] = {
    "LC. Floor standards' what-if editor, closed": what_if_render,
    "LP. Home rerun, Birmingham (AppTest)": page_rerun(None),
    "LP. Floor standards rerun, Birmingham (AppTest)": page_rerun("pages/floors.py"),
}
