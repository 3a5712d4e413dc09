"""The prepared store: which tables exist, how they are written (atomically) and read.

The store is a folder of parquet files, the app's only input. Writing goes to a temporary sibling
folder that replaces the old store only once every table is written, so a failed build leaves the
previous store untouched (`swap`, which also puts right what a killed rebuild left). Reading checks
each table is usable (`checks`). This module does not build tables (see `prepare`, `validate`).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polars as pl

from accountability.store import swap
from accountability.store.checks import table_problems
from accountability.store.release import (
    RELEASE_FILE,
    ChangesStamp,
    Release,
    ReleaseError,
    identify,
    read_release,
    write_release,
)
from accountability.store.schema import KEYS, TABLES

# Given the new release and the staging folder, record its changes table there (see store.release).
ChangesWriter = Callable[[Release, Path], ChangesStamp]


class StoreError(RuntimeError):
    """The prepared store is missing a table or cannot be read. The message says which and where."""


def table_path(store_dir: Path, name: str) -> Path:
    return store_dir / f"{name}.parquet"


def read_table(store_dir: Path, name: str, *, check: bool = True) -> pl.DataFrame:
    """Read one prepared table, with a message naming the file if it is missing or unreadable, and
    (unless `check` is False) the table and column if it lacks a column or is implausibly small."""
    path = table_path(store_dir, name)
    if not path.exists():
        raise StoreError(
            f"Prepared table '{name}' not found at {path}. Rebuild it with `python -m accountability.prepare`."
        )
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # a corrupt file is reported, never shown as a traceback
        raise StoreError(f"Prepared table '{name}' at {path} could not be read: {exc}") from exc
    problems = table_problems(name, frame) if check else []
    if problems:
        raise StoreError(
            f"Prepared table '{name}' at {path} cannot be used: {'; '.join(problems)}. "
            "Rebuild it with `python -m accountability.prepare`."
        )
    return frame


def sort_table(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    keys = [k for k in KEYS.get(name, []) if k in frame.columns]
    return frame.sort(keys, nulls_last=True, maintain_order=True) if keys else frame


def write_store(
    tables: dict[str, pl.DataFrame],
    store_dir: Path,
    today: dt.date | None = None,
    changes: ChangesWriter | None = None,
) -> Release:
    """Write every table to a temporary folder, stamp its release, then swap it in for `store_dir` in
    one step. Returns the new release (same content as before: same date; see `release.identify`).

    `changes`, when given, writes the release's changes table into the staging folder before the
    swap, so the tables, the changes and the stamp are replaced together or not at all. What a killed
    earlier rebuild left behind is put right first (`swap.recover`), and two rebuilds of one store
    wait for each other.
    """
    missing = [name for name in TABLES if name not in tables]
    if missing:
        raise StoreError(f"refusing to write an incomplete store: tables {missing} were not built")
    with swap.exclusive(store_dir):
        swap.recover_locked(store_dir)
        refuse_to_replace_other_things(store_dir)
        staging = swap.staging_dir(store_dir)
        staging.mkdir()
        try:
            for name in TABLES:
                sort_table(name, tables[name]).write_parquet(
                    table_path(staging, name), compression="zstd", compression_level=9, statistics=False
                )
            release = identify(staging, _previous_release(store_dir), today)
            if changes is not None:
                release = replace(release, changes=changes(release, staging))
            write_release(staging, release)
            swap.swap(staging, store_dir)
            return release
        finally:
            if staging.exists():
                shutil.rmtree(staging)


def refuse_to_replace_other_things(store_dir: Path) -> None:
    """Raise unless `store_dir` is absent, empty, or a prepared store (parquet tables and release.json):
    replacing it deletes the old folder, so a mistyped --out must never name a folder of other files."""
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError(f"{store_dir} is a file, not a folder: the prepared store is a folder of tables")
    if not store_dir.is_dir():
        return
    others = sorted(
        p.name
        for p in store_dir.iterdir()
        if not p.name.startswith(".") and not (p.is_file() and (p.suffix == ".parquet" or p.name == RELEASE_FILE))
    )
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise StoreError(f"{store_dir} holds other files ({shown}): it is not a prepared store, so it was not replaced")


def _previous_release(store_dir: Path) -> Release | None:
    """The release being replaced; an unreadable stamp counts as none (the new one is dated today)."""
    try:
        return read_release(store_dir)
    except ReleaseError:
        return None


def replace_folder(staging: Path, target: Path) -> None:
    """Replace the folder `target` by its sibling `staging` in one step (the old one is removed only
    after the rename succeeds). Used for the bulk downloads and feeds (`prepare.static`)."""
    swap.swap(staging, target)


def differences(built: dict[str, pl.DataFrame], store_dir: Path) -> list[str]:
    """Tables whose content differs from the store on disk (empty list: identical)."""
    from polars.testing import assert_frame_equal

    found = []
    for name in TABLES:
        try:
            on_disk = read_table(store_dir, name, check=False)  # compared as it is, however broken
        except StoreError as exc:
            found.append(str(exc))
            continue
        try:
            assert_frame_equal(sort_table(name, built[name]), on_disk, check_exact=True)
        except AssertionError as exc:
            found.append(f"{name}: {str(exc).splitlines()[0]}")
    return found
