"""The progress report's tables as display strings and its charts as SVG, shared by the HTML and the PDF,
so both show the same cells. Codes become words here (`labels`): verdicts always in words with a
symbol, never by colour alone. This module computes no numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from accountability.formatting import format_value
from accountability.labels import BASIS_LABELS, FLOOR_VERDICT_SHORT, FLOOR_VERDICT_WORDS, WATCH_REASON_LABELS
from accountability.methods.standards import exact_value_text
from accountability.report.content import ReportContent
from accountability.report.svg import floor_bars_svg, trend_svg, verdict_strip_svg

STATUS_COLUMNS = ["achieved", "on track", "off track", "deteriorating", "not assessable"]


@dataclass(frozen=True)
class Table:
    """A captioned table of display strings; `widths` are relative column widths for the PDF."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    numeric: set[int] = field(default_factory=set)


def number(value: float | None) -> str:
    """Up to three decimals, trailing zeros dropped: the annex's exact figures ('' when missing)."""
    if value is None:
        return ""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _people(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _short(value: int | None, noun: str | None) -> str:
    """'12 referrals': the gap to the floor in what the measure counts (its count noun)."""
    return "" if value is None else f"{value:,} {noun or ''}".strip()


def verdict_table(content: ReportContent) -> Table:
    rows = [
        [
            r["measure_label"],
            r["period"],
            FLOOR_VERDICT_SHORT[str(r["verdict"])],
            format_value(r["value"], r["unit"]) if r["value"] is not None else "",
            exact_value_text(r["threshold"], r["unit"]) if r["threshold"] is not None else "",  # no floor yet
            BASIS_LABELS.get(str(r["basis"]), "") if r["basis"] is not None else "",
            _short(r["distance_people"], r.get("count_noun")) if r["verdict"] == "below" else "",
        ]
        for r in content.verdicts.iter_rows(named=True)
    ]
    headers = ["Standard", "Period", "Verdict", "Value", "Floor", "Verdict rests on", "Short of floor"]
    return Table(
        "Each floor standard at its latest period", headers, rows, [3.2, 1, 1.3, 1.2, 1.4, 1.6, 1.1], {3, 4, 6}
    )


COUNT_COLUMNS = ["below_on_interval", "below_on_value_only", "cannot_tell", "meets", "no_floor_yet", "no_data"]
COUNT_HEADERS = ["Below (interval)", "Below (value only)", "Cannot tell", "Meets", "No floor yet", "No data"]


def counts_table(content: ReportContent) -> Table:
    """Councils by verdict; below the floor on an interval and on the value alone in separate columns."""
    rows = [
        [r["measure_label"], r["period"], *(str(r[c]) for c in COUNT_COLUMNS)]
        for r in content.counts.iter_rows(named=True)
    ]
    headers = ["Standard", "Period", *COUNT_HEADERS]
    widths = [3.2, 1, 1, 1, 1, 1, 1, 1]
    return Table("Councils by verdict, each standard at its latest period", headers, rows, widths, {2, 3, 4, 5, 6, 7})


def breaches_table(content: ReportContent) -> Table:
    rows = [
        [
            r["council"],
            r["measure_label"],
            r["period"],
            format_value(r["value"], r["unit"]),
            exact_value_text(r["threshold"], r["unit"]),
            str(r["below_run"]),
            _short(r["distance_people"], r.get("count_noun")),
        ]
        for r in content.breaches.iter_rows(named=True)
    ]
    headers = ["Council", "Standard", "Period", "Value", "Floor", "Periods below in a row", "Short of floor"]
    return Table("Below the floor at the latest period", headers, rows, [2, 3, 1, 1.1, 1.3, 1.1, 1.1], {3, 4, 5, 6})


def watch_table(content: ReportContent) -> Table:
    rows = [
        [r["council"], WATCH_REASON_LABELS[str(r["reason"])], r["what"], r["detail"]]
        for r in content.watch.iter_rows(named=True)
    ]
    headers = ["Council", "Why", "Standard or inspection", "Detail"]
    return Table("Zero-tolerance watchlist", headers, rows, [1.6, 1.6, 2.4, 3.4])


def _target(row: dict[str, object]) -> str:
    if row["target_value"] is not None:
        return f"{format_value(row['target_value'], str(row['unit']))} by {row['target_period']}"  # type: ignore[arg-type]
    return f"{row['target_direction']} (no number set)"


def _at(value: object, period: object, unit: str) -> str:
    return "" if value is None else f"{format_value(value, unit)} ({period})"  # type: ignore[arg-type]


def commitments_table(content: ReportContent) -> Table:
    spread = content.scope.kind != "council"
    rows = []
    for r in content.commitments.iter_rows(named=True):
        unit = str(r["unit"])
        row = [r["title"], r["measure_label"], str(r["status"]).capitalize(), str(r["progress_band"])]
        row += [
            _at(r["baseline_value"], r["baseline_period"], unit),
            _at(r["current_value"], r["current_period"], unit),
        ]
        row += [_target(r)]
        row += [" / ".join(str(r[s] or 0) for s in STATUS_COLUMNS)] if spread else []
        rows.append([*row, r["note"] or ""])
    headers = ["Commitment", "Measure", "Status", "Progress", "Baseline", "Latest", "Target or aim"]
    headers += ["Councils: achieved / on track / off track / deteriorating / not assessable"] if spread else []
    widths = [2, 2, 1.2, 1.3, 1.3, 1.3, 1.3] + ([1.6] if spread else []) + [2.4]
    return Table(f"Commitments: {content.scope.name}", [*headers, "Note"], rows, widths)


ANNEX_HEADERS = ["Code", "Area", "Measure", "Period", "Value", "Interval low", "Interval high", "Interval", "Floor"]
ANNEX_HEADERS += ["Verdict", "People short"]


def annex_table(content: ReportContent, measures: dict[str, str] | None = None) -> Table:
    """Every figure the report uses, each measure by its label (`measures`: id -> label; by default the
    labels the report's frames carry)."""
    labels = measures if measures is not None else content.measure_labels
    rows = [
        [
            r["code"],
            r["area"] or "",
            labels.get(r["measure"], r["measure"]),  # the measure's label, never its raw id
            r["period"],
            number(r["value"]),
            number(r["interval_low"]),
            number(r["interval_high"]),
            r["interval"],
            number(r["floor"]),
            FLOOR_VERDICT_WORDS.get(r["verdict"], "") if r["verdict"] else "",
            _people(r["people_short"]),
        ]
        for r in content.annex.iter_rows(named=True)
    ]
    widths = [1.2, 1.6, 3.9, 0.8, 0.9, 0.9, 0.9, 0.7, 0.9, 1.2, 1.1]
    return Table("Data annex: every figure the report uses", ANNEX_HEADERS, rows, widths, {4, 5, 6, 8, 10})


def floor_chart(content: ReportContent) -> str:
    """The council's verdict strip, or the area's councils below each floor."""
    if content.scope.kind == "council":
        rows = [(r["measure_label"], r["period"], str(r["verdict"])) for r in content.verdicts.iter_rows(named=True)]
        below = sum(1 for r in rows if r[2] == "below")
        label = f"{content.scope.name}: verdict on each of {len(rows)} floor standards; {below} below the floor."
        return verdict_strip_svg(rows, label)
    counts = content.counts.with_columns(judged=pl.col("below") + pl.col("cannot_tell") + pl.col("meets"))
    bars = [
        (r["measure_label"], r["period"], r["below"], r["cannot_tell"], r["judged"])
        for r in counts.iter_rows(named=True)
    ]
    label = f"{content.scope.name}: councils below each floor standard at its latest period. " + "; ".join(
        f"{b[0]}: {b[2]} of {b[4]}" for b in bars
    )
    return floor_bars_svg(bars, label)


def trend_charts(content: ReportContent) -> list[tuple[str, str, str]]:
    """(heading, svg, caption) per commitment."""
    return [
        (t.title, trend_svg(t.periods, t.series, t.unit, t.alt, t.target, t.break_period), t.alt)
        for t in content.trends
    ]
