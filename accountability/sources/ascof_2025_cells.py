"""Reading the cells of the ASCOF 2024-25 workbook: one figure, or two, or a published marker.

Cells hold a number ("19.1", "51,230"), a marker ("[x]", "[c]", "[z]") or, in the 2016-17 carers'
survey columns, two figures: "7.7 (7.6)", where the bracketed one is the score on the survey's
earlier eligible population (the workbook's comparability log). The first figure is the official
one and is read; the bracketed one must be a number or a marker and is then not used. Anything
else is an error naming the sheet, the published column and the row. No other logic here.
"""

from __future__ import annotations

import polars as pl

from accountability.sources.base import MARKER_STATUS, SourceFileError
from accountability.store.schema import Status

_PAIR = r"^(?P<main>[^\s()]+)\s*(?:\((?P<extra>[^()]*)\))?$"


def _number(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(",", "").cast(pl.Float64, strict=False)


def _is_marker(text: pl.Expr) -> pl.Expr:
    return text.str.to_lowercase().is_in(list(MARKER_STATUS))


def parse_cells(frame: pl.DataFrame, file: str, text: str = "text", where: str = "column") -> pl.DataFrame:
    """Add `value` (the first figure, or null) and `status` (published, or the marker's meaning).

    `where` holds each cell's published column name, used with `_row` to name a bad cell.
    """
    cell = pl.col(text).str.strip_chars().fill_null("")
    parts = cell.str.extract_groups(_PAIR)
    main, extra = parts.struct.field("main"), parts.struct.field("extra").str.strip_chars()
    ok_main = _number(main).is_not_null() | _is_marker(cell)
    ok_extra = extra.is_null() | _number(extra).is_not_null() | _is_marker(extra)
    bad = frame.filter(~(ok_main & ok_extra).fill_null(False))
    if bad.height:
        first = bad.row(0, named=True)
        problem = f"'{first[text]}' is not a figure, a figure with a bracketed figure, or a published marker"
        raise SourceFileError(file, problem, column=first[where], row=first["_row"])
    value = _number(main)
    status = (
        pl.when(value.is_not_null())
        .then(pl.lit("published"))
        .otherwise(cell.str.to_lowercase().replace_strict(MARKER_STATUS, default="missing"))
        .cast(Status)
    )
    return frame.with_columns(value=value, status=status)
