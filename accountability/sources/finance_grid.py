"""Finding things in an MHCLG revenue-outturn sheet read as a grid of text cells (`c0`, `c1`, ... `_row`).

- `variable_columns`: the columns whose hidden reference cell holds a wanted variable code, with the
  published heading and the spreadsheet column letters;
- `row_reasons`: for every row, the council/England ONS code it holds or why it is not used;
- `cell_values`: the kept rows' cells as numbers, or as missing values with the published marker.
Pure functions on frames; `finance` reads the files. Nothing here knows which lines are wanted.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from accountability.sources.base import SourceFileError, check_unique

CODE_CELL = re.compile(r"^\s*(RO3|RSX)-[a-z]")
COUNCIL = r"^E(06|08|09|10)\d{6}$"
ENGLAND = "E92000001"
# RO "Class" of the authorities with social care responsibilities: unitary, metropolitan district,
# London borough, shire county. Districts, police, fire, parks and combined authorities have none.
SOCIAL_CARE_CLASSES = ("UA", "MD", "LB", "SC")
# Published markers in the value cells and what they mean (the workbook's Notes sheet).
MARKERS = {"[x]": "not_available", "[z]": "not_applicable", "[n]": "not_available"}
NOTE_MARKER = r"^\[note \d+\]$"  # e.g. Gateshead's looked-after lines 2024-25: "breakdown not provided"


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': a 0-based column index as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cells(grid: pl.DataFrame) -> list[str]:
    return [c for c in grid.columns if c != "_row"]


def header_rows(grid: pl.DataFrame, path: Path) -> tuple[int, int | None]:
    """0-based indexes of the councils' header (first cell 'E-code') and of the class-total header, if any."""
    hits = grid.with_row_index("_i").filter(pl.col("c0").str.strip_chars() == "E-code")["_i"].to_list()
    if not hits:
        raise SourceFileError(path, "no header row: no row starts with 'E-code'", column="E-code")
    return int(hits[0]), (int(hits[1]) if len(hits) > 1 else None)


def _code_row(grid: pl.DataFrame, path: Path) -> int:
    """The one row holding the variable codes ("RO3-asctot-net-cur-exp" ...)."""
    has_code = pl.any_horizontal(pl.col(c).str.contains(CODE_CELL.pattern).fill_null(False) for c in _cells(grid))
    rows = grid.with_row_index("_i").filter(has_code)["_i"].to_list()
    if len(rows) != 1:
        raise SourceFileError(path, f"expected one row of variable codes like 'RO3-asctot-...', found {len(rows)}")
    return rows[0]


def _is_code(cell: str | None) -> bool:
    return bool(cell and CODE_CELL.match(cell.strip()))


def variable_columns(grid: pl.DataFrame, keep: str, path: Path) -> pl.DataFrame:
    """col, variable, description, source_column for every column whose code matches `keep`.

    The heading is the header-row cell; where the row above names services (2023-24: a merged cell over
    each service's columns, whose headings are only "Employees (C1)" ...), the service name is put first.
    """
    names = _cells(grid)
    codes = grid.row(_code_row(grid, path))
    head, _ = header_rows(grid, path)
    headings = grid.row(head)
    services = grid.row(head - 1) if head > 0 else tuple(None for _ in grid.columns)
    rows, service = [], None
    for i, name in enumerate(names):
        index = grid.columns.index(name)
        code = (codes[index] or "").strip()
        above = services[index] if _is_code(code) else None  # label columns hold 'Col_no', 'Source: ...'
        if above and re.search("[A-Za-z]", above):  # a service name, not the column-number digits
            service = above
        if not re.match(keep, code):
            continue
        # 2023-24 headings end in a stray cell counter after the bracket ("Employees (C1)128")
        heading = re.sub(r"\)\d+$", ")", " ".join((headings[index] or "").split()))
        if service:
            heading = f"{' '.join(service.split())} - {heading}"
        rows.append((name, code, heading, column_letters(i)))
    frame = pl.DataFrame(rows, schema=["col", "variable", "description", "source_column"], orient="row")
    if frame.height == 0:
        raise SourceFileError(path, f"no variable code matches {keep!r}: has the layout changed?")
    dupes = frame.filter(pl.col("variable").is_duplicated())
    if dupes.height:
        raise SourceFileError(path, f"variable code '{dupes['variable'][0]}' heads two columns", column=dupes["col"][0])
    return frame


def _named_column(grid: pl.DataFrame, head: int, label: str, path: Path) -> str:
    cells = _cells(grid)
    for name, cell in zip(cells, grid.select(cells).row(head), strict=True):
        if cell and " ".join(cell.split()) == label:
            return name
    raise SourceFileError(path, "required column is missing from the header row", column=label, row=head + 1)


def row_reasons(grid: pl.DataFrame, path: Path) -> pl.DataFrame:
    """The grid with `code` (ONS code of a kept row) and `_reject` (why a row is not used, else null)."""
    head, second = header_rows(grid, path)
    ons_col, class_col = _named_column(grid, head, "ONS Code", path), _named_column(grid, head, "Class", path)
    ons = pl.col(ons_col).fill_null("").str.strip_chars()
    cls = pl.col(class_col).fill_null("").str.strip_chars()
    index = pl.int_range(pl.len())
    in_table = (index > head) & ((index < second) if second is not None else pl.lit(True))
    council = ons.str.contains(COUNCIL) & cls.is_in(SOCIAL_CARE_CLASSES)
    reason = (
        pl.when(index <= head)
        .then(pl.lit("title, note, reference or header row above the table"))
        .when(~in_table)
        .then(pl.lit("class totals, their header or the reference row below the councils (not used)"))
        .when(ons == "")
        .then(pl.lit("blank row"))
        .when((ons == ENGLAND) | council)
        .then(None)
        .otherwise(pl.format("authority without social care responsibilities (class {})", cls))
    )
    frame = grid.with_columns(code=ons, _reject=reason)
    check_unique(frame.filter(pl.col("_reject").is_null()), ["code"], path)
    return frame


def cell_values(kept: pl.DataFrame, columns: pl.DataFrame, path: Path) -> pl.DataFrame:
    """code, variable, description, value, status, marker, source_row, source_column for every kept cell."""
    long = kept.select("code", "_row", *columns["col"].to_list()).unpivot(
        index=["code", "_row"], variable_name="col", value_name="text"
    )
    long = long.join(columns, on="col", how="left")
    text = pl.col("text").fill_null("").str.strip_chars()
    number = text.str.replace_all(",", "").cast(pl.Float64, strict=False)
    marker_status = (
        pl.when(text == "")
        .then(pl.lit("missing"))
        .when(text.str.contains(NOTE_MARKER))
        .then(pl.lit("not_available"))
        .otherwise(text.str.to_lowercase().replace_strict(MARKERS, default=None))
    )
    long = long.with_columns(value=number, _marker_status=marker_status)
    bad = long.filter(pl.col("value").is_null() & pl.col("_marker_status").is_null())
    if bad.height:
        first = bad.row(0, named=True)
        problem = f"'{first['text']}' is not a number or a known marker ([x], [z], [n], [note N])"
        raise SourceFileError(
            path, problem, column=f"{first['variable']} ({first['source_column']})", row=first["_row"]
        )
    return long.select(
        "code",
        "variable",
        "description",
        "value",
        status=pl.when(pl.col("value").is_not_null()).then(pl.lit("published")).otherwise("_marker_status"),
        marker=pl.when(pl.col("value").is_null()).then(pl.when(text == "").then(pl.lit("(blank)")).otherwise(text)),
        source_row="_row",
        source_column="source_column",
    )
