"""Replacing the prepared store in one step, and putting things right after a rebuild was killed.

`write_store` builds the new store in a sibling folder `.<store>-new-<id>`, moves the old store
aside to `.<store>-old-<id>`, moves the new one in, then deletes the old. `kill -9` can stop that
at any point and leave those folders behind. `recover`, run before every rebuild, tidies up:

- the store folder is missing and an old store was moved aside: the swap stopped between its two
  renames, so the old store is moved back (it is never lost; the unfinished rebuild is dropped);
- then, with the store in place, leftover `-new-` folders (rebuilds that never finished) and
  `-old-` folders (stores already replaced) are deleted.

An exclusive lock on the parent folder stops two rebuilds tidying away each other's folders.
This module knows nothing of the tables inside a store.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path


def staging_dir(store_dir: Path) -> Path:
    return store_dir.parent / f".{store_dir.name}-new-{uuid.uuid4().hex[:8]}"


def leftovers(store_dir: Path, kind: str) -> list[Path]:
    """Folders a killed rebuild left beside the store: kind 'new' or 'old', newest first."""
    if not store_dir.parent.is_dir():
        return []
    found = [p for p in store_dir.parent.glob(f".{store_dir.name}-{kind}-*") if p.is_dir()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


@contextlib.contextmanager
def exclusive(store_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the store's parent folder (no lock file: the folder itself is locked)."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(store_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def recover(store_dir: Path) -> list[str]:
    """Undo what a killed rebuild left behind (see the module docstring); returns what was done."""
    with exclusive(store_dir):
        return recover_locked(store_dir)


def recover_locked(store_dir: Path) -> list[str]:
    done = []
    old = leftovers(store_dir, "old")
    if not store_dir.exists() and old:
        os.replace(old[0], store_dir)
        done.append(f"restored the previous store from {old[0].name} (a rebuild was stopped while swapping it)")
    if store_dir.exists():
        for folder in [*leftovers(store_dir, "new"), *leftovers(store_dir, "old")]:
            shutil.rmtree(folder)
            done.append(f"removed {folder.name}, left by a rebuild that was stopped")
    return done


def swap(staging: Path, store_dir: Path) -> None:
    """Replace `store_dir` by `staging`; the old folder is removed only after the second rename."""
    if not store_dir.exists():
        os.replace(staging, store_dir)
        return
    retired = store_dir.parent / f".{store_dir.name}-old-{uuid.uuid4().hex[:8]}"
    os.replace(store_dir, retired)
    try:
        os.replace(staging, store_dir)
    except OSError:
        os.replace(retired, store_dir)  # put the previous store back
        raise
    shutil.rmtree(retired)
