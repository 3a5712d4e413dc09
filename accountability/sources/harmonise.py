"""One code per council where ONS only renumbered it (a boundary-change order, same council).

Barnsley and Sheffield got new codes in April 2025 (E08000016 -> E08000038, E08000019 -> E08000039),
Gateshead and Northumberland in April 2013, each for a small boundary adjustment. Publishers then
use either code, which would split one council's history in two. These are recoded to the current
code and the old code is kept in `former_codes`. Structural changes (Cumbria, North Yorkshire,
Somerset, Northamptonshire, Dorset, Buckinghamshire) are different councils and are never merged.
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
