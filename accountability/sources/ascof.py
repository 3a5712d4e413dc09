"""Read ASCOF outcome values for councils, regions, council types and England, 2017-18 to 2023-24.

Sources: the compiled trend file `ascof-trend/trend_data.csv` (values only) and, for 2020-21, the
original NHS Digital open-data file read by `ascof_2021` (values with numerators, denominators,
bases and margins of error); the trend's 2020-21 rows are rejected in favour of it (a data test
checks the two agree). The ASCOF 2024-25 workbook (`ascof_2025`) then supersedes the cells it
repeats, after checking they agree (`ascof_merge`), and adds 2015-16, 2016-17 and 2024-25.

The framework break: up to 2022-23 a row's measure comes from its code (`PRE_BREAK_CODES`;
published descriptions drift and are sometimes wrong, e.g. 2019-20 '1C1B' carries 1C1A's text).
From 2023-24 codes were reused with other meanings, so a 2023-24 code is matched to the measure
whose last pre-break description is the same once normalised; no match or several matches is an
error. Values are never joined ("bridged") across the break: each measure's `break_period` says
where its series restarts. `code_table` lists every code used per measure and framework.

Trend rows with no ONS code can only be council-type rows; if such a row is malformed (columns
shifted, as broken CSV quoting of "per 100,000 population" would do) it is rejected with a reason.
Rows with an ONS code are never dropped for being malformed: they raise. In 2023-24 the
Disaggregation Level and Measure Type columns are blank, which is read as Total / Outcome.
This module computes no benchmarks, intervals or verdicts.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ascof_2025, ascof_merge
from accountability.sources.ascof_2021 import (
    COUNCIL_CODE,
    FILE_2021,
    area_code_expr,
    area_type_expr,
    count_rejections,
    first_failure,
    read_2020_21,
)
from accountability.sources.ascof_measures import (
    BREAK_PERIOD,
    BREAKS,
    DECLARED_NEW_CODES,
    MEASURES,
    NEW_FRAMEWORK,
    OLD_FRAMEWORK,
    PRE_BREAK_CODES,
)
from accountability.sources.base import (
    MARKER_STATUS,
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_csv_text,
)
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, conform

__all__ = ["BREAKS", "MEASURES", "code_table", "normalise_description_expr", "read", "read_older", "read_trend"]

TREND_FILE = "trend_data.csv"
CODE = "Measure Group"
DESCRIPTION = "Measure Group Description"
TREND_COLUMNS = [
    "Year", "Geographical Description", "ONS Code", CODE, DESCRIPTION, "Measure_Value",
    "Geographical Level", "Disaggregation Level", "Measure Type",
]  # fmt: skip
LEVELS = ["council", "region", "england", "council type"]
MALFORMED = "malformed row with no ONS code (columns shifted, probably broken CSV quoting)"
REPLACED_2021 = f"2020-21 read from the original NHS Digital file {FILE_2021}"


def normalise_description_expr(text: pl.Expr) -> pl.Expr:
    """Lower-case, one kind of dash, no 'the', no punctuation, single spaces."""
    return (
        text.str.to_lowercase()
        .str.replace_all("[\u0096\u0097\u2010-\u2015\u2212]", "-")
        .str.replace_all(r"\bthe\b", " ")
        .str.replace_all(r"[^a-z0-9]+", " ")
        .str.strip_chars()
    )


def _check_rows(rows: pl.DataFrame, file: Path) -> None:
    """Rows with an ONS code (councils, regions, England) must be well formed, or we stop."""
    code, level = pl.col("ONS Code").fill_null(""), pl.col("level")
    gss, year = pl.col("has_gss"), pl.col("Year").fill_null("")
    first_failure(rows, file, [
        (gss & ~level.is_in(LEVELS), "Geographical Level", "unknown geographical level"),
        (gss & ~year.str.contains(r"^\d{4}-\d{2}$"), "Year", "not a financial year like 2022-23"),
        (~gss & level.is_in(["council", "region", "england"]), "ONS Code", "no ONS code on this row"),
        ((level == "council") & ~code.str.contains(COUNCIL_CODE), "ONS Code", "not a council ONS code"),
        ((level == "region") & ~code.str.contains(r"^E12\d{6}$"), "ONS Code", "not a region ONS code"),
        ((level == "england") & (code != ENGLAND_CODE), "ONS Code", "not England's ONS code"),
    ])  # fmt: skip


def _reason_expr() -> pl.Expr:
    """Why a trend row is not used (null when it is used)."""
    value = pl.col("Measure_Value").str.strip_chars().fill_null("")
    value_ok = value.str.replace_all(",", "").cast(pl.Float64, strict=False).is_not_null() | (
        value.str.to_lowercase().is_in(list(MARKER_STATUS))
    )
    malformed = ~pl.col("has_gss") & (
        ~pl.col("level").is_in(LEVELS)
        | ~value_ok
        | pl.col("Geographical Description").fill_null("").str.strip_chars().eq("")
        | ~pl.col("Year").fill_null("").str.contains(r"^\d{4}-\d{2}$")
    )
    disaggregation, measure_type = pl.col("Disaggregation Level"), pl.col("Measure Type")
    return (
        pl.when(malformed)
        .then(pl.lit(MALFORMED))
        .when(disaggregation.is_not_null() & (disaggregation != "Total"))
        .then(pl.lit("breakdown not used: ") + disaggregation)
        .when(measure_type.is_not_null() & (measure_type != "Outcome"))
        .then(pl.lit("measure type not used: ") + measure_type)
    )


def _framework_expr() -> pl.Expr:
    return pl.when(pl.col("Year") >= BREAK_PERIOD).then(pl.lit(NEW_FRAMEWORK)).otherwise(pl.lit(OLD_FRAMEWORK))


def _last_old_descriptions(rows: pl.DataFrame) -> pl.DataFrame:
    """Each measure's latest pre-break description, normalised (2022-23, or 2021-22 for carers)."""
    return (
        rows.filter(pl.col("framework") == OLD_FRAMEWORK, pl.col(DESCRIPTION).is_not_null())
        .with_columns(measure=pl.col(CODE).replace_strict(PRE_BREAK_CODES))
        .group_by("measure")
        .agg(norm=normalise_description_expr(pl.col(DESCRIPTION)).sort_by("Year").last())
    )


