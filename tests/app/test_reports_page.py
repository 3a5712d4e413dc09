"""Progress reports page: renders, defaults to the chosen council, offers HTML and PDF downloads."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

REPORTS = "pages/reports.py"


def test_reports_page_shows_england_headline_and_narrative() -> None:
    at = open_page(REPORTS)
    assert_healthy(at)
    page = texts(at)
    assert "England: 153 councils" in page and "verdicts below the floor" in page
    assert len(at.get("download_button")) == 2


def test_council_report_defaults_to_the_council_in_the_url() -> None:
    at = open_page(REPORTS, council="E08000025")
    at.radio(key="report_kind").set_value("A council").run()
    assert_healthy(at)
    assert at.selectbox(key="report_council").value == "E08000025"
    assert "Birmingham: below the floor on" in texts(at)


def test_region_and_period_can_be_chosen() -> None:
    at = open_page(REPORTS)
    at.radio(key="report_kind").set_value("A region").run()
    at.selectbox(key="report_region").set_value("E12000001").run()
    at.selectbox(key="report_period").set_value("2021-22").run()
    assert_healthy(at)
    page = texts(at)
    assert "North East" in page and "cut at 2021-22" in page
