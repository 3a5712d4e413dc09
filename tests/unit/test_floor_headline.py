"""The Floor page's headline counts "below" on an interval and on the value alone apart (issue 9,
point 2), and the first year of a definition apart from both; hand-built latest verdicts."""

from __future__ import annotations

import polars as pl

from accountability.views.floor_standards import headline, verdict_tally


def _runs(rows: list[tuple[str, str, str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["code", "measure", "verdict", "basis"], orient="row")


RUNS = _runs(
    [
        ("A", "m1", "below", "interval_95"),
        ("B", "m1", "below", "interval_998"),
        ("C", "m1", "below", "value_only"),
        ("D", "m1", "meets", "value_only"),
        ("A", "m2", "no_floor_yet", None),
        ("B", "m2", "no_floor_yet", None),
        ("C", "m2", "no_data", None),
        ("D", "m3", "cannot_tell", "interval_95"),
    ]
)


def test_below_on_an_interval_and_on_the_value_alone_are_counted_apart() -> None:
    assert verdict_tally(RUNS) == {
        "below_on_interval": 2,
        "below_on_value_only": 1,
        "no_floor_yet": 2,
        "standards_no_floor_yet": 1,
    }


def test_the_headline_never_gives_one_mixed_count() -> None:
    text = headline(4, RUNS, 2)
    assert text == (
        "4 councils, 3 standards at their latest period: 2 verdicts below the floor on an interval (chance "
        "allowed for) and 1 below on the published value alone (value only, chance not allowed for); 2 with "
        "no floor yet (1 standards in the first year of a new definition); 2 councils on the watchlist."
    )
    assert "3 verdicts below" not in text


def test_no_floor_yet_is_left_out_when_there_is_none_and_nothing_below_reads_zero() -> None:
    runs = _runs([("A", "m1", "meets", "interval_95"), ("B", "m1", "cannot_tell", "value_only")])
    assert verdict_tally(runs) == {
        "below_on_interval": 0,
        "below_on_value_only": 0,
        "no_floor_yet": 0,
        "standards_no_floor_yet": 0,
    }
    assert "no floor yet" not in headline(2, runs, 0)
    assert "0 verdicts below the floor on an interval" in headline(2, runs, 0)


def test_an_empty_selection_counts_nothing() -> None:
    empty = _runs([]).cast({"basis": pl.String})
    assert verdict_tally(empty)["below_on_interval"] == 0
