"""The method notes the Data and methods page renders: present, referenced, and saying what the code does."""

from __future__ import annotations

import pytest

from accountability.methods import funnel_plot, progress, trends
from accountability.methods.method_notes import NOTES, method_note, method_notes


def _words(name: str) -> str:
    """The note with its line breaks and runs of spaces as single spaces (wrapping is not content)."""
    return " ".join(method_note(name).split())


@pytest.mark.parametrize(("name", "title"), NOTES)
def test_every_note_has_a_heading_and_references(name: str, title: str) -> None:
    text = method_note(name)
    assert text.startswith("## ")
    assert "**References.**" in text


def test_the_notes_come_in_reading_order() -> None:
    assert [title for title, _ in method_notes()] == [title for _, title in NOTES]


def test_an_unknown_note_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="'p-values'"):
        method_note("p-values")


def test_the_trend_note_states_the_rules_the_code_uses() -> None:
    text = _words("trends")
    assert trends.POINTS == 5 and "last 5 published values" in text
    assert trends.ALPHA == 0.05 and "p < 0.05" in text
    for code in ("scaled_chi_squared_trend", "wls", "ols"):
        assert f"`{code}`" in text and code in trends.METHODS


def test_the_funnel_note_states_the_rules_the_code_uses() -> None:
    text = _words("funnels")
    assert funnel_plot.WINSOR == 0.1 and "10th and 90th percentiles" in text
    assert funnel_plot.SMALL_EXPECTED == 10 and "fewer than 10 expected events" in text
    assert set(funnel_plot.ADJUSTMENTS) == {"none", "multiplicative", "additive"}


def test_the_progress_note_states_the_rules_the_code_uses() -> None:
    text = _words("progress")
    assert progress.ON_TRACK_RATIO == 0.95 and "at least 95% of the required rate" in text
    assert "no detectable change" in text and "no detectable change" in progress.BANDS
