"""Many people opening the dashboard at once just after a (re)start, as when a local paper links it:
ten simultaneous first visits to five pages of a fresh server all get their page, not an error.

Before the entry script imported pandas up front, four of these ten failed with "partially
initialized module 'pandas'" (Plotly looked pandas up while another session was still importing it).
Uses the load benchmark's simulated tab (websocket protocol, no browser), so ten visits cost little.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

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


async def _visit(port: int, path: str, i: int) -> Rerun:
    tab = Tab("127.0.0.1", port, "", path, timeout=120)
    try:
        await tab.open()
        return await tab.rerun(Rerun(i, path, "load"), first=True)
    finally:
        await tab.close()


async def _all_at_once(port: int, n: int) -> list[Rerun]:
    return list(await asyncio.gather(*[_visit(port, PATHS[i % len(PATHS)], i) for i in range(n)]))


def test_ten_simultaneous_first_visits_all_get_their_page(fresh_port: int) -> None:
    visits = in_own_thread(_all_at_once(fresh_port, 10))
    assert len(visits) == 10
    failed = [(v.page, v.status, v.detail) for v in visits if v.status != "ok"]
    assert failed == []
    assert all(v.bytes > 1000 for v in visits)  # each got a page, not an empty answer
