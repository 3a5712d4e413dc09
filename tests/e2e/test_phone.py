"""Every page on a phone (390 by 844 CSS pixels, Chromium): no sideways scroll, axe at 0 violations, the
page's heading on the first screen, the first chart starting on the first screen, the way to the menu
said in words, and a "report a problem" link. Screenshots of each page go to tests/e2e/artifacts/.

Streamlit cannot see the screen's width on the server, so these measure what the browser draws.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTIFACTS, run_axe, wait_for_app, wait_for_charts

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
BIRMINGHAM = "council=E08000025"
PAGES = [
    f"?{BIRMINGHAM}",
    f"find?q=Exeter&{BIRMINGHAM}",
    f"profile?{BIRMINGHAM}",
    f"trends?{BIRMINGHAM}&measure=rereferral_pct",
    f"compare?{BIRMINGHAM}",
    f"map?{BIRMINGHAM}",
    f"floors?{BIRMINGHAM}",
    f"progress?{BIRMINGHAM}",
    f"reports?{BIRMINGHAM}",
    f"market?{BIRMINGHAM}",
    f"providers?{BIRMINGHAM}",
    "methods",
    "accessibility",
]
MEASURE = """() => {
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .filter(c => c.getBoundingClientRect().height > 0);
  return {scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
          heading: document.querySelector('h1').getBoundingClientRect().bottom,
          chart: charts.length ? charts[0].getBoundingClientRect().top + window.scrollY : null};
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _open(page: Page, url: str) -> dict[str, float | None]:
    page.goto(url)
    wait_for_app(page)
    wait_for_charts(page)  # charts draw after the script has finished
    return dict(page.evaluate(MEASURE))


def _name(path: str) -> str:
    return path.split("?")[0] or "home"


@pytest.mark.parametrize("path", PAGES)
def test_a_page_fits_a_phone_with_its_heading_on_the_first_screen_and_no_wcag_violations(
    phone: Page, app_url: str, path: str
) -> None:
    seen = _open(phone, f"{app_url}/{path}")
    phone.screenshot(path=str(ARTIFACTS / f"phone-{_name(path)}.png"), full_page=False)
    assert seen["scroll"] is not None and seen["width"] == PHONE["width"]
    assert seen["scroll"] <= seen["width"], f"{path}: the page scrolls sideways ({seen['scroll']} > {seen['width']})"
    assert seen["heading"] is not None and seen["heading"] <= PHONE["height"], seen
    violations = run_axe(phone)
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]


CHART_PAGES = [p for p in PAGES if _name(p) in {"profile", "trends", "compare", "map", "progress", "market"}]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_first_chart_starts_on_the_first_screen(phone: Page, app_url: str, path: str) -> None:
    phone.goto(f"{app_url}/{path}")
    wait_for_app(phone)
    phone.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
    seen = dict(phone.evaluate(MEASURE))
    assert seen["chart"] is not None, f"{path}: no chart drawn"
    assert seen["chart"] < PHONE["height"], f"{path}: the first chart starts at {seen['chart']:.0f} px"


def test_home_says_where_the_menu_is_in_words_a_phone_user_can_see(phone: Page, app_url: str) -> None:
    _open(phone, app_url)
    button = phone.get_by_test_id("stExpandSidebarButton")
    expect(button).to_be_visible()  # on a phone the sidebar starts closed, behind this button
    expect(phone.get_by_text("open it with the » button at the top left")).to_be_visible()
    button.click()
    expect(phone.get_by_role("combobox", name="Your council")).to_be_visible()


def test_a_chart_fits_a_phone_with_its_whole_source_line(phone: Page, app_url: str) -> None:
    _open(phone, f"{app_url}/trends?{BIRMINGHAM}&measure=rereferral_pct")
    chart = phone.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(ARTIFACTS / "phone-trends-chart.png"))
    box = chart.bounding_box()
    texts = phone.evaluate(
        """() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] .main-svg text")]
        .filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();
          return {text: t.textContent.trim(), left: r.left, right: r.right}; })"""
    )
    assert box is not None and texts, "no chart text drawn"
    outside = [t["text"] for t in texts if t["left"] < box["x"] - 1 or t["right"] > box["x"] + box["width"] + 1]
    assert not outside, f"chart text cut off at the chart's edge: {outside}"
    assert any("Open Government" in t["text"] for t in texts)
