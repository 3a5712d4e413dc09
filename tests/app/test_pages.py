"""Every page renders from the committed store, with alt text on every chart and no exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from accountability.settings import ROOT
from tests.app.conftest import assert_healthy, open_page, texts

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
# Pages that draw at least one chart for Birmingham, so the checks on every chart check something there.
CHART_PAGES = {f"pages/{name}.py" for name in ("compare", "floors", "map", "market", "profile", "progress", "trends")}


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page: str) -> None:
    at = open_page(page)
    assert_healthy(at)
    assert len(at.title) == 1  # one top heading per page


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_alt_text(page: str) -> None:
    at = open_page(page, council="E08000025")
    assert_healthy(at)
    charts = at.get("plotly_chart")
    assert charts or page not in CHART_PAGES
    assert all(c.proto.alt for c in charts)


def test_missing_store_shows_a_message_naming_the_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = open_page()
    assert not at.exception
    assert "councils" in texts(at) and "not found" in texts(at)


def test_invalid_configuration_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_BENCHMARK", "scotland")
    at = open_page()
    assert not at.exception
    assert "DASHBOARD_DEFAULT_BENCHMARK" in texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_a_title_source_licence_and_png_download(page: str) -> None:
    import json

    at = open_page(page, council="E08000025")
    assert at.get("plotly_chart") or page not in CHART_PAGES
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        subtitle = spec["layout"]["title"]["subtitle"]["text"].replace(
            "<br>", " "
        )  # as read: lines wrap to fit a phone
        assert spec["layout"]["title"]["text"] and "Source:" in subtitle and "Open Government Licence" in subtitle
        assert json.loads(chart.proto.config)["toImageButtonOptions"]["format"] == "png"
