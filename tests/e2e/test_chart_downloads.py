"""A chart's camera button downloads the picture in the format chosen in the sidebar, drawn by Plotly in
the browser (no server-side renderer): an SVG that carries the chart's title and its source and licence."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.e2e


def _download(page: Page, suffix: str) -> str:
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.hover()
    with page.expect_download() as caught:
        chart.locator(".modebar-btn[data-title^='Download plot']").click()
    download = caught.value
    assert download.suggested_filename.endswith(suffix), download.suggested_filename
    path = ARTIFACTS / download.suggested_filename
    download.save_as(path)
    return path.read_text(errors="replace") if suffix == ".svg" else str(path.stat().st_size)


def test_a_chart_downloads_as_svg_with_its_title_and_licence(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/trends?council=E08000025&measure=rereferral_pct")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
    assert int(_download(page, ".png")) > 10_000  # the default
    box = page.get_by_role("combobox", name="Chart downloads (camera button)")
    box.click()
    page.get_by_role("option", name="SVG (print, any size)").click()
    expect(box).to_have_value("SVG (print, any size)")
    wait_for_app(page)
    # the chart redrawn with its new setting: Plotly titles the camera button "Download plot as a PNG"
    # for PNG and "Download plot" for any other format
    chart = page.locator("[data-testid='stPlotlyChart']").first
    expect(chart.locator(".modebar-btn[data-title='Download plot']")).to_be_attached()
    svg = _download(page, ".svg")
    assert svg.lstrip().startswith("<svg") and "Re-referrals within 12 months" in svg
    assert "Open Government" in svg and "Licence v3.0" in svg
