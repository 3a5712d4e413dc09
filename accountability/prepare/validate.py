"""Named checks on the assembled store, in the eesyscreener style: one small function per rule.

Each check returns a `Check` (name, passed, message). A failing message names the file, column and
row of the first offending published cell where there is one. `prepare` prints every check and
writes nothing if any fails. Readers have already checked each file's own shape; these rules need
several tables at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.store.checks import table_problems

Tables = dict[str, pl.DataFrame]


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    message: str


# Where each publisher keeps the council code, so a message names the column as it is in the file.
PUBLISHED_CODE_COLUMN = {
    "trend_data.csv": "ONS Code",
    "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx": "ONS Code",
    "ASC_data.csv": "Local authority code",
    # money and markets (issue 12): derived spend values point at the council's row of these files
    "RO3_2023-24_data_by_LA.ods": "ONS Code",
    "RO3_LA_Data_2024-25_data_by_LA.ods": "ONS Code",
    "bds_long_0.parquet": "LA Number",
    **{f"outturn_{y}.csv": "LA" for y in ("1011", "1112", "1213", "1314")},
    "outturn_0910.csv": "LEA",
    "ascof_2024_25.ods": "ONS area code",  # every table sheet: source_file is "<file> (<sheet>)"
}


def _where(row: dict[str, object], column: str) -> str:
    if column == "code":
        column = PUBLISHED_CODE_COLUMN.get(str(row["source_file"]).split(" (")[0], "new_la_code")
    return f"{row['source_file']}, column '{column}', row {row['source_row']}"


def check_codes_are_gss(t: Tables) -> Check:
    bad = t["values"].filter(~pl.col("code").str.contains(COUNCIL_CODE))
    if bad.height:
        first = bad.row(0, named=True)
        return Check("codes_are_gss", False, f"{_where(first, 'code')}: '{first['code']}' is not a council GSS code")
    return Check("codes_are_gss", True, "every council value is keyed by an E06/E08/E09/E10 code")


def check_codes_are_known_councils(t: Tables) -> Check:
    bad = t["values"].join(t["councils"].select("code"), on="code", how="anti")
    if bad.height:
        first = bad.sort("source_file", "source_row").row(0, named=True)
        return Check(
            "codes_are_known_councils",
            False,
            f"{_where(first, 'code')}: unknown council code '{first['code']}' "
            f"({bad.height} rows in all); add it to the council lookup or correct the file",
        )
    return Check("codes_are_known_councils", True, "every code is in the council lookup")


def check_no_duplicate_keys(t: Tables) -> Check:
    """One value per (code, period, measure).

    Checked one measure at a time: the hash tables stay small, so the cost grows linearly with rows
    (one table over millions of distinct string keys outgrows the CPU cache and slows down faster).
    """
    for part in t["values"].partition_by("measure", maintain_order=True):
        dupes = part.filter(pl.struct("code", "period").is_duplicated())
        if dupes.height:
            a, b = dupes.sort("code", "period", "source_file", "source_row").head(2).iter_rows(named=True)
            return Check(
                "no_duplicate_keys",
                False,
                f"{a['code']} {a['period']} {a['measure']} appears twice: {_where(a, 'code')} and {_where(b, 'code')}",
            )
    return Check("no_duplicate_keys", True, "one value per council, period and measure")


def check_measures_registered(t: Tables) -> Check:
    ids = t["measures"]["id"]
    used = pl.concat([t["values"].select("measure"), t["benchmarks"].select("measure")]).unique()
    unknown = used.filter(~pl.col("measure").is_in(ids.implode()))["measure"].sort().to_list()
    if unknown:
        return Check("measures_registered", False, f"values for measures not in the registry: {unknown}")
    return Check("measures_registered", True, f"all {used.height} measures with data are registered")


def check_every_measure_has_data(t: Tables) -> Check:
    with_data = pl.concat([t["values"], t["benchmarks"].drop("area_type", "area_code", "area_name")], how="diagonal")
    counts = with_data.filter(pl.col("value").is_not_null()).group_by("measure").len()
    empty = t["measures"].join(counts, left_on="id", right_on="measure", how="anti")["id"].sort().to_list()
    if empty:
        return Check("every_measure_has_data", False, f"registered measures with no published value: {empty}")
    return Check("every_measure_has_data", True, "every registered measure has published values")


def check_proportions_in_range(t: Tables) -> Check:
    props = t["measures"].filter(pl.col("value_type") == "proportion")["id"].implode()
    bad = t["values"].filter(pl.col("measure").is_in(props) & ~pl.col("value").is_between(0, 100))
    if bad.height:
        first = bad.row(0, named=True)
        return Check("proportions_in_range", False, f"{_where(first, 'value')}: {first['value']} is outside 0-100%")
    return Check("proportions_in_range", True, "every percentage lies between 0 and 100")


def check_numerator_within_denominator(t: Tables) -> Check:
    props = t["measures"].filter(pl.col("value_type") == "proportion")["id"].implode()
    bad = t["values"].filter(pl.col("measure").is_in(props) & (pl.col("numerator") > pl.col("denominator")))
    if bad.height:
        first = bad.row(0, named=True)
        return Check(
            "numerator_within_denominator",
            False,
            f"{_where(first, 'numerator')}: numerator {first['numerator']} exceeds denominator {first['denominator']}",
        )
    return Check("numerator_within_denominator", True, "no proportion has more events than people")


def effective_lifetimes(councils: pl.DataFrame) -> pl.DataFrame:
    """code, from, to: when a council's figures may exist, which is exactly when it existed.

    Figures a publisher prints under a new council's code for years before it existed are re-keyed
    to its sole predecessor before this check (`harmonise.to_predecessor`), or the check fails.
    """
    return councils.select("code", pl.col("valid_from").alias("from"), pl.col("valid_to").alias("to"))


def outside_lifetime_expr() -> pl.Expr:
    """True for a financial-year row that starts on/after the council ended or before it began."""
    start = pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32, strict=False), 4, 1)
    return pl.col("period").str.contains(r"^\d{4}-\d{2}$") & ((start >= pl.col("to")) | (start < pl.col("from")))


def check_values_within_council_lifetime(t: Tables) -> Check:
    """A council's figures must fall inside the years it existed (e.g. no Cumbria in 2023-24)."""
    dated = t["values"].join(effective_lifetimes(t["councils"]), on="code")
    bad = dated.filter(outside_lifetime_expr() & pl.col("value").is_not_null())
    if bad.height:
        first = bad.sort("source_file", "source_row").row(0, named=True)
        return Check(
            "values_within_council_lifetime",
            False,
            f"{_where(first, 'code')}: {first['code']} has a value for {first['period']}, "
            f"outside its lifetime ({first['from']} to {first['to']})",
        )
    return Check("values_within_council_lifetime", True, "no council has figures outside the years it existed")


