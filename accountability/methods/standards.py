"""Floor standards as data: the models, a loader that names the offending line, and rule resolution.

`data/standards.toml` holds one `[[standard]]` per floor (see the comments in that file for the
choices). `load_standards` validates it into frozen `Standard` records and raises `StandardsError`
naming the file, the line, the entry and the measure. `resolve_thresholds` turns each standard into
one number per (measure, period) it applies to.

The one rule, "england_worst_quartile": the boundary of the worst quarter of councils in the
baseline period (which the standard never judges: the loader rejects a baseline among its
periods), i.e. the 25th percentile of council values for a higher-is-better measure and the 75th
for a lower-is-better one, computed with Polars' `quantile(q, interpolation="linear")` over the
non-null council values (the `values` table holds councils only; England and regions are in
`benchmarks`). Linear interpolation is numpy's default and R's type 7: position q*(n-1) in the
sorted values, interpolated between neighbours.

This module decides no verdicts (see `accountability.methods.floors`) and does not touch Streamlit.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from accountability.methods import toml_checks
from accountability.settings import ROOT

Polarity = Literal["higher_is_better", "lower_is_better"]
POLARITY = pl.Enum(["higher_is_better", "lower_is_better"])
CONFIDENCE_LEVELS = (0.95, 0.998)
PERIOD_PATTERN = r"^\d{4}(-\d{2})?$"  # "2017-18" (financial/academic year) or "2017" (census year)
QUANTILE = {"higher_is_better": 0.25, "lower_is_better": 0.75}


class StandardsError(ValueError):
    """The standards file cannot be used. The message names the file, line, entry and measure."""


class Periods(BaseModel):
    """The first and last period (inclusive) a standard applies to; periods sort lexically."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    from_: str = Field(alias="from", pattern=PERIOD_PATTERN)
    to: str = Field(pattern=PERIOD_PATTERN)

    @model_validator(mode="after")
    def _ordered(self) -> Periods:
        if len(self.from_) != len(self.to):
            raise ValueError(f"periods from '{self.from_}' and to '{self.to}' must be written the same way")
        if self.from_ > self.to:
            raise ValueError(f"periods from '{self.from_}' is after to '{self.to}'")
        return self

    def contains(self, period: str) -> bool:
        return len(period) == len(self.from_) and self.from_ <= period <= self.to

    def overlaps(self, other: Periods) -> bool:
        return self.from_ <= other.to and other.from_ <= self.to


class Standard(BaseModel):
    """One floor for one measure over a range of periods: a fixed threshold or a rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    measure: str = Field(min_length=1)
    label: str = Field(min_length=1)
    polarity: Polarity
    threshold: float | None = Field(default=None, allow_inf_nan=False)
    rule: Literal["england_worst_quartile"] | None = Field(default=None, validate_default=True)
    baseline_period: str | None = Field(default=None, pattern=PERIOD_PATTERN, validate_default=True)
    periods: Periods
    confidence: float
    basis: Literal["official", "rule"]
    source: str = Field(min_length=1)

    @property
    def key(self) -> str:
        """Identifies the standard: 'ascof_sds_users 2017-18..2022-23'."""
        return f"{self.measure} {self.periods.from_}..{self.periods.to}"

    @field_validator("rule")
    @classmethod
    def _one_of_threshold_or_rule(cls, rule: str | None, info: ValidationInfo) -> str | None:
        if "threshold" not in info.data:  # threshold itself was invalid; reported there
            return rule
        given = (info.data["threshold"] is not None) + (rule is not None)
        if given != 1:
            raise ValueError(f"give exactly one of threshold or rule, got {'both' if given else 'neither'}")
        return rule

    @field_validator("baseline_period")
    @classmethod
    def _baseline_for_rules_only(cls, baseline: str | None, info: ValidationInfo) -> str | None:
        if "rule" not in info.data:
            return baseline
        if info.data["rule"] is not None and baseline is None:
            raise ValueError("a rule needs baseline_period (the period its quantile is computed from)")
        if info.data["rule"] is None and baseline is not None:
            raise ValueError("baseline_period is only used with a rule, not with a threshold")
        return baseline

    @field_validator("periods")
    @classmethod
    def _baseline_never_judged(cls, periods: Periods, info: ValidationInfo) -> Periods:
        """A floor drawn from a year's data never judges that year (a quarter would be below by construction)."""
        baseline = info.data.get("baseline_period")
        if baseline is not None and periods.contains(baseline):
            raise ValueError(
                f"baseline_period {baseline} is among the periods this floor judges ({periods.from_} to "
                f"{periods.to}): a floor drawn from a year must not judge it; start periods after the baseline"
            )
        return periods

    @field_validator("confidence")
    @classmethod
    def _known_level(cls, confidence: float) -> float:
        if confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"confidence must be 0.95 or 0.998, got {confidence}")
        return confidence

    @field_validator("basis")
    @classmethod
    def _rule_is_not_official(cls, basis: str, info: ValidationInfo) -> str:
        if basis == "official" and info.data.get("rule") is not None:
            raise ValueError("basis 'official' needs a published threshold, not a computed rule")
        return basis


