"""Read the DfE children's social care CSVs (Explore Education Statistics files) into tidy frames.

What it does: reads the seven files named in `dfe_measures.FILES` exactly as published, takes the
rows and columns each measure uses, and returns council values (code = `new_la_code`) and the
published England and region rows as benchmarks. Periods: `time_period` 2025 of a year ending 31
March is "2024-25"; the workforce census (at 30 September) keeps its own year, "2025".

What it does not do: derive rates the files do not publish, map or merge council codes across the
2019-2023 reorganisations (codes are kept as published; e.g. North Yorkshire is E10000023 up to 2023
in the children in need files but E06000065 for every year in the looked-after files), or compute
intervals. Rows it does not use are rejected with a reason: other breakdowns, "Total children" rows
(used as denominators), Inner/Outer London (E13) rows, and the workforce file's joint returns
("E06000061 / E06000062" North and West Northamptonshire, "E09000021 / E09000027" Kingston upon
Thames and Richmond upon Thames), which name no single council.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources.base import (
    MARKER_STATUS,
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_csv_text,
)
from accountability.sources.dfe_measures import FILES, MEASURES, FileSpec, Pick
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, Status, conform

__all__ = ["FILES", "FOLDER", "MEASURES", "read", "read_file"]

FOLDER = "childrens-social-care"
BASE_COLUMNS = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]
GEO_COLUMNS = ["region_code", "region_name", "new_la_code", "la_name"]
KEYS = ["time_period", "_level", "_code"]
LEVELS = {"National": "england", "Regional": "region", "Local authority": "council"}


def read(raw_dir: Path) -> SourceOutput:
    """Read every DfE file in `raw_dir/childrens-social-care` into one `SourceOutput`."""
    results = [read_file(raw_dir / FOLDER / spec.file, spec) for spec in FILES]
    rows = pl.concat([frame for frame, _ in results])
    council = rows.filter(pl.col("_level") == "council").rename({"_code": "code"})
    areas = rows.filter(pl.col("_level") != "council")
    areas = areas.rename({"_level": "area_type", "_code": "area_code", "_name": "area_name"})
    return SourceOutput(
        values=conform(council, VALUES_SCHEMA).sort("measure", "code", "period"),
        benchmarks=conform(areas, BENCHMARKS_SCHEMA).sort("measure", "area_type", "area_code", "period"),
        accounts=[account for _, account in results],
    )


def read_file(path: Path, spec: FileSpec) -> tuple[pl.DataFrame, RowAccount]:
    """One file's measure rows (long, with `_level`, `_code`, `_name`) and its row account."""
    frame = read_csv_text(path, _required(spec))
    account = RowAccount(path.name, read=frame.height)
    frame = _check_periods(frame, path).pipe(_geography, path)
    frame = frame.with_columns(_reject=pl.coalesce(pl.col("_geo_reject"), _breakdown_reason(spec)))
    for reason, n in frame.group_by("_reject").len().drop_nulls().iter_rows():
        account.reject(reason, n)
    account.kept = frame.filter(pl.col("_reject").is_null()).height
    usable = frame.filter(pl.col("_geo_reject").is_null()).with_columns(_period(spec))
    long = pl.concat([_pick_rows(usable, pick, spec, path) for pick in spec.picks])
    check_unique(long.rename({"source_row": "_row"}), ["measure", "period", "_level", "_code"], path)
    missing = long.filter(pl.col("status") != "published").group_by("measure", "status").len()
    for measure, status, n in missing.sort("measure", "status").iter_rows():
        account.missing(f"{measure}: {status}", n)
    return long, account


def _required(spec: FileSpec) -> list[str]:
    columns = [*BASE_COLUMNS, *(GEO_COLUMNS if spec.geography else []), *spec.breakdown]
    for pick in spec.picks:
        columns += [c for c in (pick.value, pick.numerator, pick.denominator) if c is not None]
    return list(dict.fromkeys(columns))


def _check_periods(frame: pl.DataFrame, file: Path) -> pl.DataFrame:
    """`time_period` must be a year and `time_identifier` 'Reporting year', or the period is unknown."""
    checks = {
        "time_period": ~pl.col("time_period").fill_null("").str.contains(r"^\d{4}$"),
        "time_identifier": pl.col("time_identifier").fill_null("") != "Reporting year",
    }
    for column, bad in checks.items():
        wrong = frame.filter(bad)
        if wrong.height:
            first = wrong.row(0, named=True)
            problem = f"'{first[column]}' is not a 4-digit reporting year ('Reporting year' rows only)"
            raise SourceFileError(file, problem, column=column, row=first["_row"])
    return frame


def _geography(frame: pl.DataFrame, file: Path) -> pl.DataFrame:
    """Add `_level` (council / region / england), `_code`, `_name` and `_geo_reject` (why not used)."""
    frame = frame.with_columns(pl.lit(None, pl.String).alias(c) for c in GEO_COLUMNS if c not in frame.columns)
    level, la, region = pl.col("geographic_level"), pl.col("new_la_code"), pl.col("region_code")
    is_la, is_region = level == "Local authority", level == "Regional"
    joint = is_la & la.str.contains(" / ", literal=True)
    _raise_unknown_codes(frame, file, is_la & ~joint & ~la.str.contains(COUNCIL_CODE), "new_la_code")
    _raise_unknown_codes(frame, file, is_region & ~region.str.contains(r"^E1[23]\d{6}$"), "region_code")
    _raise_unknown_codes(frame, file, (level == "National") & (pl.col("country_code") != ENGLAND_CODE), "country_code")
    reject = (
        pl.when(~level.is_in(list(LEVELS)))
        .then(pl.format("geographic level not used: {}", level))
        .when(is_region & region.str.starts_with("E13"))
        .then(pl.lit("breakdown not used: Inner or Outer London (E13 sub-region)"))
        .when(joint)
        .then(pl.format("joint return for more than one council, no single code: {}", la))
    )
    return frame.with_columns(
        _level=level.replace_strict(LEVELS, default=None),
        _code=pl.when(level == "National").then("country_code").when(is_region).then(region).otherwise(la),
        _name=pl.when(level == "National")
        .then("country_name")
        .when(is_region)
        .then("region_name")
        .otherwise("la_name"),
        _geo_reject=reject,
    )


