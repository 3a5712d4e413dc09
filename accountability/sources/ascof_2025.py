"""Read the ASCOF 2024-25 workbook (`ascof-2024-25/ascof_2024_25.ods`): every table sheet, one record
per area and year.

Each table sheet (see `ascof_2025_sheets`) has a header row starting "Local authority code", then
rows for England, council types, regions and councils (including councils abolished since, for the
years they existed), and per year the fields "margin of error / number of respondents / outcome"
(survey tables) or "numerator / denominator / outcome". A record is one area's outcome in one year
with its companion cells; the row accounting (one account per sheet, "<file> (<sheet>)") counts
records. Councils are matched on the ONS area code column, never on the CASSR code or the name.

Rules, each tested:
- markers are null values with their status, and a withheld outcome keeps no counts (4B prints them
  where the numerator exceeds the denominator: note 16); a survey outcome published as 0 with 0
  respondents (1B in 2019-20 for five councils) is not available, not zero;
- a year in which every row is "[z]" (the biennial carers' survey's off years) is not used;
- council-type rows have no ONS code ("[z]") and become `council_type:*` benchmarks; the 6A row
  "Cornwall and Isles of Scilly" (no code) is Cornwall's, as the publisher's note 17 says its
  Cornwall figure includes the Isles of Scilly;
- tables 4B, 6A and 6B label CASSR 809 "Dorset County" with the county's code E10000009 (abolished
  in 2019): in 2023-24 and 2024-25 that row can only be Dorset Council, so it is read as E06000059
  (`ascof_2025_rows` says how this is decided);
- figures printed under a new council's code before it existed go to its sole predecessor
  (`harmonise.to_predecessor`), and an abolished council's row that only repeats its successor's
  figures (Dorset County in the 2024-25 survey columns) is not used.
Survey measures keep the published margin of error (95%) and the number of respondents (returned as
the `ascof_survey_base` table); CLD tables are flagged `in_development`. No intervals or benchmarks
are computed here.
"""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import polars as pl

from accountability.sources.ascof_2021 import BASE_SCHEMA, COUNCIL_CODE, area_code_expr, area_type_expr
from accountability.sources.ascof_2025_cells import parse_cells
from accountability.sources.ascof_2025_measures import BREAKS, MEASURES
from accountability.sources.ascof_2025_rows import drop_repeats_of_successors, rekey_abolished_rows, use_combined_rows
from accountability.sources.ascof_2025_sheets import FIELDS, FOLDER, SHEETS, WORKBOOK, Sheet
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique, require_columns
from accountability.sources.harmonise import to_predecessor
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, Status, conform

__all__ = ["BREAKS", "MEASURES", "read", "read_sheet"]

ID_COLUMNS = ["Local authority code", "Local authority", "ONS area code"]
TYPE_CODES = {"S", "U", "M", "I", "O", "D"}  # council-type rows: shire counties ... districts
COMBINED = {"Cornwall and Isles of Scilly": "E06000052"}  # rows with no code that are one council's
YEAR_COLUMN = re.compile(r"^(\d{4}) to (\d{4}) - (.+)$")
COMPANIONS = {"margin of error": "moe", "number of respondents": "respondents", "numerator": "numerator",
              "denominator": "denominator"}  # fmt: skip
FRAMEWORK = "ASCOF 2024-25 data tables"
NO_RESPONDENTS = "outcome published as 0 with no respondents: not available"
OFF_YEAR = "no figure for any area this year ([z] in every row: the survey did not run)"


def read(raw_dir: Path) -> SourceOutput:
    """Council values, published benchmarks and survey respondents from every table sheet."""
    path = raw_dir / FOLDER / WORKBOOK
    book = _open(path)
    results = [read_sheet(book, path, sheet) for sheet in SHEETS]
    accounts = {a.file: a for _, a in results}
    records = rekey_abolished_rows(pl.concat([r for r, _ in results], how="diagonal_relaxed"))
    records = drop_repeats_of_successors(to_predecessor(records, "code"), accounts)
    records = use_combined_rows(records, list(COMBINED), accounts)
    check_unique(records, ["level", "code", "period", "measure"], path)
    councils = records.filter(pl.col("level") == "council")
    areas = records.filter(pl.col("level") != "council").with_columns(
        area_type=area_type_expr(pl.col("level")), area_code=pl.col("code")
    )
    base = records.filter(pl.col("respondents").is_not_null()).with_columns(base="respondents", area_code="code")
    tables = {"ascof_survey_base": conform(base, BASE_SCHEMA).sort("area_code", "period", "measure")}
    return SourceOutput(
        conform(councils, VALUES_SCHEMA).sort("code", "period", "measure"),
        conform(areas, BENCHMARKS_SCHEMA).sort("area_type", "area_code", "period", "measure"),
        list(accounts.values()),
        tables | {"ascof_codes": _codes(records)},
    )


