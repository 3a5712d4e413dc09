"""The custom group's address value: codes or names in, codes out, unknown parts named (hand-built councils)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from accountability.state import unavailable_default
from components.group import address_value, group_codes, unknown_message

COUNCILS = pl.DataFrame(
    {
        "code": ["E10000009", "E06000059", "E06000058", "E08000026"],
        "name": ["Dorset", "Dorset", "Bournemouth, Christchurch and Poole", "Coventry"],
        "valid_to": [dt.date(2019, 3, 31), None, None, None],
    }
)


def test_codes_and_names_in_any_case_give_codes_in_the_order_given() -> None:
    assert group_codes("e08000026, Dorset", COUNCILS) == (["E08000026", "E06000059"], [])


def test_a_name_with_a_comma_is_one_council_and_repeats_are_dropped() -> None:
    raw = "Bournemouth, Christchurch and Poole,E06000058,Coventry"
    assert group_codes(raw, COUNCILS) == (["E06000058", "E08000026"], [])


def test_unknown_parts_are_returned_and_blank_parts_ignored() -> None:
    assert group_codes(",Atlantis,,E99999999,Coventry,", COUNCILS) == (["E08000026"], ["Atlantis", "E99999999"])
    assert group_codes("", COUNCILS) == ([], [])


def test_an_abolished_council_is_reached_by_its_code() -> None:
    assert group_codes("E10000009", COUNCILS) == (["E10000009"], [])


def test_the_address_keeps_sorted_codes_or_nothing() -> None:
    assert address_value(["E08000026", "E06000058"]) == "E06000058,E08000026"
    assert address_value([]) is None


def test_messages_show_the_value_as_literal_text() -> None:
    assert "`[x](https://evil.example)`" in unknown_message(["[x](https://evil.example)"])
    message = unavailable_default("# 2009-10", "2024-25")
    assert "`# 2009-10`" in message and "DASHBOARD_DEFAULT_PERIOD" in message and "2024-25" in message
