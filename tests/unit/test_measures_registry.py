"""The measures registry and its breaks agree: break_period is the latest break that is not comparable."""

from __future__ import annotations

import pytest

from accountability.store.measures import Measure, MeasureBreak, breaks_frame, measures_frame


def _measure(id: str = "m", break_period: str | None = None) -> Measure:
    return Measure(
        id=id, label="l", description="d", domain="adults", unit="%", value_type="proportion",
        polarity="higher_is_better", source="s", publisher="p", framework_version="f", source_codes="c",
        break_period=break_period, count_noun="people",
    )  # fmt: skip


FRAMEWORK = MeasureBreak("m", "2023-24", "framework", False, "a new framework")
CLD = MeasureBreak("m", "2024-25", "source", False, "a new collection")
PUBLISHER = MeasureBreak("m", "2025-26", "publisher", True, "a new publisher of the same data")


def test_break_periods_lists_every_break_and_break_period_is_the_latest() -> None:
    frame = measures_frame([_measure(break_period="2024-25")], [CLD, FRAMEWORK, PUBLISHER])
    row = frame.row(0, named=True)
    assert (row["break_period"], row["break_periods"], row["count_noun"]) == (
        "2024-25",
        ["2023-24", "2024-25"],
        "people",
    )


@pytest.mark.parametrize(
    ("break_period", "breaks"),
    [("2023-24", [FRAMEWORK, CLD]), (None, [FRAMEWORK]), ("2025-26", [FRAMEWORK, PUBLISHER]), ("2023-24", [])],
    ids=["not the latest", "undeclared", "comparable is not a break", "no breaks"],
)
def test_a_break_period_that_is_not_the_latest_declared_break_is_refused(
    break_period: str | None, breaks: list[MeasureBreak]
) -> None:
    with pytest.raises(ValueError, match="break_period is not the latest declared break for measures \\['m'\\]"):
        measures_frame([_measure(break_period=break_period)], breaks)


def test_breaks_name_known_measures_once() -> None:
    assert breaks_frame([CLD, FRAMEWORK], [_measure()])["period"].to_list() == ["2023-24", "2024-25"]
    with pytest.raises(ValueError, match="not in the registry: \\['x'\\]"):
        breaks_frame([MeasureBreak("x", "2023-24", "framework", False, "n")], [_measure()])
    with pytest.raises(ValueError, match="declared twice"):
        breaks_frame([CLD, CLD], [_measure()])
