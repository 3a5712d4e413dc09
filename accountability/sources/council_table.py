"""The folded council table for readers that match councils by DfE number, CASSR code or name.

Building it reads six lookup files (about half a second); the money and market readers each need it,
so it is built once per raw folder and file state and shared. The cache key includes every input
file's size and modification time, so a changed lookup file is read again. This module adds nothing
to the table: it is `ofsted_providers_names.councils_table`, remembered.
"""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from accountability.sources import lookups
from accountability.sources import ofsted_providers_names as names

# The files `lookups.build_councils` reads, relative to the raw folder.
INPUTS = (
    f"lookups/{lookups.LTLA23}",
    f"lookups/{lookups.RECORDS}",
    f"lookups/{lookups.PROVIDER}",
    f"population/{lookups.DFE_POP}",
    f"ascof-trend/{lookups.ONS_CODES}",
    f"ascof-2020-21/{lookups.ASCOF_2021}",
)


def _state(raw_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stats = ((name, raw_dir / name) for name in INPUTS)
    return tuple((name, p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else (name, -1, -1) for name, p in stats)


@functools.lru_cache(maxsize=4)
def _build(raw_dir: Path, state: tuple[tuple[str, int, int], ...]) -> pl.DataFrame:
    return names.councils_table(raw_dir, [])


def councils(raw_dir: Path) -> pl.DataFrame:
    """The folded council table (code, name, aliases, region, DfE and CASSR codes, lifetimes)."""
    return _build(raw_dir.resolve(), _state(raw_dir.resolve()))
