"""End-to-end in Debian's Chromium: open, change council through the UI, shared links, axe on every page."""

from __future__ import annotations

import csv as csv_module
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, run_axe, wait_for_app, wait_for_charts, wait_until_still

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart'] .main-svg"
SUMMARY = "[data-testid='stMainBlockContainer'] strong"


def _choose_council(page: Page, name: str) -> None:
    box = page.get_by_role("combobox", name="Your council")
    box.click()
    box.fill(name)
    page.get_by_role("option", name=name, exact=True).click()
    wait_for_app(page)


def _url_has(page: Page, *parts: str) -> None:
    """The address holds every part (waiting for it: the app writes the address during its rerun)."""
    for part in parts:
        expect(page).to_have_url(re.compile(re.escape(part)))


def _says(page: Page, selector: str, *texts: str | re.Pattern[str]) -> None:
    """The first element matching `selector` shows every text, as drawn (waiting for the rerun to draw it)."""
    for text in texts:
        expect(page.locator(selector).first).to_contain_text(text, use_inner_text=True)


def _chart_mentions(page: Page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector(\"[data-testid='stPlotlyChart']\").innerText.includes(t)", arg=text
    )


def test_a_first_visit_to_a_shared_link_gets_the_full_app(page: Page, fresh_app_url: str) -> None:
    page.goto(f"{fresh_app_url}/compare?council=E08000025")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    _says(page, "[data-testid='stSidebarNav']", "Compare councils", "Data and methods")
    _says(page, SUMMARY, "Birmingham")


def test_compare_page_shows_a_ranked_chart(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    expect(page.locator("h1")).to_have_text("Compare councils", use_inner_text=True)
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)


def test_changing_council_in_the_ui_changes_chart_and_url(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare")
    wait_for_app(page)
    _choose_council(page, "Leeds")
    _chart_mentions(page, "Leeds")
    _says(page, SUMMARY, "Leeds")
    _url_has(page, "council=E08000035")  # the stable code, not the label
    _choose_council(page, "Birmingham")
    _chart_mentions(page, "Birmingham")
    _url_has(page, "council=E08000025")
    page.screenshot(path=str(ARTIFACTS / "compare_birmingham.png"), full_page=True)


@pytest.mark.parametrize("council", ["E08000025", "Birmingham"])
def test_a_shared_link_reproduces_the_view(page: Page, app_url: str, council: str) -> None:
    page.goto(f"{app_url}/compare?council={council}&measure=rereferral_pct&period=2023-24")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    _says(page, SUMMARY, "Birmingham", "2023-24", re.compile("re-referral", re.IGNORECASE))


def test_the_address_still_reproduces_the_view_after_a_link_is_opened(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=Birmingham&measure=rereferral_pct&benchmark=neighbours&view=Table")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stDataFrame']")
    _url_has(page, "council=E08000025", "measure=rereferral_pct", "benchmark=neighbours", "view=Table")


def test_the_measure_follows_the_user_from_compare_to_the_map(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=E08000025&measure=rereferral_pct&view=Table")
    wait_for_app(page)
    page.get_by_role("link", name="Map").click()
    page.wait_for_url(re.compile(r"/map"))
    wait_for_app(page)
    measure = page.get_by_role("combobox", name="Measure")
    expect(measure).to_have_value("Children: Re-referrals within 12 months")
    page.wait_for_selector("[data-testid='stDataFrame']")  # the table view carried over too
    _url_has(page, "council=E08000025", "measure=rereferral_pct", "view=Table")


def test_a_bad_link_gives_a_message_not_a_traceback(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=NOPE&measure=nothing")
    wait_for_app(page)
    alerts = page.locator("[data-testid='stAlert']")
    for named in ("NOPE", "nothing"):  # each bad value is named in a message (case as typed)
        expect(alerts.filter(has_text=re.compile(re.escape(named)))).not_to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_the_council_follows_the_user_to_another_page(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=E08000025")
    wait_for_app(page)
    page.get_by_role("link", name="Data and methods").click()
    page.wait_for_url(re.compile(r"/methods"))
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Data and methods", use_inner_text=True)
    expect(page.get_by_role("combobox", name="Your council")).to_have_value("Birmingham")


def test_a_council_chosen_in_the_ui_stays_in_the_address_across_pages(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare")
    wait_for_app(page)
    _choose_council(page, "Leeds")
    _url_has(page, "council=E08000035")
    page.get_by_role("link", name="Data and methods").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/methods\?(.*&)?council=E08000035"))  # on the new page's address


@pytest.mark.parametrize(
    "path",
    [
        "",
        "?council=E10000006",
        "find?q=cumbria",
        "profile?council=E08000025",
        "profile?council=E10000006&benchmark=region",
        "compare",
        "compare?council=E08000025",
        "trends?council=E06000063&measure=rereferral_pct",
        "map?council=E08000025",
        "map?measure=rereferral_pct&colour=Floor+verdict",
        "map?council=E08000025&view=Table",
        "profile?council=E08000025&view=Table",
        "floors",
        "market?council=E08000025",
        "reports?council=E08000025",
        "providers?council=E08000025",
        "progress?council=E08000025",
        "methods",
        "accessibility",
    ],
)
def test_no_wcag_22_aa_violations(page: Page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    violations = run_axe(page)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations]  # type: ignore[arg-type]
    assert violations == [], "\n".join(summary)


def _show(page: Page, view: str) -> None:
    """Choose a view in the page's 'Show' radio by clicking its label, as a user does."""
    page.locator("[data-testid='stRadio']").filter(has_text="Show").get_by_text(view, exact=True).click()


def test_no_wcag_violations_on_the_table_view(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=E08000025")
    wait_for_app(page)
    _show(page, "Table")
    page.wait_for_selector("[data-testid='stDataFrame']")
    wait_for_app(page)  # the rerun that drew the table has finished
    _url_has(page, "view=Table")
    violations = run_axe(page)
    assert violations == [], [v["id"] for v in violations]


@pytest.mark.parametrize("tab", ["Below the floor over time", "Watchlist"])
def test_no_wcag_violations_on_the_floor_tabs(page: Page, app_url: str, tab: str) -> None:
    page.goto(f"{app_url}/floors")
    wait_for_app(page)
    chosen = page.get_by_role("tab", name=tab)
    chosen.click()
    expect(chosen).to_have_attribute("aria-selected", "true")
    wait_until_still(page)  # the tab's highlight has finished moving
    violations = run_axe(page)
    assert violations == [], [f"{v['id']}: {v['help']}" for v in violations]


def test_an_official_filters_the_floor_page_and_reads_the_watchlist(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/floors")
    wait_for_app(page)
    page.get_by_role("combobox", name="Region").click()
    page.get_by_role("option", name="North West", exact=True).click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"region=North(\+|%20)West"))
    page.get_by_role("tab", name="Watchlist").click()
    page.wait_for_selector("[data-testid='stTabPanel']:not([data-st-inactive]) [data-testid='stDataFrame']")
    page.screenshot(path=str(ARTIFACTS / "floors_watchlist.png"), full_page=True)


def test_the_public_find_a_misspelt_council_and_choose_it(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/find")
    wait_for_app(page)
    page.get_by_label("Council, place or postcode").fill("Birmingam")
    page.get_by_label("Council, place or postcode").press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Choose Birmingham").click()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Your council")).to_have_value("Birmingham")
    page.get_by_role("link", name="Compare it with every other council").click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    _says(page, SUMMARY, "Birmingham")


def test_a_county_resident_finds_their_council_by_postcode_district_and_is_told_why(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/find")
    wait_for_app(page)
    page.get_by_label("Council, place or postcode").fill("ex4 4qj")
    page.get_by_label("Council, place or postcode").press("Enter")
    page.get_by_role("button", name="Choose Devon").wait_for()
    wait_for_app(page)
    told = "EX4 (Exeter) is in Devon: Devon County Council runs social care there."
    _says(page, "[data-testid='stMainBlockContainer']", told)
    expect(page.get_by_role("link", name="Check your full postcode on GOV.UK")).to_have_attribute(
        "href", "https://www.gov.uk/find-local-council"
    )
    assert run_axe(page) == []
    page.get_by_role("button", name="Choose Devon").click()
    page.get_by_text("Your council is Devon.").wait_for()  # the rerun the click starts has finished
    expect(page.get_by_role("combobox", name="Your council")).to_have_value("Devon")
    expect(page).to_have_url(re.compile("q=ex4", re.IGNORECASE))  # the search stays in the address, to share


CLICK_COUNCIL_JS = """code => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const trace = plot._fullData.find(t => t.name === 'councils');
    const i = trace.customdata.indexOf(code);
    const xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    const box = plot.querySelector('.nsewdrag').getBoundingClientRect();
    return [box.left + xa.l2p(trace.x[i]), box.top + ya.l2p(trace.y[i])];
}"""


def test_clicking_a_council_on_the_map_makes_it_your_council(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/map?measure=rereferral_pct")
    wait_for_app(page)
    wait_for_charts(page)  # drawn and at its final size, so the point found is where the council is drawn
    # the map starts part-way down the page: bring it into view, or Birmingham is below the window
    page.evaluate("() => document.querySelector('[data-testid=\"stPlotlyChart\"]').scrollIntoView({block: 'center'})")
    wait_until_still(page)
    x, y = page.evaluate(CLICK_COUNCIL_JS, "E08000025")
    assert 0 <= y <= page.viewport_size["height"], f"Birmingham at y={y} is outside the window"  # type: ignore[index]
    page.mouse.click(x, y)
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('input[aria-label=\"Your council\"]').value === 'Birmingham'")
    page.screenshot(path=str(ARTIFACTS / "map_birmingham.png"), full_page=True)


CLICK_RANKED_JS = """name => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const trace = plot._fullData.find(t => t.x && t.x.indexOf(name) >= 0 && t.mode === 'markers');
    const i = trace.x.indexOf(name);
    const xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    const box = plot.querySelector('.nsewdrag').getBoundingClientRect();
    return [box.left + xa.d2p(trace.x[i]), box.top + ya.d2p(trace.y[i])];
}"""


def test_clicking_a_council_on_the_ranked_chart_selects_it(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?measure=rereferral_pct&period=2024-25")
    wait_for_app(page)
    wait_for_charts(page)  # drawn and at its final size, so the point found is where Leeds is drawn
    x, y = page.evaluate(CLICK_RANKED_JS, "Leeds")
    page.mouse.click(x, y)
    wait_for_app(page)
    page.wait_for_function("() => document.querySelector('input[aria-label=\"Your council\"]').value === 'Leeds'")
    _says(page, SUMMARY, "Leeds")


def test_no_wcag_violations_on_the_funnel_view(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=E08000025&measure=rereferral_pct")
    wait_for_app(page)
    _show(page, "Funnel plot")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    # the ranked chart stays drawn until the rerun replaces it (the figures sit above the "Show" choice)
    page.wait_for_function(
        """() => (document.querySelector("[data-testid='stPlotlyChart']")?.getAttribute('aria-label') || '')
        .includes('funnel plot')"""
    )
    assert "funnel plot" in (page.locator("[data-testid='stPlotlyChart']").first.get_attribute("aria-label") or "")
    violations = run_axe(page)
    assert violations == [], [v["id"] for v in violations]
    page.screenshot(path=str(ARTIFACTS / "funnel.png"), full_page=True)


def test_an_officials_journey_from_the_watchlist_to_a_council_report(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/floors")
    wait_for_app(page)
    page.get_by_role("tab", name="Watchlist").click()
    page.wait_for_selector("[data-testid='stTabPanel']:not([data-st-inactive]) [data-testid='stDataFrame']")
    _choose_council(page, "Birmingham")  # a council seen on the watchlist
    page.get_by_role("heading", name="Birmingham against every floor").wait_for()
    page.get_by_role("link", name="Progress reports").click()
    wait_for_app(page)
    page.wait_for_function(  # the report for the chosen council is ready, not England's
        "() => (document.querySelector(\"[data-testid='stMainBlockContainer'] strong\")?.innerText || '')"
        ".startsWith('Birmingham')"
    )
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download the report (PDF)").click()
    path = pdf.value.path()
    assert path is not None and Path(path).read_bytes()[:5] == b"%PDF-"
    assert "E08000025" in pdf.value.suggested_filename or "birmingham" in pdf.value.suggested_filename.lower()


def test_the_publics_journey_misspelt_name_then_map_then_trend(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/find?q=Cumbira")  # misspelt
    wait_for_app(page)
    page.get_by_role("button", name="Choose Cumberland").click()
    expect(page.get_by_role("combobox", name="Your council")).to_have_value("Cumberland")  # the choice is made
    wait_for_app(page)
    page.get_by_role("link", name="Map").click()
    page.wait_for_url(re.compile(r"/map"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    _says(page, "[data-testid='stPlotlyChart']", "Cumberland (your council)")
    page.get_by_role("link", name="Trends").click()
    page.wait_for_url(re.compile(r"/trends"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    # the trend sentence is about the chosen council (Cumberland has two years: "No recent trend for …")
    _says(page, SUMMARY, re.compile("recent trend for cumberland", re.IGNORECASE))
    _says(page, "[data-testid='stPlotlyChart']", "Cumbria (former council)")


def _pick(page: Page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def test_a_councillors_journey_profile_concern_neighbours_download(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?council=E08000025")
    wait_for_app(page)
    page.get_by_role("link", name="Council profile").click()
    page.wait_for_url(re.compile(r"/profile"))
    wait_for_app(page)
    page.wait_for_selector(CHART)
    page.get_by_role("heading", name="need attention").wait_for()
    wait_for_app(page)
    # a concern the councillor follows up, one of the items that need attention (62.4% against 77.4%),
    # in "N more that need attention": sent once the councillor opens it (issue 14)
    page.locator("[data-testid='stMainBlockContainer'] summary", has_text="more that need attention").click()
    concern = "Adults 18 to 64 on long-term support living at home"
    expect(page.locator("[data-testid='stMainBlockContainer']")).to_contain_text(
        f"Significantly worse than England on {concern} (2024-25): 62.4% against 77.4%"
    )
    page.get_by_role("link", name="Compare councils").click()
    page.wait_for_url(re.compile(r"/compare"))
    wait_for_app(page)
    _pick(page, "Measure", f"Adults: {concern}")
    _pick(page, "Compare with", "Statistical neighbours (DfE 2025 model)")
    page.wait_for_function(
        "() => (document.querySelector(\"[data-testid='stMainBlockContainer'] strong\")?.innerText || '')"
        ".includes('Statistical neighbours')"
    )
    wait_for_app(page)
    with page.expect_download() as csv:
        page.get_by_role("button", name="Download CSV").first.click()
    text = Path(str(csv.value.path())).read_text()
    assert "Birmingham" in text and "compared_with_benchmark" in text and "Statistical neighbours" in text


def test_a_councils_market_then_its_provider_list_then_download(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/market?council=E08000025")
    wait_for_app(page)
    page.wait_for_selector(CHART)
    _says(page, "[data-testid='stPlotlyChart']", "Birmingham")
    page.get_by_role("link", name="Providers").click()
    page.wait_for_url(re.compile(r"/providers"))
    wait_for_app(page)
    _says(page, SUMMARY, "providers located in Birmingham")  # the providers page's own summary, unfiltered
    before = page.locator(SUMMARY).first.inner_text()
    page.get_by_label("Search owner, type or URN").fill("ltd")
    page.get_by_label("Search owner, type or URN").press("Enter")
    page.wait_for_function(
        "t => (document.querySelector(\"[data-testid='stMainBlockContainer'] strong\")?.innerText || t) !== t",
        arg=before,
    )
    wait_for_app(page)  # the search's rerun has finished, so the download is of the filtered list
    assert "providers located in Birmingham" in page.locator(SUMMARY).first.inner_text()
    with page.expect_download() as csv:
        page.get_by_role("button", name="Download CSV").click()
    data = Path(str(csv.value.path())).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel reads the file as UTF-8
    header = next(csv_module.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:3] == ["urn", "provision_type", "sector"] and "ltd" in data.decode("utf-8-sig").lower()
