"""Care market page: England and a council, every tab, the outcome scatter, no adult-quality data said plainly."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

MARKET = "pages/market.py"


def test_market_page_for_england_and_for_a_council() -> None:
    for params in ({}, {"council": "E08000025"}):
        at = open_page(MARKET, **params)
        assert_healthy(at)
        assert all(c.proto.alt for c in at.get("plotly_chart"))
    assert "Birmingham" in at.get("plotly_chart")[0].proto.alt


def test_missing_adult_provider_quality_is_said_plainly() -> None:
    at = open_page(MARKET)
    assert "No national data on the quality of adult care providers" in texts(at)


def test_the_scatter_describes_an_association_not_a_cause() -> None:
    at = open_page(MARKET, council="E08000025", market_y="placements_3plus")
    assert_healthy(at)
    assert "does not show that one causes the other" in texts(at)
    assert at.selectbox(key="market_y").value == "placements_3plus"


def test_the_market_measure_in_the_url_is_used_and_an_unknown_one_explained() -> None:
    at = open_page(MARKET, council="E08000025", market_x="Owner concentration (HHI)")
    assert_healthy(at)
    assert at.selectbox(key="market_x").value == "hhi"
    assert "owner concentration (hhi)" in texts(at)
    at = open_page(MARKET, market_x="Colour of the front door")
    assert_healthy(at)
    assert any("Colour of the front door" in w.value for w in at.warning)
