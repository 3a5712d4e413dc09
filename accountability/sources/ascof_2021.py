"""Read the original NHS Digital ASCOF 2020-21 open-data file, the authoritative 2020-21 source.

The file (`meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx`, sheet 'in') is long: one row per area,
measure code, breakdown and Measure Type. Only the 'Total' breakdown is used (every measure has
one; age and sex breakdowns are rejected with a reason). For each (area, measure) the 'Outcome' row
is the value; its 'Numerator', 'Denominator', 'Base' and 'Margin Of Error' rows are joined onto it.
All those rows count as kept: their content is in the output. Councils are keyed by the ONS Code
column (not the CASSR 'Geographical Code'); England, regions and council types become benchmarks.

Margin of error: published for the survey measures (1A, 1B, 1I1, 1J, 3A, 3D1, 4A, 4B) in the
value's own units (percentage points for percentages, score points for 1A and 1J). The file does
not state the confidence level; ASCOF publishes 95% margins, and the published figures agree with
1.96 x the binomial standard error from 'Base' (ratio median 0.97 over the 108 council values
with a base), so it is stored as the 95% margin. For survey measures 'Numerator' and
'Denominator' are weighted estimates (grossed up to the surveyed population), not respondent
counts, and 'Base' is the unweighted number of respondents: it has no column in VALUES_SCHEMA and
is returned as the table `ascof_survey_base` (its source_row is the Outcome row). Survey measures
are "[x]" for most councils and for every benchmark in 2020-21 (the survey was voluntary during
COVID-19): null with a status. Hackney's 2020-21 figures are "[x]" too, though England and London
include its counts (a data test shows this).

This module also holds the small row helpers both ASCOF readers share.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources.ascof_measures import PRE_BREAK_CODES
from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_bytes,
    require_columns,
)
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, conform

FILE_2021 = "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx"
SHEET = "in"
PERIOD = "2020-21"
COLUMNS = [
    "Geographical Code", "Geographical Description", "Geographical Level", "ONS Code",
    "ASCOF Measure Code", "Disaggregation Level", "Measure Type", "Measure Value",
]  # fmt: skip
EXTRAS = {"Numerator": "numerator", "Denominator": "denominator", "Base": "base", "Margin Of Error": "moe"}
KEY = ["Geographical Level", "Geographical Code", "ASCOF Measure Code"]
BASE_SCHEMA: dict[str, pl.DataType] = {
    "area_code": pl.String(), "period": pl.String(), "measure": pl.String(), "base": pl.Float64(),
    "source_file": pl.String(), "source_row": pl.Int64(),
}  # fmt: skip
_SINGULAR = {"metropolitan_districts": "metropolitan_district", "unitary_authorities": "unitary_authority",
             "shire_counties": "shire_county"}  # fmt: skip


def first_failure(rows: pl.DataFrame, file: str | Path, checks: list[tuple[pl.Expr, str, str]]) -> None:
    """Raise for the first (condition, column, problem) any row meets, naming its `_row`."""
    for condition, column, problem in checks:
        bad = rows.filter(condition.fill_null(value=False)).sort("_row")
        if bad.height:
            first = bad.row(0, named=True)
            raise SourceFileError(file, f"'{first.get(column)}': {problem}", column=column, row=first["_row"])


def count_rejections(rows: pl.DataFrame, account: RowAccount) -> pl.DataFrame:
    """Record each non-null `reason` in the account and return the rows without one."""
    counts = rows.filter(pl.col("reason").is_not_null()).group_by("reason").len().sort("reason")
    for reason, n in counts.iter_rows():
        account.reject(reason, n)
    return rows.filter(pl.col("reason").is_null()).drop("reason")


def area_type_expr(level: pl.Expr) -> pl.Expr:
    """Benchmark area type from the lower-cased Geographical Level (null for councils)."""
    mapping = {"england": "england", "region": "region", "council type": "council_type"}
    return level.replace_strict(mapping, default=None, return_dtype=pl.String())


def area_code_expr(level: pl.Expr, ons_code: pl.Expr, name: pl.Expr) -> pl.Expr:
    """ONS code for England and regions; a stable slug such as council_type:shire_county otherwise."""
    slug = name.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_").replace(_SINGULAR)
    return pl.when(level == "council type").then(pl.lit("council_type:") + slug).otherwise(ons_code)


def _load(path: Path) -> pl.DataFrame:
    raw = read_bytes(path)
    try:
        sheet = fastexcel.read_excel(raw).load_sheet_by_name(SHEET, dtypes="string")
    except Exception as exc:  # fastexcel raises its own error types for unreadable files and sheets
        raise SourceFileError(path, f"cannot read sheet '{SHEET}': {exc}") from exc
    frame = sheet.to_polars()
    if frame.height == 0:
        raise SourceFileError(path, f"sheet '{SHEET}' has no data rows")
    require_columns(frame, COLUMNS, path)
    return frame.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))


def _check_rows(rows: pl.DataFrame, path: Path) -> None:
    level, code = pl.col("level"), pl.col("ONS Code").fill_null("")
    first_failure(rows, path, [
        (~level.is_in(["council", "region", "england", "council type"]), "Geographical Level", "unknown level"),
        (~pl.col("Measure Type").is_in(["Outcome", *EXTRAS]), "Measure Type", "unknown measure type"),
        ((level == "council") & ~code.str.contains(COUNCIL_CODE), "ONS Code", "not a council ONS code"),
        ((level == "region") & ~code.str.contains(r"^E12\d{6}$"), "ONS Code", "not a region ONS code"),
        ((level == "england") & (code != ENGLAND_CODE), "ONS Code", "not England's ONS code"),
        (~pl.col("ASCOF Measure Code").is_in(list(PRE_BREAK_CODES)), "ASCOF Measure Code", "unknown code"),
    ])  # fmt: skip


def _joined(rows: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Outcome rows with their numerator, denominator, base and margin of error alongside."""
    outcome = rows.filter(pl.col("Measure Type") == "Outcome")
    extras = rows.filter(pl.col("Measure Type") != "Outcome")
    orphans = extras.join(outcome, on=KEY, how="anti")
    first_failure(orphans, path, [(pl.lit(True), "Measure Type", "row has no matching Outcome row")])
    for measure_type, name in EXTRAS.items():
        part = extras.filter(pl.col("Measure Type") == measure_type).select(*KEY, pl.col("value").alias(name))
        outcome = outcome.join(part, on=KEY, how="left", maintain_order="left")
    return outcome


