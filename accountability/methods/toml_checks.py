"""One validation layer for the project's TOML files (floor standards, commitments): text and numbers.

A floor or a target is compared with published values, so a number that cannot be one turns
verdicts over without a word: `target_value = nan` made 87 "off track" councils "achieved", -5.0
did the same for a percentage, inf made 152 "off track", and a floor of 1e308 broke the Floors
page. Here every number anywhere in an entry must be finite (`non_finite`), and every floor or
target must lie within its measure's range (`measure_range`): 0-100 for a percentage, 0 up to the
rate's base for a rate, a published scale for a score, never negative. `read_utf8` reads the file
and names a wrong encoding. The loaders (`standards`, `commitments`) say where: file, line and key.

This module decides no verdicts and knows nothing of either file's layout.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

# Published scales of score measures (the registry's descriptions say the same).
SCORE_SCALES: dict[str, tuple[float, str]] = {
    "ascof_scrqol": (24.0, "the survey score runs from 0 to 24"),
    "ascof_carer_qol": (12.0, "the carers' survey score runs from 0 to 12"),
    "market_owner_hhi": (10_000.0, "the Herfindahl-Hirschman index runs from 0 to 10,000"),
}
# No count, caseload or wait for one English council comes near this: a larger number is a slip.
CEILING = 1e9


@dataclass(frozen=True)
class Range:
    """The values a measure can take (inclusive), and why, for the message."""

    low: float
    high: float
    why: str

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def text(self) -> str:
        return f"{self.low:,g} to {self.high:,g} ({self.why})"


def measure_range(measure: Mapping[str, Any]) -> Range:
    """The range of one row of the measures registry (id, unit, value_type, multiplier)."""
    kind, unit = str(measure["value_type"]), str(measure["unit"])
    if kind == "proportion":
        return Range(0.0, 100.0, "a percentage")
    if kind == "rate":
        base = float(measure["multiplier"])
        return Range(0.0, base, f"a rate {unit}: at most one for every person counted")
    if str(measure["id"]) in SCORE_SCALES:
        top, why = SCORE_SCALES[str(measure["id"])]
        return Range(0.0, top, why)
    return Range(0.0, CEILING, f"a {kind} in {unit} cannot be negative or larger than this")


def non_finite(entry: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], float]]:
    """(key path, value) of every NaN or infinite number anywhere in one TOML table."""
    return [(path, value) for path, value in _numbers(entry, ()) if not math.isfinite(value)]


def _numbers(node: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], float]]:
    if isinstance(node, Mapping):
        for key, child in node.items():
            yield from _numbers(child, (*path, str(key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _numbers(child, (*path, index))
    elif isinstance(node, int | float) and not isinstance(node, bool):
        yield path, float(node)


def finite_message(path: tuple[str | int, ...], value: float) -> str:
    key = ".".join(str(part) for part in path)
    return f"{key} must be a finite number, got {value} (nan and inf are not numbers a floor or target can be)"


def range_message(key: str, value: float, measure_id: str, allowed: Range) -> str:
    return f"{key} = {value:g} is outside the range of measure '{measure_id}': {allowed.text()}"


def out_of_range(key: str, value: Any, measure_ids: list[str], registry: Mapping[str, Mapping[str, Any]]) -> str | None:
    """A message when a finite `value` lies outside the range of any of its (known) measures."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None  # not a number at all, or already reported as not finite
    for measure_id in measure_ids:
        if measure_id in registry and not (allowed := measure_range(registry[measure_id])).contains(value):
            return range_message(key, float(value), measure_id, allowed)
    return None


def registry_rows(measures: object) -> dict[str, dict[str, Any]]:
    """Measure id -> registry row, from the `measures` table; {} for anything else (no ranges known)."""
    if not isinstance(measures, pl.DataFrame) or "value_type" not in measures.columns:
        return {}
    return {str(row["id"]): row for row in measures.iter_rows(named=True)}


def read_utf8(path: Path, display: str, what: str, error: type[ValueError]) -> str:
    """The file's text; an unreadable or non-UTF-8 file raises `error` naming it (and the line)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{display}: cannot read the {what}: {exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"{display}, line {line}: the {what} is not UTF-8 text (byte {exc.start}); save it as UTF-8"
        raise error(message) from exc
