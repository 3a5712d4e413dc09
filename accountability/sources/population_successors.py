"""Mid-2020 populations for the unitary councils created from districts after mid-2020.

ONS's mid-2020 table (2021 geography) predates April 2023, so it has no rows for Cumberland,
Westmorland and Furness, North Yorkshire (E06000065) or Somerset (E06000066). It does have their
former districts, and populations add up: each such council gets the sum of the mid-2020 rows of the
districts that ONS's district lookup (drkane/geo-lookups, from ONS Open Geography) assigns to it.
Only unitary (E06) councils without a row of their own are filled; renumbered councils (Barnsley,
Sheffield, Gateshead) are handled by `harmonise.recode`, not here. This module adds no other ages,
years or councils, and does not estimate anything: a council whose districts are absent gets no row.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources.base import RowAccount, read_csv_text

FOLDER = "la-name-code-lookups"
FILE = "drkane_la_all_codes.csv"
SUMMED = "district summed into the unitary council that replaced it (not kept on its own)"


def district_successors(raw_dir: Path) -> tuple[pl.DataFrame, RowAccount]:
    """district, successor: every district (E07) whose current council is a unitary (E06) one."""
    path = raw_dir / FOLDER / FILE
    frame = read_csv_text(path, ["LADCD", "LADCD_ACTIVE"])
    district, active = pl.col("LADCD").str.strip_chars(), pl.col("LADCD_ACTIVE").str.strip_chars()
    wanted = district.str.starts_with("E07") & active.str.starts_with("E06")
    account = RowAccount(path.name, read=frame.height, kept=frame.filter(wanted).height)
    account.reject("not a district replaced by a unitary council", frame.height - account.kept)
    return frame.filter(wanted).select(district=district, successor=active).sort("district"), account


def summed_rows(table: pl.DataFrame, successors: pl.DataFrame, own_codes: list[str]) -> pl.DataFrame:
    """code, derived_from and every numeric column of `table` summed over each successor's districts.

    `table` has `Code` and numeric columns; `own_codes` are the codes that already have a row.
    """
    links = successors.filter(~pl.col("successor").is_in(own_codes))
    districts = table.join(links, left_on="Code", right_on="district", how="inner")
    numbers = [c for c, t in table.schema.items() if t.is_numeric() and c != "_row"]
    return (
        districts.sort("Code")
        .group_by("successor")
        .agg(pl.col(numbers).sum(), derived_from=pl.col("Code").str.join(", "))
        .rename({"successor": "code"})
        .sort("code")
    )
