"""The measures registry: what each published measure is, which way is better, and where it is from.

Each reader declares its own measures as `Measure` records; `registry()` gathers them into the
`measures` table. This module computes nothing from data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import polars as pl

Domain = Literal["adults", "children"]
# "amount": money, or a share of money, counted in full from accounts (not sampled): no interval.
ValueType = Literal["proportion", "rate", "score", "count", "amount"]
Polarity = Literal["higher_is_better", "lower_is_better", "no_judgement"]

OGL = "Open Government Licence v3.0"


@dataclass(frozen=True)
class Measure:
    """One measure as the dashboard shows it.

    `multiplier` turns numerator/denominator into the published unit (100 for a percentage,
    100_000 for a rate per 100,000, 1 for a score). `source_codes` records the publisher's own
    codes, including across framework breaks (e.g. "ASCOF 2017-18 to 2022-23: 1C1A; ASCOF 2023-24:
    3D1A"); `break_period` is the first period of a new framework where the series must not be
    joined to the periods before it.
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

    def as_row(self) -> dict[str, object]:
        return asdict(self)


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
}


def measures_frame(measures: list[Measure]) -> pl.DataFrame:
    """The `measures` table, one row per measure, sorted by domain then id."""
    ids = [m.id for m in measures]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"measure ids declared twice: {duplicated}")
    frame = pl.DataFrame([m.as_row() for m in measures], schema=MEASURE_SCHEMA)
    return frame.sort("domain", "id")
