"""Progress reports page: renders, defaults to the chosen council, offers HTML and PDF downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("setting", "name", "text", "pages"),
    [
        (
            "DASHBOARD_STANDARDS_FILE",
            "standards.toml",
            '[[standard]]\nmeasure = "ascof_feel_safe"\nconfidence = 0.9\n',
            [REPORTS],
        ),
        (
            "DASHBOARD_COMMITMENTS_FILE",
            "commitments.toml",
            '[[commitment]]\nid = "Not a slug"\n',
            [REPORTS, "pages/progress.py"],
        ),
    ],
)
def test_a_bad_standards_or_commitments_file_is_a_message_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, setting: str, name: str, text: str, pages: list[str]
) -> None:
    bad = tmp_path / name
    bad.write_text(text)
    monkeypatch.setenv(setting, str(bad))
    for page in pages:
        at = open_page(page)
        assert not at.exception
        assert any(name in e.value for e in at.error), [e.value for e in at.error]
        assert not any("problem in the dashboard itself" in e.value for e in at.error)
