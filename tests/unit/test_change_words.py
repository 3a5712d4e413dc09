"""The sentence for each change (feeds and the What's new page use the same words)."""

from __future__ import annotations

import datetime as dt

import pytest

from accountability.change_words import Names, change_sentence, long_date, value_pair

NAMES = Names(
    areas={"E08000025": "Birmingham", "E12000005": "West Midlands", "E92000001": "England"},
    measures={"m": ("Care home admissions, people 65 and over", "per 100,000"), "p": ("Direct payments", "%")},
    commitments={"c": "Personal budgets for everyone eligible"},
)


def row(**fields: object) -> dict[str, object]:
    base = dict.fromkeys(
        ["kind", "area_type", "area_code", "measure", "period", "commitment_id", "old_period", "old_value",
         "new_value", "old_code", "new_code", "date", "councils"]
    )  # fmt: skip
    return {**base, **fields}


@pytest.mark.parametrize(
    ("old", "new", "unit", "expected"),
    [
        (45.12, 45.14, "%", ("45.12%", "45.14%")),
        (45.1, 46.0, "%", ("45.1%", "46.0%")),
        (587.2, 612.4, "per 100,000", ("587.2 per 100,000", "612.4 per 100,000")),
        (70.0, 70.0000001, "score", ("70.000000", "70.000000")),  # beyond 6 decimals: said as equal
        (None, 12.0, "%", ("not published", "12.0%")),
    ],
)
def test_values_get_the_decimals_it_takes_to_tell_them_apart(
    old: float | None, new: float | None, unit: str, expected: tuple[str, str]
) -> None:
    assert value_pair(old, new, unit) == expected


def test_a_revised_value_names_council_measure_period_and_old_to_new() -> None:
    text = change_sentence(
        row(kind="revised_value", area_type="council", area_code="E08000025", measure="m", period="2022-23",
            old_value=587.2, new_value=612.4, old_code="published", new_code="published"),
        NAMES,
    )  # fmt: skip
    assert text == (
        "Birmingham: Care home admissions, people 65 and over, 2022-23: revised, 587.2 per 100,000 → 612.4 per 100,000."
    )


def test_a_status_change_is_said_in_words() -> None:
    text = change_sentence(
        row(kind="revised_value", area_code="E08000025", measure="p", period="2021-22", old_value=30.0,
            new_value=None, old_code="published", new_code="suppressed"),
        NAMES,
    )  # fmt: skip
    assert "30.0% → not published" in text
    assert "(status: published → suppressed by the publisher (small numbers))" in text


def test_floor_and_commitment_and_inspection_sentences() -> None:
    below = row(kind="newly_below", area_code="E08000025", measure="p", period="2023-24", old_period="2022-23",
                old_code="meets", new_code="below")  # fmt: skip
    assert change_sentence(below, NAMES) == (
        "Birmingham: newly below the floor on Direct payments in 2023-24 (previous release, 2022-23: meets the floor)."
    )
    status = row(kind="status_changed", area_code="E12000005", measure="p", commitment_id="c", period="2023-24",
                 old_code="on track", new_code="off track", new_value=27.5)  # fmt: skip
    assert "West Midlands: progress on “Personal budgets for everyone eligible”" in change_sentence(status, NAMES)
    assert "on track → off track" in change_sentence(status, NAMES)
    judged = row(kind="new_inspection", area_code="E08000025", date=dt.date(2024, 1, 15), new_code="Inadequate")
    assert change_sentence(judged, NAMES) == (
        "Birmingham: new Ofsted inspection of children's services (15 January 2024): Inadequate."
    )


def test_national_sentences() -> None:
    assert change_sentence(row(kind="first_release"), NAMES).startswith("First release")
    new = row(kind="new_period", area_code="E92000001", measure="p", period="2024-25", councils=151)
    assert change_sentence(new, NAMES) == "New figures for 2024-25: Direct payments (151 councils with a value)."


def test_long_date() -> None:
    assert long_date("2026-11-30") == "30 November 2026"
    assert long_date(dt.date(2026, 1, 5)) == "5 January 2026"
