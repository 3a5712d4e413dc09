"""The council's own pages as journeys in Chromium, at desktop (1440x900) and phone (390x844) sizes,
with axe at 0 violations on every page and state visited (issue 11, points 1, 2 and 9):

- a councillor: Home opens with what needs attention → a needs-attention item's Compare link
  (council and measure carried as codes) → statistical neighbours → the one-page report's PDF;
- a resident on a phone: postcode district "EX4" on Find → Devon → Home → "is it improving?" on
  Trends, from the first needs-attention item's trend link.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import run_axe, wait_for_app

pytestmark = pytest.mark.e2e
MAIN = "[data-testid='stMainBlockContainer']"
SUMMARY = f"{MAIN} strong"
BIRMINGHAM = "E08000025"


def _healthy(page: Page) -> None:
    """No WCAG 2.2 AA violation and no sideways page scroll (a phone must never scroll sideways)."""
    assert run_axe(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_councillor_goes_from_what_needs_attention_to_neighbours_and_the_report(sized: Page, app_url: str) -> None:
    page = sized
    page.goto(f"{app_url}/?council={BIRMINGHAM}")
    wait_for_app(page)
    heading = page.get_by_role("heading", name="need attention")
    heading.wait_for()
    page.get_by_role("heading", name="Start here").wait_for()  # every item is drawn: the links are final
    wait_for_app(page)
    # the main message is above the fold on both sizes
    assert heading.bounding_box()["y"] < page.viewport_size["height"]  # type: ignore[index,union-attr]
    first = page.locator(MAIN).get_by_role("link", name="Compare with other councils").first
    href = first.get_attribute("href") or ""
    assert f"council={BIRMINGHAM}" in href and "measure=" in href  # codes, not names
    measure = href.split("measure=")[1].split("&")[0]
    _healthy(page)
    first.click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
    for part in (f"measure={measure}", f"council={BIRMINGHAM}"):
        expect(page).to_have_url(re.compile(re.escape(part)))
    expect(page.locator(SUMMARY).first).to_contain_text("Birmingham", use_inner_text=True)
    _healthy(page)
    box = page.get_by_role("combobox", name="Compare with")
    box.click()
    box.fill("Statistical neighbours")
    page.get_by_role("option", name="Statistical neighbours (DfE 2025 model)", exact=True).click()
    page.wait_for_function(
        f"() => (document.querySelector(\"{SUMMARY}\")?.innerText || '').includes('Statistical neighbours')"
    )
    wait_for_app(page)
    expect(page).to_have_url(re.compile(re.escape(f"measure={measure}")))  # the measure the item named is still shown
    _healthy(page)
    page.goto(f"{app_url}/reports?council={BIRMINGHAM}")  # the report page offers the council's report
    wait_for_app(page)
    page.wait_for_function(f"() => (document.querySelector(\"{SUMMARY}\")?.innerText || '').startsWith('Birmingham')")
    _healthy(page)
    annex = page.get_by_label("Include the annex (the full report after the one-page summary)")
    page.get_by_text("Include the annex").click()  # the one page a councillor takes into a meeting
    page.wait_for_function("(box) => !box.checked", arg=annex.element_handle())
    wait_for_app(page)
    _healthy(page)
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download the report (PDF)").click()
    path = pdf.value.path()
    assert path is not None
    data = Path(path).read_bytes()
    assert data[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1, "the summary without its annex is one page"


def test_a_resident_finds_devon_by_postcode_district_and_asks_if_it_is_improving(sized: Page, app_url: str) -> None:
    page = sized
    page.goto(f"{app_url}/find")
    wait_for_app(page)
    box = page.get_by_label("Council, place or postcode")
    box.fill("EX4")
    box.press("Enter")
    page.get_by_role("button", name="Choose Devon").wait_for()
    wait_for_app(page)
    _healthy(page)
    page.get_by_role("button", name="Choose Devon").click()
    page.get_by_text("Your council is Devon.").wait_for()
    wait_for_app(page)
    _healthy(page)
    page.get_by_role("link", name="See it on the home page").click()
    wait_for_app(page)
    page.get_by_role("heading", name="need attention").wait_for()
    page.get_by_role("heading", name="Start here").wait_for()
    wait_for_app(page)
    expect(page.locator(MAIN)).to_contain_text("Devon", use_inner_text=True)
    _healthy(page)
    page.locator(MAIN).get_by_role("link", name="Trend over time").first.click()
    page.wait_for_url(re.compile(r"/trends"))
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
    # "Recent trend for Devon, …" or "No recent trend for Devon: …"
    expect(page.locator(SUMMARY).first).to_contain_text("trend for Devon", use_inner_text=True)
    expect(page.locator("[data-testid='stPlotlyChart']").first).to_contain_text("Devon", use_inner_text=True)
    _healthy(page)
