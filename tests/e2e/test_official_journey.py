"""The official's journey in Chromium (issue 11, point 9): the Floor page's watchlist, most severe
first; choosing a row makes that council the chosen one and opens its profile; then the national
report, ranked by severity. At 1440x900 and 390x844, with axe at 0 violations on every step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, run_axe, wait_for_app, wait_until_still

pytestmark = pytest.mark.e2e

WATCH = ".st-key-watch_table [data-testid='stDataFrame']"
SIZES = [(1440, 900), (390, 844)]


def _no_violations(page: Page) -> None:
    violations = run_axe(page)
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]


def _first_row(page: Page) -> None:
    """Click the first data row of the watchlist grid (a canvas: by position, on the row's first cell)."""
    grid = page.locator(WATCH)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # below the 35 px heading row, in the first row


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_an_official_goes_from_a_watchlist_row_to_its_profile_and_the_national_report(
    page: Page, app_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/floors")
    wait_for_app(page)
    tab = page.get_by_role("tab", name="Watchlist")
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    page.wait_for_selector(WATCH)
    wait_until_still(page)  # the tab's highlight has finished moving and the grid is drawn where it stays
    _no_violations(page)
    page.screenshot(path=str(ARTIFACTS / f"journey_official_watchlist_{width}.png"), full_page=True)

    _first_row(page)
    page.wait_for_url("**/profile**", timeout=60_000)
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"council=E"))  # the chosen council is in the address
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Council profile: "))  # a council is chosen
    _no_violations(page)
    page.screenshot(path=str(ARTIFACTS / f"journey_official_profile_{width}.png"), full_page=True)

    page.goto(f"{app_url}/reports")
    wait_for_app(page)
    page.get_by_text("England", exact=True).first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Download the report (PDF)").wait_for()
    body = page.locator("[data-testid='stMainBlockContainer']")
    for text in ("England", "accessible version"):
        expect(body).to_contain_text(text, use_inner_text=True)
    _no_violations(page)
    page.screenshot(path=str(ARTIFACTS / f"journey_official_report_{width}.png"), full_page=True)
