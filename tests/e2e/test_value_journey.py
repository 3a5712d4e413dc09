"""End-to-end: a councillor opens Value for money, sees their council highlighted, downloads the figures
with the published cells they come from; axe finds nothing on Value for money or What's new at desktop
and phone sizes."""

from __future__ import annotations

import csv as csv_module
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import run_axe, wait_for_app

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stPlotlyChart'] .main-svg"


def test_a_councillors_journey_to_value_for_money_and_its_download(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?council=E06000001")
    wait_for_app(page)
    page.get_by_role("link", name="Value for money").click()
    page.wait_for_url(re.compile(r"/value"))
    wait_for_app(page)
    page.wait_for_selector(CHART, timeout=60_000)
    ranked = page.locator("[data-testid='stPlotlyChart']").first
    for name in ("Hartlepool", "England"):  # the council and England named on the axis
        expect(ranked).to_contain_text(name, use_inner_text=True)
    expect(page.locator("[data-testid='stPlotlyChart']").nth(1)).to_contain_text("Hartlepool", use_inner_text=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").last.click()  # the published cells
    data = Path(str(download.value.path())).read_bytes().decode("utf-8-sig")
    rows = list(csv_module.DictReader(io.StringIO(data)))
    mine = [r for r in rows if r["ONS code"] == "E06000001" and r["Financial year"] == "2024-25"]
    assert len(mine) == 1
    assert (mine[0]["Variable code"], mine[0]["Row"], mine[0]["Column"]) == ("RO3-asctot-net-cur-exp", "162", "KP")
    assert len({r["ONS code"] for r in rows}) > 100  # every council, not only the chosen one


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
@pytest.mark.parametrize("path", ["value?council=E06000001", "whats_new?council=E10000023"])
def test_no_wcag_violations_on_the_new_pages(page: Page, app_url: str, path: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.wait_for_selector(CHART if path.startswith("value") else "[data-testid='stDataFrame']", timeout=60_000)
    violations = run_axe(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
