"""Make sure every page runs inside `dashboard.py`'s navigation, even on a server's first visit.

Streamlit 1.67 starts in its legacy "pages/ folder" mode whenever a `pages/` folder sits next to the
entry script, and only leaves it once `st.navigation` has run. So the first visitor after a restart
who opens a shared link such as /compare?council=E08000025 gets pages/compare.py run on its own:
no council picker, file names as navigation. `dashboard.py` runs each page inside
`navigation_running()`, which marks the current script thread; a page that finds its thread
unmarked switches the legacy mode off and reruns, which runs `dashboard.py` (and its navigation)
for the same page and URL.

The mark is per script thread, not process-wide: round one checked Streamlit's process-wide
`PagesManager.uses_pages_directory` instead, and when ten people arrived at once another session
could switch it off between one session's legacy start and its check, so 2 in 10 got the page
without its navigation ("Choose a council" on a link that named one). Switching the mode off still
writes that private Streamlit attribute; tests/e2e/test_first_visits_at_once.py guards both.

`fresh_pages` gives `st.navigation` its pages without building them again every run: building an
`st.Page` resolves its path on disk, checks the file exists and validates its icon, 15 times a run.
They are built once per entry-script folder and copied per run. Copied, not shared: `st.navigation`
marks the page it returns as runnable (`_can_be_called`) and `Page.run` clears the mark, so one
object shared by two sessions could be cleared by one between the other's navigation and its run.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

_this_thread = threading.local()


@contextmanager
def navigation_running() -> Iterator[None]:
    """Mark this script thread as running a page from `dashboard.py`'s navigation."""
    _this_thread.inside = True
    try:
        yield
    finally:
        _this_thread.inside = False


def require_navigation() -> None:
    """Rerun through `dashboard.py` if this page was started on its own (the legacy pages mode)."""
    if not getattr(_this_thread, "inside", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


class PageSpec(NamedTuple):
    """One page of the navigation, as `st.Page` takes it."""

    script: str
    title: str
    icon: str
    url_path: str
    default: bool = False


def fresh_pages(specs: tuple[PageSpec, ...]) -> list[st.Page]:
    """This run's `st.Page` objects: copies of the ones built on the first run for this entry script."""
    ctx = get_script_run_ctx()
    folder = ctx.pages_manager.main_script_parent if ctx else None
    if folder is None:  # no script run (bare mode): nothing to keep pages for
        return [_page(spec) for spec in specs]
    return [_copy(page) for page in _built(folder, specs)]


@functools.lru_cache(maxsize=4)
def _built(folder: Path, specs: tuple[PageSpec, ...]) -> tuple[st.Page, ...]:
    """Built once per entry-script folder and page list (st.Page resolves paths against the folder);
    two sessions building them at once both get correct pages, and one of the two is kept."""
    return tuple(_page(spec) for spec in specs)


def _page(spec: PageSpec) -> st.Page:
    return st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)


def _copy(page: st.Page) -> st.Page:
    """A new Page with the built one's attributes (paths, title, icon: never changed after building),
    not yet runnable, as a freshly built one is."""
    copy = object.__new__(type(page))
    copy.__dict__.update(page.__dict__)
    copy._can_be_called = False
    return copy