def new_framework_codes(rows: pl.DataFrame, file: Path) -> pl.DataFrame:
    """Map each 2023-24-framework code to one measure by description; raise on none or several."""
    new = (
        rows.filter(pl.col("framework") == NEW_FRAMEWORK)
        .with_columns(norm=normalise_description_expr(pl.col(DESCRIPTION).fill_null("")))
        .group_by(CODE, "norm")
        .agg(pl.col("_row").min())
    )
    matched = (
        new.join(_last_old_descriptions(rows), on="norm", how="left")
        .group_by(CODE)
        .agg(pl.col("_row").min(), pl.col("measure").drop_nulls().unique().sort())
    )
    bad = matched.filter(pl.col("measure").list.len() != 1).sort("_row")
    if bad.height:
        first = bad.row(0, named=True)
        found = ", ".join(first["measure"]) or "no"
        raise SourceFileError(
            file,
            f"{BREAK_PERIOD} code '{first[CODE]}': description matches {found} {OLD_FRAMEWORK} measure(s)",
            column=DESCRIPTION,
            row=first["_row"],
        )
    mapping = matched.with_columns(pl.col("measure").list.first())
    check_unique(mapping, ["measure"], file)
    _check_declared(mapping, file)
    return mapping.select(pl.lit(NEW_FRAMEWORK).alias("framework"), CODE, "measure")


def _check_declared(mapping: pl.DataFrame, file: Path) -> None:
    """The codes written into MEASURES' source_codes must agree with what the data matched."""
    declared = pl.DataFrame({"measure": list(DECLARED_NEW_CODES), "declared": list(DECLARED_NEW_CODES.values())})
    wrong = mapping.join(declared, on="measure", how="left").filter(pl.col("declared").ne_missing(pl.col(CODE)))
    if wrong.height:
        first = wrong.sort("_row").row(0, named=True)
        raise SourceFileError(
            file,
            f"code '{first[CODE]}' matched {first['measure']} by description, but "
            f"ascof_measures declares '{first['declared']}'",
            column=CODE,
            row=first["_row"],
        )


