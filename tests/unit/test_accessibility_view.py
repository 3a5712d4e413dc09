"""The Accessibility statement's view: the standard aimed at, what we do, and gaps that name their issue."""

from __future__ import annotations

import re

from accountability.views.accessibility import accessibility_view, report_link


def test_the_statement_names_the_standard_and_the_table_alternative() -> None:
    view = accessibility_view()
    assert "WCAG) 2.2 at level AA" in view.aim
    assert any("**Table**" in p and "address" in p for p in view.practices)
    assert any("Colour never carries meaning alone" in p for p in view.practices)


def test_every_known_gap_names_its_upstream_issue() -> None:
    gaps = accessibility_view().gaps
    assert gaps, "no gap listed: the check below would pass on nothing"
    assert all(re.search(r"(Streamlit|plotly\.js) #\d+", gap) for gap in gaps)


def test_the_statement_has_every_part_of_the_gov_uk_model() -> None:
    view = accessibility_view("care-data@example.gov.uk")
    assert view.compliance.startswith("This website is partially compliant with the Web Content Accessibility")
    assert "Equality and Human Rights Commission (EHRC)" in view.enforcement
    assert "Equality Advisory and Support Service (EASS)" in view.enforcement
    assert "care-data@example.gov.uk" in view.feedback and "within 10 working days" in view.feedback
    assert re.search(r"prepared on \d{1,2} \w+ 20\d\d\. It was last reviewed on \d{1,2} \w+ 20\d\d", view.preparation)


def test_each_non_compliance_names_its_wcag_criterion_and_level() -> None:
    items = accessibility_view().non_compliances
    assert len(items) >= 4, "too few: the measured focus gaps and the charts must each be listed"
    assert all(re.match(r"\d\.\d+\.\d+ [A-Z][\w ,-]+ \(AA?\)", item.criterion) for item in items)
    problems = " ".join(item.problem for item in items)
    assert "1.1:1" in problems and "Radio buttons" in problems and "screen reader cannot read a chart" in problems


def test_without_a_contact_address_the_statement_says_so_plainly() -> None:
    view = accessibility_view("")
    assert view.contact == "" and "has not published a contact address" in view.feedback


def test_the_report_link_names_the_page_and_needs_an_address() -> None:
    link = report_link("care-data@example.gov.uk", "Compare councils")
    subject = "Problem%20with%20a%20figure%20on%20the%20Compare%20councils%20page"
    assert link == f"mailto:care-data@example.gov.uk?subject={subject}"
    assert report_link("", "Compare councils") is None
