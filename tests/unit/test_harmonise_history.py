"""A new council's code printed on years before it existed: re-keyed to its sole predecessor, or the build fails.

DfE's looked-after files give North Yorkshire (E06000065) and Somerset (E06000066) figures back to
2020-21, and the ASCOF 2024-25 workbook back to 2015-16; those councils began on 1 April 2023.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from accountability.prepare.validate import check_values_within_council_lifetime, effective_lifetimes
from accountability.sources.harmonise import sole_predecessors, to_predecessor

COUNCILS = pl.DataFrame(
    {
        "code": ["E10000023", "E06000065", "E10000006", "E06000063", "E08000025"],
        "valid_from": [None, date(2023, 4, 1), None, date(2023, 4, 1), None],
        "valid_to": [date(2023, 4, 1), None, date(2023, 4, 1), None, None],
    },
    schema_overrides={"valid_from": pl.Date, "valid_to": pl.Date},
)


def _values(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"code": [c for c, _ in rows], "period": [p for _, p in rows], "measure": "cla_rate", "value": 50.0,
         "source_file": "cla.csv", "source_row": list(range(2, 2 + len(rows)))},
    )  # fmt: skip


def test_only_one_to_one_successions_are_re_keyed() -> None:
    links = dict(zip(sole_predecessors()["successor"], sole_predecessors()["predecessor"], strict=True))
    assert links["E06000065"] == "E10000023" and links["E06000066"] == "E10000027"  # North Yorkshire, Somerset
    assert "E06000063" not in links and "E06000058" not in links  # Cumberland (split), BCP (merger)


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("E06000065", "2020-21", "E10000023"),
        ("E06000065", "2022-23", "E10000023"),
        ("E06000065", "2023-24", "E06000065"),  # its first year
        ("E06000066", "2015-16", "E10000027"),
        ("E06000063", "2022-23", "E06000063"),  # Cumberland: no sole predecessor, left for the check to fail
        ("E08000025", "2015-16", "E08000025"),
        ("E06000065", "2022", "E06000065"),  # not a financial year: left as published
    ],
)
def test_a_row_before_its_council_existed_goes_to_the_sole_predecessor(code: str, period: str, expected: str) -> None:
    assert to_predecessor(_values([(code, period)]))["code"].to_list() == [expected]


def test_re_keying_twice_changes_nothing_and_works_lazily() -> None:
    frame = _values([("E06000065", "2021-22"), ("E06000065", "2024-25")])
    once = to_predecessor(frame)
    assert to_predecessor(once).equals(once)
    assert to_predecessor(frame.lazy()).collect().equals(once)


def test_the_lifetime_check_fails_on_a_new_councils_code_before_it_existed() -> None:
    """The check used to let a one-to-one successor carry its predecessor's years; it no longer does."""
    lifetimes = effective_lifetimes(COUNCILS)
    assert lifetimes.filter(pl.col("code") == "E06000065")["from"].to_list() == [date(2023, 4, 1)]
    bad = check_values_within_council_lifetime({"values": _values([("E06000065", "2022-23")]), "councils": COUNCILS})
    assert not bad.passed and "E06000065 has a value for 2022-23" in bad.message
    fixed = to_predecessor(_values([("E06000065", "2022-23")]))
    assert check_values_within_council_lifetime({"values": fixed, "councils": COUNCILS}).passed


def test_a_workbook_value_outside_a_lifetime_is_reported_at_its_sheet_column_and_row() -> None:
    values = _values([("E06000065", "2021-22")]).with_columns(source_file=pl.lit("ascof_2024_25.ods (Table_4b)"))
    check = check_values_within_council_lifetime({"values": values, "councils": COUNCILS})
    assert not check.passed
    assert check.message.startswith("ascof_2024_25.ods (Table_4b), column 'ONS area code', row 2:")
