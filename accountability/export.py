"""CSV downloads that are safe to open in a spreadsheet: no cell runs as a formula, symbols stay legible.

Excel, LibreOffice and Google Sheets run a cell that begins with =, +, -, @, a tab or a carriage
return as a formula ("CSV injection"), and published text such as a provider's owner could begin
that way. Following OWASP, such a text cell gets a leading apostrophe: the spreadsheet shows the
text, with the apostrophe, and runs nothing. Numbers stay numbers: numeric columns are written as
they are, and a text cell that is exactly a number ("-5.2") is no formula and is left alone. Text
is quoted, so a spreadsheet that splits on semicolons cannot cut a formula out of a cell. The file
starts with a UTF-8 byte-order mark, without which Excel garbles ▲ ▼ ◆ ✓.

Pure: frames in, bytes out. The Excel download (components.tables.excel_bytes) already stores text
as text and numbers as numbers; tests/unit/test_csv_export.py checks both.
"""

from __future__ import annotations

import polars as pl

BOM = "\ufeff"
FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)


def neutralised(text: pl.Expr) -> pl.Expr:
    """Text that a spreadsheet could run as a formula, with a leading apostrophe; the rest unchanged."""
    runs = text.str.contains(FORMULA_START) & ~text.str.contains(PLAIN_NUMBER)
    return pl.when(runs.fill_null(False)).then(pl.lit("'") + text).otherwise(text)


def safe_label(label: str) -> str:
    """A column heading, neutralised by the same rule as the cells."""
    frame = pl.DataFrame({"label": [label]})
    return str(frame.select(neutralised(pl.col("label")).alias("label"))["label"][0])


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with a byte-order mark, text quoted and formulas neutralised."""
    text_columns = [name for name, dtype in frame.schema.items() if isinstance(dtype, TEXT_TYPES)]
    safe = frame.with_columns(neutralised(pl.col(name).cast(pl.String)).alias(name) for name in text_columns)
    safe = safe.rename({name: safe_label(name) for name in safe.columns})
    return (BOM + safe.write_csv(quote_style="non_numeric")).encode("utf-8")
