"""ONS mid-year population estimates for councils, regions and England, by broad age band.

Two files: DfE's extract of the ONS estimates of children aged 0-17 (mid-2012 to mid-2024, on the
geography of each year, so abolished councils appear up to their last year), and ONS's mid-2020
single-year-of-age table on 2021 geography (pre-2023 councils: Cumbria, North Yorkshire CC,
Somerset CC), summed here into 18-64, 65+ and all ages. The 0-17 band comes only from the DfE file.
`year` is the year of the 30 June estimate. Inner/Outer London, metropolitan counties, lower-tier
districts and the rest of the UK are rejected with a reason, except that the mid-2020 districts of
the unitary councils created in April 2023 are summed into them (`population_successors`; the sum is
named in `derived_from`). This module computes no rates.
"""

from __future__ import annotations

from pathlib import Path

import fastexcel
import polars as pl

from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_bytes,
    read_csv_text,
    require_columns,
)
from accountability.sources.population_successors import SUMMED, district_successors, summed_rows
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, Status, conform, empty

DFE_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
MYE_FILE = "ukpopestimatesmid2020on2021geography.xls"
MYE_SHEET = "MYE2 - Persons"
MYE_YEAR = 2020
CHILDREN = "Children aged 0 to 17 years"
AREA_PATTERN = r"^(E(06|08|09|10|12)\d{6}|E92000001)$"
POPULATION_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "year": pl.Int16(),
    "age_band": pl.String(),
    "population": pl.Int64(),
    "status": Status,
    "source_file": pl.String(),
    "source_row": pl.Int64(),
    "derived_from": pl.String(),  # for a sum of published rows: the codes summed (else null)
}
# age band -> single-year columns of the MYE2 sheet summed into it
BANDS: dict[str, list[str]] = {
    "18-64": [str(a) for a in range(18, 65)],
    "65+": [*(str(a) for a in range(65, 90)), "90+"],
}


def _dfe_code() -> pl.Expr:
    level = pl.col("geographic_level")
    return (
        pl.when(level == "National")
        .then(pl.col("country_code"))
        .when(level == "Regional")
        .then(pl.col("region_code"))
        .when(level == "Local authority")
        .then(pl.col("new_la_code"))
    )


def _reject_reason(code: pl.Expr, band: pl.Expr) -> pl.Expr:
    return (
        pl.when(band != CHILDREN)
        .then(pl.lit("age group not used: ") + band)
        .when(code.str.starts_with("E13"))
        .then(pl.lit("Inner/Outer London sub-region not used"))
        .when(~code.fill_null("").str.contains(AREA_PATTERN))
        .then(pl.lit("not an England, region or upper-tier council row"))
    )


def _account(frame: pl.DataFrame, file: str) -> RowAccount:
    """Count kept rows and rejected rows by `_reject` reason."""
    account = RowAccount(file, read=frame.height, kept=frame.filter(pl.col("_reject").is_null()).height)
    for reason, n in frame.group_by("_reject").len().drop_nulls("_reject").sort("_reject").iter_rows():
        account.reject(reason, n)
    return account


def _whole_numbers(frame: pl.DataFrame, column: str, file: str) -> pl.DataFrame:
    bad = frame.filter(pl.col("value").is_not_null() & (pl.col("value") != pl.col("value").round()))
    if bad.height:
        raise SourceFileError(file, f"'{bad[column][0]}' is not a whole number", column=column, row=bad["_row"][0])
    return frame.with_columns(population=pl.col("value").cast(pl.Int64))


def read_dfe_children(path: Path) -> tuple[pl.DataFrame, RowAccount]:
    """Children 0-17 by council, region and England, mid-2012 onwards."""
    required = ["time_period", "geographic_level", "country_code", "region_code", "new_la_code"]
    frame = read_csv_text(path, [*required, "age_group", "population_estimate"])
    frame = frame.with_columns(code=_dfe_code())
    frame = frame.with_columns(_reject=_reject_reason(pl.col("code"), pl.col("age_group")))
    account = _account(frame, path.name)
    kept = frame.filter(pl.col("_reject").is_null())
    check_unique(kept, ["code", "time_period"], path)
    year = pl.col("time_period").cast(pl.Int16, strict=False)
    bad_year = kept.filter(year.is_null())
    if bad_year.height:
        raise SourceFileError(path, "year is not a number", column="time_period", row=bad_year["_row"][0])
    kept = _whole_numbers(numeric_with_status(kept, "population_estimate", path), "population_estimate", path.name)
    for status, n in kept.filter(pl.col("status") != "published").group_by("status").len().iter_rows():
        account.missing(f"published as {status}", n)
    out = kept.select(
        "code",
        year=year,
        age_band=pl.lit("0-17"),
        population="population",
        status="status",
        source_file=pl.lit(path.name),
        source_row="_row",
    )
    return out, account


