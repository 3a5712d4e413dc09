"""Make sure every page runs inside `dashboard.py`'s navigation, even on a server's first visit.

Streamlit 1.67 starts in its legacy "pages/ folder" mode whenever a `pages/` folder sits next to the
entry script, and only leaves it once `st.navigation` has run. So the first visitor after a restart
who opens a shared link such as /compare?council=E08000025 gets pages/compare.py run on its own:
no council picker, file names as navigation. When a page finds itself in that mode it switches the
mode off and reruns, which runs `dashboard.py` (and its navigation) for the same page and URL.
This reads a private Streamlit attribute; the browser test for a first visit guards it.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_navigation() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
