"""The store a build is about to replace, read and checked before any changes are computed from it.

`read_previous` returns None when there is no previous store (a first build, or an empty folder),
a `PreviousStore` when it is whole, and raises `PreviousStoreError` naming what is wrong otherwise:
files but no release.json (a partial store), a malformed release.json, a table the stamp lists that
is missing or whose bytes differ from the stamp, a table that cannot be read, a column the
comparison needs that is missing or of another type, or a changes table that does not match its
record. A changes table computed from such a store would be wrong, so the caller records none.
This module computes no changes (see `methods.changes`) and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from accountability.store import StoreError, read_table, table_path
from accountability.store.changes import CHANGES_FILE, ChangesUnavailable, file_sha256, read_changes
from accountability.store.release import RELEASE_FILE, Release, ReleaseError, read_release

# The columns the comparison reads, per table: a previous store must have them, of the same kind.
NEEDED: dict[str, tuple[str, ...]] = {
    "values": (
        "code",
        "period",
        "measure",
        "value",
        "denominator",
        "status",
        "ci_method",
        "ci_low",
        "ci_high",
        "ci998_low",
        "ci998_high",
    ),
    "benchmarks": ("area_type", "area_code", "period", "measure", "value", "status", "ci_low", "ci_high"),
    "measures": ("id", "label", "unit", "value_type", "polarity", "multiplier", "break_period"),
    "councils": ("code", "name", "region_code", "region"),
    "inspections": ("code", "inspection_start", "framework", "overall_effectiveness"),
}


class PreviousStoreError(ValueError):
    """The previous store is partial or malformed; the message names the file and what is wrong."""


@dataclass(frozen=True)
class PreviousStore:
    """A whole previous store: its release, the tables the comparison needs, and its changes table
    (None when its stamp predates changes tables or records that none could be computed)."""

    path: Path
    release: Release
    tables: dict[str, pl.DataFrame]
    changes: pl.DataFrame | None


def read_previous(store_dir: Path, expected: dict[str, pl.DataFrame]) -> PreviousStore | None:
    """The store at `store_dir`, checked; `expected` (the new tables) gives the column types to match."""
    if not store_dir.exists() or not any(p for p in store_dir.iterdir() if not p.name.startswith(".")):
        return None
    release = _release(store_dir)
    _check_files_match_stamp(store_dir, release)
    tables = {name: _table(store_dir, name, release, expected[name]) for name in NEEDED}
    return PreviousStore(store_dir, release, tables, _changes(store_dir, release))


def _release(store_dir: Path) -> Release:
    try:
        release = read_release(store_dir)
    except ReleaseError as exc:
        raise PreviousStoreError(f"previous store: {exc}") from exc
    if release is None:
        found = ", ".join(sorted(p.name for p in store_dir.iterdir())[:5])
        raise PreviousStoreError(
            f"previous store at {store_dir} is partial: it has files ({found}) but no {RELEASE_FILE}"
        )
    return release


def _check_files_match_stamp(store_dir: Path, release: Release) -> None:
    for name, digest in release.table_hashes:
        path = table_path(store_dir, name)
        if not path.exists():
            raise PreviousStoreError(
                f"previous store is partial: table '{name}' ({path}) is listed in {RELEASE_FILE} but missing"
            )
        if file_sha256(path) != digest:
            raise PreviousStoreError(f"previous store was altered: {path} is not the file {RELEASE_FILE} records")


def _table(store_dir: Path, name: str, release: Release, expected: pl.DataFrame) -> pl.DataFrame:
    if name not in dict(release.table_hashes):
        raise PreviousStoreError(f"previous store is partial: {RELEASE_FILE} lists no table '{name}'")
    try:
        frame = read_table(store_dir, name, check=False)  # checked below for what the comparison reads
    except StoreError as exc:
        raise PreviousStoreError(f"previous store: {exc}") from exc
    for column in NEEDED[name]:
        if column not in frame.columns:
            raise PreviousStoreError(f"previous store: table '{name}' has no column '{column}'")
        found, wanted = frame.schema[column], expected.schema[column]
        if found.base_type() != wanted.base_type():
            raise PreviousStoreError(
                f"previous store: table '{name}', column '{column}' is {found}, expected {wanted.base_type()}"
            )
    return frame


def _changes(store_dir: Path, release: Release) -> pl.DataFrame | None:
    if release.changes is None or release.changes.unavailable is not None:
        return None
    try:
        return read_changes(store_dir)
    except ChangesUnavailable as exc:
        raise PreviousStoreError(f"previous store's {CHANGES_FILE}: {exc}") from exc