def _assign_measures(rows: pl.DataFrame, file: Path) -> pl.DataFrame:
    old_mapping = pl.DataFrame({CODE: list(PRE_BREAK_CODES), "measure": list(PRE_BREAK_CODES.values())})
    old_mapping = old_mapping.with_columns(framework=pl.lit(OLD_FRAMEWORK))
    unknown = rows.filter(pl.col("framework") == OLD_FRAMEWORK, ~pl.col(CODE).is_in(list(PRE_BREAK_CODES)))
    first_failure(unknown, file, [(pl.lit(True), CODE, "ASCOF code not in the measures list")])
    mapping = pl.concat([old_mapping, new_framework_codes(rows, file)], how="diagonal")
    return rows.join(mapping, on=["framework", CODE], how="inner", maintain_order="left")


def code_table(rows: pl.DataFrame) -> pl.DataFrame:
    """Every (measure, framework, code, published description) with the periods it was used."""
    return (
        rows.group_by("measure", "framework", CODE, DESCRIPTION)
        .agg(first_period=pl.col("Year").min(), last_period=pl.col("Year").max())
        .select(
            "measure",
            "framework",
            pl.col(CODE).alias("code"),
            "first_period",
            "last_period",
            pl.col(DESCRIPTION).alias("published_description"),
        )
        .sort("measure", "first_period", "code", "published_description", nulls_last=True)
    )


def read_trend(path: Path) -> SourceOutput:
    """The trend file's values and benchmarks (2020-21 rows rejected), code table and account."""
    raw = read_csv_text(path, TREND_COLUMNS, allow_extra_fields=True)  # rows with lost quotes: see _check_rows
    account = RowAccount(path.name, read=raw.height)
    rows = raw.with_columns(
        level=pl.col("Geographical Level").str.strip_chars().str.to_lowercase().fill_null(""),
        has_gss=pl.col("ONS Code").fill_null("").str.contains(r"^E\d{8}$"),
        framework=_framework_expr(),
    )
    _check_rows(rows, path)
    rows = count_rejections(rows.with_columns(reason=_reason_expr()), account)
    rows = _assign_measures(numeric_with_status(rows, "Measure_Value", path), path).with_columns(
        area_code=area_code_expr(pl.col("level"), pl.col("ONS Code"), pl.col("Geographical Description"))
    )
    check_unique(rows, ["level", "area_code", "Year", "measure"], path)
    codes = code_table(rows)
    rows = count_rejections(
        rows.with_columns(reason=pl.when(pl.col("Year") == "2020-21").then(pl.lit(REPLACED_2021))), account
    )
    account.kept = rows.height
    rows = rows.with_columns(period=pl.col("Year"), source_file=pl.lit(path.name), source_row=pl.col("_row"))
    values = rows.filter(pl.col("level") == "council").with_columns(code=pl.col("ONS Code"))
    benchmarks = rows.filter(pl.col("level") != "council").with_columns(
        area_type=area_type_expr(pl.col("level")), area_name=pl.col("Geographical Description")
    )
    values = conform(values, VALUES_SCHEMA).sort("code", "period", "measure")
    benchmarks = conform(benchmarks, BENCHMARKS_SCHEMA).sort("area_type", "area_code", "period", "measure")
    return SourceOutput(values, benchmarks, [account], {"ascof_codes": codes})


def read(raw_dir: Path) -> SourceOutput:
    """All ASCOF values and published benchmarks: the trend file, with 2020-21 from the original, and
    the 2024-25 workbook, whose cells supersede identical older ones (`ascof_merge`)."""
    return ascof_merge.supersede(read_older(raw_dir), ascof_2025.read(raw_dir))


def read_older(raw_dir: Path) -> SourceOutput:
    """The trend file's values and benchmarks, with 2020-21 from the original NHS Digital file."""
    trend = read_trend(raw_dir / "ascof-trend" / TREND_FILE)
    original = read_2020_21(raw_dir / "ascof-2020-21" / FILE_2021)
    values = pl.concat([trend.values, original.values]).sort("code", "period", "measure")
    benchmarks = pl.concat([trend.benchmarks, original.benchmarks])
    check_unique(values, ["code", "period", "measure"], TREND_FILE)
    check_unique(benchmarks, ["area_type", "area_code", "period", "measure"], TREND_FILE)
    benchmarks = benchmarks.sort("area_type", "area_code", "period", "measure")
    return SourceOutput(values, benchmarks, trend.accounts + original.accounts, trend.tables | original.tables)
