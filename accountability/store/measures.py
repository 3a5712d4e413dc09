"""The measures registry: what each published measure is, which way is better, and where it is from.

Each reader declares its own measures as `Measure` records, and the changes to how a series is
produced as `MeasureBreak` records; `measures_frame` and `breaks_frame` gather them into the
`measures` and `measure_breaks` tables and check that the two agree. This module computes nothing
from data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

import polars as pl

Domain = Literal["adults", "children"]
# "amount": money, or a share of money, counted in full from accounts (not sampled): no interval.
ValueType = Literal["proportion", "rate", "score", "count", "amount"]
Polarity = Literal["higher_is_better", "lower_is_better", "no_judgement"]
BreakKind = Literal["framework", "source", "publisher"]

OGL = "Open Government Licence v3.0"


@dataclass(frozen=True)
class Measure:
    """One measure as the dashboard shows it.

    `multiplier` turns numerator/denominator into the published unit (100 for a percentage,
    100_000 for a rate per 100,000, 1 for a score). `source_codes` records the publisher's own
    codes, including across framework breaks (e.g. "ASCOF 2017-18 to 2022-23: 1C1A; ASCOF 2023-24:
    3D1A"); `break_period` is the first period of the newest definition, where the series must not
    be joined to the periods before it (every break is a `MeasureBreak`). `count_noun` names what the
    numerator and denominator count ("people", "carers", "referrals", "plans"), so a distance or a
    sentence says "12 more referrals", not "12 more people"; empty when the measure has no counts.
    """

    id: str
    label: str
    description: str  # plain English, says what a higher value means
    domain: Domain
    unit: str  # "%", "per 100,000", "per 10,000", "score", "days", "cases", "count"
    value_type: ValueType
    polarity: Polarity
    source: str  # the dataset, e.g. "Measures from the Adult Social Care Outcomes Framework"
    publisher: str  # e.g. "NHS England (NHS Digital)"
    framework_version: str
    source_codes: str
    multiplier: float = 1.0
    break_period: str | None = None
    period_note: str = "Financial year, April to March"
    source_url: str = ""
    licence: str = OGL
    official: bool = True  # False for research compilations and measures derived here
    note: str = ""
    count_noun: str = ""

    def as_row(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class MeasureBreak:
    """A change, from `period` on, in how a measure's series is produced.

    `comparable` False is a break: figures from `period` on are never joined to earlier ones (trends,
    progress and floors each use one side at a time). True records a change that leaves the series
    comparable (the same data, now published by another body), so users can see where the source
    changes. `kind`: "framework" (the ASCOF 2023-24 framework), "source" (a new data collection,
    e.g. ASCOF's move from SALT to client-level data in 2024-25), "publisher" (same data, new publisher).
    """

    measure: str
    period: str
    kind: BreakKind
    comparable: bool
    note: str


MEASURE_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "label": pl.String(),
    "description": pl.String(),
    "domain": pl.Enum(["adults", "children"]),
    "unit": pl.String(),
    "value_type": pl.Enum(["proportion", "rate", "score", "count", "amount"]),
    "polarity": pl.Enum(["higher_is_better", "lower_is_better", "no_judgement"]),
    "source": pl.String(),
    "publisher": pl.String(),
    "framework_version": pl.String(),
    "source_codes": pl.String(),
    "multiplier": pl.Float64(),
    "break_period": pl.String(),
    "period_note": pl.String(),
    "source_url": pl.String(),
    "licence": pl.String(),
    "official": pl.Boolean(),
    "note": pl.String(),
    "count_noun": pl.String(),
    "break_periods": pl.List(pl.String()),  # every break (not comparable), oldest first; the last is break_period
}
BREAK_SCHEMA: dict[str, pl.DataType] = {
    "measure": pl.String(),
    "period": pl.String(),
    "kind": pl.Enum(["framework", "source", "publisher"]),
    "comparable": pl.Boolean(),
    "note": pl.String(),
}


def measures_frame(measures: Sequence[Measure], breaks: Sequence[MeasureBreak] = ()) -> pl.DataFrame:
    """The `measures` table, one row per measure, sorted by domain then id.

    Raises ValueError for a measure declared twice, or one whose `break_period` is not its latest
    non-comparable break in `breaks`.
    """
    ids = [m.id for m in measures]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"measure ids declared twice: {duplicated}")
    periods = _break_periods(breaks)
    wrong = [m.id for m in measures if m.break_period != _last(periods.get(m.id, []))]
    if wrong:
        raise ValueError(f"break_period is not the latest declared break for measures {sorted(wrong)}")
    rows = [{**m.as_row(), "break_periods": periods.get(m.id, [])} for m in measures]
    return pl.DataFrame(rows, schema=MEASURE_SCHEMA).sort("domain", "id")


def breaks_frame(breaks: Sequence[MeasureBreak], measures: Sequence[Measure]) -> pl.DataFrame:
    """The `measure_breaks` table, sorted by measure then period; every break names a known measure once."""
    known = {m.id for m in measures}
    unknown = sorted({b.measure for b in breaks} - known)
    if unknown:
        raise ValueError(f"breaks declared for measures not in the registry: {unknown}")
    keys = [(b.measure, b.period) for b in breaks]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"breaks declared twice for (measure, period): {twice}")
    frame = pl.DataFrame([asdict(b) for b in breaks], schema=BREAK_SCHEMA, orient="row")
    return frame.sort("measure", "period")


def _break_periods(breaks: Sequence[MeasureBreak]) -> dict[str, list[str]]:
    """measure -> its non-comparable break periods, oldest first."""
    found: dict[str, list[str]] = {}
    for b in sorted(breaks, key=lambda b: (b.measure, b.period)):
        if not b.comparable:
            found.setdefault(b.measure, []).append(b.period)
    return found


def _last(periods: list[str]) -> str | None:
    return periods[-1] if periods else None
