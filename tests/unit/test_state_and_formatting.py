"""URL parameter messages and number formatting."""

from __future__ import annotations

import pytest

from accountability.formatting import format_value, ordinal
from accountability.state import unrecognised


@pytest.mark.parametrize("raw", [None, "", "E06000001"])
def test_known_or_absent_values_give_no_message(raw: str | None) -> None:
    assert unrecognised("council", raw, ["E06000001"], "council") is None


def test_unknown_value_is_named_with_its_parameter() -> None:
    message = unrecognised("council", "E99999999", ["E06000001"], "council")
    assert message is not None
    assert "E99999999" in message and "council=" in message


def test_very_long_values_are_shortened_in_the_message() -> None:
    message = unrecognised("measure", "x" * 500, [], "measure")
    assert message is not None and len(message) < 300


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (27.456, "%", "27.5%"),
        (512.34, "per 100,000", "512.3 per 100,000"),
        (19.04, "score", "19.0"),
        (1234.0, "count", "1,234"),
        (None, "%", "not published"),
    ],
)
def test_format_value(value: float | None, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
        (111, "111th"),
    ],
)
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_share_link_uses_codes_and_drops_empty_values() -> None:
    from accountability.state import share_link

    link = share_link(
        "http://127.0.0.1:8501/compare?council=Leeds",
        "compare",
        {"council": "E08000035", "measure": "cla_rate", "period": None},
    )
    assert link == "http://127.0.0.1:8501/compare?council=E08000035&measure=cla_rate"


def test_share_link_without_a_known_host_is_relative() -> None:
    from accountability.state import share_link

    assert share_link("", "methods", {}) == "/methods"
