"""Drawing primitives of the report's PDF (fpdf2): the page with its footer, Latin-1 text, headings,
paragraphs, tables and SVG charts. `report.pdf` lays the report out with these; nothing here knows
what a report says.
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from accountability.report.tables import Table

REPLACEMENTS = {
    "▼ ": "",
    "◆ ": "",
    "✓ ": "",
    "○ ": "",
    "– ": "",
    "–": "-",
    "—": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
}
REPLACEMENTS |= {"…": "...", "≤": "<=", "≥": ">=", "×": "x"}
INK = (11, 12, 12)
HEADING_FILL = (222, 224, 226)
ZEBRA = (245, 245, 245)
TITLE_RE = re.compile(r"<title>.*?</title>", re.DOTALL)


def latin(text: str) -> str:
    """Text the core font can draw: typographic characters replaced, anything else as '?'."""
    for old, new in REPLACEMENTS.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


class ReportPDF(FPDF):
    """A4 pages with a running title, page numbers and the licence line in the footer."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = latin(title)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(14, 14, 14)
        self.set_title(self.report_title)
        self.set_author("Council care accountability dashboard")
        self.set_lang("en-GB")
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7.5)
        self.set_text_color(80, 90, 95)
        text = f"{self.report_title}  |  Open Government Licence v3.0  |  Page {self.page_no()} of {{nb}}"
        self.cell(0, 5, text, align="C")
        self.set_text_color(*INK)


def heading(pdf: ReportPDF, text: str, level: int, keep: float = 0) -> None:
    """A heading, moved to the next page with what follows when less than `keep` mm would fit under it."""
    size = {1: 17, 2: 13, 3: 11}[level]
    if pdf.will_page_break(size * 2 + keep):
        pdf.add_page()
    pdf.ln(2 if level == 3 else 4)
    pdf.set_font("Helvetica", style="B", size=size)
    pdf.multi_cell(0, size * 0.5, latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def paragraph(pdf: ReportPDF, text: str, size: float = 10, style: str = "") -> None:
    pdf.set_font("Helvetica", style=style, size=size)
    pdf.multi_cell(0, size * 0.48, latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def draw_table(pdf: ReportPDF, table: Table, size: float = 8) -> None:
    """Caption, then the table with its heading row repeated on each page."""
    if pdf.will_page_break(20):
        pdf.add_page()
    paragraph(pdf, table.caption, 9.5, "B")
    pdf.set_font("Helvetica", size=size)
    align = ["RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.headers))]
    with pdf.table(
        col_widths=table.widths,
        text_align=align,
        line_height=size * 0.45,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.ROWS,
        borders_layout="HORIZONTAL_LINES",
        padding=0.8,
        repeat_headings=1,
    ) as grid:
        for row in [table.headers, *table.rows]:
            cells = grid.row()
            for value in row:
                cells.cell(latin(value))
    pdf.ln(3)


def grid_row(pdf: ReportPDF, table: Table, widths: list[float], row: list[str], style: str, fill: bool) -> None:
    pdf.set_font("Helvetica", style=style, size=pdf.font_size_pt)
    for i, (width, value) in enumerate(zip(widths, row, strict=True)):
        align = "R" if i in table.numeric else "L"
        pdf.cell(width, 4.2, fitted(pdf, latin(value), width - 1), border="B", align=align, fill=fill)
    pdf.ln()


def fitted(pdf: ReportPDF, text: str, width: float) -> str:
    """`text` cut to `width` mm with '...' where it would run into the next cell of a one-line row
    (a long measure label in the landscape annex; the HTML annex has it in full)."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."


def fast_table(pdf: ReportPDF, table: Table, size: float = 7.5) -> None:
    """One line per row (no wrapping) for long, narrow tables such as the annex; headings on each page."""
    paragraph(pdf, table.caption, 9.5, "B")
    pdf.set_font("Helvetica", size=size)
    pdf.set_draw_color(177, 180, 182)
    total = sum(table.widths)
    widths = [pdf.epw * w / total for w in table.widths]
    pdf.set_fill_color(*HEADING_FILL)
    grid_row(pdf, table, widths, table.headers, "B", True)
    pdf.set_fill_color(*ZEBRA)
    for k, row in enumerate(table.rows):
        if pdf.will_page_break(4.2):
            pdf.add_page(orientation=pdf.cur_orientation.value)  # the annex stays landscape onto every page
            pdf.set_fill_color(*HEADING_FILL)
            grid_row(pdf, table, widths, table.headers, "B", True)
            pdf.set_fill_color(*ZEBRA)
        grid_row(pdf, table, widths, row, "", k % 2 == 1)
    pdf.ln(3)


def svg_height(svg: str) -> float:
    found = re.search(r'height="([\d.]+)"', svg)
    return float(found.group(1)) if found else 250.0


def draw_svg(pdf: ReportPDF, svg: str, width: float) -> None:
    """Draw an SVG chart at `width` mm, on a new page if it would not fit."""
    height = width * svg_height(svg) / 640
    if pdf.will_page_break(height + 2):
        pdf.add_page()
    pdf.image(io.BytesIO(latin(TITLE_RE.sub("", svg)).encode("utf-8")), w=width)
    pdf.ln(2)
