"""Corrections to where the ASCOF 2024-25 workbook puts a council's figures (Dorset, Cornwall).

- Tables 4B, 6A and 6B have one row for CASSR 809, labelled "Dorset County" with the county
  council's ONS code E10000009, although that council was abolished in April 2019; in 2023-24 and
  2024-25 CASSR 809 is Dorset Council (E06000059), which has no row of its own there.
  `rekey_abolished_rows` reads such a record as the successor's when exactly one of the abolished
  council's successors carries the same CASSR code elsewhere in the workbook and has no record of
  its own in that table and year.
- The survey tables have both rows, and the county's 2024-25 cells repeat Dorset's exactly.
  `drop_repeats_of_successors` rejects any abolished council's record, after its abolition, whose
  figures are identical to one of its successors' in the same table and year; a record that differs
  is kept, so the build's council-lifetime check fails on it rather than it being dropped unseen.
- Table 6A has a "Cornwall and Isles of Scilly" row (no code) beside the Cornwall row; in each year
  one of them is "[x]". `use_combined_rows` keeps, per year, whichever has the figure (the
  publisher's note 17: its Cornwall figure includes the Isles of Scilly); both with a figure is left
  to the duplicate-key check, which fails.
Pure functions on the reader's records; the reorganisation dates come from `reorganisations`.
"""

from __future__ import annotations

import polars as pl

from accountability.sources.base import RowAccount
from accountability.sources.reorganisations import validity_frame

COMBINED_EMPTY = (
    "no figure on this row this year; the council's figure is on its other row (Cornwall and Isles of Scilly)"
)
REPEAT = "abolished council's row repeats its successor's figures for a year after its abolition"
_SAME = ["value", "status", "moe", "respondents", "numerator", "denominator"]


def rekey_abolished_rows(records: pl.DataFrame) -> pl.DataFrame:
    """Records of an abolished council after its abolition, re-keyed to its one successor with the same
    CASSR code (`la_code`) when that successor has no record of its own for the measure and year."""
    cassr = records.filter(pl.col("level") == "council").select("la_code", pl.col("code").alias("successors")).unique()
    late = _after_abolition(records).join(cassr, on=["la_code", "successors"])
    own = records.select("measure", "period", pl.col("code").alias("successors"))
    moved = late.join(own, on=["measure", "period", "successors"], how="anti")
    moved = moved.filter(pl.len().over("source_file", "source_row", "period") == 1)
    moved = moved.select("source_file", "source_row", "period", new_code="successors")
    out = records.join(moved, on=["source_file", "source_row", "period"], how="left", maintain_order="left")
    return out.with_columns(code=pl.coalesce("new_code", "code")).drop("new_code")


def _after_abolition(records: pl.DataFrame) -> pl.DataFrame:
    """Council records dated on or after their council's abolition, one row per successor."""
    ended = validity_frame().filter(pl.col("valid_to").is_not_null()).select("code", "valid_to", "successors")
    start = pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32), 4, 1)
    late = records.filter(pl.col("level") == "council").join(ended, on="code").filter(start >= pl.col("valid_to"))
    return late.explode("successors").drop("valid_to")


def drop_repeats_of_successors(records: pl.DataFrame, accounts: dict[str, RowAccount]) -> pl.DataFrame:
    """Reject (in each sheet's account) records that repeat a successor's figures after abolition."""
    late = _after_abolition(records)
    mine = records.select(
        "measure", "period", pl.col("code").alias("successors"), *[pl.col(c).alias(f"{c}_s") for c in _SAME]
    )
    same = late.join(mine, on=["measure", "period", "successors"])
    same = same.filter(pl.all_horizontal(pl.col(c).eq_missing(pl.col(f"{c}_s")) for c in _SAME))
    drop = same.select("source_file", "source_row", "period").unique()
    for file, n in drop.group_by("source_file").len().iter_rows():
        accounts[file].kept -= n
        accounts[file].reject(REPEAT, n)
    return records.join(drop, on=["source_file", "source_row", "period"], how="anti")


def use_combined_rows(records: pl.DataFrame, combined: list[str], accounts: dict[str, RowAccount]) -> pl.DataFrame:
    """Of a council's own row and its combined-area row (`area_name` in `combined`), per year, drop the
    empty one when the other has a figure, and the combined one when both are empty; rejections are
    counted in each sheet's account."""
    key = ["measure", "period", "code"]
    is_combined = pl.col("area_name").is_in(combined)
    pairs = records.filter(pl.col("level") == "council", (pl.len() == 2).over(key), is_combined.any().over(key))
    other_has_figure = pl.col("value").is_not_null().any().over(key)
    drop = pairs.filter(pl.col("value").is_null() & (other_has_figure | is_combined))
    drop = drop.select("source_file", "source_row", "period").unique()
    for file, n in drop.group_by("source_file").len().iter_rows():
        accounts[file].kept -= n
        accounts[file].reject(COMBINED_EMPTY, n)
    return records.join(drop, on=["source_file", "source_row", "period"], how="anti")
