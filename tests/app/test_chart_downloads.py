"""Every chart's camera button downloads PNG or SVG, as the user chooses in the sidebar, with a file name
that says what the chart is (the picture is drawn by Plotly in the browser: tests/e2e checks the file);
and the compare table puts its verdict where a phone shows it."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import open_page

FORMAT_BOX = "Chart downloads (camera button)"


def _image_options(at: object) -> list[dict[str, object]]:
    charts = at.get("plotly_chart")  # type: ignore[attr-defined]
    assert len(charts) > 0, "no chart drawn: nothing to check"
    return [json.loads(chart.proto.config)["toImageButtonOptions"] for chart in charts]


def test_charts_download_as_png_by_default() -> None:
    at = open_page("pages/trends.py", council="E08000025")
    assert all(o["format"] == "png" and o["filename"] for o in _image_options(at))


@pytest.mark.parametrize("page", ["pages/trends.py", "pages/compare.py"])
def test_choosing_svg_makes_every_chart_download_svg(page: str) -> None:
    at = open_page(page, council="E08000025")
    box = next(s for s in at.sidebar.selectbox if s.label == FORMAT_BOX)
    at = box.select("svg").run()
    assert all(o["format"] == "svg" for o in _image_options(at))


def test_the_compare_table_shows_the_verdict_beside_the_councils_name() -> None:
    at = open_page("pages/compare.py", council="E08000025", view="Table")
    table = at.dataframe[0]
    assert list(table.proto.column_order)[:3] == ["rank", "name", "compared_with_benchmark"]
    assert "compared_with_benchmark" in table.value.columns
    assert table.value["compared_with_benchmark"].notna().any()  # words, not an empty column
