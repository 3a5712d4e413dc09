"""The Compare page's words on hand-built rows: rank notes by polarity, the finding in the chart title,
which interval the whiskers are, and the "official statistics in development" note."""

from __future__ import annotations

import polars as pl

from accountability.labels import IN_DEVELOPMENT
from accountability.methods.compare import MeasureInfo
from accountability.views.compare_text import chart_note, chart_title, in_development_note, rank_note

HELPED = MeasureInfo("m", "Share helped", "%", "higher_is_better", "proportion", "Higher is better.")
RATE = MeasureInfo("cla_rate", "Children in care", "per 10,000", "no_judgement", "rate", "No better direction.")
ROW = {"code": "A", "name": "Alpha", "value": 24.04, "rank_low": 3, "rank_high": 9, "quartile": 1}


def test_the_rank_note_names_a_quartile_only_where_a_direction_is_better() -> None:
    assert rank_note(ROW, HELPED) == " (95% rank interval 3rd to 9th; quartile 1 of 4, 1 = best)"
    note = rank_note(ROW, RATE)
    assert "quartile" not in note and "best" not in note
    assert note == " (95% rank interval 3rd to 9th, counting from the highest)"
    assert rank_note(None, HELPED) == "" and rank_note({**ROW, "rank_low": None}, HELPED) == ""


def test_the_chart_title_states_the_finding() -> None:
    table = pl.DataFrame({"value": [30.0, 24.04, None]})
    worse = {**ROW, "comparison": "worse", "benchmark_name": "England"}
    assert chart_title(table, HELPED, "2024-25", worse) == "Share helped, 2024-25: Alpha 24.0%, worse than England"
    similar = {**worse, "comparison": "similar"}
    assert chart_title(table, HELPED, "2024-25", similar).endswith("similar to England")
    untested = {**worse, "comparison": "not tested"}
    assert chart_title(table, HELPED, "2024-25", untested).endswith("not tested against England")
    assert chart_title(table, HELPED, "2024-25", None) == "Share helped, 2024-25: 2 councils range from 24.0% to 30.0%"
    empty = pl.DataFrame({"value": [None]}, schema={"value": pl.Float64})
    assert chart_title(empty, HELPED, "2024-25", None).endswith("no council has a published value")


def test_the_chart_note_names_the_verdicts_level_or_says_there_are_no_intervals() -> None:
    with_ci = pl.DataFrame({"ci_low": [1.0, None]})
    assert "95% confidence intervals" in chart_note(with_ci, 0.95)
    assert "99.8% confidence intervals, the level the verdicts use" in chart_note(with_ci, 0.998)
    assert chart_note(pl.DataFrame({"ci_low": [None]}, schema={"ci_low": pl.Float64}), 0.95).startswith("No confidence")


def test_in_development_values_are_labelled() -> None:
    note = in_development_note(pl.DataFrame({"in_development": [False, True]}))
    assert note is not None and note.startswith(IN_DEVELOPMENT)
    assert in_development_note(pl.DataFrame({"in_development": [False, None]})) is None
    assert in_development_note(pl.DataFrame({"value": [1.0]})) is None