def check_england_published(t: Tables) -> Check:
    england = t["benchmarks"].filter(pl.col("area_type") == "england")
    if england.height == 0:
        return Check("england_published", False, "no published England figures were read")
    return Check("england_published", True, f"{england.height} published England figures")


def check_accounts_balance(t: Tables) -> Check:
    totals = (
        t["row_accounts"]
        .group_by("reader", "file")
        .agg(
            read=pl.col("rows").filter(pl.col("outcome") == "read").sum(),
            kept=pl.col("rows").filter(pl.col("outcome") == "kept").sum(),
            rejected=pl.col("rows").filter(pl.col("outcome") == "rejected").sum(),
        )
    )
    bad = totals.filter(pl.col("read") != pl.col("kept") + pl.col("rejected")).sort("reader", "file")
    if bad.height:
        r = bad.row(0, named=True)
        return Check(
            "accounts_balance",
            False,
            f"{r['file']}: read {r['read']} != kept {r['kept']} + rejected {r['rejected']}",
        )
    return Check("accounts_balance", True, f"every row is accounted for ({totals.height} file reads)")


def check_tables_usable(t: Tables) -> Check:
    """Every table has its columns and a plausible number of rows (the check the app runs on reading)."""
    problems = [problem for name, frame in t.items() for problem in table_problems(name, frame)]
    if problems:
        return Check("tables_usable", False, "; ".join(problems))
    return Check("tables_usable", True, f"all {len(t)} tables have their columns and a plausible number of rows")


def check_places_lead_to_current_councils(t: Tables) -> Check:
    current = t["councils"].filter(pl.col("valid_to").is_null())["code"].implode()
    for name in ("places", "postcode_districts"):
        bad = t[name].filter(~pl.col("code").is_in(current))
        if bad.height:
            row = bad.row(0, named=True)
            return Check("places_lead_to_current_councils", False, f"{name}: {row} leads to no current council")
    return Check(
        "places_lead_to_current_councils", True, "every place and postcode district leads to a current council"
    )


CHECKS: list[Callable[[Tables], Check]] = [
    check_tables_usable,
    check_codes_are_gss,
    check_codes_are_known_councils,
    check_no_duplicate_keys,
    check_measures_registered,
    check_every_measure_has_data,
    check_proportions_in_range,
    check_numerator_within_denominator,
    check_values_within_council_lifetime,
    check_england_published,
    check_accounts_balance,
    check_places_lead_to_current_councils,
]


def run_checks(tables: Tables) -> list[Check]:
    return [check(tables) for check in CHECKS]
