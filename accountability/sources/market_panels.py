"""Read the two children's-market research compilations (Goodair et al.) into `tables["market_panel"]`.

Every value here is a research compilation, not official statistics: `RESEARCH_LABEL` must be shown
wherever these values are (README of the raw folder). Two files:
- placement_data_final.csv (keyed by ONS code, 2011-2022; year = 31 March, spend = the financial year
  ending then): share of looked-after children's placements with for-profit and third-sector
  providers (percent) and S251 spend on children looked after by provider ownership (GBP).
- panel_data.csv (keyed by an UPPER-CASE name, 2014-2024, 2024 partial): children's homes and their
  places by owner type, including investment (private-equity) owned, as classified by the authors.
  Names are mapped to the council that existed on 31 March of the year; rows of Scottish, Welsh and
  Northern Irish authorities and total rows are rejected; so are rows for a council in a year it
  did not exist (the authors kept CUMBRIA and NORTHAMPTONSHIRE after their abolition).

Published markers ("x", "c", "z") and R's "NA" (no value in the compilation, status "missing")
become null plus a status. Repeated identical rows (DORSET, a merge artefact) are kept once.
What it does not do: check these numbers against the official sources, or compute shares.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceOutput, check_unique, numeric_with_status, read_csv_text
from accountability.sources.harmonise import recode
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, Status, empty

RESEARCH_LABEL = "research compilation (Goodair et al.), not official statistics"
FOLDER = "childrens-market-panels"
PLACEMENTS, PANEL = "placement_data_final.csv", "panel_data.csv"
# published column -> (measure id, unit)
PLACEMENT_MEASURES: dict[str, tuple[str, str]] = {
    "per_for_profit": ("cla_placements_for_profit_pct", "percent"),
    "per_third_sector": ("cla_placements_third_sector_pct", "percent"),
    "LA_own_spend": ("cla_spend_la_own_provision", "GBP"),
    "Private_spend": ("cla_spend_private_provision", "GBP"),
    "Voluntary_spend": ("cla_spend_voluntary_provision", "GBP"),
    "Other_Public_spend": ("cla_spend_other_public_provision", "GBP"),
    "Total_spend": ("cla_spend_total", "GBP"),
}
OWNERS = ["Individual_owned", "Corporate_owned", "Unidentified_for_profit", "Local_Authority", "Third_sector",
          "Investment_owned", "LA_owned_company"]  # fmt: skip
PANEL_MEASURES: dict[str, tuple[str, str]] = {
    **{f"Places_{o}": (f"childrens_home_places_{o.lower()}", "places") for o in OWNERS},
    **{f"Homes_{o}": (f"childrens_homes_{o.lower()}", "homes") for o in OWNERS},
    "All_homes": ("childrens_homes_all", "homes"),
}
ENGLISH_REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
                   "East of England", "London", "South East", "South West"]  # fmt: skip
MARKET_PANEL_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "year": pl.Int16(),
    "measure": pl.String(),
    "value": pl.Float64(),
    "status": Status,
    "unit": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    """`market_panel` (long: one row per council, year and measure)."""
    councils = names.councils_table(raw_dir, [])
    accounts: list[RowAccount] = []
    placements = read_placements(raw_dir / FOLDER / PLACEMENTS, councils, accounts)
    panel = read_panel(raw_dir / FOLDER / PANEL, councils, accounts)
    table = pl.concat([placements, panel]).select(list(MARKET_PANEL_SCHEMA)).sort("code", "year", "measure")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"market_panel": table})


def _alive_expr() -> pl.Expr:
    on = pl.col("_on")
    return (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )


def read_placements(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, ["New_geog_code", "year", *PLACEMENT_MEASURES])
    accounts.append(account := RowAccount(path.name, read=frame.height))
    frame = recode(frame.rename({"New_geog_code": "code"}), "code")  # Gateshead/Barnsley renumberings
    frame = frame.with_columns(_year(), _on=pl.date(pl.col("year").cast(pl.Int32), 3, 31))
    known = pl.col("code").is_in(councils["code"].implode())
    for code, n in frame.filter(~known).group_by("code").len().sort("code").rows():
        account.reject(f"not a council in the council table: {code}", n)
    frame = frame.filter(known).join(councils.select("code", "valid_from", "valid_to"), on="code", how="left")
    frame = _keep_alive(frame, account, "code")
    check_unique(frame, ["code", "year"], path)
    account.kept += frame.height
    return _long(frame, PLACEMENT_MEASURES, path, account)


def _year() -> pl.Expr:
    return pl.col("year").str.strip_chars().cast(pl.Int16)


def _keep_alive(frame: pl.DataFrame, account: RowAccount, label: str) -> pl.DataFrame:
    """Drop council-years before the council existed or after it was abolished."""
    dead = frame.filter(~_alive_expr())
    for name, year, n in dead.group_by(label, "year").len().sort(label, "year").rows():
        account.reject(f"council did not exist at 31 March {year}: {name}", n)
    return frame.filter(_alive_expr())


def read_panel(path: Path, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, ["Local.authority", "year", "Region.Country.name", *PANEL_MEASURES])
    accounts.append(account := RowAccount(path.name, read=frame.height))
    frame = frame.with_columns(_year(), _on=pl.date(pl.col("year").cast(pl.Int32), 3, 31))
    keys = names.council_keys(councils)
    has_key = names.name_key(pl.col("Local.authority")).is_in(keys["key"].implode())
    english = pl.col("Region.Country.name").is_in(ENGLISH_REGIONS)
    foreign = frame.filter(~has_key & ~english)
    account.reject("not an English council (Scotland, Wales, Northern Ireland or a total row)", foreign.height)
    frame = frame.filter(has_key | english)
    frame = names.attach_codes(frame, "Local.authority", "_on", councils, path)
    dead = frame.filter(pl.col("code").is_null() & has_key)
    for name, year, n in dead.group_by("Local.authority", "year").len().sort("Local.authority", "year").rows():
        account.reject(f"council did not exist at 31 March {year}: {name}", n)
    frame = names.keep_mapped(frame.filter(pl.col("code").is_not_null() | ~has_key), "Local.authority", account)
    frame = _drop_repeats(frame, account)
    check_unique(frame, ["code", "year"], path)
    account.kept += frame.height
    return _long(frame, PANEL_MEASURES, path, account)


def _drop_repeats(frame: pl.DataFrame, account: RowAccount) -> pl.DataFrame:
    """Keep the first of rows repeating a council, year and every value read; differing repeats stay (and fail)."""
    frame = frame.sort("_row")
    unique = frame.unique(["code", "year", *PANEL_MEASURES], keep="first", maintain_order=True)
    account.reject("repeated row (same council, year and values)", frame.height - unique.height)
    return unique


def _long(frame: pl.DataFrame, measures: dict[str, tuple[str, str]], path: Path, account: RowAccount) -> pl.DataFrame:
    """One row per (code, year, measure) with value and status; R's NA is 'no value' (status missing)."""
    frame = frame.with_columns(pl.col(list(measures)).str.strip_chars().replace("NA", ""))
    for column in measures:
        numeric_with_status(frame.select("_row", column), column, path)  # raises on text, naming column and row
    long = frame.unpivot(list(measures), index=["code", "year", "_row"], variable_name="column", value_name="text")
    long = numeric_with_status(long, "text", path)
    for column, n in long.filter(pl.col("value").is_null()).group_by("column").len().sort("column").rows():
        account.missing(f"no value: {column}", n)
    ids = {c: m for c, (m, _) in measures.items()}
    units = {c: u for c, (_, u) in measures.items()}
    return long.with_columns(
        measure=pl.col("column").replace_strict(ids),
        unit=pl.col("column").replace_strict(units),
        source_file=pl.lit(path.name),
        source_row=pl.col("_row"),
    )
