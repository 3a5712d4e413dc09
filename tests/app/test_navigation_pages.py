"""The navigation's pages are built once and copied per run (components/navigation.fresh_pages): each
run gets its own Page objects, equal to freshly built ones, and marking this run's page runnable never
touches the kept ones other sessions copy from."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from accountability.settings import ROOT
from tests.app.conftest import TIMEOUT, open_page


def _script(home: str, find: str) -> None:
    import streamlit as st
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    from components.navigation import PageSpec, _built, _page, fresh_pages

    specs = (PageSpec(home, "Home", "🏠", "home", default=True), PageSpec(find, "Find your council", "🔎", "find"))
    first, second = fresh_pages(specs), fresh_pages(specs)
    built = [_page(spec) for spec in specs]
    ctx = get_script_run_ctx()
    assert ctx is not None
    kept = _built(ctx.pages_manager.main_script_parent, specs)
    chosen = st.navigation(first)
    st.session_state["result"] = {
        "copies differ": all(a is not b for a, b in zip(first, second, strict=True)),
        "not the kept ones": all(a is not k for a, k in zip(first, kept, strict=True)),
        "equal to built": [vars(a) == vars(b) for a, b in zip(second, built, strict=True)],
        "chosen": chosen.title,
        "chosen runnable": chosen._can_be_called,
        "kept runnable": [k._can_be_called for k in kept],
        "copies runnable": [p._can_be_called for p in second],
    }


def test_each_run_gets_copies_equal_to_built_pages_and_the_kept_ones_stay_unrunnable() -> None:
    home, find = (str(ROOT / "pages" / name) for name in ("home.py", "find.py"))
    at = AppTest.from_function(_script, args=(home, find), default_timeout=TIMEOUT).run()
    assert not at.exception
    result: dict[str, Any] = at.session_state["result"]
    assert result == {
        "copies differ": True,
        "not the kept ones": True,
        "equal to built": [True, True],
        "chosen": "Home",
        "chosen runnable": True,
        "kept runnable": [False, False],
        "copies runnable": [False, False],
    }


def test_the_dashboard_runs_a_second_page_from_copied_pages() -> None:
    """Two runs in one session (the second from the kept pages): each shows its own page."""
    at = open_page("pages/methods.py")
    assert not at.exception
    assert at.title[0].value == "Data and methods"
    at.switch_page("pages/floors.py").run()
    assert not at.exception
    assert at.title[0].value == "Floor standards"
