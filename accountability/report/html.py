"""The progress report as one self-contained, accessible HTML file (inline CSS and SVG, no scripts).

The tables and charts come from `report.tables`, shared with the PDF. Accessibility: `lang="en"`,
headings in order (h1, h2, h3), tables with captions and `<th scope>`, charts as `role="img"` with an
`aria-label` and `<title>`, text contrast above 4.5:1, and verdicts always in words (with a symbol),
never by colour alone. This module computes no numbers.
"""

from __future__ import annotations

from html import escape

from accountability.report.content import ReportContent
from accountability.report.first_page import status_table
from accountability.report.tables import (
    ANNEX_HEADERS,
    Table,
    annex_table,
    breaches_table,
    commitments_table,
    counts_table,
    floor_chart,
    trend_charts,
    verdict_table,
    watch_table,
)

__all__ = ["ANNEX_HEADERS", "report_html"]

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
.annex{overflow-x:auto}.attention li{margin:.2rem 0}
@media print{.annex-start{break-before:page}}
"""
ACCESSIBLE = "This web page is the accessible version of the report (the PDF is not tagged for screen readers)."


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
        "getting worse, judged Inadequate by Ofsted, or rated Inadequate by CQC (from a compilation of CQC's "
        "reports, not an official dataset); most severe first.</p>"
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


def _first_page(content: ReportContent) -> str:
    """What a meeting needs on one page: what needs attention (most severe first), spend per head and
    CQC's assessment, each floor's verdict and each commitment's status."""
    page = content.one_page
    items = page.attention or ["Nothing: no standard below its floor and nothing on the watchlist."]
    attention = "".join(f"<li>{escape(i)}</li>" for i in items)
    more = f"<p>And {page.more} more, listed in the annex.</p>" if page.more else ""
    money = "".join(f"<li>{escape(m)}</li>" for m in [*page.money, *([page.cqc] if page.cqc else [])])
    floors = verdict_table(content) if content.scope.kind == "council" else counts_table(content)
    return "".join(
        [
            _section("Needs attention, most severe first", f'<ul class="attention">{attention}</ul>{more}'),
            _section("Spend per head and adult care quality", f"<ul>{money}</ul>"),
            _section("At a glance", _table_html(floors), _table_html(status_table(content))),
        ]
    )


def report_html(content: ReportContent, annex: bool = True) -> str:
    """The whole report as one HTML document: the one-page summary, then (with `annex`) the rest."""
    notes = "".join(f'<div class="note" role="note"><p>{escape(n)}</p></div>' for n in content.notes)
    summary = "".join(f"<p>{escape(p)}</p>" for p in content.narrative)
    data = f'<div class="annex">{_table_html(annex_table(content))}</div>'
    rest = [
        '<h2 class="annex-start">Annex: the full report</h2>',
        _section("Summary", summary),
        _floor_section(content),
        _watch_section(content),
        _commitments_section(content),
        _section("Data annex", "<p>Values as published; intervals as calculated by the dashboard.</p>", data),
        _sources_section(content),
    ]
    body = "".join(
        [
            f"<h1>{escape(content.title)}</h1>",
            f'<p class="meta">Council care accountability dashboard. Generated {content.generated:%d %B %Y}. '
            f"{ACCESSIBLE}</p>",
            f'<p class="headline">{escape(content.headline)}</p>',
            notes,
            _first_page(content),
            *(rest if annex else [f"<p>{escape(content.licence)}</p>"]),
        ]
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )
