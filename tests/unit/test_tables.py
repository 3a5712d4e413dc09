"""Where a table's status goes, so a phone (about two columns in 360 pixels) shows it."""

from __future__ import annotations

import polars as pl

from components.tables import status_beside_name


def test_the_status_goes_beside_a_short_name() -> None:
    frame = pl.DataFrame({"name": ["Leeds", "Kent"], "value": [1.0, 2.0], "region": ["a", "b"], "status": ["x", "y"]})
    assert status_beside_name(frame) == ["name", "status", "value", "region"]


def test_the_status_goes_first_when_the_first_column_is_long_text() -> None:
    long = "Personal budgets for everyone eligible — People who direct their own support"
    frame = pl.DataFrame({"Commitment and measure": [long, "Short"], "Latest": ["1", "2"], "Status": ["✓", "?"]})
    assert status_beside_name(frame) == ["Status", "Commitment and measure", "Latest"]


def test_a_name_exactly_at_the_limit_keeps_the_status_beside_it() -> None:
    frame = pl.DataFrame({"name": ["x" * 24], "Verdict": ["below"]})
    assert status_beside_name(frame) == ["name", "Verdict"]
    assert status_beside_name(pl.DataFrame({"name": ["x" * 25], "Verdict": ["below"]})) == ["Verdict", "name"]


def test_a_table_without_a_status_or_without_rows_keeps_its_order() -> None:
    assert status_beside_name(pl.DataFrame({"a": [1], "b": [2]})) == ["a", "b"]
    empty = pl.DataFrame({"name": [], "status": []}, schema={"name": pl.String, "status": pl.String})
    assert status_beside_name(empty) == ["name", "status"]
