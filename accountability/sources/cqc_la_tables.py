"""The two tables of the CQC council-assessment compilation, as frames: found by their headings, checked cell by cell.

- `league_rows`: cqc_league_tables.html, the table headed "Rank", "Authority Name", ... "QS9 ...", "Date":
  name, CQC report link, overall rating (as published and as a code), nine scores 1-4, month of report;
- `second_rows`: cqc_comprehensive_report_*.html, the table headed "authority_name", "overall_rating",
  "qs1_..." ... "qs9_...": the same ratings written as words.
Ratings become codes (outstanding, good, requires_improvement, inadequate); "Not Rated" is null. Any other
word, a score outside 1-4 or an unreadable month stops with the file, column and line. `_row` is the line
of the row's `<tr>` in the file. This module does not match councils or compare the two tables.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl

from accountability.sources.base import RowAccount, SourceFileError
from accountability.sources.html_tables import Row, read_tables

LEAGUE = "cqc_league_tables.html"
SECOND = "cqc_comprehensive_report_20251003_1541.html"
WORDS = {"outstanding": "outstanding", "good": "good", "requires improvement": "requires_improvement",
         "inadequate": "inadequate", "not rated": None}  # fmt: skip
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], start=1)}  # fmt: skip


def _text(path: Path) -> str:
    if not path.exists():
        raise SourceFileError(path, f"file not found in {path.parent}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceFileError(path, f"not valid utf-8 text (byte {exc.start})") from exc


def _table(path: Path, wanted: list[str]) -> tuple[list[str], list[Row]]:
    """Header cells and data rows of the first table whose header row starts with the `wanted` cells."""
    for table in read_tables(_text(path)):
        heads = [r for r in table if r.header]
        if heads and heads[0].cells[: len(wanted)] == wanted:
            return heads[0].cells, [r for r in table if not r.header and r.cells]
    raise SourceFileError(path, f"no table headed {wanted}: has the page changed?")


def _column(header: list[str], label: str, path: Path) -> int:
    """Index of the heading equal to `label` or starting with `label` and a space ('QS1 Assess')."""
    for i, cell in enumerate(header):
        if cell == label or cell.startswith(f"{label} ") or cell.startswith(f"{label}_"):
            return i
    raise SourceFileError(path, "required column is missing from the table's header", column=label)


def rating(word: str, path: Path, column: str, line: int) -> str | None:
    key = " ".join(word.lower().split())
    if key not in WORDS:
        raise SourceFileError(path, f"'{word}' is not a CQC rating", column=column, row=line)
    return WORDS[key]


def _score(cell: str, path: Path, column: str, line: int) -> int:
    if cell not in {"1", "2", "3", "4"}:
        raise SourceFileError(path, f"'{cell}' is not a quality-statement score (1 to 4)", column=column, row=line)
    return int(cell)


def _month(cell: str, path: Path, line: int) -> date:
    match = re.fullmatch(r"([A-Za-z]+) (\d{4})", cell.strip())
    if not match or match.group(1).lower() not in MONTHS:
        raise SourceFileError(path, f"'{cell}' is not a month like 'February 2025'", column="Date", row=line)
    return date(int(match.group(2)), MONTHS[match.group(1).lower()], 1)


def league_rows(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    header, rows = _table(path, ["Rank", "Authority Name"])
    at = {label: _column(header, label, path) for label in ["Authority Name", "Overall", "Date"]}
    qs = [_column(header, f"QS{i}", path) for i in range(1, 10)]
    records = []
    for row in rows:
        overall = row.cells[at["Overall"]]
        record: dict[str, object] = {
            "_row": row.line, "name": row.cells[at["Authority Name"]], "report_url": row.links[at["Authority Name"]],
            "overall_as_published": overall, "overall": rating(overall, path, "Overall", row.line),
            "assessed": _month(row.cells[at["Date"]], path, row.line),
        }  # fmt: skip
        record |= {f"qs{i}": _score(row.cells[c], path, header[c], row.line) for i, c in enumerate(qs, start=1)}
        records.append(record)
    accounts.append(RowAccount(path.name, read=len(rows), kept=len(records)))
    frame = pl.DataFrame(records, schema_overrides={f"qs{i}": pl.Int8 for i in range(1, 10)})
    return _unique_names(frame, path).with_columns(source_file=pl.lit(path.name))


def second_rows(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    header, rows = _table(path, ["authority_name", "overall_rating"])
    qs = [_column(header, f"qs{i}", path) for i in range(1, 10)]
    records = []
    for row in rows:
        record: dict[str, object] = {"_row_2": row.line, "name": row.cells[0]}
        record["overall_2"] = rating(row.cells[1], path, "overall_rating", row.line)
        record |= {f"qs{i}_2": rating(row.cells[c], path, header[c], row.line) for i, c in enumerate(qs, start=1)}
        records.append(record)
    accounts.append(RowAccount(path.name, read=len(rows), kept=len(records)))
    return _unique_names(pl.DataFrame(records, infer_schema_length=None).rename({"_row_2": "_row"}), path).rename(
        {"_row": "_row_2"}
    )


def _unique_names(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    dupes = frame.filter(pl.col("name").is_duplicated())
    if dupes.height:
        raise SourceFileError(path, f"'{dupes['name'][0]}' is listed twice", row=int(dupes["_row"][1]))
    return frame