def _codes(records: pl.DataFrame) -> pl.DataFrame:
    """The publisher's 2024-25 code and table title for each measure, with the years the workbook covers."""
    codes = {sheet.measure: sheet.code for sheet in SHEETS}
    return (
        records.group_by("measure")
        .agg(first_period=pl.col("period").min(), last_period=pl.col("period").max(), title=pl.col("_title").first())
        .select(
            "measure",
            framework=pl.lit(FRAMEWORK),
            code=pl.col("measure").replace_strict(codes),
            first_period="first_period",
            last_period="last_period",
            published_description="title",
        )
        .sort("measure")
    )


def _open(path: Path) -> fastexcel.ExcelReader:
    if not path.exists():
        raise SourceFileError(path, f"file not found in {path.parent}")
    try:
        return fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own error types for unreadable files
        raise SourceFileError(path, f"not readable as a spreadsheet: {exc}") from exc


def read_sheet(book: fastexcel.ExcelReader, path: Path, sheet: Sheet) -> tuple[pl.DataFrame, RowAccount]:
    """One sheet's records (level, code, area_name, period, measure, value, status, companions)."""
    file = f"{path.name} ({sheet.name})"
    if sheet.name not in book.sheet_names:
        raise SourceFileError(path, f"sheet '{sheet.name}' not found (sheets: {', '.join(book.sheet_names)})")
    raw = book.load_sheet_by_name(sheet.name, header_row=None, dtypes="string").to_polars()
    body = _body(raw, file)
    columns = _year_columns(body.columns, sheet, file)
    title = re.sub(r"\s*\[note \d+\]", "", str(raw.item(0, 0))).strip() if raw.height else ""
    records = _records(_levels(body, file), sheet, columns, file).with_columns(_title=pl.lit(title))
    account = RowAccount(file, read=records.height)
    records = _off_years(records, account)
    account.kept = records.height
    missing = records.filter(pl.col("value").is_null()).group_by("reason").len().sort("reason")
    for reason, n in missing.iter_rows():
        account.missing(reason, n)
    return records.drop("reason"), account


def _body(raw: pl.DataFrame, file: str) -> pl.DataFrame:
    """The rows below the header row, named by it, with `_row` (1-based row in the sheet)."""
    first = raw.get_column(raw.columns[0]).head(15).to_list() if raw.width else []
    if "Local authority code" not in first:
        raise SourceFileError(file, "no header row starting 'Local authority code' in the first 15 rows")
    at = first.index("Local authority code")
    names = [str(c).strip() if c is not None else "" for c in raw.row(at)]
    if "" in names or len(set(names)) != len(names):
        raise SourceFileError(file, f"header row {at + 1} has a blank or repeated column name", row=at + 1)
    body = raw.slice(at + 1).rename(dict(zip(raw.columns, names, strict=True)))
    require_columns(body, ID_COLUMNS, file)
    body = body.with_row_index("_row", offset=at + 2).with_columns(pl.col("_row").cast(pl.Int64))
    return body.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in names))


def _year_columns(columns: list[str], sheet: Sheet, file: str) -> dict[str, tuple[str, str]]:
    """column -> (period, field) for the fields used; every year must have all of the kind's fields."""
    expected = {sheet.prefix + f: f for f in FIELDS[sheet.kind]}
    used: dict[str, tuple[str, str]] = {}
    for column in (c for c in columns if c not in ID_COLUMNS and c != "_row"):
        found = YEAR_COLUMN.match(column)
        start, end, field = found.groups() if found else ("", "", "")
        if not found or int(end) != int(start) + 1 or field not in {*expected, *sheet.unused}:
            raise SourceFileError(file, "not a '<year> to <year> - <field>' column of this table", column=column)
        if field in expected:
            used[column] = (f"{start}-{end[2:]}", expected[field])
    periods = {p for p, _ in used.values()}
    incomplete = sorted(p for p in periods if len([f for q, f in used.values() if q == p]) != len(expected))
    if not periods or incomplete:
        raise SourceFileError(file, f"years without all of {list(FIELDS[sheet.kind])}: {incomplete or 'no years'}")
    return used


