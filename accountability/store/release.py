"""Which release of the data a store holds: a content hash of its tables and the date it changed.

`write_store` stamps every store it writes with `release.json`. The hash is what caches are keyed on
(a rebuild that revises one middle-row value changes it, where a row count would not) and what a
shared link can pin. The date is the day the content last changed: rebuilding identical content
keeps the previous date, so a rebuild from the same raw files gives a byte-identical store.
No Streamlit here; the app reads the stamp through `components.data.store_version`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from accountability.store.schema import TABLES

RELEASE_FILE = "release.json"


@dataclass(frozen=True)
class Release:
    """A store's identity: `content_hash` of every table file, `released` the ISO date it changed."""

    content_hash: str
    released: str
    table_hashes: tuple[tuple[str, str], ...]

    @property
    def short(self) -> str:
        """The first 12 hex digits: enough to tell releases apart in a link or a cache key."""
        return self.content_hash[:12]


class ReleaseError(ValueError):
    """A release stamp is missing its fields or is not JSON. The message names the file."""


def file_hashes(store_dir: Path) -> tuple[tuple[str, str], ...]:
    """sha256 of each table's parquet file, in `TABLES` order (a missing table raises FileNotFoundError)."""
    return tuple((name, hashlib.sha256((store_dir / f"{name}.parquet").read_bytes()).hexdigest()) for name in TABLES)


def combined_hash(hashes: tuple[tuple[str, str], ...]) -> str:
    digest = hashlib.sha256()
    for name, value in hashes:
        digest.update(f"{name}:{value}\n".encode())
    return digest.hexdigest()


def stamp(store_dir: Path, previous: Release | None, today: dt.date | None = None) -> Release:
    """Hash the tables in `store_dir`, write its release.json, and return the release.

    Identical content keeps `previous.released`; changed content is dated `today` (default: now).
    """
    hashes = file_hashes(store_dir)
    content = combined_hash(hashes)
    same = previous is not None and previous.content_hash == content
    released = previous.released if same and previous else (today or dt.date.today()).isoformat()
    release = Release(content, released, hashes)
    payload = {"content_hash": content, "released": released, "tables": dict(hashes)}
    (store_dir / RELEASE_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf8")
    return release


def read_release(store_dir: Path) -> Release | None:
    """The stamp in `store_dir`, or None when there is none; a malformed stamp raises ReleaseError."""
    path = store_dir / RELEASE_FILE
    if not path.exists():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf8"))
        tables = payload["tables"]
        return Release(
            str(payload["content_hash"]), str(payload["released"]), tuple((n, str(tables[n])) for n in TABLES)
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"{path}: not a valid release stamp ({exc})") from exc
