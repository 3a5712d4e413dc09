"""Read Ofsted's "Local authority inspection outcomes" (ILACS judgements) into an `inspections` table.

What it does: reads two sheets of LA_Inspection_Outcomes_as_at_31_March_2025.ods (header on row 3):
ILACS_inspection_history (one row per ILACS inspection since 2018, standard and short) and
Inspections_as_at_31_March (each council's judgement in force at 31 March). Every history row
becomes one row of `inspections`; `is_latest` marks the inspection whose judgement the
as-at-31-March sheet shows (matched on code and inspection date, and checked to carry the same grades).

The judgements (Ofsted's four-point scale: Outstanding, Good, Requires improvement to be good,
Inadequate; "Inadequate" is failure):
- overall_effectiveness: the overall effectiveness of the council's children's services;
- leaders: "The impact of leaders on social work practice with children and families";
- help_and_protection: "The experiences and progress of children who need help and protection";
- children_in_care: "The experiences and progress of children in care". For inspections before
  1 January 2023 this is the old combined judgement on children in care *and care leavers*;
- care_leavers: "The experiences and progress of care leavers", a separate judgement only since
  1 January 2023, so null for earlier inspections.

What it does not do: read the In-year_inspections sheet (its ILACS inspections are all in the
history sheet; its focused and monitoring visits carry no judgements), or map codes: the sheets
publish ONS codes, which are checked, not changed. Ofsted publishes one "Inspection date" (taken as
the start of the inspection) and no end date, so `inspection_end` is null.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    read_bytes,
    require_columns,
)
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

FOLDER = "childrens-social-care"
FILE = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
HISTORY, LATEST = "ILACS_inspection_history", "Inspections_as_at_31_March"
HEADER_ROW = 2  # 0-based: the header is on spreadsheet row 3, so data starts on row 4
GRADES = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
GRADE_ALIASES = {"Requires improvement": "Requires improvement to be good"}  # older Ofsted wording
Grade = pl.Enum(GRADES)
JUDGEMENTS = {
    "Overall effectiveness": "overall_effectiveness",
    "The impact of leaders on social work practice with children and families": "leaders",
    "The experiences and progress of children who need help and protection": "help_and_protection",
    "The experiences and progress of children in care": "children_in_care",
    "The experiences and progress of care leavers": "care_leavers",
}
COLUMNS = {
    "Local authority area code": "code",
    "Local authority name": "la_name",
    "Inspection date": "inspection_start",
    "Publication date": "published",
    **JUDGEMENTS,
}
RENAME = {**COLUMNS, "Inspection type": "inspection_type"}  # the type is on the history sheet only
INSPECTIONS_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "la_name": pl.String(),
    "framework": pl.String(),
    "inspection_type": pl.String(),
    "inspection_start": pl.Date(),
    "inspection_end": pl.Date(),
    "published": pl.Date(),
    **dict.fromkeys(JUDGEMENTS.values(), Grade),
    "is_latest": pl.Boolean(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    """The `inspections` table (values and benchmarks are empty: judgements are not measures)."""
    path = raw_dir / FOLDER / FILE
    workbook = _open(path)
    history, history_account = _sheet(workbook, HISTORY, path, [*COLUMNS, "Inspection type"])
    latest, latest_account = _sheet(workbook, LATEST, path, list(COLUMNS))
    history = history.with_columns(_framework(history, path))
    check_unique(history, ["code", "inspection_start"], f"{path.name} ({HISTORY})")
    check_unique(latest, ["code"], f"{path.name} ({LATEST})")
    inspections = _mark_latest(history, latest, path)
    return SourceOutput(
        values=empty(VALUES_SCHEMA),
        benchmarks=empty(BENCHMARKS_SCHEMA),
        accounts=[history_account, latest_account],
        tables={"inspections": conform(inspections, INSPECTIONS_SCHEMA).sort("code", "inspection_start")},
    )


def _open(path: Path) -> fastexcel.ExcelReader:
    raw = read_bytes(path)
    try:
        return fastexcel.read_excel(raw)
    except fastexcel.FastExcelError as exc:
        raise SourceFileError(path, f"cannot be opened as a spreadsheet ({type(exc).__name__})") from exc


def _sheet(
    workbook: fastexcel.ExcelReader, sheet: str, path: Path, required: list[str]
) -> tuple[pl.DataFrame, RowAccount]:
    """One sheet as text with `_row` (spreadsheet row), columns renamed, blank rows rejected."""
    if sheet not in workbook.sheet_names:
        raise SourceFileError(path, f"sheet '{sheet}' is missing (found {workbook.sheet_names})")
    frame = workbook.load_sheet_by_name(sheet, header_row=HEADER_ROW, dtypes="string").to_polars()
    frame = frame.rename({c: c.strip() for c in frame.columns})
    require_columns(frame, required, f"{path.name} (sheet {sheet})")
    frame = frame.with_row_index("_row", offset=HEADER_ROW + 2).with_columns(pl.col("_row").cast(pl.Int64))
    frame = frame.select("_row", *[pl.col(c).str.strip_chars() for c in required]).rename(RENAME, strict=False)
    account = RowAccount(f"{path.name} ({sheet})", read=frame.height)
    blank = pl.all_horizontal(pl.col(c).is_null() for c in frame.columns if c != "_row")
    account.reject("blank row", frame.filter(blank).height)
    frame = frame.filter(~blank)
    account.kept = frame.height
    if frame.height == 0:
        raise SourceFileError(path, f"sheet '{sheet}' has a header but no data rows")
    return _typed(frame, sheet, path), account


def _typed(frame: pl.DataFrame, sheet: str, path: Path) -> pl.DataFrame:
    """Check codes, dates and grades, and give them their types; anything unknown is an error."""
    _fail_where(
        frame,
        ~pl.col("code").fill_null("").str.contains(COUNCIL_CODE),
        "code",
        sheet,
        path,
        "is not an ONS council code (E06/E08/E09/E10)",
    )
    dates = {c: _date(c) for c in ("inspection_start", "published")}
    for column, parsed in dates.items():
        _fail_where(frame, pl.col(column).is_not_null() & parsed.is_null(), column, sheet, path, "is not a date")
    _fail_where(frame, pl.col("inspection_start").is_null(), "inspection_start", sheet, path, "is empty")
    grades = {c: pl.col(c).replace(GRADE_ALIASES) for c in JUDGEMENTS.values()}
    for column, grade in grades.items():
        _fail_where(
            frame,
            grade.is_not_null() & ~grade.is_in(GRADES),
            column,
            sheet,
            path,
            f"is not a known Ofsted grade {GRADES}",
        )
    _fail_where(frame, pl.col("overall_effectiveness").is_null(), "overall_effectiveness", sheet, path, "is empty")
    return frame.with_columns(**dates, **{c: g.cast(Grade) for c, g in grades.items()})


def _date(column: str) -> pl.Expr:
    """Spreadsheet dates arrive as ISO text ('2024-06-10T00:00:00'); typed-in dates as dd/mm/yyyy."""
    text = pl.col(column)
    iso = text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    return pl.coalesce(iso, text.str.to_date("%d/%m/%Y", strict=False))


def _fail_where(frame: pl.DataFrame, bad: pl.Expr, column: str, sheet: str, path: Path, problem: str) -> None:
    wrong = frame.filter(bad)
    if wrong.height:
        first = wrong.row(0, named=True)
        header = {v: k for k, v in RENAME.items()}.get(column, column)
        raise SourceFileError(path, f"sheet '{sheet}': '{first[column]}' {problem}", column=header, row=first["_row"])


def _framework(history: pl.DataFrame, path: Path) -> pl.Expr:
    """The history sheet holds ILACS inspections only: any other type would change the grades' meaning."""
    not_ilacs = ~pl.col("inspection_type").fill_null("").str.starts_with("ILACS ")
    _fail_where(history, not_ilacs, "inspection_type", HISTORY, path, "is not an ILACS inspection type")
    return pl.lit("ILACS").alias("framework")


def _mark_latest(history: pl.DataFrame, latest: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Flag the history row each council's as-at-31-March judgement comes from; they must agree."""
    compared = ["code", "inspection_start", "published", *JUDGEMENTS.values()]
    shown = latest.select(*compared, "_row").rename(lambda c: c if c in ("code", "inspection_start") else f"{c}_l")
    joined = history.join(shown, on=["code", "inspection_start"], how="left")
    unmatched = latest.join(history, on=["code", "inspection_start"], how="anti")
    _fail_where(unmatched, pl.lit(True), "code", LATEST, path, "has no inspection on that date in the history sheet")
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_l")) for c in compared[2:])
    _fail_where(
        joined.filter(pl.col("_row_l").is_not_null()).with_columns(_row=pl.col("_row_l")),
        differs,
        "code",
        LATEST,
        path,
        "shows judgements that differ from the history sheet",
    )
    return joined.with_columns(
        is_latest=pl.col("_row_l").is_not_null(),
        source_file=pl.lit(path.name),
        source_row=pl.col("_row"),
    )
