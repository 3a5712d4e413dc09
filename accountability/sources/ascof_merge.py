"""One figure per cell: the ASCOF 2024-25 workbook joined to the older ASCOF files, disagreements reported.

The workbook repeats, for the survey measures, cells the trend file (2017-18 to 2023-24) and the
2020-21 open-data file already hold, and adds their margins of error and respondents. Where both
hold a cell (same council or area, period and measure) the figures must agree: agreeing cells are
read from the workbook and the older file's row is counted as superseded in its row account. A
disagreement stops the build with a message naming both files' rows, unless it is in `REVIEWED`,
which says which file is kept and why; the other file's row is then rejected with that reason, so
a disagreement is never resolved silently. The respondents in the 2020-21 file ('Base') must equal
the workbook's too. Nothing is computed here.
"""

from __future__ import annotations

import polars as pl

from accountability.sources.ascof_2025_sheets import WORKBOOK
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput

# (measure, period, area code) -> (file whose figure is kept: "older" or "workbook", why)
_3C2_2018 = (
    "older",
    "The workbook's 2018-19 3C(2) regional figures are the trend file's nine figures in another order "
    "(regions listed alphabetically received the figures in ONS-code order): the councils' own figures "
    "agree with the trend file's (North East councils average 70.0%, trend 72.5%, workbook 61.6%; West "
    "Midlands 57.7%, trend 57.6%, workbook 62.9%), so the trend file's figures are kept.",
)
REVIEWED: dict[tuple[str, str, str], tuple[str, str]] = {
    ("ascof_info_carers", "2018-19", f"E1200000{i}"): _3C2_2018 for i in range(1, 10)
}
SUPERSEDED = f"same figure read from {WORKBOOK}, which adds the margin of error and respondents where published"
TOLERANCE = 1e-9
VALUE_KEYS = ["code", "period", "measure"]
BENCHMARK_KEYS = ["area_type", "area_code", "period", "measure"]


def supersede(older: SourceOutput, workbook: SourceOutput) -> SourceOutput:
    """The older files' output with the workbook's joined in; every account stays balanced."""
    accounts = {a.file: a for a in [*older.accounts, *workbook.accounts]}
    values = _merge(older.values, workbook.values, VALUE_KEYS, "code", accounts)
    benchmarks = _merge(older.benchmarks, workbook.benchmarks, BENCHMARK_KEYS, "area_code", accounts)
    tables = older.tables | {"ascof_survey_base": _base(older.tables, workbook.tables)}
    if "ascof_codes" in workbook.tables:
        tables["ascof_codes"] = pl.concat([older.tables["ascof_codes"], workbook.tables["ascof_codes"]])
    return SourceOutput(values, benchmarks, [*older.accounts, *workbook.accounts], tables)


def _merge(
    old: pl.DataFrame, new: pl.DataFrame, keys: list[str], area: str, accounts: dict[str, RowAccount]
) -> pl.DataFrame:
    """Rows of `old` and `new`, one per key: agreeing cells from `new`, reviewed ones as reviewed."""
    both = old.join(new, on=keys, suffix="_new").join(_reviewed(area), on=["measure", "period", area], how="left")
    value, other = pl.col("value"), pl.col("value_new")
    same = (value.is_null() & other.is_null()) | ((value - other).abs() < TOLERANCE).fill_null(False)
    both = both.with_columns(same=same)
    _raise_unreviewed(both.filter(~pl.col("same") & pl.col("kept").is_null()))
    reviewed = pl.format(f"disagrees with {WORKBOOK}; reviewed, this file's figure is kept: {{}}", "why")
    drop_old = both.filter(pl.col("same") | (pl.col("kept") == "workbook")).with_columns(
        reason=pl.when("same").then(pl.lit(SUPERSEDED)).otherwise(reviewed)
    )
    drop_new = both.filter(~pl.col("same") & (pl.col("kept") == "older")).with_columns(
        reason=pl.format("disagrees with {}; reviewed, that file's figure is kept: {}", "source_file", "why")
    )
    _reject(drop_old, "source_file", accounts)
    _reject(drop_new, "source_file_new", accounts)
    kept_old = old.join(drop_old.select(keys), on=keys, how="anti")
    kept_new = new.join(drop_new.select(keys), on=keys, how="anti")
    return pl.concat([kept_old, kept_new], how="vertical_relaxed").sort(keys)


def _reviewed(area: str) -> pl.DataFrame:
    rows = [(m, p, a, kept, why) for (m, p, a), (kept, why) in REVIEWED.items()]
    return pl.DataFrame(rows, schema=["measure", "period", area, "kept", "why"], orient="row")


def _reject(rows: pl.DataFrame, file: str, accounts: dict[str, RowAccount]) -> None:
    """Move rows from kept to rejected, with their `reason`, in the account of the file they came from."""
    for name, reason, n in rows.group_by(file, "reason").len().sort(file, "reason").iter_rows():
        accounts[name].kept -= n
        accounts[name].reject(reason, n)


def _raise_unreviewed(rows: pl.DataFrame) -> None:
    if rows.height:
        r = rows.sort("source_file_new", "source_row_new").row(0, named=True)
        raise SourceFileError(
            r["source_file_new"],
            f"{r['measure']} {r['period']}: {r['value_new']} here but {r['value']} in {r['source_file']} row "
            f"{r['source_row']} ({rows.height} cells disagree); review them in ascof_merge.REVIEWED",
            row=r["source_row_new"],
        )


def _base(older: dict[str, pl.DataFrame], workbook: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Respondents: the workbook's, plus older ones it lacks; where both give one they must agree."""
    old, new = older["ascof_survey_base"], workbook["ascof_survey_base"]
    keys = ["area_code", "period", "measure"]
    both = old.join(new, on=keys, suffix="_new").filter((pl.col("base") - pl.col("base_new")).abs() >= TOLERANCE)
    if both.height:
        r = both.row(0, named=True)
        raise SourceFileError(
            r["source_file_new"],
            f"{r['measure']} {r['period']} {r['area_code']}: {r['base_new']} respondents here but {r['base']} "
            f"in {r['source_file']} row {r['source_row']}",
            row=r["source_row_new"],
        )
    return pl.concat([old.join(new, on=keys, how="anti"), new]).sort(keys)
