"""One code per council where ONS only renumbered it (a boundary-change order, same council).

Barnsley and Sheffield got new codes in April 2025 (E08000016 -> E08000038, E08000019 -> E08000039),
Gateshead and Northumberland in April 2013, each for a small boundary adjustment. Publishers then
use either code, which would split one council's history in two. These are recoded to the current
code and the old code is kept in `former_codes`. Structural changes (Cumbria, North Yorkshire,
Somerset, Northamptonshire, Dorset, Buckinghamshire) are different councils and are never merged.

Some publishers also print a new council's code on years before it existed: DfE's looked-after
files and the ASCOF 2024-25 workbook give North Yorkshire (E06000065) and Somerset (E06000066)
figures back to 2015-16. Where a new council took over exactly one predecessor's whole area and
that predecessor became only this council, those earlier figures are the predecessor's, and
`to_predecessor` re-keys them to it (North Yorkshire County Council, E10000023; Somerset County
Council, E10000027). A split or merger (Cumbria, Dorset) is never re-keyed.
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from accountability.sources.reorganisations import changes_frame

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)


def renumbered() -> dict[str, str]:
    """Old code -> current code, for boundary changes that only renumbered a council."""
    links = changes_frame().filter(pl.col("kind") == "boundary change")
    return dict(zip(links["predecessor"], links["successor"], strict=True))


def recode(frame: FrameT, *columns: str) -> FrameT:
    """Replace renumbered codes by the current ones in `columns`."""
    mapping = renumbered()
    return frame.with_columns(pl.col(c).replace(mapping) for c in columns)


def sole_predecessors() -> pl.DataFrame:
    """successor, predecessor, on: a council that replaced exactly one council, which it alone replaced."""
    links = changes_frame().filter(pl.col("kind") == "structural change")
    one_to_one = links.filter(
        (pl.len().over("successor") == 1) & (pl.len().over("predecessor") == 1),
    )
    return one_to_one.select("successor", "predecessor", "on")


def to_predecessor(frame: FrameT, code: str = "code", period: str = "period") -> FrameT:
    """Re-key rows dated before their council existed to its sole predecessor (see module docstring).

    `period` is a financial year ("2022-23"): a row is earlier when its year starts (1 April) before
    the council's first day. Other codes and periods are unchanged, so applying it twice changes nothing.
    """
    links = sole_predecessors()
    start = pl.date(pl.col(period).str.slice(0, 4).cast(pl.Int32, strict=False), 4, 1)
    joined = frame.join(links.lazy() if isinstance(frame, pl.LazyFrame) else links, left_on=code, right_on="successor",
                        how="left", maintain_order="left")  # fmt: skip
    earlier = pl.col("on").is_not_null() & pl.col(period).str.contains(r"^\d{4}-\d{2}$") & (start < pl.col("on"))
    return joined.with_columns(pl.when(earlier).then(pl.col("predecessor")).otherwise(pl.col(code)).alias(code)).drop(
        "predecessor", "on"
    )


def fold_councils(councils: pl.DataFrame) -> pl.DataFrame:
    """Drop renumbered codes from the council list; the current code inherits their start and links."""
    mapping = renumbered()
    old = councils.filter(pl.col("code").is_in(list(mapping))).select(
        pl.col("code").replace_strict(mapping).alias("code"),
        pl.col("code").alias("former_code"),
        pl.col("valid_from").alias("old_from"),
        pl.col("predecessors").alias("old_predecessors"),
    )
    merged = councils.filter(~pl.col("code").is_in(list(mapping))).join(old, on="code", how="left")
    return merged.with_columns(
        valid_from=pl.when(pl.col("former_code").is_not_null()).then(pl.col("old_from")).otherwise("valid_from"),
        predecessors=pl.when(pl.col("former_code").is_not_null())
        .then(pl.col("old_predecessors"))
        .otherwise("predecessors"),
        former_codes=pl.when(pl.col("former_code").is_not_null())
        .then(pl.concat_list("former_code"))
        .otherwise(pl.lit([], pl.List(pl.String))),
    ).drop("former_code", "old_from", "old_predecessors")
