"""Echoed user text in a real browser: shown exactly as typed, nothing fetched, no link or markup made.

The issue's audit found a crafted address could make a warning show a heading ("Notice: this
dashboard has moved"), a working link to another site, and a remote image. Backslash escapes alone
did not stop Streamlit turning addresses into links, which is why `state.literal` uses a code span.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from accountability.state import ECHO_LIMIT, plain
from tests.e2e.conftest import ROOT, _serve, wait_for_app
from tests.payloads import PAYLOADS

pytestmark = pytest.mark.e2e
MARKUP = "e => Array.from(e.querySelectorAll('*')).map(n => n.tagName.toLowerCase())"
PLAIN_TAGS = {"div", "p", "span", "code"}
HIDDEN = " (with hidden characters removed)"


@pytest.fixture(scope="module")
def echo_url() -> Iterator[str]:
    yield from _serve(ROOT / "tests" / "e2e" / "apps" / "literal_text.py")


def _outside_requests(page: Page) -> list[str]:
    """Every request the page makes to anywhere but the local server, as it happens."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    return seen


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_payload_is_shown_as_typed_and_fetches_nothing(page: Page, echo_url: str) -> None:
    outside = _outside_requests(page)
    page.goto(echo_url)
    wait_for_app(page)
    assert PAYLOADS
    for index, payload in enumerate(PAYLOADS):
        alert = page.locator(f".st-key-case{index} [data-testid='stAlertContentWarning']")
        expected = plain(payload).strip() or "(blank)"
        shown = alert.inner_text().replace("\u2060", "").replace(HIDDEN, "")  # the break in ":material/"
        assert _words(shown) == _words(f"START{expected}END"), payload
        assert set(alert.evaluate(MARKUP)) <= PLAIN_TAGS, payload
    assert outside == []


@pytest.mark.parametrize(
    ("param", "payload"),
    [
        ("measure", "\n# Notice [moved](https://evil.example)"),
        ("period", "![i](https://evil.example/p.png) *hi*"),
    ],
)
def test_a_crafted_link_shows_literal_text_on_the_page(page: Page, app_url: str, param: str, payload: str) -> None:
    assert len(payload.strip()) < ECHO_LIMIT  # shown whole, so every part of it is tested
    outside = _outside_requests(page)
    page.goto(f"{app_url}/compare?{param}={quote(payload)}")
    wait_for_app(page)
    warning = page.locator("[data-testid='stAlertContentWarning']", has_text=f"{param}=")
    expect(warning).to_have_count(1)
    assert f"for {param} {payload.strip()} ({param}= in the address)" in warning.inner_text()
    assert set(warning.evaluate(MARKUP)) <= PLAIN_TAGS
    assert page.locator("h1", has_text="Notice").count() == 0
    assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0
    assert outside == []
