"""End-to-end: a chart-only view of Compare, Trends and Map inside an iframe on a local HTML page, as a
local paper would embed it: the chart is drawn, the pickers, tables and sidebar are not."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, run_axe, wait_for_app

pytestmark = pytest.mark.e2e

CASES = {
    "compare": "council=E08000025&measure=rereferral_pct",
    "trends": "council=E08000025&measure=rereferral_pct",
    "map": "council=E08000025&measure=rereferral_pct",
}


@pytest.mark.parametrize("path", list(CASES))
def test_an_embed_shows_the_chart_alone_inside_an_iframe(page: Page, app_url: str, path: str) -> None:
    src = f"{app_url}/{path}?{CASES[path]}&chart_only=1&embed=true"
    host = ARTIFACTS / f"embed_{path}.html"
    host.write_text(
        "<!doctype html><html lang='en'><head><title>A local paper</title></head><body><main>"
        f"<h1>Our story</h1><iframe src='{src}' title='Chart' width='900' height='640'></iframe>"
        "</main></body></html>"
    )
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    chart = frame.locator("[data-testid='stPlotlyChart'] .main-svg").first
    expect(chart).to_be_visible(timeout=60_000)
    assert "Birmingham" in frame.locator("[data-testid='stPlotlyChart']").first.inner_text()
    expect(frame.locator("h1")).to_be_hidden()  # the page's title, pickers and tables are not drawn
    expect(frame.locator("[data-testid='stSelectbox']").first).to_be_hidden()
    expect(frame.get_by_text("See this chart with its table")).to_be_visible()


def test_the_full_page_offers_the_snippet_and_chart_only_passes_axe(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/compare?council=E08000025&measure=rereferral_pct")
    wait_for_app(page)
    box = page.get_by_role("textbox", name="Embed this chart on your website")
    # the text area is a lazy-loaded widget: under load it mounts after the run ends, empty for a moment
    expect(box).to_have_value(re.compile(r"^<iframe src="), timeout=30_000)
    snippet = box.input_value()
    assert snippet.startswith("<iframe src=") and "chart_only=1" in snippet and "embed=true" in snippet
    assert "council=E08000025" in snippet and "release=" not in snippet  # an embed always shows current figures
    page.goto(f"{app_url}/compare?council=E08000025&measure=rereferral_pct&chart_only=1&embed=true")
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
    violations = run_axe(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
