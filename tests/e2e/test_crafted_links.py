"""Crafted links opened in Chromium, one per page that echoes an address value: the message shows the
value as literal text (no heading, link, image or reversed text) and the page fetches nothing from
any host but the local server.

`test_literal_text.py` shows every payload through `state.literal` in a bare app and two on Compare;
this opens the dashboard's other pages and parameters, including the custom group and Find's search.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from accountability.state import plain
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.e2e
MARKUP = "e => Array.from(e.querySelectorAll('*')).map(n => n.tagName.toLowerCase())"
PLAIN_TAGS = {"div", "p", "span", "code"}
HEADING = "# Notice: this dashboard has moved"
LINK = "[click here](https://evil.example/x)"
IMAGE = "![img](https://evil.example/pixel.png)"
BIDI = "abc\u202edef (reversed)"
BARE = "www.evil.example https://evil.example/a"
HTML = "<img src=https://evil.example/p.png>"
COUNCIL = {"council": "E08000025"}

# (page's address, the parameters, the text the message must show, the parameter it names or None)
CASES = [
    ("compare", {"measure": LINK}, LINK, "measure"),
    ("map", {"period": IMAGE}, IMAGE, "period"),
    ("floors", {"standard": HEADING}, HEADING, "standard"),
    ("progress", {"framework": BIDI}, plain(BIDI), "framework"),
    ("market", {"market_x": HTML}, HTML, "market_x"),
    ("providers", {**COUNCIL, "year": HEADING}, HEADING, "year"),
    ("profile", {**COUNCIL, "benchmark": "custom", "group": f"E08000026,{LINK}"}, LINK, "group"),
    ("home", {"council": IMAGE}, IMAGE, "council"),
    ("find", {"q": BARE}, BARE, None),
]


def _outside_requests(page: Page) -> list[str]:
    """Every request the page makes to anywhere but the local server, as it happens."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    return seen


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("path", "params", "shown", "param"), CASES, ids=[c[0] for c in CASES])
def test_a_crafted_link_shows_literal_text_and_fetches_nothing(
    page: Page, app_url: str, path: str, params: dict[str, str], shown: str, param: str | None
) -> None:
    outside = _outside_requests(page)
    page.goto(f"{app_url}/{path}?{urlencode(params)}")
    wait_for_app(page)
    alerts = page.locator("[data-testid='stAlertContentWarning'], [data-testid='stAlertContentInfo']")
    echoed = [a for a in alerts.all() if _words(shown) in _words(a.inner_text())]
    assert len(echoed) == 1, [a.inner_text() for a in alerts.all()]
    message = echoed[0]
    assert param is None or f"{param}=" in message.inner_text()
    assert "\u202e" not in message.inner_text()
    assert set(message.evaluate(MARKUP)) <= PLAIN_TAGS, message.inner_html()
    assert page.locator("h1", has_text="Notice").count() == 0
    assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0
    assert outside == []
