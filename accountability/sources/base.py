"""What every publisher's reader shares: strict file reading, suppression markers, row accounting.

A reader turns published files into tidy frames with the column sets below and raises
`SourceFileError` (naming file, column and row) on anything malformed. It never guesses: a value it
cannot read is either a known published marker (kept as null plus a status) or an error.
This module does not know about any particular publisher.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from accountability.sources.files import SourceFileError, check_complete_rows, read_bytes
from accountability.store.schema import Status

# Published symbols and what they mean. Each becomes a null value plus this status, never 0.
MARKER_STATUS: dict[str, str] = {
    "[c]": "suppressed",
    "c": "suppressed",
    "[x]": "not_available",
    "x": "not_available",
    ":": "not_available",
    "..": "not_available",
    "[z]": "not_applicable",
    "z": "not_applicable",
    "low": "low",
    "[low]": "low",
    "k": "low",
    "[k]": "low",
    "u": "low_reliability",
    "[u]": "low_reliability",
    "-": "not_available",
    "": "missing",
}


@dataclass
class RowAccount:
    """How many rows of one file were read, kept, set missing (with why) or rejected (with why)."""

    file: str
    read: int = 0
    kept: int = 0
    set_missing: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)

    def reject(self, reason: str, n: int = 1) -> None:
        if n:
            self.rejected[reason] += n

    def missing(self, reason: str, n: int = 1) -> None:
        if n:
            self.set_missing[reason] += n

    def balanced(self) -> bool:
        """Every row read is either kept or rejected (missing rows are kept, with a null value)."""
        return self.read == self.kept + sum(self.rejected.values())


@dataclass
class SourceOutput:
    """What one reader hands to prepare."""

    values: pl.DataFrame
    benchmarks: pl.DataFrame
    accounts: list[RowAccount]
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)


def financial_year(end_year: int) -> str:
    """2025 -> '2024-25': the April-to-March year that ends on 31 March of `end_year`."""
    return f"{end_year - 1}-{end_year % 100:02d}"


def read_csv_text(
    path: Path,
    required: list[str],
    *,
    encoding: str = "utf8",
    skip_rows: int = 0,
    allow_extra_fields: bool = False,
) -> pl.DataFrame:
    """Read a published CSV with every column as text, plus `_row` (1-based line in the file).

    Fails with a `SourceFileError` when the file is missing, empty or not in `encoding`; lacks a
    required column (suggesting the nearest column name when one was probably renamed); or has a
    row cut short, a row with more fields than the header, or no final line break (see
    `files.check_complete_rows`). `allow_extra_fields` is for a reader that recognises and rejects
    rows with extra fields itself (their extra fields are dropped here).
    """
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig" if encoding in {"utf8", "utf-8", "utf-8-sig"} else encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceFileError(path, f"not valid {encoding} text (byte {exc.start})", row=line) from exc
    try:
        frame = pl.read_csv(text.encode(), infer_schema=False, skip_rows=skip_rows, truncate_ragged_lines=True)
    except pl.exceptions.NoDataError as exc:
        raise SourceFileError(path, "the file has no rows") from exc
    except pl.exceptions.ComputeError as exc:  # e.g. an unbalanced quote: Polars cannot split the rows
        raise SourceFileError(path, f"not readable as CSV ({str(exc).splitlines()[0]})") from exc
    if frame.height == 0:
        raise SourceFileError(path, "the file has a header but no data rows")
    frame = frame.rename({c: c.strip().lstrip("\ufeff") for c in frame.columns})
    require_columns(frame, required, path)  # first: a missing column explains ragged rows best
    body = text.split("\n", skip_rows)[-1] if skip_rows else text
    check_complete_rows(body, path, first_line=skip_rows + 1, allow_extra_fields=allow_extra_fields)
    first_line = skip_rows + 2  # header is line skip_rows + 1
    return frame.with_row_index("_row", offset=first_line).with_columns(pl.col("_row").cast(pl.Int64))


def require_columns(frame: pl.DataFrame, required: list[str], file: str | Path) -> None:
    """Raise naming the first missing column, and the closest present name if it looks renamed."""
    present = frame.columns
    for name in required:
        if name not in present:
            close = difflib.get_close_matches(name, present, n=1, cutoff=0.8)  # 0.6 suggests unrelated names
            hint = f" (found '{close[0]}': was it renamed?)" if close else ""
            raise SourceFileError(file, f"required column is missing{hint}", column=name)


def numeric_with_status(frame: pl.DataFrame, column: str, file: str | Path) -> pl.DataFrame:
    """Add `value` (Float64) and `status` from a text column holding numbers or published markers.

    Thousands separators are removed. Any cell that is neither a number nor a known marker raises
    a `SourceFileError` naming the column and the row.
    """
    text = pl.col(column).str.strip_chars().fill_null("")
    cleaned = text.str.replace_all(",", "")
    parsed = cleaned.cast(pl.Float64, strict=False)
    lowered = text.str.to_lowercase()
    is_marker = lowered.is_in(list(MARKER_STATUS))
    bad = frame.filter(parsed.is_null() & ~is_marker)
    if bad.height:
        first = bad.row(0, named=True)
        raise SourceFileError(
            file,
            f"'{first[column]}' is not a number or a known suppression marker",
            column=column,
            row=first.get("_row"),
        )
    status = (
        pl.when(parsed.is_not_null())
        .then(pl.lit("published"))
        .otherwise(lowered.replace_strict(MARKER_STATUS, default="missing"))
        .cast(Status)
    )
    return frame.with_columns(value=parsed, status=status)


def optional_number(column: str) -> pl.Expr:
    """A numerator/denominator-like column: numbers kept, published markers become null."""
    return pl.col(column).str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)


def check_unique(frame: pl.DataFrame, keys: list[str], file: str | Path) -> None:
    """Raise naming the rows of the first duplicated key."""
    dupes = frame.filter(pl.len().over(keys) > 1)
    if dupes.height:
        first = dupes.row(0, named=True)
        key = ", ".join(f"{k}={first[k]}" for k in keys)
        rows = dupes.filter(pl.all_horizontal(pl.col(k) == first[k] for k in keys))
        lines = rows["_row"].to_list() if "_row" in rows.columns else []
        raise SourceFileError(file, f"duplicate key ({key}) on rows {lines}", row=lines[0] if lines else None)