def read_2020_21(path: Path) -> SourceOutput:
    """Council values and England/region/council-type benchmarks for 2020-21, with counts and MoE."""
    raw = _load(path)
    account = RowAccount(path.name, read=raw.height)
    rows = raw.with_columns(
        level=pl.col("Geographical Level").str.strip_chars().str.to_lowercase().fill_null(""),
        reason=pl.when(pl.col("Disaggregation Level").ne_missing("Total")).then(
            pl.lit("breakdown not used: ") + pl.col("Disaggregation Level").fill_null("blank")
        ),
    )
    rows = count_rejections(rows, account)
    account.kept = rows.height
    _check_rows(rows, path)
    check_unique(rows, [*KEY, "Measure Type"], path)
    rows = _joined(numeric_with_status(rows, "Measure Value", path), path).with_columns(
        period=pl.lit(PERIOD),
        measure=pl.col("ASCOF Measure Code").replace_strict(PRE_BREAK_CODES),
        source_file=pl.lit(path.name),
        source_row=pl.col("_row"),
        area_type=area_type_expr(pl.col("level")),
        area_code=area_code_expr(pl.col("level"), pl.col("ONS Code"), pl.col("Geographical Description")),
        area_name=pl.col("Geographical Description"),
    )
    empty = rows.filter(pl.col("value").is_null()).group_by("status").len().sort("status")
    for status, n in empty.iter_rows():
        account.missing(f"outcome published as a marker: {status}", n)
    councils = rows.filter(pl.col("level") == "council").with_columns(code=pl.col("ONS Code"))
    values = conform(councils, VALUES_SCHEMA).sort("code", "measure")
    benchmarks = conform(rows.filter(pl.col("level") != "council"), BENCHMARKS_SCHEMA)
    base = conform(rows.filter(pl.col("base").is_not_null()), BASE_SCHEMA)
    return SourceOutput(
        values,
        benchmarks.sort("area_type", "area_code", "measure"),
        [account],
        {"ascof_survey_base": base.sort("area_code", "measure")},
    )
