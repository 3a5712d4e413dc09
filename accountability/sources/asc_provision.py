"""Adult social care for people aged 65+: in-house (council) vs external provision, per council.

What it reads (asc-provision-split/), into `tables["asc_provision"]`:
- pss-exp-eng-14-15-fin-coun-lev-exp-data.csv (OFFICIAL, NHS Digital PSS-EX1 2014-15, GBP thousand):
  long-term care, age 65 and over, all primary support reasons ("Total" rows), Residential and
  Nursing, "Gross total cost: own provision" (in_house) and "... provision by others" (external).
  Councils do not report own-provision nursing, so nursing has an external row only.
- pss-exp-eng-15-16-fin-act.csv (OFFICIAL, ASC-FR 2015-16 activity, weeks): long-term care, age 65
  and over, Residential / Nursing, In house / External, one row per primary support reason as
  published (`support_reason`); no all-reasons total is published and none is computed here.
- activity_keep_all.csv (DERIVED by the repository author, not official; see `ACTIVITY_CAVEATS`):
  only the Residential and Nursing rows, In House / External. Blank-setting rows (mixed units
  summed), Home care and Day care (hours / sessions, not weeks) and total rows (99) are rejected.

Years are financial years ending 31 March (`year` 2015 = `period` "2014-15"); councils are those
that existed on that 31 March, matched by CASSR code and then by name. What it does not do: splice
PSS-EX1 and ASC-FR (definitions changed in 2015-16), or compute shares.
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
    financial_year,
    numeric_with_status,
    read_csv_text,
)
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, Status, conform, empty

FOLDER = "asc-provision-split"
EXPENDITURE, ACTIVITY, SERIES = (
    "pss-exp-eng-14-15-fin-coun-lev-exp-data.csv",
    "pss-exp-eng-15-16-fin-act.csv",
    "activity_keep_all.csv",
)
ACTIVITY_CAVEATS = (
    "Derived by the repository author (Goodair) from NHS Digital PSS-EX1 (to 2014-15) and ASC-FR (2015-16 on), "
    "not official statistics: activity of clients aged 65+, weeks of residential / nursing care. Definitions "
    "change between PSS-EX1 and ASC-FR: do not read 2014-15 to 2015-16 as a trend."
)
PROVISION = {
    "own provision": "in_house",
    "provision by others": "external",
    "in house": "in_house",
    "external": "external",
}
SETTINGS = ["residential", "nursing"]
NOT_COUNCILS = (
    r"^(total .*|england|na|east|london|(north|south) (east|west)|(east|west) midlands|yorkshire and humber)$"
)
ASC_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "year": pl.Int16(),
    "period": pl.String(),
    "setting": pl.Enum(SETTINGS),
    "provision": pl.Enum(["in_house", "external"]),
    "support_reason": pl.String(),  # null: all primary support reasons
    "value": pl.Float64(),
    "status": Status,
    "unit": pl.Enum(["GBP thousand", "weeks"]),
    "official": pl.Boolean(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    councils = names.councils_table(raw_dir, [])
    accounts: list[RowAccount] = []
    folder = raw_dir / FOLDER
    frames = [
        read_expenditure(folder / EXPENDITURE, councils, accounts),
        read_activity(folder / ACTIVITY, councils, accounts),
        read_series(folder / SERIES, councils, accounts),
    ]
    table = pl.concat([conform(f, ASC_SCHEMA) for f in frames])
    table = table.sort("code", "year", "setting", "provision", "source_file", "support_reason", nulls_last=False)
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"asc_provision": table})


def _keep(frame: pl.DataFrame, keep: pl.Expr, account: RowAccount, reason: str) -> pl.DataFrame:
    account.reject(reason, frame.filter(~keep).height)
    return frame.filter(keep)


def codes_by_cassr_or_name(frame: pl.DataFrame, councils: pl.DataFrame, path: Path) -> pl.DataFrame:
    """`code` from the CASSR code (`_cassr`) of a council alive on `_on`, else from the name (`_name`)."""
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("_on"))) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("_on"))
    )
    pairs = frame.select("_cassr", "_on").unique().drop_nulls()
    pairs = pairs.join(councils.select("code", "valid_from", "valid_to", _cassr="cassr_code"), on="_cassr")
    pairs = pairs.filter(alive).select("_cassr", "_on", _by_cassr="code")
    check_unique(pairs, ["_cassr", "_on"], path)
    frame = names.attach_codes(frame.join(pairs, on=["_cassr", "_on"], how="left"), "_name", "_on", councils, path)
    return frame.with_columns(code=pl.coalesce("_by_cassr", "code")).drop("_by_cassr")


def read_expenditure(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    labels = ["Support type", "Age category", "Summary", "Delivery mechanism", "Accounting category"]
    frame = read_csv_text(path, labels, encoding="cp1252", skip_rows=1)  # line 1 holds region codes
    accounts.append(account := RowAccount(path.name, read=frame.height))
    frame = frame.with_columns(pl.col(labels).fill_null("").str.strip_chars())
    frame = _keep(frame, pl.col("Accounting category") != "", account, "note or blank row")
    cost = pl.col("Accounting category").str.replace("Gross total cost: ", "")
    wanted = (pl.col("Support type") == "Long term") & (pl.col("Age category") == "Age 65 and over")
    wanted &= (pl.col("Summary") == "Total") & pl.col("Delivery mechanism").is_in(["Residential", "Nursing"])
    wanted &= pl.col("Accounting category").str.starts_with("Gross total cost: ") & cost.is_in(list(PROVISION))
    frame = _keep(frame, wanted, account, "breakdown not used (not 65+ long-term residential/nursing cost by provider)")
    account.kept += frame.height
    councils_cols = [c for c in frame.columns if c[:3].isdigit() and " - " in c]
    long = frame.unpivot(
        councils_cols, index=["_row", "Delivery mechanism", "Accounting category"], variable_name="col"
    )
    long = numeric_with_status(long, "value", path).rename({"value": "amount"})
    long = long.with_columns(
        _cassr=pl.col("col").str.extract(r"^(\d{3})"),
        _name=pl.col("col").str.replace(r"^\d{3} - ", ""),
        _on=pl.date(2015, 3, 31),
    )
    long = codes_by_cassr_or_name(long, councils, path)
    no_unmapped_columns(long, path)
    return long.select(
        "code", "status", year=pl.lit(2015), setting=pl.col("Delivery mechanism").str.to_lowercase(),
        provision=cost.replace_strict(PROVISION), value="amount", unit=pl.lit("GBP thousand"), official=pl.lit(True),
        source_file=pl.lit(path.name), source_row="_row", period=pl.lit(financial_year(2015)),
    )  # fmt: skip


def no_unmapped_columns(long: pl.DataFrame, path: Path) -> None:
    bad = long.filter(pl.col("code").is_null())
    if bad.height:
        raise SourceFileError(path, "council column matches no council (CASSR code or name)", column=bad["col"][0])


def read_activity(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    cols = ["Council Code", "Council Name", "Care Type", "Activity Provision", "Age Bands", "Primary support reason",
            "Long Term Support Setting", "Value"]  # fmt: skip
    frame = read_csv_text(path, cols, encoding="cp1252")
    accounts.append(account := RowAccount(path.name, read=frame.height))
    wanted = (pl.col("Care Type") == "Long term") & (pl.col("Age Bands") == "Age 65 and over")
    wanted &= pl.col("Long Term Support Setting").is_in(["Residential", "Nursing"])
    frame = _keep(frame, wanted, account, "breakdown not used (not 65+ long-term residential/nursing)")
    frame = numeric_with_status(frame, "Value", path)
    frame = frame.with_columns(
        _cassr=pl.col("Council Code").str.strip_chars(), _name="Council Name", _on=pl.date(2016, 3, 31)
    )
    frame = names.keep_mapped(codes_by_cassr_or_name(frame, councils, path), "Council Name", account)
    frame = frame.with_columns(
        year=pl.lit(2016), setting=pl.col("Long Term Support Setting").str.to_lowercase(),
        provision=pl.col("Activity Provision").str.to_lowercase().replace_strict(PROVISION),
        support_reason="Primary support reason",
    )  # fmt: skip
    check_unique(frame, ["code", "setting", "provision", "support_reason"], path)
    account.kept += frame.height
    return frame.with_columns(
        unit=pl.lit("weeks"), official=pl.lit(True), source_file=pl.lit(path.name), source_row="_row",
        period=pl.lit(financial_year(2016)),
    )  # fmt: skip


def read_series(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, ["SupportSetting", "DH_GEOGRAPHY_NAME", "ActivityProvision", "ITEMVALUE", "year"])
    accounts.append(account := RowAccount(path.name, read=frame.height))
    setting = pl.col("SupportSetting").fill_null("").str.strip_chars()
    frame = _keep(frame, setting != "", account, "blank setting: activity of mixed units summed (SOURCES.md)")
    for name, n in (
        frame.filter(~setting.is_in(["Residential", "Nursing"])).group_by(setting).len().sort(setting).rows()
    ):
        account.reject(f"setting not used: {name} (not weeks of care)", n)
    frame = frame.filter(setting.is_in(["Residential", "Nursing"]))
    frame = _keep(frame, pl.col("ActivityProvision") != "99", account, "total row (ActivityProvision 99)")
    frame = _keep(frame, pl.col("DH_GEOGRAPHY_NAME") != "NA", account, "no area name (NA in the compilation)")
    frame = _keep(frame, ~names.name_key(pl.col("DH_GEOGRAPHY_NAME")).str.contains(NOT_COUNCILS), account,
                  "not a council (England, region or council-type total)")  # fmt: skip
    frame = numeric_with_status(frame.with_columns(pl.col("ITEMVALUE").replace("NA", "")), "ITEMVALUE", path)
    year = pl.col("year").str.strip_chars().cast(pl.Int16)
    frame = frame.with_columns(
        year=year, _on=pl.date(year.cast(pl.Int32), 3, 31), _name="DH_GEOGRAPHY_NAME",
        _cassr=pl.col("DH_GEOGRAPHY_NAME").str.extract(r"^(\d{3})-"),
    )  # fmt: skip
    frame = names.keep_mapped(codes_by_cassr_or_name(frame, councils, path), "DH_GEOGRAPHY_NAME", account)
    frame = frame.with_columns(
        setting=setting.str.to_lowercase(),
        provision=pl.col("ActivityProvision").str.to_lowercase().replace_strict(PROVISION),
    )
    check_unique(frame, ["code", "year", "setting", "provision"], path)
    account.kept += frame.height
    return frame.with_columns(
        unit=pl.lit("weeks"), official=pl.lit(False), source_file=pl.lit(path.name), source_row="_row",
        period=_period(pl.col("year")),
    )  # fmt: skip


def _period(year: pl.Expr) -> pl.Expr:
    """2023 -> "2022-23", as `financial_year` does for one year."""
    return pl.concat_str((year - 1).cast(pl.String), pl.lit("-"), (year % 100).cast(pl.String).str.zfill(2))