def load_standards(path: Path, measures: pl.DataFrame | None = None) -> list[Standard]:
    """Read and validate the standards file; with `measures`, also check it against the registry."""
    text = toml_checks.read_utf8(path, _display(path), "standards file", StandardsError)
    entries = _entries(path, text)
    source = _Source(path, text)
    problems: list[str] = []
    standards: list[tuple[int, Standard]] = []
    for index, entry in enumerate(entries, start=1):
        numbers = _number_problems(source, index, entry, measures)
        try:
            standards.append((index, Standard.model_validate(entry)))
        except ValidationError as exc:
            errors = [err for err in exc.errors() if tuple(err["loc"]) not in numbers]  # said once, below
            problems += [source.problem(index, entry, err["loc"], _message(err)) for err in errors]
        problems += numbers.values()
    if measures is not None:
        problems += _registry_problems(source, entries, standards, measures)
    if problems:
        raise StandardsError("\n".join(problems))
    return [standard for _, standard in standards]


def _number_problems(
    source: _Source, index: int, entry: dict[str, Any], measures: pl.DataFrame | None
) -> dict[tuple[str | int, ...], str]:
    """Key path -> message for every number that is not finite, or a threshold outside its measure's range."""
    found = {
        loc: source.problem(index, entry, loc, toml_checks.finite_message(loc, value))
        for loc, value in toml_checks.non_finite(entry)
    }
    registry = toml_checks.registry_rows(measures)
    wrong = toml_checks.out_of_range("threshold", entry.get("threshold"), [str(entry.get("measure"))], registry)
    if wrong:
        found[("threshold",)] = source.problem(index, entry, ("threshold",), wrong)
    return found


def _entries(path: Path, text: str) -> list[dict[str, Any]]:
    """The list of [[standard]] tables; a syntax error names its line (and entry, when inside one)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise StandardsError(_Source(path, text).at_line(line, f"TOML syntax error: {exc}")) from exc
    extra = sorted(set(data) - {"standard"})
    entries = data.get("standard")
    if extra or not isinstance(entries, list) or not entries:
        raise StandardsError(f"{_display(path)}: expected only [[standard]] tables, got keys {sorted(data)}")
    return entries


def _message(error: Any) -> str:
    """Our own validators' messages already name the key; pydantic's built-in ones do not."""
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    key = ".".join(str(part) for part in error["loc"]) or "entry"
    return f"{key}: {error['msg']}, got {error.get('input')!r}"


def _registry_problems(
    source: _Source, entries: list[dict[str, Any]], standards: list[tuple[int, Standard]], measures: pl.DataFrame
) -> list[str]:
    """Unknown measures, polarities that differ from the registry, overlapping periods per measure."""
    registry = dict(zip(measures["id"].to_list(), measures["polarity"].cast(pl.String).to_list(), strict=True))
    problems = []
    for index, standard in standards:
        entry = entries[index - 1]
        if standard.measure not in registry:
            near = difflib.get_close_matches(standard.measure, list(registry), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            message = f"measure '{standard.measure}' is not in the measures registry{hint}"
            problems.append(source.problem(index, entry, ("measure",), message))
        elif registry[standard.measure] != standard.polarity:
            message = f"polarity is '{standard.polarity}' but the measures registry says '{registry[standard.measure]}'"
            problems.append(source.problem(index, entry, ("polarity",), message))
    return problems + _overlap_problems(source, entries, standards)


def _overlap_problems(
    source: _Source, entries: list[dict[str, Any]], standards: list[tuple[int, Standard]]
) -> list[str]:
    problems = []
    for position, (index, standard) in enumerate(standards):
        for earlier_index, earlier in standards[:position]:
            if earlier.measure == standard.measure and earlier.periods.overlaps(standard.periods):
                message = (
                    f"periods {standard.periods.from_} to {standard.periods.to} overlap those of [[standard]] "
                    f"#{earlier_index} ({earlier.periods.from_} to {earlier.periods.to}) for the same measure"
                )
                problems.append(source.problem(index, entries[index - 1], ("periods",), message))
    return problems


def _display(path: Path) -> str:
    """'data/standards.toml' for the project's own file, the path as given otherwise."""
    return str(path.relative_to(ROOT)) if path.is_absolute() and path.is_relative_to(ROOT) else str(path)


