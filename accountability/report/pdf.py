"""The progress report as a PDF (fpdf2, pure Python): a one-page summary for a meeting, then, when
asked for, the annex with the same sections, tables and SVG charts as the HTML.

Text uses the PDF core font Helvetica, which covers Latin-1 only, so a few typographic characters are
replaced (dashes, quotes) and the verdict symbols are dropped from table text: the verdict is still in
words, and the charts draw the symbols as shapes. The data annex is set on landscape pages. fpdf2 does
not tag the PDF's structure for screen readers, so the page and the report say that the HTML is the
accessible version. This module computes no numbers; it lays out `ReportContent` and the tables.
"""

from __future__ import annotations

from accountability.report.content import ReportContent
from accountability.report.first_page import status_table
from accountability.report.pdf_layout import (
    ReportPDF,
    draw_svg,
    draw_table,
    fast_table,
    heading,
    paragraph,
    svg_height,
)
from accountability.report.tables import (
    annex_table,
    breaches_table,
    commitments_table,
    counts_table,
    floor_chart,
    trend_charts,
    verdict_table,
    watch_table,
)

FIRST_PAGE_SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)
ACCESSIBLE = "The web page (HTML) version of this report is the accessible version: this PDF is not tagged."


def _first_page(pdf: ReportPDF, content: ReportContent, size: float) -> None:
    """Everything a meeting needs on one A4 page: headline, what needs attention, money and CQC,
    each floor's verdict and each commitment's status; `size` is the body text's point size."""
    page = content.one_page
    heading(pdf, content.title, 1)
    paragraph(pdf, f"Council care accountability dashboard. Generated {content.generated:%d %B %Y}. {ACCESSIBLE}", 7)
    paragraph(pdf, content.headline, size + 1.5, "B")
    heading(pdf, "Needs attention, most severe first", 3)
    for item in page.attention or ["Nothing: no standard below its floor and nothing on the watchlist."]:
        paragraph(pdf, f"- {item}", size)
    if page.more:
        paragraph(pdf, f"And {page.more} more, listed in the annex.", size, "I")
    heading(pdf, "Spend per head and adult care quality", 3)
    for line in [*page.money, *([page.cqc] if page.cqc else [])]:
        paragraph(pdf, f"- {line}", size)
    draw_table(pdf, verdict_table(content) if content.scope.kind == "council" else counts_table(content), size - 1)
    draw_table(pdf, status_table(content, symbols=False), size - 1)


def _summary_pdf(content: ReportContent) -> ReportPDF:
    """The first page at the largest text size that keeps it to one page (then the smallest tried)."""
    for size in FIRST_PAGE_SIZES:
        pdf = ReportPDF(content.title)
        pdf.add_page()
        _first_page(pdf, content, size)
        if pdf.page_no() == 1:
            break
    return pdf


def _front(pdf: ReportPDF, content: ReportContent) -> None:
    heading(pdf, "Annex: the full report", 1)
    for note in content.notes:
        paragraph(pdf, f"Note: {note}", 9.5, "I")
    heading(pdf, "Summary", 2)
    for text in content.narrative:
        paragraph(pdf, text)


def _floors(pdf: ReportPDF, content: ReportContent) -> None:
    chart, width = floor_chart(content), 160 if content.scope.kind == "council" else 182
    heading(pdf, "Floor standards", 2, keep=width * svg_height(chart) / 640)
    draw_svg(pdf, chart, width)
    draw_table(pdf, verdict_table(content) if content.scope.kind == "council" else counts_table(content))
    heading(pdf, "Below the floor", 3)
    breaches = breaches_table(content)
    if breaches.rows:
        draw_table(pdf, breaches)
    else:
        paragraph(pdf, "No council in this report is below the floor on any standard at its latest period.")
    heading(pdf, "Zero-tolerance watchlist", 2)
    watch = watch_table(content)
    if watch.rows:
        draw_table(pdf, watch)
    else:
        paragraph(pdf, "No entries: nothing in this report is on the watchlist.")


def _commitments(pdf: ReportPDF, content: ReportContent) -> None:
    heading(pdf, "Commitments", 2)
    draw_table(pdf, commitments_table(content), 7.5)
    for title, svg, caption in trend_charts(content):
        heading(pdf, title, 3, keep=75)
        draw_svg(pdf, svg, 170)
        paragraph(pdf, caption, 8.5)


def _annex_and_sources(pdf: ReportPDF, content: ReportContent) -> None:
    pdf.add_page(orientation="L")
    heading(pdf, "Data annex", 2)
    paragraph(pdf, "Values as published; intervals as calculated by the dashboard.", 9)
    fast_table(pdf, annex_table(content))
    pdf.add_page(orientation="P")
    heading(pdf, "Sources and licence", 2)
    for line in content.sources:
        paragraph(pdf, f"- {line}", 8.5)
    paragraph(pdf, content.licence, 9, "B")


def report_pdf(content: ReportContent, annex: bool = True) -> bytes:
    """The report as PDF bytes: the one-page summary, then (with `annex`) the rest on further pages."""
    pdf = _summary_pdf(content)
    if not annex:
        return bytes(pdf.output())
    pdf.add_page()
    _front(pdf, content)
    _floors(pdf, content)
    _commitments(pdf, content)
    _annex_and_sources(pdf, content)
    return bytes(pdf.output())
