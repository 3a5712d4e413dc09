"""The progress report as one self-contained, accessible HTML file (inline CSS and SVG, no scripts).

Also the report's tables as plain text (`Table`), shared with the PDF so both show the same cells.
Accessibility: `lang="en"`, headings in order (h1, h2, h3), tables with captions and `<th scope>`,
charts as `role="img"` with an `aria-label` and `<title>`, text contrast above 4.5:1, and verdicts
always in words (with a symbol), never by colour alone. This module computes no numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import polars as pl

from accountability.formatting import format_value
from accountability.labels import BASIS_LABELS
from accountability.methods.standards import exact_value_text
from accountability.report.content import ReportContent
from accountability.report.svg import floor_bars_svg, trend_svg, verdict_strip_svg

SYMBOLS = {
    "below": "▼ Below",
    "cannot_tell": "◆ Cannot tell",
    "meets": "✓ Meets",
    "no_floor_yet": "○ No floor yet",
    "no_data": "– No data",
}
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
            SYMBOLS[str(r["verdict"])],
            format_value(r["value"], r["unit"]) if r["value"] is not None else "",
            exact_value_text(r["threshold"], r["unit"]) if r["threshold"] is not None else "",
            BASIS_LABELS.get(str(r["basis"]), "") if r["basis"] is not None else "",
            _short(r["distance_people"], r.get("count_noun")) if r["verdict"] == "below" else "",
        ]
        for r in content.verdicts.iter_rows(named=True)
    ]
    headers = ["Standard", "Period", "Verdict", "Value", "Floor", "Verdict rests on", "Short of floor"]
    return Table(
        "Each floor standard at its latest period", headers, rows, [3.2, 1, 1.3, 1.2, 1.4, 1.6, 1.1], {3, 4, 6}
    )


def counts_table(content: ReportContent) -> Table:
    columns = ["below_on_interval", "below_on_value_only", "cannot_tell", "meets", "no_floor_yet", "no_data"]
    rows = [
        [r["measure_label"], r["period"], *(str(r[c]) for c in columns)] for r in content.counts.iter_rows(named=True)
    ]
    headers = ["Standard", "Period", "Below (interval)", "Below (value only)", "Cannot tell", "Meets", "No floor yet",
               "No data"]  # fmt: skip
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
    rows = [[r["council"], str(r["reason"]), r["what"], r["detail"]] for r in content.watch.iter_rows(named=True)]
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


def annex_table(content: ReportContent) -> Table:
    rows = [
        [
            r["code"],
            r["area"] or "",
            r["measure"],
            r["period"],
            number(r["value"]),
            number(r["interval_low"]),
            number(r["interval_high"]),
            r["interval"],
            number(r["floor"]),
            (r["verdict"] or "").replace("_", " "),
            _people(r["people_short"]),
        ]
        for r in content.annex.iter_rows(named=True)
    ]
    widths = [1.3, 2, 2.6, 0.9, 0.9, 0.9, 0.9, 0.8, 0.9, 1, 0.8]
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


CSS = """
body{font-family:Helvetica,Arial,sans-serif;color:#0b0c0c;background:#fff;margin:0;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.8rem;margin:.2rem 0 .6rem}h2{font-size:1.4rem;margin-top:2rem;border-top:2px solid #0b0c0c;
padding-top:.6rem}h3{font-size:1.1rem;margin-top:1.4rem}
.meta{color:#505a5f}.headline{font-size:1.15rem;font-weight:bold;border-left:6px solid #12436D;padding-left:.8rem}
.note{background:#f3f2f1;border-left:6px solid #505a5f;padding:.4rem .8rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .4rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #0b0c0c}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:.5rem 0 1.2rem}figcaption{color:#505a5f;font-size:.85rem}svg{max-width:100%;height:auto}
.annex{overflow-x:auto}
"""


def _table_html(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    body = []
    for row in table.rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        cells += [f"<td{' class=num' if i in table.numeric else ''}>{escape(v)}</td>" for i, v in enumerate(row) if i]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _section(heading: str, *parts: str) -> str:
    return f"<h2>{escape(heading)}</h2>" + "".join(parts)


def _floor_section(content: ReportContent) -> str:
    main = verdict_table(content) if content.scope.kind == "council" else counts_table(content)
    breaches = breaches_table(content)
    below = (
        _table_html(breaches)
        if breaches.rows
        else "<p>No council in this report is below the floor on any standard at its latest period.</p>"
    )
    return _section(
        "Floor standards",
        f"<figure>{floor_chart(content)}</figure>",
        _table_html(main),
        "<h3>Below the floor</h3>",
        below,
    )


def _watch_section(content: ReportContent) -> str:
    table = watch_table(content)
    body = _table_html(table) if table.rows else "<p>No entries: nothing in this report is on the watchlist.</p>"
    intro = (
        "<p>Councils below the floor for two or more periods in a row, significantly worse than England and "
        "getting worse, or judged Inadequate by Ofsted.</p>"
    )
    return _section("Zero-tolerance watchlist", intro, body)


def _commitments_section(content: ReportContent) -> str:
    charts = "".join(
        f"<h3>{escape(title)}</h3><figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"
        for title, svg, caption in trend_charts(content)
    )
    return _section("Commitments", _table_html(commitments_table(content)), charts)


def _sources_section(content: ReportContent) -> str:
    items = "".join(f"<li>{escape(s)}</li>" for s in content.sources)
    return _section(
        "Sources and licence",
        f"<ul>{items}</ul>",
        f"<p>{escape(content.licence)}</p>",
        "<p>Floors are the worst-quartile line of English councils in a fixed baseline year (no official floor "
        "is published for these measures). Verdicts use 99.8% intervals (Wilson for proportions, Byar for "
        "rates); where none can be calculated the published value decides.</p>",
    )


def report_html(content: ReportContent) -> str:
    """The whole report as one HTML document."""
    notes = "".join(f'<div class="note" role="note"><p>{escape(n)}</p></div>' for n in content.notes)
    summary = "".join(f"<p>{escape(p)}</p>" for p in content.narrative)
    annex = f'<div class="annex">{_table_html(annex_table(content))}</div>'
    body = "".join(
        [
            f"<h1>{escape(content.title)}</h1>",
            f'<p class="meta">Council care accountability dashboard. Generated {content.generated:%d %B %Y}.</p>',
            f'<p class="headline">{escape(content.headline)}</p>',
            notes,
            _section("Summary", summary),
            _floor_section(content),
            _watch_section(content),
            _commitments_section(content),
            _section("Data annex", "<p>Values as published; intervals as calculated by the dashboard.</p>", annex),
            _sources_section(content),
        ]
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )
