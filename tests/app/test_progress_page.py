"""Progress page: every commitment on both sides of the framework break, URL state, the chosen council."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_healthy, open_page, texts

PROGRESS = "pages/progress.py"


def _table(at: AppTest, column: str) -> Any:
    """The one table with this column (England's has "Commitment and measure", the councils' "council"),
    found by what it holds rather than where the page puts it."""
    tables = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(tables) == 1, f"{len(tables)} tables with a {column!r} column"
    return tables[0]


def test_every_commitment_renders_on_both_sides_of_the_break() -> None:
    at = open_page(PROGRESS)
    assert_healthy(at)
    assert len(at.radio(key="framework").options) == 2
    for side in at.radio(key="framework").options:
        at.radio(key="framework").set_value(side).run()
        assert at.selectbox(key="commitment").options
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
    assert len(_table(at, "Commitment and measure")) == len(at.selectbox(key="commitment").options)
    assert "Statistics Canada" in texts(at)


def test_the_framework_side_in_the_url_is_used_and_an_unknown_one_explained() -> None:
    at = open_page(PROGRESS, framework="2017-18 to 2022-23 (previous framework)")
    assert_healthy(at)
    assert at.radio(key="framework").value == "before_break"
    at = open_page(PROGRESS, framework="1999")
    assert_healthy(at)
    assert any("1999" in w.value for w in at.warning)
    assert at.radio(key="framework").value == "current"


def test_only_councils_off_track_or_deteriorating_when_asked() -> None:
    at = open_page(PROGRESS, commitment="fewer-repeat-protection-plans:cpp_repeat_pct")
    everyone = _table(at, "council")
    at.toggle(key="off_track").set_value(True).run()
    shown = _table(at, "council")
    assert 0 < len(shown) < len(everyone)
    assert set(shown["status"]) <= {"→ Off track", "↘ Deteriorating"}


def test_how_assessed_describes_the_trend_gated_rule() -> None:
    from tests.app.conftest import open_page as _open

    at = _open("pages/progress.py")
    how = next(m.value for m in at.markdown if "A target value by a date" in m.value)
    assert "no detectable change" in how and "same test as the Trends page" in how
    assert "0.5%" not in how and "little or no change" not in how
    assert "Student's t" in how
