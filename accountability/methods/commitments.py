"""Policy commitments as data: frozen pydantic models for `data/commitments.toml` and its loader.

A commitment names the measures that track it, a baseline, and either a numeric target (with the
date and period it is due) or only a direction ("rising"/"falling") where the policy set no number,
and optionally the fewest periods a rate of change may be read from (`min_periods`, default 2).
`load_commitments` validates the file and, given the `measures` table, checks that every measure
exists and that a direction target agrees with the measure's polarity. Errors are `CommitmentsError`
naming the file, line, entry and id. This module computes no progress (see `progress`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from accountability.methods import toml_checks
from accountability.settings import ROOT

COMMITMENTS_FILE = ROOT / "data" / "commitments.toml"
Direction = Literal["rising", "falling"]
# Which polarity each target direction needs; "no_judgement" measures accept either direction.
DIRECTION_POLARITY = {"rising": "higher_is_better", "falling": "lower_is_better"}
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
SLUG_RE = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


class CommitmentsError(ValueError):
    """The commitments file cannot be used; the message says where (file:line, entry, id) and why."""


def period_start_year(period: str) -> int:
    """The start year of a period label: "2017-18" -> 2017, "2017" -> 2017 (the engine's time axis)."""
    match = PERIOD_RE.match(period)
    if not match:
        raise ValueError(f"period {period!r} is not like '2012-13' or '2017'")
    start, end = match.groups()
    if end is not None and int(end) != (int(start) + 1) % 100:
        raise ValueError(f"period {period!r}: the second year should follow the first")
    return int(start)


class Commitment(BaseModel):
    """One commitment. `target_date`/`target_period` are required for a value target only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=SLUG_RE)
    title: str = Field(min_length=1)
    measures: tuple[str, ...] = Field(min_length=1)
    baseline_period: str | None = None  # None: the first period with data
    target_value: float | None = Field(default=None, allow_inf_nan=False)  # in the measure's unit
    target_direction: Direction | None = None
    target_date: date | None = None
    target_period: str | None = None
    owner: str = Field(min_length=1)
    source: str = Field(min_length=1)
    source_sentence: str = Field(min_length=1)
    source_is_paraphrase: bool = False
    note: str = ""
    # Fewest periods a rate of change is read from (default 2). Raise it where one year's change is
    # not evidence of a trend, e.g. a share of spend that moves when accounts are reclassified.
    min_periods: int = Field(default=2, ge=2, le=10)

    @field_validator("baseline_period", "target_period")
    @classmethod
    def _period_label(cls, value: str | None) -> str | None:
        if value is not None:
            period_start_year(value)
        return value

    @field_validator("measures")
    @classmethod
    def _unique_measures(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("a measure is listed twice")
        return value

    @model_validator(mode="after")
    def _one_target(self) -> Commitment:
        if (self.target_value is None) == (self.target_direction is None):
            raise ValueError("target_value: give exactly one of target_value or target_direction")
        if self.target_value is not None and (self.target_date is None or self.target_period is None):
            raise ValueError("target_date: a target_value needs target_date and target_period")
        if self.target_date is not None and self.target_period is not None:
            _check_date_in_period(self.target_date, self.target_period)
        return self

    @model_validator(mode="after")
    def _against_measures(self, info: ValidationInfo) -> Commitment:
        polarity: Mapping[str, str] | None = (info.context or {}).get("polarity")
        if polarity is None:
            return self
        unknown = [m for m in self.measures if m not in polarity]
        if unknown:
            raise ValueError(f"measures: unknown measure id(s) {unknown}")
        if self.target_direction is not None:
            needed = DIRECTION_POLARITY[self.target_direction]
            for m in self.measures:
                if polarity[m] not in (needed, "no_judgement"):
                    raise ValueError(
                        f"target_direction: {self.target_direction!r} contradicts the polarity of {m!r} ({polarity[m]})"
                    )
        return self


def _check_date_in_period(when: date, period: str) -> None:
    """A financial year "2012-13" is due by 1 April 2013 at the latest; a year "2017" within 2017."""
    start = period_start_year(period)
    if len(period) == 7:
        ok = date(start, 4, 1) <= when <= date(start + 1, 4, 1)
    else:
        ok = when.year == start or when == date(start + 1, 1, 1)
    if not ok:
        raise ValueError(f"target_date: {when.isoformat()} does not fall in or at the end of period {period!r}")


def polarity_map(measures: pl.DataFrame | Mapping[str, str]) -> dict[str, str]:
    """Measure id -> polarity, from the `measures` table or a ready mapping."""
    if isinstance(measures, pl.DataFrame):
        return dict(zip(measures["id"].to_list(), measures["polarity"].cast(pl.String).to_list(), strict=True))
    return dict(measures)


def load_commitments(
    path: Path = COMMITMENTS_FILE, measures: pl.DataFrame | Mapping[str, str] | None = None
) -> tuple[Commitment, ...]:
    """Read and validate the commitments file; with `measures`, also check ids and polarity."""
    text = toml_checks.read_utf8(path, str(path), "commitments file", CommitmentsError)
    blocks = _entry_blocks(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"at line (\d+)", str(exc))) else 1
        raise CommitmentsError(f"{path}:{line}: TOML syntax error{_entry_at(blocks, text, line)}: {exc}") from exc
    entries = data.get("commitment")
    if not isinstance(entries, list) or not entries:
        raise CommitmentsError(f"{path}:1: no [[commitment]] entries found")
    context = {"polarity": polarity_map(measures)} if measures is not None else None
    out: list[Commitment] = []
    for index, entry in enumerate(entries):
        _check_numbers(path, text, blocks, index, entry, toml_checks.registry_rows(measures))
        try:
            out.append(Commitment.model_validate(entry, context=context))
        except ValidationError as exc:
            err = exc.errors()[0]
            key = _error_key(err)
            line = _key_line(text, blocks, index, key)
            where = f"{path}:{line}: [[commitment]] entry {index + 1} (id {entry.get('id', '?')!r})"
            raise CommitmentsError(f"{where}: {key or 'entry'}: {_message(err)}") from exc
    _check_unique_ids(path, text, blocks, out)
    return tuple(out)


def _check_numbers(
    path: Path, text: str, blocks: list[int], index: int, entry: dict[str, Any], registry: dict[str, dict[str, Any]]
) -> None:
    """Every number finite, and a target_value within the range of each of its measures; else raise."""
    where = f"[[commitment]] entry {index + 1} (id {entry.get('id', '?')!r})"
    for loc, value in toml_checks.non_finite(entry):
        line = _key_line(text, blocks, index, str(loc[0]))
        raise CommitmentsError(f"{path}:{line}: {where}: {toml_checks.finite_message(loc, value)}")
    measures = entry.get("measures")
    ids = [str(m) for m in measures] if isinstance(measures, list) else []
    wrong = toml_checks.out_of_range("target_value", entry.get("target_value"), ids, registry)
    if wrong:
        raise CommitmentsError(f"{path}:{_key_line(text, blocks, index, 'target_value')}: {where}: {wrong}")


def _check_unique_ids(path: Path, text: str, blocks: list[int], items: list[Commitment]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            line = _key_line(text, blocks, index, "id")
            raise CommitmentsError(
                f"{path}:{line}: [[commitment]] entry {index + 1} (id {item.id!r}): id: duplicate id"
            )
        seen.add(item.id)


def _error_key(err: Any) -> str:
    """The TOML key an error is about: the field in `loc`, or the `key:` prefix of a model-level message."""
    if err["loc"]:
        return str(err["loc"][0])
    found = re.match(r"(?:Value error, )?(\w+):", str(err["msg"]))
    return found.group(1) if found else ""


def _message(err: Any) -> str:
    msg = re.sub(r"^Value error, (\w+: )?", "", str(err["msg"]))
    return f"{msg} (got {err['input']!r})" if err["loc"] else msg


def _entry_blocks(text: str) -> list[int]:
    """0-based line numbers of each `[[commitment]]` header, in file order."""
    lines = text.splitlines()
    return [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*commitment\s*\]\]", line)]


def _key_line(text: str, blocks: list[int], index: int, key: str) -> int:
    """1-based line of `key = ...` inside entry `index`; the entry's header line when the key is absent."""
    lines = text.splitlines()
    if index >= len(blocks):
        return 1
    start = blocks[index]
    end = blocks[index + 1] if index + 1 < len(blocks) else len(lines)
    for i in range(start, end):
        if key and re.match(rf"^\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start + 1


def _entry_at(blocks: list[int], text: str, line: int) -> str:
    """', in entry N (id 'x')' for the entry containing 1-based `line`, found by scanning the text."""
    before = [i for i, start in enumerate(blocks) if start < line]
    if not before:
        return ""
    index = before[-1]
    lines = text.splitlines()
    end = blocks[index + 1] if index + 1 < len(blocks) else len(lines)
    ids = [m.group(1) for ln in lines[blocks[index] : end] if (m := re.match(r'^\s*id\s*=\s*"([^"]*)"', ln))]
    return f" in [[commitment]] entry {index + 1} (id {ids[0] if ids else '?'!r})"


def commitments_frame(commitments: tuple[Commitment, ...] | list[Commitment]) -> pl.DataFrame:
    """One row per (commitment, measure): the targets the progress engine assesses."""
    rows = [
        {
            "commitment_id": c.id,
            "measure": m,
            "baseline_period": c.baseline_period,
            "target_value": c.target_value,
            "target_direction": c.target_direction,
            "target_period": c.target_period,
            "min_periods": c.min_periods,
        }
        for c in commitments
        for m in c.measures
    ]
    schema = {
        "commitment_id": pl.String(),
        "measure": pl.String(),
        "baseline_period": pl.String(),
        "target_value": pl.Float64(),
        "target_direction": pl.String(),
        "target_period": pl.String(),
        "min_periods": pl.Int32(),
    }
    return pl.DataFrame(rows, schema=schema)
