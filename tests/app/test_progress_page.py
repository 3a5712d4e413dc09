"""Progress page: every commitment on both sides of the framework break, URL state, the chosen council."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

PROGRESS = "pages/progress.py"


def test_every_commitment_renders_on_both_sides_of_the_break() -> None:
    at = open_page(PROGRESS)
    assert_healthy(at)
    for side in at.radio(key="framework").options:
        at.radio(key="framework").set_value(side).run()
        for key in at.selectbox(key="commitment").options:
            at.selectbox(key="commitment").set_value(key).run()
            assert_healthy(at)
            assert all(c.proto.alt for c in at.get("plotly_chart"))


def test_a_commitment_code_in_the_url_selects_it() -> None:
    at = open_page(PROGRESS, commitment="fewer-repeat-protection-plans:cpp_repeat_pct")
    assert_healthy(at)
    assert at.selectbox(key="commitment").value == "fewer-repeat-protection-plans:cpp_repeat_pct"


def test_the_chosen_councils_status_is_shown() -> None:
    at = open_page(PROGRESS, council="E08000025", commitment="fewer-repeat-protection-plans:cpp_repeat_pct")
    assert any(i.value.startswith("Birmingham:") for i in at.info)


def test_unknown_commitment_in_the_url_gives_a_message() -> None:
    at = open_page(PROGRESS, commitment="promise-to-nobody")
    assert_healthy(at)
    assert any("promise-to-nobody" in w.value for w in at.warning)


def test_england_table_lists_every_commitment_measure() -> None:
    at = open_page(PROGRESS)
    assert len(at.dataframe[0].value) == len(at.selectbox(key="commitment").options)
    assert "Statistics Canada" in texts(at)
