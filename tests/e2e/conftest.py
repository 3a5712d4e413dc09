"""Browser fixtures: a real `streamlit run` on 127.0.0.1 and Debian's Chromium driven by Playwright.

The health endpoint answers before the app is ready, so tests wait for the element they need.
Chromium runs with the flags this machine needs (no sandbox as root, no background networking).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
# expect(...) retries for 5 s by default; a rerun on a busy machine (CI, other suites) can take longer, and a
# check that waits for what it needs may wait as long as any other step here (the pages' 30 s).
expect.set_options(timeout=30_000)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    yield from _serve()


@pytest.fixture
def fresh_app_url() -> Iterator[str]:
    """A server no browser has visited yet (first-visit behaviour differs in Streamlit)."""
    yield from _serve()


def _log_name(script: Path) -> str:
    """streamlit.log (or streamlit-<script>.log), with the pytest-xdist worker's id when there are
    workers, so two workers' servers never write to one file."""
    name = "streamlit" if script.stem == "dashboard" else f"streamlit-{script.stem}"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{name}-{worker}" if worker else name


def _serve(script: Path = ROOT / "dashboard.py") -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / f"{_log_name(script)}.log").open("ab")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed at /usr/bin/chromium: run the README's test command")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


# Desktop and phone, the two sizes every journey is checked at (a test takes `sized` to run at both).
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


APP_SETTLED = """() => !document.querySelector('[data-testid="stStatusWidget"]') &&
    document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning' &&
    !document.querySelector('[data-testid="stSkeleton"]')"""
# Every chart shown (not in a hidden tab) mounted and drawn, and where every chart is and how big stayed the
# same for 5 frames running (Streamlit sizes a chart to its column after the first draw; the page's width
# can change with it).
CHARTS_DRAWN = """() => {
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const svgs = [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
        .filter(c => c.getClientRects().length > 0).map(c => c.querySelector('.main-svg'));
    if (!svgs.every(Boolean)) return false;
    const key = svgs.map(s => { const r = s.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })
        .concat([document.documentElement.scrollWidth]).join();
    if (window.__chartsKey !== key) { window.__chartsKey = key; window.__chartsSame = 0; return false; }
    return ++window.__chartsSame >= 5;
}"""
# Two frames, then every finite animation (CSS transitions of focus rings, tab highlights) has ended.
STILL = """async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const finite = document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map(a => a.finished.catch(() => null)));
}"""


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit has finished running the script and has mounted what it drew.

    The status widget shows only after a delay, so its absence alone can pass mid-run; the app root's
    script state says whether the script is still running. Widgets and charts are lazy-loaded chunks
    that Streamlit mounts after the run ends, behind a placeholder (`stSkeleton`, Streamlit's Suspense
    fallback): none left means every element is mounted. A rerun a click has asked for may not have
    started yet, so a test checks what it needs with Playwright's auto-retrying `expect(...)`.
    """
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(APP_SETTLED, timeout=60_000)


def wait_for_charts(page: Page) -> None:
    """Every Plotly chart on the page is mounted, drawn and at its final size and place (Plotly draws
    after the component mounts, then fits the chart to its column)."""
    page.evaluate("() => { window.__chartsKey = null; window.__chartsSame = 0; }")
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)


def wait_until_still(page: Page) -> None:
    """Wait for the next frames to be drawn and for every running transition to end (not a fixed time)."""
    page.evaluate(STILL)


def in_own_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run an asyncio coroutine to the end in a thread of its own: Playwright's sync API keeps an
    event loop running in the test's thread once a browser has started, and asyncio.run refuses that."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_axe(page: Page) -> list[dict[str, object]]:
    """Inject axe-core and return WCAG 2.x A/AA (incl. 2.2) violations."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm ci` (the README's test command does)")
    wait_for_charts(page)  # axe reads the page as drawn, charts included
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return list(result["violations"])
