"""Opening a published file safely: its bytes, and proof that every row of a CSV file is complete.

Every reader takes a file's bytes from `read_bytes`: a missing file, a folder in its place, an
unreadable or empty file is a `SourceFileError` naming it, never a traceback. Every CSV reader
passes the text through `check_complete_rows` before parsing, because CSV parsers (Polars among
them) pad a short row with empty values: a file cut inside a number ("14.6" becomes "1") parsed
without complaint and published a wrong figure. Here a row with fewer or more fields than the
header, or a file that stops without its final line break, is an error naming the file and row.

This module turns nothing into frames and knows no publisher.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import polars as pl

# A complete double-quoted field ("" is an escaped quote inside one). Removing these leaves only the
# separators that count; a quote left over means a field spans lines (or is malformed), and then
# the exact `csv` module counts instead.
QUOTED_FIELD = r'"(?:[^"]|"")*"'
UNTERMINATED = "the file stops without a final line break"


class SourceFileError(ValueError):
    """A published file is not as expected. The message names the file, column and row."""

    def __init__(self, file: str | Path, problem: str, *, column: str | None = None, row: int | None = None):
        self.file = Path(file).name
        self.column = column
        self.row = row
        self.problem = problem
        where = [self.file]
        if column is not None:
            where.append(f"column '{column}'")
        if row is not None:
            where.append(f"row {row}")
        super().__init__(f"{', '.join(where)}: {problem}")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or empty file (or a folder in its place) raises, naming it."""
    if not path.exists():
        raise SourceFileError(path, f"file not found in {path.parent}")
    if path.is_dir():
        raise SourceFileError(path, "is a folder, not a file: the published file is missing or was replaced")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise SourceFileError(path, "the file is empty")
    return raw


def check_complete_rows(
    text: str,
    file: str | Path,
    *,
    first_line: int = 1,
    published_without_final_newline: bool = False,
    allow_extra_fields: bool = False,
) -> None:
    """Raise unless every row of `text` (header first, at line `first_line` of the file) is complete.

    Complete means: every non-blank row has exactly as many fields as the header, and the file ends
    with a line break (so its last row cannot have lost its end). Some publishers export without
    the final line break; for their files (`published_without_final_newline`) the last row must
    instead end with an empty field, so that a cut anywhere in it removes a separator and shows up
    as a short row. Blank lines are left for the reader to account for, and so are rows with extra
    fields when the reader recognises and rejects them itself (`allow_extra_fields`).
    """
    counts = _field_counts(text, first_line, file)
    if counts.height < 2:
        return
    header = counts["fields"][0]
    wrong_count = (pl.col("fields") < header) if allow_extra_fields else (pl.col("fields") != header)
    wrong = counts.slice(1).filter(~pl.col("blank") & wrong_count)
    if wrong.height:
        line, fields = wrong.row(0)[:2]
        raise SourceFileError(file, _wrong_count(fields, header), row=line)
    if not text.endswith("\n"):
        line, _, _, last_empty = counts.row(-1)
        if not (published_without_final_newline and last_empty):
            raise SourceFileError(file, f"{UNTERMINATED}: its last row may have been cut short", row=line)


def _wrong_count(fields: int, header: int) -> str:
    counted = f"this row has {fields} fields but the header has {header}"
    if fields < header:
        return f"{counted}: the row is incomplete (was the file cut short?)"
    return f"{counted}: its values would land in the wrong columns"


def _field_counts(text: str, first_line: int, file: str | Path) -> pl.DataFrame:
    """line, fields, blank, last_empty for every record; vectorised unless a quoted field spans lines."""
    lines = pl.DataFrame({"text": text.split("\n")}).with_row_index("line", offset=first_line)
    if lines["text"][-1] == "":
        lines = lines.slice(0, lines.height - 1)  # after the final line break
    bare = pl.col("text").str.strip_suffix("\r").str.replace_all(QUOTED_FIELD, "")
    counted = lines.select(
        pl.col("line").cast(pl.Int64),
        fields=bare.str.count_matches(",", literal=True).cast(pl.Int64) + 1,
        blank=pl.col("text").str.strip_suffix("\r") == "",
        last_empty=bare.str.ends_with(","),
        leftover_quote=bare.str.contains('"', literal=True),
    )
    if not counted["leftover_quote"].any():
        return counted.drop("leftover_quote")
    return pl.DataFrame(
        list(_records(text, first_line, file)),
        schema={"line": pl.Int64, "fields": pl.Int64, "blank": pl.Boolean, "last_empty": pl.Boolean},
        orient="row",
    )


def _records(text: str, first_line: int, file: str | Path) -> Iterator[tuple[int, int, bool, bool]]:
    """(line where the record starts, fields, blank, last field empty), by the exact `csv` module."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = first_line + reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceFileError(file, f"cannot be read as CSV ({exc})", row=start) from exc
        yield start, len(row), not row, bool(row) and row[-1] == ""