def _load_grid(path: Path) -> pl.DataFrame:
    """The sheet as text cells, with `_row` = 1-based spreadsheet row (skip_rows=0 keeps blank top rows)."""
    raw = read_bytes(path)
    try:
        sheet = fastexcel.read_excel(raw).load_sheet_by_name(MYE_SHEET, header_row=None, skip_rows=0, dtypes="string")
    except Exception as exc:  # fastexcel raises its own error types for every kind of bad workbook
        raise SourceFileError(path, f"cannot read sheet '{MYE_SHEET}' ({exc})") from exc
    grid = sheet.to_polars()
    return grid.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def _table(grid: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Find the header row by its content ('Code' ... 'All ages') and return the rows below it."""
    cells = [c for c in grid.columns if c != "_row"]
    stripped = [pl.col(c).str.strip_chars() for c in cells]
    is_header = pl.any_horizontal(s == "Code" for s in stripped) & pl.any_horizontal(s == "All ages" for s in stripped)
    headers = grid.filter(is_header)
    if headers.height == 0:
        raise SourceFileError(path, f"no header row with 'Code' and 'All ages' in sheet '{MYE_SHEET}'")
    header = headers.row(0, named=True)
    names = {c: (header[c] or "").strip() or c for c in cells}
    body = grid.filter(pl.col("_row") > header["_row"]).rename(names)
    required = ["Code", "All ages", *BANDS["18-64"], *BANDS["65+"]]
    require_columns(body, required, path)
    return body.select("_row", *required)


def _mye_reason() -> pl.Expr:
    code = pl.col("Code").fill_null("").str.strip_chars()
    return (
        pl.when(code == "")
        .then(pl.lit("blank or note row"))
        .when(code.str.contains(AREA_PATTERN))
        .then(None)
        .when(code.str.starts_with("E"))
        .then(pl.lit("not an upper-tier council (district, metropolitan county or country group)"))
        .otherwise(pl.lit("outside England"))
    )


def _numbers(frame: pl.DataFrame, columns: list[str], path: Path) -> pl.DataFrame:
    """Cast every age column to Int64; any cell that is not a whole number is an error."""
    for column in columns:
        parsed = pl.col(column).str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)
        bad = frame.filter(parsed.is_null() | (parsed != parsed.round()))
        if bad.height:
            value = bad[column][0]
            raise SourceFileError(path, f"'{value}' is not a whole number", column=column, row=bad["_row"][0])
    cast = [pl.col(c).str.strip_chars().str.replace_all(",", "").cast(pl.Float64).cast(pl.Int64) for c in columns]
    return frame.with_columns(cast)


def read_mid2020(path: Path, successors: pl.DataFrame | None = None) -> tuple[pl.DataFrame, RowAccount]:
    """Mid-2020 persons on 2021 geography, summed into 18-64, 65+ and all ages.

    `successors` (district, successor): districts summed into unitary councils created after mid-2020.
    """
    table = _table(_load_grid(path), path).with_columns(pl.col("Code").str.strip_chars(), _reject=_mye_reason())
    own = table.filter(pl.col("_reject").is_null())["Code"].to_list()
    links = (
        successors if successors is not None else pl.DataFrame(schema={"district": pl.String, "successor": pl.String})
    )
    used = links.filter(~pl.col("successor").is_in(own))["district"]
    table = table.with_columns(
        _reject=pl.when(pl.col("Code").is_in(used.implode())).then(pl.lit(SUMMED)).otherwise("_reject")
    )
    account = _account(table, path.name)
    kept = table.filter(pl.col("_reject").is_null())
    check_unique(kept.rename({"Code": "code"}), ["code"], path)
    numbers = ["All ages", *BANDS["18-64"], *BANDS["65+"]]
    summed = summed_rows(_numbers(table.filter(pl.col("_reject") == SUMMED), numbers, path), links, own)
    kept = pl.concat([_numbers(kept, numbers, path), summed.rename({"code": "Code"})], how="diagonal_relaxed")
    bands = {"all ages": pl.col("All ages"), **{b: pl.sum_horizontal(cols) for b, cols in BANDS.items()}}
    parts = [
        kept.select(code="Code", age_band=pl.lit(band), population=expr, source_row="_row", derived_from="derived_from")
        for band, expr in bands.items()
    ]
    out = pl.concat(parts).with_columns(
        year=pl.lit(MYE_YEAR), status=pl.lit("published"), source_file=pl.lit(path.name)
    )
    return out, account


def read(raw_dir: Path) -> SourceOutput:
    """Both files in `tables['population']`, sorted by code, year, age band."""
    folder = raw_dir / "population"
    children, children_account = read_dfe_children(folder / DFE_FILE)
    successors, successors_account = district_successors(raw_dir)
    adults, adults_account = read_mid2020(folder / MYE_FILE, successors)
    frame = pl.concat([conform(children, POPULATION_SCHEMA), conform(adults, POPULATION_SCHEMA)])
    check_unique(frame.rename({"source_row": "_row"}), ["code", "year", "age_band"], "population")
    frame = frame.sort("code", "year", "age_band")
    tables = {"population": frame}
    accounts = [children_account, adults_account, successors_account]
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, tables)
