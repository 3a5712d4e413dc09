"""Many people opening the dashboard at once just after a (re)start, as when a local paper links it:
ten simultaneous first visits to five pages of a fresh server all get their page, not an error.

Before the entry script imported pandas up front, four of these ten failed with "partially
initialized module 'pandas'" (Plotly looked pandas up while another session was still importing it).
Before the navigation check was made per script thread, 2 of 10 simultaneous first visits to
/profile?council=E08000025 got the page run without the navigation and its council picker ("Choose
a council in the sidebar") instead of Birmingham's profile: another session switched Streamlit's
process-wide legacy-pages flag off between one session's start and its check.
Uses the load benchmark's simulated tab (websocket protocol, no browser), so ten visits cost little.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from benchmarks.loadkit import servers
from benchmarks.loadkit.tab import Rerun, Tab
from tests.e2e.conftest import ARTIFACTS, in_own_thread

pytestmark = pytest.mark.e2e

PATHS = [f"/{p}?council=E08000025" for p in ("", "compare", "profile", "map", "floors")]


@pytest.fixture
def fresh_port() -> Iterator[int]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with servers.replicas(servers.ROOT / "dashboard.py", 1, log=ARTIFACTS / "first_visits.log") as reps:
        yield reps[0].port


@dataclass
class Visit:
    rerun: Rerun
    navigation: list[str]  # the pages the navigation offered (none if the page ran on its own)
    titles: list[str]
    text: str


def _words(elements: dict[tuple[int, ...], tuple[str, Any]]) -> tuple[list[str], str]:
    titles = [el.heading.body for kind, el in elements.values() if kind == "heading"]
    bodies = [el.markdown.body for kind, el in elements.values() if kind == "markdown"]
    bodies += [el.alert.body for kind, el in elements.values() if kind == "alert"]
    return titles, "\n".join(titles + bodies)


async def _visit(port: int, path: str, i: int) -> Visit:
    tab = Tab("127.0.0.1", port, "", path, timeout=120)
    try:
        await tab.open()
        rerun = await tab.rerun(Rerun(i, path, "load"), first=True)
        return Visit(rerun, sorted(tab.pages), *_words(tab.elements))
    finally:
        await tab.close()


async def _all_at_once(port: int, paths: list[str]) -> list[Visit]:
    return list(await asyncio.gather(*[_visit(port, path, i) for i, path in enumerate(paths)]))


def test_ten_simultaneous_first_visits_all_get_their_page(fresh_port: int) -> None:
    visits = in_own_thread(_all_at_once(fresh_port, [PATHS[i % len(PATHS)] for i in range(10)]))
    assert len(visits) == 10
    failed = [(v.rerun.page, v.rerun.status, v.rerun.detail) for v in visits if v.rerun.status != "ok"]
    assert failed == []
    assert all(v.rerun.bytes > 1000 for v in visits)  # each got a page, not an empty answer
    assert all("profile" in v.navigation for v in visits)  # every one ran inside dashboard.py's navigation


def test_ten_simultaneous_first_visits_to_a_profile_link_each_get_that_profile(fresh_port: int) -> None:
    visits = in_own_thread(_all_at_once(fresh_port, ["/profile?council=E08000025"] * 10))
    assert len(visits) == 10
    for visit in visits:
        assert visit.rerun.status == "ok", visit.rerun.detail
        assert "profile" in visit.navigation  # the navigation ran, so the council picker did too
        assert "Council profile: Birmingham" in visit.titles, visit.titles
        assert "Choose a council in the sidebar" not in visit.text
