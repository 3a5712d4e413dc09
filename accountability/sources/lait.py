"""DfE Local Authority Interactive Tool (LAIT) dataset: S251 weekly unit costs of children's care.

What it does: reads LAIT's long parquet (one row per indicator, year and area) and keeps the two
S251 outturn weekly unit costs this dashboard shows, residential care (RescareFinance) and fostering
(FosteringFinance), for councils (values) and for England and the nine regions as DfE publishes them
(benchmarks). Councils are matched by DfE's 3-digit LA number to the council that held it on 31 March
of the year; "-" (LAIT's only marker: missing, suppressed or not applicable) is a missing value.
It checks LAIT's data dictionary still describes each indicator as this dashboard does (an
approximation, with no better or worse direction) and stops if it does not.

What it does not do: read LAIT's other ~430 indicators (rejected with a reason), deflate cash, or
treat these figures as audited unit costs: DfE calls them approximate (spend / activity, to £5).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_csv_text,
)
from accountability.sources.lait_measures import INDICATORS, MEASURES
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, conform

__all__ = ["MEASURES", "read"]

FOLDER = "lait-dfe"
DATA, DICTIONARY = "bds_long_0.parquet", "lait_data_dictionary.csv"
COLUMNS = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"]
ENGLAND_NUMBER = 970
REGION_NUMBERS = range(980, 991)
LONDON_HALVES = (987, 988)  # Inner and Outer London: not regions


def read(raw_dir: Path) -> SourceOutput:
    accounts: list[RowAccount] = []
    check_dictionary(raw_dir / FOLDER / DICTIONARY, accounts)
    councils = names.councils_table(raw_dir, [])
    rows = read_rows(raw_dir / FOLDER / DATA, councils, accounts)
    council = rows.filter(pl.col("area_type") == "council").rename({"area_code": "code"})
    areas = rows.filter(pl.col("area_type") != "council")
    return SourceOutput(
        values=conform(council, VALUES_SCHEMA).sort("measure", "code", "period"),
        benchmarks=conform(areas, BENCHMARKS_SCHEMA).sort("measure", "area_type", "area_code", "period"),
        accounts=accounts,
    )


def check_dictionary(path: Path, accounts: list[RowAccount]) -> None:
    """Stop if LAIT's dictionary no longer calls an indicator approximate or gives it a polarity."""
    frame = read_csv_text(path, ["Measure_short", "Polarity", "Chart_title"])
    wanted = frame.filter(pl.col("Measure_short").is_in(list(INDICATORS)))
    accounts.append(RowAccount(path.name, read=frame.height, kept=wanted.height))
    accounts[-1].reject("indicator not used by this dashboard", frame.height - wanted.height)
    for short in INDICATORS:
        row = wanted.filter(pl.col("Measure_short") == short)
        if row.height != 1:
            raise SourceFileError(path, f"indicator '{short}' is described {row.height} times, not once")
        polarity, title = row["Polarity"][0], row["Chart_title"][0] or ""
        if polarity != "NA" or "(approximate)" not in title:
            problem = f"'{short}' now reads polarity '{polarity}', title '{title}': review lait_measures.py"
            raise SourceFileError(path, problem, column="Polarity", row=row["_row"][0])


def _load(path: Path) -> pl.DataFrame:
    if not path.exists():
        raise SourceFileError(path, f"file not found in {path.parent}")
    try:
        frame = pl.read_parquet(path, columns=COLUMNS)
    except Exception as exc:  # a missing column or a corrupt file: both named
        raise SourceFileError(path, f"cannot read the columns {COLUMNS} ({exc})") from exc
    frame = frame.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))
    number = pl.col("LA Number")
    bad = frame.filter(number.is_null() | (number != number.round()))
    if bad.height:
        raise SourceFileError(
            path, f"'{bad['LA Number'][0]}' is not a whole LA number", column="LA Number", row=bad["_row"][0]
        )
    return frame.with_columns(number.cast(pl.Int64))