class _Source:
    """The file's text, to point at the line of a key within one [[standard]] block."""

    HEADER = re.compile(r"^\s*\[\[\s*standard\s*\]\]")

    def __init__(self, path: Path, text: str) -> None:
        self.name = _display(path)
        self.lines = text.splitlines()
        self.starts = [i for i, line in enumerate(self.lines) if self.HEADER.match(line)]

    def block(self, index: int) -> range:
        """0-based line numbers of entry `index` (1-based), or an empty range if it cannot be found."""
        if index > len(self.starts):
            return range(0)
        end = self.starts[index] if index < len(self.starts) else len(self.lines)
        return range(self.starts[index - 1], end)

    def key_line(self, index: int, loc: tuple[int | str, ...]) -> int | None:
        """1-based line of the innermost key in `loc` found in the entry's block, else its header."""
        block = self.block(index)
        for key in reversed([str(part) for part in loc]):
            pattern = re.compile(rf'(^|[{{,])\s*"?{re.escape(key)}"?\s*=')
            for i in block:
                if not self.lines[i].lstrip().startswith("#") and pattern.search(self.lines[i]):
                    return i + 1
        return block.start + 1 if block else None

    def problem(self, index: int, entry: dict[str, Any], loc: tuple[int | str, ...], message: str) -> str:
        where = f"line {line}" if (line := self.key_line(index, loc)) else "line unknown"
        return f"{self.name}, {where} ([[standard]] #{index}, measure {entry.get('measure')!r}): {message}"

    def at_line(self, line: int | None, message: str) -> str:
        """A syntax error: name the entry (and its measure) whose block holds the line, if any."""
        if line is None:
            return f"{self.name}: {message}"
        inside = [n for n, start in enumerate(self.starts, start=1) if start < line]
        if not inside:
            return f"{self.name}, line {line}: {message}"
        measure = re.compile(r'^\s*measure\s*=\s*"([^"]*)"')
        found = [m.group(1) for i in self.block(inside[-1]) if (m := measure.match(self.lines[i]))]
        name = repr(found[0]) if found else "unknown"
        return f"{self.name}, line {line} ([[standard]] #{inside[-1]}, measure {name}): {message}"


THRESHOLD_SCHEMA: dict[str, pl.DataType] = {
    "measure": pl.String(),
    "standard": pl.String(),
    "period": pl.String(),
    "threshold": pl.Float64(),
    "polarity": POLARITY,
    "confidence": pl.Float64(),
    "basis": pl.Enum(["official", "rule"]),
    "label": pl.String(),
    "rule_text": pl.String(),
    "source": pl.String(),
    "unit": pl.String(),
    "value_type": pl.String(),
    "multiplier": pl.Float64(),
}


def resolve_thresholds(standards: list[Standard], values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """One row per (measure, period) a standard applies to, among the measure's periods in `values`.

    Columns: THRESHOLD_SCHEMA; `standard` is `Standard.key`, so periods under one floor can be told
    from periods under the next (e.g. across a framework break). `unit`, `value_type` and
    `multiplier` come from the registry so the floor engine can express distances in people.
    """
    frames = [_resolve_one(standard, values, measures) for standard in standards]
    resolved = pl.concat([pl.DataFrame(schema=THRESHOLD_SCHEMA), *frames])
    return resolved.sort("measure", "period")


def _resolve_one(standard: Standard, values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    info = measures.filter(pl.col("id") == standard.measure)
    if info.height == 0:
        raise StandardsError(f"measure '{standard.measure}' is not in the measures registry")
    unit, value_type, multiplier = info.select("unit", pl.col("value_type").cast(pl.String), "multiplier").row(0)
    threshold, text = _threshold(standard, values, unit)
    present = values.filter(pl.col("measure") == standard.measure)["period"].unique().to_list()
    periods = sorted(p for p in present if standard.periods.contains(p))
    row = {
        "measure": standard.measure,
        "standard": standard.key,
        "threshold": threshold,
        "polarity": standard.polarity,
        "confidence": standard.confidence,
        "basis": standard.basis,
        "label": standard.label,
        "rule_text": text,
        "source": standard.source,
        "unit": unit,
        "value_type": value_type,
        "multiplier": multiplier,
    }
    return pl.DataFrame([{**row, "period": p} for p in periods], schema=THRESHOLD_SCHEMA)


def _threshold(standard: Standard, values: pl.DataFrame, unit: str) -> tuple[float, str]:
    """The floor's number and a plain-English account of where it comes from."""
    if standard.threshold is not None:
        kind = "Published floor" if standard.basis == "official" else "Fixed floor"
        return standard.threshold, f"{kind}: {exact_value_text(standard.threshold, unit)}"
    baseline = values.filter(
        (pl.col("measure") == standard.measure)
        & (pl.col("period") == standard.baseline_period)
        & pl.col("value").is_not_null()
    )["value"]
    if baseline.len() == 0:
        raise StandardsError(
            f"standard for '{standard.measure}': no council values in baseline period {standard.baseline_period}"
        )
    q = QUANTILE[standard.polarity]
    threshold = baseline.quantile(q, interpolation="linear")
    assert threshold is not None  # noqa: S101 -- a non-empty Float64 series has a quantile
    side = "25th percentile" if q == 0.25 else "75th percentile, lower is better"
    text = (
        f"Worst-quartile boundary of councils in {standard.baseline_period} "
        f"({side}, {baseline.len()} councils): {exact_value_text(threshold, unit)}"
    )
    return float(threshold), text


def exact_value_text(value: float, unit: str) -> str:
    """'87.6%', '17.925 per 100,000': up to 3 decimals, so a floor is never shown rounded onto a value."""
    number = f"{value:,.3f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{number}%"
    return number if unit in {"score", "", "count"} else f"{number} {unit}"
