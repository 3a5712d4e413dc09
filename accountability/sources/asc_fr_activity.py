"""Adult care for people aged 65+ in 2014-15: weeks of residential and nursing care, in-house or bought.

What it reads (asc-fr-activity/), into the `asc_provision` table beside the other adult files (prepare
appends it):
- pss-exp-eng-14-15-fin-coun-lev-act-data.csv (OFFICIAL, NHS Digital PSS-EX1 2014-15 activity, wide:
  one column per council "102 - Cumbria", then regions and ENGLAND): long-term care, age 65 and over,
  Residential / Nursing, "In house provision" / "External provision", one row per primary support
  reason as published (no all-reasons total is published and none is computed). ":" is unavailable.
  Councils are matched by CASSR code, then name, as on 31 March 2015. Region and England columns
  are not stored (the tests use them).

What it does not use: the ASC-FR 2016-17 keyed CSVs in the same folder. Their numeric keys
(ActivityProvision, SupportSetting, AgeBand) are decoded only in a researcher's code; the published
totals we could check them against do not confirm them (see data/SOURCES.md), so the provision file
is accounted as read and not used, and the other two are not read at all.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.asc_provision import ASC_SCHEMA, PROVISION, codes_by_cassr_or_name, no_unmapped_columns
from accountability.sources.base import RowAccount, SourceOutput, financial_year, numeric_with_status, read_csv_text
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

FOLDER = "asc-fr-activity"
ACTIVITY_1415 = "pss-exp-eng-14-15-fin-coun-lev-act-data.csv"
KEYED_2016_17 = "CSV ASCFR Activity.csv"
UNVERIFIED = "ASC-FR 2016-17 keyed file: its provision, setting and age keys are not confirmed by published totals"
LABELS = ["Support type", "Age category", "Primary support reason", "Service delivery mechanism", "Provision"]
OWN_OR_BOUGHT = {"In house provision": "in house", "External provision": "external"}


def read(raw_dir: Path) -> SourceOutput:
    """The 2014-15 activity rows (`tables["asc_provision_1415"]`, appended to `asc_provision` by
    prepare); the 2016-17 provision file accounted as not used."""
    accounts: list[RowAccount] = []
    account_unverified(raw_dir / FOLDER / KEYED_2016_17, accounts)
    frame = read_activity_1415(raw_dir / FOLDER / ACTIVITY_1415, names.councils_table(raw_dir, []), accounts)
    table = conform(frame, ASC_SCHEMA).sort("code", "setting", "provision", "support_reason")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"asc_provision_1415": table})


def account_unverified(path: Path, accounts: list[RowAccount]) -> None:
    frame = read_csv_text(path, ["ActivityProvision_KEY", "SupportSetting_KEY", "AgeBand_KEY", "ItemValue"])
    account = RowAccount(path.name, read=frame.height)
    account.reject(UNVERIFIED, frame.height)
    accounts.append(account)


def _keep(frame: pl.DataFrame, keep: pl.Expr, account: RowAccount, reason: str) -> pl.DataFrame:
    account.reject(reason, frame.filter(~keep).height)
    return frame.filter(keep)


def read_activity_1415(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, LABELS, encoding="cp1252", skip_rows=1)  # line 1 holds region codes
    accounts.append(account := RowAccount(path.name, read=frame.height))
    frame = frame.with_columns(pl.col(LABELS).fill_null("").str.strip_chars())
    frame = _keep(frame, pl.col("Service delivery mechanism") != "", account, "note or blank row")
    wanted = (pl.col("Support type") == "Long term") & (pl.col("Age category") == "Age 65 and over")
    wanted &= pl.col("Service delivery mechanism").is_in(["Residential", "Nursing"])
    frame = _keep(frame, wanted, account, "breakdown not used (not 65+ long-term residential/nursing)")
    frame = _keep(frame, pl.col("Provision").is_in(list(OWN_OR_BOUGHT)), account,
                  "total provision row (in-house plus external; not stored)")  # fmt: skip
    account.kept = frame.height
    columns = [c for c in frame.columns if c[:3].isdigit() and " - " in c]
    long = frame.unpivot(columns, index=["_row", "Service delivery mechanism", "Provision", "Primary support reason"],
                         variable_name="col")  # fmt: skip
    long = numeric_with_status(long, "value", path).rename({"value": "weeks"})
    long = long.with_columns(
        _cassr=pl.col("col").str.extract(r"^(\d{3})"), _name=pl.col("col").str.replace(r"^\d{3} - ", ""),
        _on=pl.date(2015, 3, 31),
    )  # fmt: skip
    long = codes_by_cassr_or_name(long, councils, path)
    no_unmapped_columns(long, path)
    return long.select(
        "code", "status", year=pl.lit(2015), period=pl.lit(financial_year(2015)),
        setting=pl.col("Service delivery mechanism").str.to_lowercase(),
        provision=pl.col("Provision").replace_strict(OWN_OR_BOUGHT).replace_strict(PROVISION),
        support_reason="Primary support reason", value="weeks", unit=pl.lit("weeks"), official=pl.lit(True),
        source_file=pl.lit(path.name), source_row="_row",
    )  # fmt: skip