def _raise_unknown_codes(frame: pl.DataFrame, file: Path, bad: pl.Expr, column: str) -> None:
    wrong = frame.filter(bad.fill_null(True))
    if wrong.height:
        first = wrong.row(0, named=True)
        raise SourceFileError(file, f"'{first[column]}' is not a known ONS code here", column=column, row=first["_row"])


def _where(where: tuple[tuple[str, str], ...]) -> pl.Expr:
    return pl.all_horizontal(pl.lit(True), *[pl.col(c) == v for c, v in where])


def _breakdown_reason(spec: FileSpec) -> pl.Expr:
    """Null for a row some measure uses; otherwise why not, naming the first breakdown value unused."""
    used = pl.any_horizontal(pl.lit(False), *[_where(p.where) for p in spec.picks])
    as_total = pl.any_horizontal(
        pl.lit(False), *[_where(p.denominator_where) for p in spec.picks if p.denominator_where]
    )
    whole = (
        pl.concat_str([pl.col(c) for c in spec.breakdown], separator=" / ") if spec.breakdown else (pl.lit("all rows"))
    )
    unused = [
        pl.when(~pl.col(c).is_in(_values_used(spec, c))).then(pl.format(f"{c} '{{}}'", pl.col(c)))
        for c in spec.breakdown
    ]
    return (
        pl.when(used)
        .then(None)
        .when(as_total)
        .then(pl.format("denominator row (joined to its measure row): {}", whole))
        .otherwise(pl.format("breakdown not used: {}", pl.coalesce(*unused, whole)))
    )


def _values_used(spec: FileSpec, column: str) -> list[str]:
    pairs = [pair for p in spec.picks for pair in (*p.where, *p.denominator_where)]
    return sorted({value for c, value in pairs if c == column})


def _period(spec: FileSpec) -> pl.Expr:
    if spec.period == "reporting_year":
        return pl.col("time_period").alias("period")
    year = pl.col("time_period").cast(pl.Int32)
    short = (year % 100).cast(pl.String).str.zfill(2)
    return pl.concat_str([(year - 1).cast(pl.String), pl.lit("-"), short]).alias("period")


def _pick_rows(usable: pl.DataFrame, pick: Pick, spec: FileSpec, file: Path) -> pl.DataFrame:
    """The rows of one measure: value, status, numerator, denominator and where they came from."""
    rows = usable.filter(_where(pick.where))
    rows = (
        _years_months(rows, pick.value, file)
        if spec.value_format == "years_months"
        else (numeric_with_status(rows, pick.value, file))
    )
    rows = rows.with_columns(numerator=_number(rows, pick.numerator, file))
    if pick.denominator_where:
        rows = rows.join(_denominator_rows(usable, pick, file), on=KEYS, how="left")
    else:
        rows = rows.with_columns(denominator=_number(rows, pick.denominator, file))
    return rows.select(
        pl.lit(pick.measure).alias("measure"),
        "period",
        "value",
        "numerator",
        "denominator",
        "status",
        pl.lit(file.name).alias("source_file"),
        pl.col("_row").alias("source_row"),
        "_level",
        "_code",
        "_name",
    )


def _number(rows: pl.DataFrame, column: str | None, file: Path) -> pl.Series:
    """A numerator or denominator column: numbers, published markers as null, anything else an error."""
    if column is None:
        return pl.Series("n", [None] * rows.height, pl.Float64)
    return numeric_with_status(rows.select("_row", column), column, file)["value"]


def _denominator_rows(usable: pl.DataFrame, pick: Pick, file: Path) -> pl.DataFrame:
    totals = usable.filter(_where(pick.denominator_where))
    check_unique(totals, KEYS, file)
    return totals.select(*KEYS, denominator=_number(totals, pick.denominator, file))


def _years_months(rows: pl.DataFrame, column: str, file: Path) -> pl.DataFrame:
    """'YY:MM' (years:months, as DfE publishes adoption times) to months; markers to null + status."""
    text = pl.col(column).str.strip_chars().fill_null("")
    parts = text.str.extract_groups(r"^(\d{1,2}):(0\d|1[01])$")
    months = parts.struct.field("1").cast(pl.Float64) * 12 + parts.struct.field("2").cast(pl.Float64)
    is_marker = text.str.to_lowercase().is_in(list(MARKER_STATUS))
    bad = rows.filter(months.is_null() & ~is_marker)
    if bad.height:
        first = bad.row(0, named=True)
        problem = f"'{first[column]}' is not years:months (e.g. '01:07') or a known suppression marker"
        raise SourceFileError(file, problem, column=column, row=first["_row"])
    status = (
        pl.when(months.is_not_null())
        .then(pl.lit("published"))
        .otherwise(text.str.to_lowercase().replace_strict(MARKER_STATUS, default="missing"))
    )
    return rows.with_columns(value=months, status=status.cast(Status))
