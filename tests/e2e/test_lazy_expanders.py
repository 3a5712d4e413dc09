"""Expanders whose contents are sent only while open (issue 14), as a user meets them in Chromium at
desktop (1440x900) and phone (390x844) sizes, with axe at 0 violations closed and open:

- Home: "N more that need attention" opened with the keyboard (a native disclosure: focus, Enter)
  shows the further items with their links, and a link inside it still navigates within the app;
- Floor standards: the what-if editor opened by a click; a typed floor applies, survives closing the
  editor, and is shown again when it is reopened.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, run_axe, wait_for_app

pytestmark = pytest.mark.e2e
MAIN = "[data-testid='stMainBlockContainer']"
BIRMINGHAM = "E08000025"
COMPARE = "Compare with other councils"
WHAT_IF = "What if the floors were different?"


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = (page.viewport_size or {}).get("width", 0)
    page.screenshot(path=str(ARTIFACTS / f"lazy_{name}_{width}.png"), full_page=True)


def test_more_that_need_attention_opens_with_the_keyboard_and_its_links_stay_in_the_app(
    sized: Page, app_url: str
) -> None:
    page = sized
    page.goto(f"{app_url}/?council={BIRMINGHAM}")
    wait_for_app(page)
    page.get_by_role("heading", name="Start here").wait_for()
    links = page.locator(MAIN).get_by_role("link", name=COMPARE)
    expect(links).to_have_count(4)  # the first four concerns; the others are not sent while closed
    more = page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="more that need attention")
    expect(more).to_have_count(1)
    hidden = int(re.search(r"(\d+) more that need attention", more.inner_text()).group(1))  # type: ignore[union-attr]
    assert run_axe(page) == []
    _shot(page, "home_closed")
    more.focus()
    page.keyboard.press("Enter")  # a native <details>: the keyboard opens it
    expect(links).to_have_count(4 + hidden)  # one rerun: every further item with its links
    wait_for_app(page)
    expect(page.locator(f"{MAIN} details").first).to_have_attribute("open", "")
    assert run_axe(page) == []
    _shot(page, "home_open")
    page.evaluate("() => { window.__sameDocument = true; }")  # gone if the link reloaded the page
    last = links.last
    measure = (last.get_attribute("href") or "").split("measure=")[1].split("&")[0]
    last.click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    expect(page).to_have_url(re.compile(re.escape(f"measure={measure}")))
    assert page.evaluate("() => window.__sameDocument === true"), "the link left the app (a full page load)"


def test_a_what_if_floor_survives_closing_and_reopening_its_editor(sized: Page, app_url: str) -> None:
    page = sized
    page.goto(f"{app_url}/floors")
    wait_for_app(page)
    editor = page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text=WHAT_IF)
    boxes = page.locator(f"{MAIN} [data-testid='stNumberInput'] input")
    expect(boxes).to_have_count(0)  # closed: its label only
    assert run_axe(page) == []
    _shot(page, "floors_closed")
    editor.click()
    box = page.get_by_role("spinbutton", name=re.compile(r"^Re-referrals"))
    expect(box).to_be_visible()
    published = box.input_value()
    assert boxes.count() >= 10
    assert run_axe(page) == []
    _shot(page, "floors_open")
    box.fill("0")
    box.press("Enter")
    note = page.locator(MAIN).get_by_text("Showing what-if floors for 1 standard(s)")
    expect(note).to_be_visible()
    wait_for_app(page)
    editor.click()  # closed: the typed floor still applies
    expect(boxes).to_have_count(0)
    wait_for_app(page)
    expect(note).to_be_visible()
    editor.click()  # reopened: the typed floor is shown
    expect(box).to_have_value(re.compile(r"^0\.000$"))
    assert published != box.input_value()
    wait_for_app(page)
    assert run_axe(page) == []
