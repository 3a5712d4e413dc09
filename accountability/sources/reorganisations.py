"""Which English upper-tier councils replaced which, and when: a small hand-written reference table.

No published file in the raw folder states these links, so they are written here as reference fact,
each citing the statutory instrument that made the change. Two kinds of change are recorded:
- "structural change": councils abolished and new ones created (new codes, new areas);
- "boundary change": a small boundary adjustment that made ONS issue a new code for the same
  council (same name, same DfE and CASSR codes); prepare may treat the two codes as one series.
This module does not read any file; `lookups` checks every code here against the published lookups.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import polars as pl


class Change(NamedTuple):
    predecessor: str
    successor: str
    on: date  # first day the successor exists and the predecessor does not
    order: str
    kind: str  # "structural change" or "boundary change"


_GATESHEAD = "The Gateshead and Northumberland (Boundary Change) Order 2013"
_DORSET = "The Bournemouth, Dorset and Poole (Structural Changes) Order 2018"
_BUCKS = "The Buckinghamshire (Structural Changes) Order 2019"
_NORTHANTS = "The Northamptonshire (Structural Changes) Order 2020"
_CUMBRIA = "The Cumbria (Structural Changes) Order 2022"
_NORTH_YORKS = "The North Yorkshire (Structural Changes) Order 2022"
_SOMERSET = "The Somerset (Structural Changes) Order 2022"
_BARNSLEY = "The Barnsley and Sheffield (Boundary Change) Order 2024"
_S, _B = "structural change", "boundary change"

CHANGES: list[Change] = [
    Change("E08000020", "E08000037", date(2013, 4, 1), _GATESHEAD, _B),  # Gateshead
    Change("E06000048", "E06000057", date(2013, 4, 1), _GATESHEAD, _B),  # Northumberland
    Change("E06000028", "E06000058", date(2019, 4, 1), _DORSET, _S),  # Bournemouth -> BCP
    Change("E06000029", "E06000058", date(2019, 4, 1), _DORSET, _S),  # Poole -> BCP
    Change("E10000009", "E06000058", date(2019, 4, 1), _DORSET, _S),  # Dorset CC (Christchurch) -> BCP
    Change("E10000009", "E06000059", date(2019, 4, 1), _DORSET, _S),  # Dorset CC -> Dorset
    Change("E10000002", "E06000060", date(2020, 4, 1), _BUCKS, _S),
    Change("E10000021", "E06000061", date(2021, 4, 1), _NORTHANTS, _S),
    Change("E10000021", "E06000062", date(2021, 4, 1), _NORTHANTS, _S),
    Change("E10000006", "E06000063", date(2023, 4, 1), _CUMBRIA, _S),  # -> Cumberland
    Change("E10000006", "E06000064", date(2023, 4, 1), _CUMBRIA, _S),  # -> Westmorland and Furness
    Change("E10000023", "E06000065", date(2023, 4, 1), _NORTH_YORKS, _S),
    Change("E10000027", "E06000066", date(2023, 4, 1), _SOMERSET, _S),
    Change("E08000016", "E08000038", date(2025, 4, 1), _BARNSLEY, _B),  # Barnsley
    Change("E08000019", "E08000039", date(2025, 4, 1), _BARNSLEY, _B),  # Sheffield
]

CHANGES_SCHEMA: dict[str, pl.DataType] = {
    "predecessor": pl.String(),
    "successor": pl.String(),
    "on": pl.Date(),
    "order": pl.String(),
    "kind": pl.Enum([_S, _B]),
}
VALIDITY_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
    "predecessors": pl.List(pl.String()),
    "successors": pl.List(pl.String()),
}


def changes_frame() -> pl.DataFrame:
    """The table above as a frame, sorted by date then codes."""
    frame = pl.DataFrame([c._asdict() for c in CHANGES], schema=CHANGES_SCHEMA, orient="row")
    return frame.sort("on", "predecessor", "successor")


def validity_frame() -> pl.DataFrame:
    """One row per code named in a change: when it started / stopped, and what it came from / became.

    valid_from is null for a council that already existed before its first change here; valid_to is
    null for one that still exists.
    """
    links = changes_frame()
    ended = links.group_by("predecessor").agg(
        pl.col("on").min().alias("valid_to"), pl.col("successor").unique().sort().alias("successors")
    )
    started = links.group_by("successor").agg(
        pl.col("on").min().alias("valid_from"),
        pl.col("predecessor").unique().sort().alias("predecessors"),
    )
    codes = pl.concat([links["predecessor"], links["successor"]]).unique().to_frame("code")
    frame = codes.join(ended, left_on="code", right_on="predecessor", how="left").join(
        started, left_on="code", right_on="successor", how="left"
    )
    frame = frame.with_columns(pl.col("predecessors", "successors").fill_null(pl.lit([], pl.List(pl.String))))
    return frame.select(list(VALIDITY_SCHEMA)).sort("code")


def fill_across_code_changes(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Fill nulls in `columns` of a code from its other code when a boundary change only renumbered it.

    Such a council keeps its name, region, DfE and CASSR codes, but some lookups list only one of
    its two ONS codes (e.g. Barnsley E08000016 / E08000038).
    """
    pairs = changes_frame().filter(pl.col("kind") == _B).select(code="predecessor", other="successor")
    pairs = pl.concat([pairs, pairs.select(code="other", other="code")])
    others = frame.select(pl.col("code").alias("other"), *[pl.col(c).alias(f"_{c}") for c in columns])
    linked = frame.join(pairs, on="code", how="left").join(others, on="other", how="left")
    return linked.with_columns(pl.coalesce(c, f"_{c}").alias(c) for c in columns).select(frame.columns)