def _levels(body: pl.DataFrame, file: str) -> pl.DataFrame:
    """Add level (england / region / council type / council), code and area_name; unknown rows raise."""
    la, name, ons = (pl.col(c).fill_null("").str.strip_chars() for c in ID_COLUMNS)
    level = (
        pl.when(ons == ENGLAND_CODE).then(pl.lit("england"))
        .when(ons.str.contains(r"^E12\d{6}$")).then(pl.lit("region"))
        .when(ons.str.contains(COUNCIL_CODE) | ((ons == "[z]") & name.is_in(list(COMBINED)))).then(pl.lit("council"))
        .when((ons == "[z]") & la.is_in(list(TYPE_CODES))).then(pl.lit("council type"))
    )  # fmt: skip
    body = body.with_columns(level=level, area_name=name, la_code=la)
    unknown = body.filter(pl.col("level").is_null())
    if unknown.height:
        first = unknown.row(0, named=True)
        where = f"'{first['ONS area code']}' ({first['Local authority']})"
        problem = f"{where} is not England, a region, a council or a council type"
        raise SourceFileError(file, problem, column="ONS area code", row=first["_row"])
    code = pl.when(ons == "[z]").then(name.replace_strict(COMBINED, default=None)).otherwise(ons)
    return body.with_columns(code=area_code_expr(pl.col("level"), code, name))


def _records(body: pl.DataFrame, sheet: Sheet, columns: dict[str, tuple[str, str]], file: str) -> pl.DataFrame:
    """One record per area and year: the parsed outcome, its companions, and why a value is missing."""
    ids = ["_row", "level", "code", "area_name", "la_code"]
    cells = body.select(*ids, *columns).unpivot(index=ids, variable_name="column", value_name="text")
    cells = parse_cells(cells, file).with_columns(
        period=pl.col("column").replace_strict({c: p for c, (p, _) in columns.items()}),
        field=pl.col("column").replace_strict({c: f for c, (_, f) in columns.items()}),
    )
    is_outcome = pl.col("field") == "outcome"
    extra = {name: pl.col("value").filter(pl.col("field") == field).first() for field, name in COMPANIONS.items()}
    out = cells.group_by(*ids, "period").agg(
        value=pl.col("value").filter(is_outcome).first(), status=pl.col("status").filter(is_outcome).first(), **extra
    )
    no_one = pl.col("respondents").eq(0).fill_null(False)
    reason = (
        pl.when(no_one).then(pl.lit(NO_RESPONDENTS)).otherwise(pl.format("outcome published as a marker: {}", "status"))
    )
    # Counts beside a withheld outcome are not kept: table 4B prints them for councils whose outcome
    # it withholds because the numerator exceeds the denominator (its note 16).
    withheld = pl.col("value").is_null()
    return out.sort("period", "_row").with_columns(
        numerator=pl.when(withheld).then(None).otherwise("numerator"),
        denominator=pl.when(withheld).then(None).otherwise("denominator"),
        value=pl.when(no_one).then(None).otherwise("value"),
        status=pl.when(no_one).then(pl.lit("not_available")).otherwise("status").cast(Status),
        moe=pl.when(no_one).then(None).otherwise("moe"),
        reason=reason, measure=pl.lit(sheet.measure), in_development=pl.lit(sheet.in_development),
        source_file=pl.lit(file), source_row=pl.col("_row"),
    )  # fmt: skip


def _off_years(records: pl.DataFrame, account: RowAccount) -> pl.DataFrame:
    """Drop a year in which no row has anything but "[z]" (no survey that year)."""
    off = pl.col("status").eq("not_applicable").all().over("period")
    account.reject(OFF_YEAR, records.filter(off).height)
    return records.filter(~off)
