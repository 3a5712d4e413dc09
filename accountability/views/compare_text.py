"""The Compare page's words: the summary sentence with its rank note and verdict, the chart's title
(which states the finding), the note under the chart (which interval the whiskers are) and the
"official statistics in development" note.

Pure functions of the ranked table and the published comparators; `views.compare` assembles them.
No Streamlit, and no numbers computed here that the table does not already hold.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from accountability.formatting import format_value, ordinal
from accountability.labels import COMPARISON_WORDS, IN_DEVELOPMENT, LEVEL_LABELS
from accountability.methods.compare import MeasureInfo, summary_sentence
from accountability.methods.significance import MIN_NEIGHBOURS

NO_INTERVALS = (
    "No confidence intervals: the publisher gives no numerator, denominator or margin of error for this year. "
)
IN_DEVELOPMENT_NOTE = (
    f"{IN_DEVELOPMENT}: these figures come from a new data source (client-level data) that is still being "
    "developed, and are not comparable with earlier years."
)


def summary(
    table: pl.DataFrame,
    comps: pl.DataFrame,
    measure: MeasureInfo,
    period: str,
    level: float,
    row: dict[str, Any] | None,
) -> str:
    """The summary sentence, the rank interval inside it, then the verdict against the benchmark."""
    sentence = summary_sentence(table, comps, measure, period, row["code"] if row else None, rank_note(row, measure))
    if row and row["value"] is not None:
        unit_text = format_value(row["benchmark_value"], measure.unit)
        sentence += " " + comparison_sentence(row, level, unit_text)
    return sentence


def rank_note(row: dict[str, Any] | None, measure: MeasureInfo) -> str:
    """' (95% rank interval 3rd to 9th; quartile 1 of 4, 1 = best)'; no quartile where no direction is better."""
    if not row or row["rank_low"] is None:
        return ""
    span = f"95% rank interval {ordinal(row['rank_low'])} to {ordinal(row['rank_high'])}"
    if measure.polarity == "no_judgement":  # ranks count from the highest; a quarter is neither good nor bad
        return f" ({span}, counting from the highest)"
    return f" ({span}; quartile {row['quartile']} of 4, 1 = best)"


def comparison_sentence(row: dict[str, object], level: float, unit_text: str) -> str:
    """'Compared with England (22.6%): worse, at 95% confidence.' for the chosen council's row."""
    name, value = row.get("benchmark_name"), row.get("benchmark_value")
    if value is None and row.get("benchmark_status") == "withheld":
        used = row.get("n_used")
        have = f"only {used} of the council's neighbours have" if used is not None else "too few neighbours have"
        return (
            f"The statistical neighbours' mean is withheld for this measure and period: {have} a value "
            f"(at least {MIN_NEIGHBOURS} are needed), so it is not tested."
        )
    if value is None:
        return f"No {name or 'benchmark'} figure is published for this measure and period, so it is not tested."
    verdict = str(row.get("comparison") or "not tested")
    if verdict == "not tested":
        return f"Compared with {name} ({unit_text}): not tested, because this figure has no confidence interval."
    level_text = LEVEL_LABELS.get(level, f"{level:.1%}")
    return f"Compared with {name} ({unit_text}): {COMPARISON_WORDS[verdict]}, at {level_text} confidence."


def chart_title(table: pl.DataFrame, measure: MeasureInfo, period: str, row: dict[str, Any] | None) -> str:
    """A title that states the finding: the chosen council's verdict, or how far councils spread."""
    values = table["value"].drop_nulls()
    if row is not None and row["value"] is not None:
        value = format_value(row["value"], measure.unit)
        verdict = str(row.get("comparison") or "not tested")
        bench = row.get("benchmark_name") or "the benchmark"
        if verdict in COMPARISON_WORDS and verdict != "not tested":
            found = f"{COMPARISON_WORDS[verdict]} than {bench}" if verdict != "similar" else f"similar to {bench}"
        else:
            found = f"not tested against {bench}"
        return f"{measure.label}, {period}: {row['name']} {value}, {found}"
    if values.len() == 0:
        return f"{measure.label}, {period}: no council has a published value"
    low, high = format_value(float(values.min()), measure.unit), format_value(float(values.max()), measure.unit)  # type: ignore[arg-type]
    return f"{measure.label}, {period}: {values.len()} councils range from {low} to {high}"


def chart_note(table: pl.DataFrame, level: float) -> str:
    """Under the chart: which interval the whiskers show (the verdict's level), or that there are none."""
    if not bool(table["ci_low"].is_not_null().any()):
        return NO_INTERVALS
    level_text = LEVEL_LABELS.get(level, f"{level:.1%}")
    return (
        f"Each dot is a council; lines through dots are {level_text} confidence intervals, the level the verdicts use. "
    )


def in_development_note(table: pl.DataFrame) -> str | None:
    """The 'official statistics in development' note when any value shown is one."""
    if "in_development" in table.columns and bool(table["in_development"].fill_null(value=False).any()):
        return IN_DEVELOPMENT_NOTE
    return None