def read_rows(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    """The kept indicators' rows with area_type, area_code, area_name, measure, period, value, status."""
    frame = _load(path)
    account = RowAccount(path.name, read=frame.height)
    accounts.append(account)
    used = frame.filter(pl.col("Short Desc").is_in(list(INDICATORS)))
    account.reject("indicator not used by this dashboard", frame.height - used.height)
    number = pl.col("LA Number")
    london = used.filter(number.is_in(LONDON_HALVES))
    account.reject("Inner or Outer London (not a region)", london.height)
    used = used.filter(~number.is_in(LONDON_HALVES))
    used = used.with_columns(period=_period(used, path))
    used = _areas(used, councils, path)
    account.kept = used.height
    used = numeric_with_status(used, "Values", path)
    missing = used.filter(pl.col("status") != "published").group_by("Short Desc").len().sort("Short Desc")
    for short, n in missing.iter_rows():
        account.missing(f"{short}: published as '-' (missing, suppressed or not applicable)", n)
    check_unique(used, ["Short Desc", "period", "area_code"], path)
    return used.with_columns(
        measure=pl.col("Short Desc").replace_strict(INDICATORS),
        source_file=pl.lit(path.name),
        source_row="_row",
    )


def _period(frame: pl.DataFrame, path: Path) -> pl.Series:
    """'2024-25 (OT)' (outturn) -> '2024-25'; anything else is an error naming the row."""
    period = frame["Years"].str.extract(r"^(\d{4}-\d{2}) \(OT\)$")
    bad = frame.filter(period.is_null())
    if bad.height:
        raise SourceFileError(
            path, f"'{bad['Years'][0]}' is not a year like '2024-25 (OT)'", column="Years", row=bad["_row"][0]
        )
    return period


def _areas(frame: pl.DataFrame, councils: pl.DataFrame, path: Path) -> pl.DataFrame:
    """area_type, area_code, area_name: England (970), regions (980-990) by name, councils by LA number."""
    regions = councils.select(
        _key=pl.col("region").str.to_lowercase(), _region=pl.col("region_code"), _region_name=pl.col("region")
    ).unique(subset="_key", keep="first", maintain_order=True)
    frame = frame.with_columns(_number=pl.col("LA Number"), _key=pl.col("LA and Regions").str.to_lowercase())
    frame = frame.join(regions, on="_key", how="left").pipe(_council_codes, councils)
    is_region = pl.col("_number").is_in(REGION_NUMBERS)
    frame = frame.with_columns(
        area_type=pl.when(pl.col("_number") == ENGLAND_NUMBER)
        .then(pl.lit("england"))
        .when(is_region)
        .then(pl.lit("region"))
        .otherwise(pl.lit("council")),
        area_code=pl.when(pl.col("_number") == ENGLAND_NUMBER)
        .then(pl.lit(ENGLAND_CODE))
        .when(is_region)
        .then("_region")
        .otherwise("_council"),
        area_name=pl.when(pl.col("_number") == ENGLAND_NUMBER).then(pl.lit("England")).otherwise("_region_name"),
    )
    unknown = frame.filter(pl.col("area_code").is_null())
    if unknown.height:
        first = unknown.row(0, named=True)
        problem = f"LA number {first['_number']} ('{first['LA and Regions']}') is no known council or region"
        raise SourceFileError(path, problem, column="LA Number", row=first["_row"])
    return frame


def _council_codes(frame: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """`_council`: the council holding the LA number on 31 March of the year, else its last holder."""
    holders = councils.select(_number=pl.col("dfe_la_code").cast(pl.Int64, strict=False), code="code",
                              valid_from="valid_from", valid_to="valid_to").drop_nulls("_number")  # fmt: skip
    pairs = frame.select("_number", "period").unique().join(holders, on="_number")
    on = pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32) + 1, 3, 31)
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )
    ranked = pairs.with_columns(_alive=alive)
    best = ranked.group_by("_number", "period").agg(
        _council=pl.col("code").sort_by(["_alive", "valid_to"], nulls_last=True).last()
    )
    return frame.join(best, on=["_number", "period"], how="left")
