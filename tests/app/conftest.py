"""AppTest helpers: absolute paths, a generous timeout, and no cache carried between tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from accountability.settings import ROOT, get_settings

DASHBOARD = str(ROOT / "dashboard.py")
TIMEOUT = 60


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    get_settings.cache_clear()
    yield
    st.cache_data.clear()
    get_settings.cache_clear()


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run the dashboard with URL parameters, then switch to `page` (e.g. 'pages/methods.py')."""
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def texts(at: AppTest) -> str:
    """Everything written on the page, for plain-text assertions."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def assert_healthy(at: AppTest) -> None:
    """No exception and no error message on the page (the last-resort handler shows one)."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
