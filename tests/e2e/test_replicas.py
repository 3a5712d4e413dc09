"""Two replicas behind Debian's nginx with the project's configuration (deploy/nginx/dashboard.conf):
a browser journey goes through nginx and stays on one replica (cookie affinity, websocket included);
when that replica stops, a new visitor, and the same browser on reload, are served by the other; when
a replica hangs (accepts connections, never answers), new visitors are served by the other.

Which replica served a request is read from nginx's access log (the upstream address of each
request, with the affinity cookie it carried), so nothing is added to the app for the test.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from benchmarks.loadkit import servers
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart'] .main-svg"
COUNCIL = "E08000025"


@pytest.fixture
def cluster() -> Iterator[tuple[list[servers.Replica], servers.Nginx]]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "replicas.log"
    with (
        servers.replicas(servers.ROOT / "dashboard.py", 2, log=log) as reps,
        servers.nginx([r.port for r in reps]) as ng,
    ):
        yield reps, ng


def _context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    context.set_default_timeout(30_000)
    return context


def _cookie(context: BrowserContext) -> str:
    values = [c["value"] for c in context.cookies() if c["name"] == "dashboard_replica"]
    assert values, "nginx set no dashboard_replica cookie"
    return values[0]


def _upstreams(ng: servers.Nginx, cookie: str, path: str) -> set[str]:
    """The replicas (ports) that served requests for `path` carrying this affinity cookie."""
    pattern = re.compile(rf'"GET {re.escape(path)}\S* HTTP/1.1" (\d+) upstream=(\S+) cookie={re.escape(cookie)}$')
    found = set()
    for line in ng.access_log().splitlines():
        m = pattern.search(line)
        if m:
            # after a refused connection nginx lists every replica tried: "A, B"; the last one answered
            found.add(m.group(2).split(",")[-1].strip().rsplit(":", 1)[-1])
    return found


def _wait_upstreams(ng: servers.Nginx, cookie: str, path: str) -> set[str]:
    """nginx logs a websocket when it closes, which can be a moment after the page closed."""
    deadline = time.monotonic() + 15
    while not (found := _upstreams(ng, cookie, path)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def _journey(context: BrowserContext, url: str, shot: Path) -> None:
    """Home, then the Compare page through the navigation, then the Map: every rerun on one websocket."""
    page = context.new_page()
    page.goto(f"{url}/?council={COUNCIL}")
    wait_for_app(page)
    page.get_by_role("link", name="Compare councils").first.click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    page.get_by_role("link", name="Map").first.click()
    page.wait_for_url(re.compile(r"/map"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    page.screenshot(path=str(shot), full_page=True)
    page.close()


def test_a_stopped_replica_s_visitors_are_served_by_the_other(browser: Browser, cluster: tuple) -> None:
    reps, ng = cluster
    first = _context(browser)
    _journey(first, ng.url, ARTIFACTS / "replicas_first.png")
    cookie = _cookie(first)
    served = _wait_upstreams(ng, cookie, "/_stcore/stream")
    assert len(served) == 1, f"one browser's websockets went to {served}: no session affinity"
    assert _upstreams(ng, cookie, "/") <= served  # page and static files too
    (port,) = served
    stopped = next(r for r in reps if str(r.port) == port)
    other = next(r for r in reps if r is not stopped)
    servers.stop(stopped.proc)

    second = _context(browser)  # a new visitor: no cookie yet
    _journey(second, ng.url, ARTIFACTS / "replicas_second.png")
    assert _wait_upstreams(ng, _cookie(second), "/_stcore/stream") == {str(other.port)}

    # The first browser keeps its cookie; on reload nginx finds its replica gone and uses the other.
    page = first.new_page()
    page.goto(f"{ng.url}/compare?council={COUNCIL}")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    page.close()
    deadline = time.monotonic() + 15
    while str(other.port) not in _upstreams(ng, cookie, "/_stcore/stream") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _upstreams(ng, cookie, "/_stcore/stream") == {port, str(other.port)}
    first.close()
    second.close()


def test_a_hung_replica_s_new_visitors_are_served_by_the_other(browser: Browser, cluster: tuple) -> None:
    """A replica that accepts connections but never answers (as one deadlocked under load did,
    benchmarks/RESULTS.md) is given up on after nginx's 20 s read timeout for pages."""
    reps, ng = cluster
    hung, other = reps
    os.kill(hung.pid, signal.SIGSTOP)  # the kernel still accepts its connections; the process never answers
    try:
        for _ in range(3):  # three new visitors: each is sent to the other replica, whichever it hashed to
            context = _context(browser)
            page = context.new_page()
            page.set_default_timeout(90_000)
            page.goto(f"{ng.url}/?council={COUNCIL}", timeout=90_000)
            wait_for_app(page)
            page.close()
            assert _wait_upstreams(ng, _cookie(context), "/_stcore/stream") == {str(other.port)}
            context.close()
    finally:
        os.kill(hung.pid, signal.SIGCONT)
