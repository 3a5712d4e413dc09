"""The Progress reports view: scopes on hand-built frames; the page shows what the report says (the
report written from the committed store, as the command line writes it); a bad scope is a message."""

from __future__ import annotations

import pytest

from accountability.report import analyse, build_content, load_inputs, render, resolve_scope
from accountability.settings import Settings
from accountability.views.reports import ReportsChoice, report_scopes, report_stem
from accountability.views.store import Store, from_dir
from components.reports import report_periods, report_view
from tests.unit import store_frames as sf

BIRMINGHAM = "E08000025"
SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]  # the committed store, not a local .env


def test_scopes_list_regions_by_name_and_current_councils_before_former_ones() -> None:
    scopes = report_scopes(sf.from_frames("test", councils=sf.COUNCILS))
    assert scopes.regions == {"E12000001": "North East", "E12000002": "North West"}
    assert list(scopes.councils.values()) == ["Alpha", "Beta", "Gamma", "Delta"]  # Delta was abolished


@pytest.mark.parametrize(
    ("choice", "stem"),
    [
        (ReportsChoice("england", None, "latest"), "progress-report-england-latest"),
        (ReportsChoice("council", BIRMINGHAM, "2021-22"), f"progress-report-{BIRMINGHAM}-2021-22"),
    ],
)
def test_the_downloads_are_named_by_code_and_period(choice: ReportsChoice, stem: str) -> None:
    assert report_stem(choice) == stem


@pytest.fixture(scope="module")
def store() -> Store:
    return from_dir(SETTINGS.data_dir, SETTINGS.standards_file, SETTINGS.commitments_file)


def test_the_page_shows_what_the_report_says(store: Store) -> None:
    inputs = load_inputs(SETTINGS)
    content = build_content(inputs, analyse(inputs, "latest"), resolve_scope(inputs, "council", BIRMINGHAM))
    view = report_view(store, ReportsChoice("council", BIRMINGHAM, "latest"))
    assert view.problem is None
    assert view.headline == content.headline and view.headline.startswith("Birmingham")
    assert view.notes == tuple(content.notes) and view.narrative == tuple(content.narrative)
    assert view.html == render(content, "html")
    assert view.pdf[:5] == b"%PDF-"
    assert view.stem == f"progress-report-{BIRMINGHAM}-latest"


def test_a_scope_the_report_cannot_cover_is_a_message_naming_it(store: Store) -> None:
    view = report_view(store, ReportsChoice("council", "E99999999", "latest"))
    assert view.problem is not None and "E99999999" in view.problem
    assert view.problem.startswith("No report can be written for this choice:")
    assert view.html == b"" and view.pdf == b""


def test_periods_are_latest_then_financial_years_newest_first(store: Store) -> None:
    periods = report_periods(store)
    assert periods[0] == "latest" and len(periods) > 2
    assert periods[1:] == sorted(periods[1:], reverse=True)
    assert all(len(p) == 7 for p in periods[1:])
