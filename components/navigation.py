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
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

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
