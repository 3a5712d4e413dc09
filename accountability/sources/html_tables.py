"""Tables in a published HTML page, with the standard library's `html.parser`: rows of cell texts.

Each table is a list of `Row`s: the line of its `<tr>` in the file, its `<th>`/`<td>` texts (inner
whitespace collapsed), the first link (`href`) in each cell, and the row's attributes. Nested tables
are read as their own tables. This module knows nothing of what the tables mean and never fetches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Row:
    line: int
    cells: list[str] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    header: bool = False  # every cell is a <th>
    attrs: dict[str, str] = field(default_factory=dict)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[Row]] = []
        self._open: list[list[Row]] = []  # tables being read (innermost last)
        self._cell: list[str] | None = None
        self._link: str | None = None
        self._th = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append([])
        elif tag == "tr" and self._open:
            self._open[-1].append(Row(self.getpos()[0], attrs={k: v or "" for k, v in attrs}))
            self._th = True
        elif tag in ("td", "th") and self._open and self._open[-1]:
            self._cell, self._link = [], None
            self._th = self._th and tag == "th"
        elif tag == "a" and self._cell is not None and self._link is None:
            self._link = dict(attrs).get("href")
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._open and self._open[-1]:
            row = self._open[-1][-1]
            row.cells.append(" ".join("".join(self._cell).split()))
            row.links.append(self._link)
            row.header = self._th
            self._cell = None
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_tables(text: str) -> list[list[Row]]:
    """Every table in the page, in the order their closing tags appear (outer tables after inner)."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    return parser.tables
