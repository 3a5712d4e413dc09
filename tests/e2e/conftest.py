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
from playwright.sync_api import Browser, Page, sync_playwright

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
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
    log = (ARTIFACTS / ("streamlit.log" if script.stem == "dashboard" else f"streamlit-{script.stem}.log")).open("wb")
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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit has finished running the script (no 'running' indicator, content shown)."""
    page.wait_for_selector("h1", timeout=60_000)
    # The status widget shows only after a delay, so its absence alone can pass mid-run; the app root's
    # script state says whether the script is still running. Widgets are lazy-loaded chunks mounted after
    # the run ends: a test reading one must wait for it with expect(...), not read it straight away.
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]') &&
            document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=60_000,
    )
    page.wait_for_timeout(300)


def in_own_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run an asyncio coroutine to the end in a thread of its own: Playwright's sync API keeps an
    event loop running in the test's thread once a browser has started, and asyncio.run refuses that."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_axe(page: Page) -> list[dict[str, object]]:
    """Inject axe-core and return WCAG 2.x A/AA (incl. 2.2) violations."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm ci` (the README's test command does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return list(result["violations"])
