"""The version of what the app reads: the store's release hash and a hash of each file read with it.

Derived results (verdicts, ranks, profiles, page views) are cached on this string, so a rebuild that
revises one value, or an edited standards file, gives a new version and fresh results without a
restart. A store stamped by `write_store` is identified by its release (`release.json`); a folder
without a stamp (copied by hand) by a hash of its table files. `stat_signature` is the cheap part of
a cache key that tells the app when to compute the version again. No Streamlit here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from accountability.store.release import RELEASE_FILE, combined_hash, read_release
from accountability.store.schema import TABLES

SHORT = 16  # hex digits of each part: plenty to tell releases apart


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes, or 'missing'."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def unstamped_hash(store_dir: Path) -> str:
    """A release-like hash of the table files present in a folder without a release stamp."""
    return combined_hash(tuple((name, file_hash(store_dir / f"{name}.parquet")) for name in TABLES))


def store_version(store_dir: Path, files: Iterable[Path] = ()) -> str:
    """'<release hash>-<file hash>-…', each part shortened; a malformed stamp raises ReleaseError."""
    release = read_release(store_dir)
    base = release.content_hash if release is not None else unstamped_hash(store_dir)
    return "-".join([base[:SHORT], *(file_hash(p)[:SHORT] for p in files)])


def stat_signature(store_dir: Path, files: Iterable[Path] = ()) -> tuple[tuple[str, int, int], ...]:
    """(path, size, modification time in ns) of the stamp and `files`; changes on a rebuild.

    The stamp names the tables' content, so a stamped store needs no more; a folder without one is
    versioned by its tables' bytes, so their signatures are included.
    """
    stamp = store_dir / RELEASE_FILE
    tables = [] if stamp.is_file() else [store_dir / f"{n}.parquet" for n in TABLES]
    paths = [stamp, *tables, *files]
    out = []
    for path in paths:
        try:
            info = path.stat()
            out.append((str(path), info.st_size, info.st_mtime_ns))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)
