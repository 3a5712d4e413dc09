"""Council profile page: renders every section with alt text, reads the council and benchmark from the URL."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

PROFILE = "pages/profile.py"
BIRMINGHAM = "E08000025"
CUMBRIA = "E10000006"  # abolished in April 2023


def test_profile_renders_healthy_with_alt_text_on_every_chart() -> None:
    at = open_page(PROFILE, council=BIRMINGHAM)
    assert_healthy(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # adults and children
    assert all(c.proto.alt for c in charts)
    headings = [s.value for s in at.subheader]
    # what needs attention opens the page; then the areas of care, then spending
    assert headings[0].endswith("need attention") and headings[1:4] == ["Adults", "Children", "Spending per head"]
    shown = texts(at)
    assert "Birmingham" in at.title[0].value
    assert "Latest Ofsted judgement" in shown and "2023" in shown
    assert "could be tested against England" in shown


def test_chart_alt_text_counts_the_verdicts() -> None:
    at = open_page(PROFILE, council=BIRMINGHAM)
    children = at.get("plotly_chart")[1].proto.alt
    assert children.startswith("Birmingham, children: spine chart of")
    assert "better" in children and "not tested" in children


def test_without_a_council_the_page_says_how_to_choose_one() -> None:
    at = open_page(PROFILE)
    assert_healthy(at)
    assert any("Choose a council" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_benchmark_comes_from_the_url() -> None:
    at = open_page(PROFILE, council=BIRMINGHAM, benchmark="region")
    assert_healthy(at)
    assert at.selectbox(key="benchmark").value == "region"
    assert "against West Midlands" in texts(at)


def test_former_council_shows_its_last_data_and_its_successors() -> None:
    at = open_page(PROFILE, council=CUMBRIA)
    assert_healthy(at)
    note = " ".join(i.value for i in at.info)
    assert "Cumberland" in note and "Westmorland and Furness" in note
    assert all(c.proto.alt for c in at.get("plotly_chart"))
    at.radio(key="view").set_value("Table").run()
    assert not at.get("plotly_chart")
    assert "2022-23" in at.dataframe[1].value["period"].to_list()


def test_progress_table_is_shown_for_the_council() -> None:
    at = open_page(PROFILE, council=BIRMINGHAM)
    headings = [s.value for s in at.subheader]
    assert "Progress on the government's commitments" in headings
