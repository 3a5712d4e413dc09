"""AppTest helpers: absolute paths, a generous timeout, and no cache carried between tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from accountability.settings import ROOT

DASHBOARD = str(ROOT / "dashboard.py")
TIMEOUT = 60
PROJECT_PACKAGES = ("accountability", "components")


def clear_every_cache() -> None:
    """Streamlit's data and resource caches, and every functools cache in the project's modules
    (the settings, parsed shapes, interval tables), so no test sees what another computed."""
    st.cache_data.clear()
    st.cache_resource.clear()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in PROJECT_PACKAGES or module is None:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    clear_every_cache()
    yield
    clear_every_cache()


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


def assessed_text(at: AppTest) -> str:
    """The page's text without the fixed explanations of how statuses are decided (the Progress page's
    "how assessed" and the method notes), which name every status whatever the data: what is left is
    what the page says about councils and England."""
    from accountability.methods.method_notes import method_notes
    from components.progress import HOW_ASSESSED

    notes = [body for _, body in method_notes()]
    explained = [HOW_ASSESSED, *notes, *(n.replace("## ", "### ", 1) for n in notes)]  # as Methods shows them
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success]
    kept = [str(p) for p in parts if not any(str(p).strip() and str(p).strip() in e for e in explained)]
    return "\n".join(kept)


def assert_healthy(at: AppTest) -> None:
    """No exception and no error message on the page (the last-resort handler shows one)."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def current_short() -> str:
    """The committed store's release as a share link carries it (its first 12 hex digits)."""
    from accountability.settings import Settings
    from accountability.store.release import read_release

    release = read_release(Settings(_env_file=None).data_dir)  # type: ignore[call-arg]
    assert release is not None, "the committed store has no release.json"
    return release.short
