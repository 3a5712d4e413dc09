"""One sentence per change row (`store.changes`), the same on the What's new page and in the feeds.

Words only, from codes and the names passed in: `Names` carries council, region and England names,
measure labels and units, and commitment titles. A revised value is written with as many decimals
as it takes for the old and new figures to differ (up to 6), so "45.1% → 45.1%" never appears.
This module reads no files and computes no changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

from accountability.labels import STATUS_LABELS, VERDICT_WORDS

ENGLAND_CODE = "E92000001"  # as store.schema.ENGLAND_CODE (this base module cannot import the store)

ARROW = "→"


@dataclass(frozen=True)
class Names:
    """What codes are called: areas (GSS code → name), measures (id → (label, unit)), commitments."""

    areas: Mapping[str, str] = field(default_factory=dict)
    measures: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    commitments: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_tables(
        cls, councils: pl.DataFrame, measures: pl.DataFrame, commitments: Mapping[str, str] | None = None
    ) -> Names:
        """Council, region and England names from the councils table, labels from the measures table."""
        areas = {ENGLAND_CODE: "England"}
        areas |= dict(councils.select("region_code", "region").unique("region_code", keep="first").iter_rows())
        areas |= dict(councils.select("code", "name").iter_rows())
        labels = {m: (label, unit) for m, label, unit in measures.select("id", "label", "unit").iter_rows()}
        return cls(areas=areas, measures=labels, commitments=dict(commitments or {}))

    def area(self, code: str | None) -> str:
        return self.areas.get(code or "", code or "England")

    def measure(self, measure: str | None) -> str:
        return self.measures.get(measure or "", (measure or "", ""))[0]

    def unit(self, measure: str | None) -> str:
        return self.measures.get(measure or "", ("", ""))[1]


def number(value: float, unit: str, decimals: int = 1) -> str:
    """A value in its unit: '45.1%', '512.3 per 100,000', '19.1'."""
    text = f"{value:,.{decimals}f}"
    if unit == "%":
        return f"{text}%"
    return text if unit in {"", "score", "count"} else f"{text} {unit}"


def value_pair(old: float | None, new: float | None, unit: str) -> tuple[str, str]:
    """Old and new written with the fewest decimals (1 to 6) that tell them apart."""
    if old is None or new is None:
        return (number(old, unit) if old is not None else "not published"), (
            number(new, unit) if new is not None else "not published"
        )
    for decimals in range(1, 7):
        pair = number(old, unit, decimals), number(new, unit, decimals)
        if pair[0] != pair[1]:
            return pair
    return number(old, unit, 6), number(new, unit, 6)


def long_date(iso: str | dt.date | None) -> str:
    """'30 November 2026' from '2026-11-30' (or a date)."""
    if iso is None:
        return "an unknown date"
    day = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{day.day} {day:%B %Y}"


def _status(code: str | None) -> str:
    return STATUS_LABELS.get(code or "", code or "no row").lower()


def change_sentence(row: Mapping[str, object], names: Names) -> str:
    """The change in one sentence; `row` is one row of the changes table (as a dict)."""
    kind = str(row["kind"])
    area, measure = names.area(_s(row["area_code"])), names.measure(_s(row["measure"]))
    if kind in RELEASE_KINDS:
        return _release_sentence(kind, row, measure)
    if kind in VALUE_KINDS:
        return _value_sentence(kind, row, names, area, measure)
    if kind in {"newly_below", "recovered"}:
        return _floor_sentence(kind, row, area, measure)
    if kind == "status_changed":
        return _commitment_sentence(row, names, area, measure)
    if kind in {"new_inspection", "revised_inspection"}:
        return _inspection_sentence(kind, row, area)
    return f"{area}: {kind}."


# Split by what a change is about (a measure's figures, one value), so each sentence is written in one place.
RELEASE_KINDS = frozenset({"first_release", "new_measure", "withdrawn_measure", "new_period", "withdrawn_period"})
VALUE_KINDS = frozenset({"revised_value", "added_value", "removed_value"})


def _release_sentence(kind: str, row: Mapping[str, object], measure: str) -> str:
    period = _s(row["period"])
    if kind == "first_release":
        return "First release: there is no earlier release to compare with."
    if kind in {"new_measure", "withdrawn_measure"}:
        return f"{'New measure' if kind == 'new_measure' else 'Measure withdrawn'}: {measure}."
    if kind == "new_period":
        return f"New figures for {period}: {measure} ({row['councils']} councils with a value)."
    return f"Figures for {period} withdrawn: {measure}."


def _value_sentence(kind: str, row: Mapping[str, object], names: Names, area: str, measure: str) -> str:
    period, unit = _s(row["period"]), names.unit(_s(row["measure"]))
    old, new = value_pair(_f(row["old_value"]), _f(row["new_value"]), unit)
    if kind == "revised_value":
        return f"{area}: {measure}, {period}: revised, {old} {ARROW} {new}{_status_change(row)}."
    if kind == "added_value":
        return f"{area}: {measure}, {period}: newly published, {new}."
    return f"{area}: {measure}, {period}: no longer published (was {old})."


def _commitment_sentence(row: Mapping[str, object], names: Names, area: str, measure: str) -> str:
    period, unit = _s(row["period"]), names.unit(_s(row["measure"]))
    _, new = value_pair(_f(row["old_value"]), _f(row["new_value"]), unit)
    title = names.commitments.get(_s(row["commitment_id"]) or "", _s(row["commitment_id"]))
    return (
        f"{area}: progress on “{title}” ({measure}) changed from {row['old_code']} {ARROW} {row['new_code']} "
        f"(latest figure {period}: {new})."
    )


def _inspection_sentence(kind: str, row: Mapping[str, object], area: str) -> str:
    when = long_date(_date(row["date"]))
    if kind == "new_inspection":
        return f"{area}: new Ofsted inspection of children's services ({when}): {row['new_code']}."
    return (
        f"{area}: Ofsted judgement for the inspection of {when} revised from {row['old_code']} {ARROW} "
        f"{row['new_code']}."
    )


def _floor_sentence(kind: str, row: Mapping[str, object], area: str, measure: str) -> str:
    was = VERDICT_WORDS.get(str(row["old_code"]), str(row["old_code"]))
    now = VERDICT_WORDS.get(str(row["new_code"]), str(row["new_code"]))
    before = f"(previous release, {row['old_period']}: {was})"
    if kind == "newly_below":
        return f"{area}: newly below the floor on {measure} in {row['period']} {before}."
    return f"{area}: no longer below the floor on {measure}: {row['period']}, {now} {before}."


def _status_change(row: Mapping[str, object]) -> str:
    if row["old_code"] == row["new_code"]:
        return ""
    return f" (status: {_status(_s(row['old_code']))} {ARROW} {_status(_s(row['new_code']))})"


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _f(value: object) -> float | None:
    return None if value is None else float(str(value))


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
