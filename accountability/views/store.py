"""What a view reads: the prepared tables, the floor standards and the commitments, under one version.

A view function takes a `Store` and a choice and computes; it never opens a file. `version` names
everything the store holds (the release's content hash, and the hashes of the two TOML files), so
anything derived from a store can be cached on (version, arguments) and cannot outlive a rebuild.
`Store.derive(fn, *args)` is how a view asks for a result that other views share (rank intervals,
floor verdicts, the commitments assessment): it is `fn(store, *args)`, computed once per version and
arguments where the caller gave a memo (the app does, in components/cache.py), and computed on
every call otherwise (tests). Arguments must be hashable: codes, numbers, tuples, frozen choices.
This module reads nothing itself: `from_frames` wraps hand-built frames, `from_dir` a folder;
`up_to` is a store cut at a period (a report "up to 2021-22" reads the views of that store).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import polars as pl

from accountability.methods.commitments import Commitment
from accountability.methods.standards import Standard

T = TypeVar("T")
Memo = Callable[["Store", Callable[..., Any], tuple[Hashable, ...]], Any]


def compute(store: Store, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> Any:
    """No memo: derive on every call."""
    return fn(store, *args)


def dict_memo() -> Memo:
    """A memo for one process (a report batch): each result computed once per store version and args."""
    seen: dict[tuple[str, str, tuple[Hashable, ...]], Any] = {}

    def memo(store: Store, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> Any:
        key = (qualified_name(fn), store.version, args)
        if key not in seen:
            seen[key] = fn(store, *args)
        return seen[key]

    return memo


def qualified_name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


@dataclass(frozen=True)
class Store:
    """The store a view reads; see the module docstring."""

    version: str
    read: Callable[[str], pl.DataFrame]
    read_standards: Callable[[], Sequence[Standard]] = tuple
    read_commitments: Callable[[], Sequence[Commitment]] = tuple
    memo: Memo = field(default=compute, compare=False)
    cut_from: Store | None = field(default=None, compare=False)  # the whole store, for a store `up_to` a period

    def derive(self, fn: Callable[..., T], *args: Hashable) -> T:
        """`fn(self, *args)`, shared per version and arguments when the store has a memo."""
        return cast(T, self.memo(self, fn, args))

    def table(self, name: str) -> pl.DataFrame:
        """Any table of the store by name (the properties below name the common ones)."""
        return self.read(name)

    @property
    def whole(self) -> Store:
        """The store this one was cut from (itself if it is not a cut)."""
        return self.cut_from.whole if self.cut_from is not None else self

    @property
    def councils(self) -> pl.DataFrame:
        return self.read("councils")

    @property
    def measures(self) -> pl.DataFrame:
        return self.read("measures")

    @property
    def values(self) -> pl.DataFrame:
        return self.read("values")

    @property
    def benchmarks(self) -> pl.DataFrame:
        return self.read("benchmarks")

    @property
    def peers(self) -> pl.DataFrame:
        return self.read("peers")

    @property
    def inspections(self) -> pl.DataFrame:
        return self.read("inspections")

    def standards(self) -> list[Standard]:
        """The floor standards, checked against the measures (a bad file raises StandardsError)."""
        return list(self.read_standards())

    def commitments(self) -> tuple[Commitment, ...]:
        """The commitments, checked against the measures (a bad file raises CommitmentsError)."""
        return tuple(self.read_commitments())

    def tables(self, *names: str) -> dict[str, pl.DataFrame]:
        """Named tables as a dict, for methods that take `tables` (benchmarking, profile)."""
        return {name: self.read(name) for name in names}


def from_frames(
    version: str = "frames",
    *,
    standards: Sequence[Standard] = (),
    commitments: Sequence[Commitment] = (),
    memo: Memo = compute,
    **frames: pl.DataFrame,
) -> Store:
    """A store over hand-built frames (tests); asking for a table not given is a KeyError naming it."""

    def read(name: str) -> pl.DataFrame:
        if name not in frames:
            raise KeyError(f"this store has no '{name}' table (it has {sorted(frames)})")
        return frames[name]

    return Store(version, read, lambda: tuple(standards), lambda: tuple(commitments), memo)


LATEST = "latest"
CUT_TABLES = ("values", "benchmarks")


def up_to(store: Store, period: str) -> Store:
    """The store as it stood at `period`: each measure's values and benchmarks up to the financial year
    that period starts in, and the Ofsted judgements made by the end of it (the latest of those being
    each council's latest). `LATEST` cuts nothing."""
    if period == LATEST:
        return store
    from accountability.methods.commitments import period_start_year

    year = period_start_year(period)

    @functools.cache  # each table cut once for this store
    def read(name: str) -> pl.DataFrame:
        frame = store.read(name)
        if name in CUT_TABLES:
            return frame.filter(pl.col("period").str.slice(0, 4).cast(pl.Int32) <= year)
        if name == "inspections":
            made = frame.filter(pl.col("inspection_start") <= dt.date(year + 1, 3, 31))
            return made.with_columns(
                is_latest=pl.col("inspection_start") == pl.col("inspection_start").max().over("code")
            )
        return frame

    return Store(f"{store.version}@{period}", read, store.read_standards, store.read_commitments, store.memo, store)


def from_dir(data_dir: Path, standards_file: Path, commitments_file: Path, memo: Memo | None = None) -> Store:
    """A store over a prepared folder and the two TOML files, each read once (the command line)."""
    from accountability.methods.commitments import load_commitments
    from accountability.methods.standards import load_standards
    from accountability.store import read_table
    from accountability.store.version import store_version

    read = functools.cache(lambda name: read_table(data_dir, name))
    standards = functools.cache(lambda: tuple(load_standards(standards_file, read("measures"))))
    commitments = functools.cache(lambda: load_commitments(commitments_file, read("measures")))
    version = store_version(data_dir, (standards_file, commitments_file))
    return Store(version, read, standards, commitments, memo or dict_memo())
