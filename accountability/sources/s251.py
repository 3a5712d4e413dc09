"""DfE section 251 outturn 2009-10 to 2013-14: children's services spend by who provided it, per council.

What it does: reads the five yearly files (columns renamed every year: matched by meaning through
one synonym table) and keeps three lines, found by their description because line numbers change
every year: residential care (not "short breaks"), fostering services and the total for children
looked after, each split into own provision, private, other public and voluntary, and the total
(GBP, not thousands), into `tables["s251_provision"]`. Councils are matched by DfE's 3-digit number
to the council holding it on 31 March of the year. "NULL" and blank cells are missing, never zero.

What it does not do: read the other S251 lines, compute shares (`methods.spend` does, from this
table), or bridge to today's RO3 lines: S251 and RO3 classify spending differently.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique, numeric_with_status
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, Status, empty

FOLDER = "s251-outturn-2009-2014"
FILES = {  # year ending 31 March -> (file, first header cell)
    2010: ("outturn_0910.csv", "LEA"),
    2011: ("outturn_1011.csv", "LA"),
    2012: ("outturn_1112.csv", "LA"),
    2013: ("outturn_1213.csv", "LA"),
    2014: ("outturn_1314.csv", "LA"),
}
PROVISIONS = ["own", "private", "other_public", "voluntary", "total"]
SYNONYMS = {
    "lea": "la", "la": "la", "lea name": "la_name", "la name": "la_name",
    "s52 line reference": "description", "cypservicedescription": "description",
    "own provision (y)": "own", "ownprovision": "own", "private (z(i))": "private", "privateprovision": "private",
    "other public (z(ii))": "other_public", "otherpublic": "other_public",
    "voluntary (z(iii))": "voluntary", "voluntary": "voluntary",
    "total expenditure (k)": "total", "totalexpenditure": "total",
}  # fmt: skip
LINES = {
    "residential care": "residential_care",
    "fostering services": "fostering",
    "total children looked after": "cla_total",
}
S251_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "period": pl.String(),
    "line": pl.Enum(list(LINES.values())),
    "provision": pl.Enum(PROVISIONS),
    "value": pl.Float64(),  # GBP, cash
    "status": Status,
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    councils = names.councils_table(raw_dir, [])
    accounts: list[RowAccount] = []
    frames = [
        read_year(raw_dir / FOLDER / file, year, first, councils, accounts) for year, (file, first) in FILES.items()
    ]
    table = pl.concat(frames).sort("code", "period", "line", "provision")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"s251_provision": table})


def line_key(description: pl.Expr) -> pl.Expr:
    """'6 Residential care ' -> 'residential care'; '16 Total  Children Looked After' -> the same, lowercased."""
    text = description.fill_null("").str.to_lowercase().str.replace(r"^\s*\d+\s*", "")
    return text.str.replace_all(r"\s+", " ").str.strip_chars()


def read_year(path: Path, year: int, first: str, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    """One year's three lines, long (code, line, provision, value, status), with the file's row account."""
    frame = names.read_from_header(path, first)
    frame = names.canonical_columns(frame, SYNONYMS, ["la", "la_name", "description", *PROVISIONS], path)
    account = RowAccount(path.name, read=frame.height)
    accounts.append(account)
    frame = frame.with_columns(line=line_key(pl.col("description")).replace_strict(LINES, default=None))
    account.reject("S251 line not used (only residential care, fostering and the looked-after total)",
                   frame.filter(pl.col("line").is_null()).height)  # fmt: skip
    frame = _codes(frame.filter(pl.col("line").is_not_null()), year, councils, path)
    account.kept = frame.height
    check_unique(frame, ["code", "line"], path)
    frame = frame.with_columns(pl.col(PROVISIONS).replace("NULL", ""))
    for provision in PROVISIONS:  # checked column by column, so an error names the column
        numeric_with_status(frame.select("_row", provision), provision, path)
    long = frame.unpivot(PROVISIONS, index=["_row", "code", "line"], variable_name="provision", value_name="text")
    long = numeric_with_status(long, "text", path)
    for provision, n in (
        long.filter(pl.col("status") != "published").group_by("provision").len().sort("provision").iter_rows()
    ):
        account.missing(f"{provision}: blank or NULL", n)
    return long.select(
        "code", "line", "provision", "value", "status",
        period=pl.lit(f"{year - 1}-{year % 100:02d}"), source_file=pl.lit(path.name), source_row="_row",
    ).cast(S251_SCHEMA)  # type: ignore[arg-type]  # fmt: skip


def _codes(frame: pl.DataFrame, year: int, councils: pl.DataFrame, path: Path) -> pl.DataFrame:
    """`code`: the council that held the DfE number on 31 March of `year`; an unknown number is an error."""
    on = pl.date(year, 3, 31)
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )
    holders = councils.filter(alive).select(la="dfe_la_code", code="code")
    check_unique(holders.with_columns(_row=pl.lit(None, pl.Int64)), ["la"], "council lookup")
    coded = frame.with_columns(pl.col("la").str.strip_chars()).join(holders, on="la", how="left")
    unknown = coded.filter(pl.col("code").is_null())
    if unknown.height:
        first = unknown.row(0, named=True)
        problem = f"LA number '{first['la']}' ({first['la_name']}) is no council that existed on 31 March {year}"
        raise SourceFileError(path, problem, column="LA", row=first["_row"])
    return coded
