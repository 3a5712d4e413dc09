"""Data and methods lists every measure with its source and licence; accessibility states gaps."""

from __future__ import annotations

import pytest

from accountability.store import read_table
from tests.app.conftest import open_page, texts
from tests.conftest import STORE_DIR


def test_methods_page_explains_every_measure_with_source_and_licence() -> None:
    at = open_page("pages/methods.py")
    measures = read_table(STORE_DIR, "measures")
    assert measures.height > 0
    assert sorted(e.label for e in at.expander) == sorted(measures["label"].to_list())
    for m in measures.iter_rows(named=True):
        assert m["description"] in texts(at)
    assert texts(at).count("**Licence:** Open Government Licence v3.0") == measures.height


def test_methods_page_accounts_for_every_file() -> None:
    at = open_page("pages/methods.py")
    accounts = at.dataframe[-1].value
    assert (accounts["read"] == accounts["kept"] + accounts["rejected"]).all()


def test_accessibility_page_names_known_gaps() -> None:
    at = open_page("pages/accessibility.py")
    assert "WCAG 2.2" in texts(at) and "#16148" in texts(at)


def test_accessibility_statement_has_the_model_headings_and_the_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_CONTACT_EMAIL", "care-data@example.gov.uk")
    at = open_page("pages/accessibility.py")
    headings = [h.value for h in at.header] + [s.value for s in at.subheader]
    for heading in ("Feedback and contact information", "Enforcement procedure", "Compliance status"):
        assert heading in headings, headings
    assert "e-mail care-data@example.gov.uk" in texts(at) and "(EASS)" in texts(at)
    assert "2.4.7 Focus Visible (AA)" in texts(at)


@pytest.mark.parametrize("page", [None, "pages/compare.py", "pages/methods.py"])
def test_every_page_links_to_report_a_problem_with_a_figure(monkeypatch: pytest.MonkeyPatch, page: str | None) -> None:
    monkeypatch.setenv("DASHBOARD_CONTACT_EMAIL", "care-data@example.gov.uk")
    at = open_page(page)
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown)
    assert "[Report a problem with a figure](mailto:care-data@example.gov.uk?subject=Problem" in sidebar


def test_home_page_shows_the_councils_latest_ofsted_judgement() -> None:
    inspections = read_table(STORE_DIR, "inspections").filter("is_latest").sort("code")
    row = inspections.row(0, named=True)
    at = open_page(council=row["code"])
    assert f"{row['overall_effectiveness']} overall" in texts(at)


def test_home_page_points_a_former_council_to_its_successors() -> None:
    at = open_page(council="E10000006")  # Cumbria
    assert "Cumberland" in texts(at) and "Westmorland and Furness" in texts(at)


def test_home_page_without_a_council_invites_the_user_to_choose_one() -> None:
    at = open_page()
    assert "Choose your council" in texts(at)
