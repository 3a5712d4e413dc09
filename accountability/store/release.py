"""Which release of the data a store holds: a content hash of its tables and the date it changed.

`write_store` stamps every store it writes with `release.json`. The hash is what caches are keyed on
(a rebuild that revises one middle-row value changes it, where a row count would not) and what a
shared link can pin. The date is the day the content last changed: rebuilding identical content
keeps the previous date, so a rebuild from the same raw files gives a byte-identical store.

The hash and the changes table (`store.changes`). The content hash covers the data tables in
`schema.TABLES` only. The changes table describes how this release differs from the one before,
so it cannot enter the hash of the data it describes (the hash would then depend on itself, and on
the store it happened to replace). Instead release.json records the changes table beside the hash:
`changes.sha256` (its file's digest, so a damaged or swapped file is detected) and
`changes.compared_with` (the content hash of the release it was computed against, null for a
first release), or `changes.unavailable` (why none could be computed). Because the changes belong
to the release, a rebuild with the same content hash keeps the previous release's changes table
and this record unchanged; only new content gets a new changes table.

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
class ChangesStamp:
    """What release.json says about the changes table: its digest and what it was compared with,
    or why there is none (`unavailable`)."""

    sha256: str | None = None
    compared_with: str | None = None
    unavailable: str | None = None

    def as_json(self) -> dict[str, str | None]:
        if self.unavailable is not None:
            return {"unavailable": self.unavailable}
        return {"sha256": self.sha256, "compared_with": self.compared_with}


@dataclass(frozen=True)
class Release:
    """A store's identity: `content_hash` of every table file, `released` the ISO date it changed.

    `changes` is None for a store stamped before changes tables existed.
    """

    content_hash: str
    released: str
    table_hashes: tuple[tuple[str, str], ...]
    changes: ChangesStamp | None = None

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


def identify(store_dir: Path, previous: Release | None, today: dt.date | None = None) -> Release:
    """Hash the tables in `store_dir` and date the release, without writing anything.

    Identical content keeps `previous.released`; changed content is dated `today` (default: now).
    """
    hashes = file_hashes(store_dir)
    content = combined_hash(hashes)
    same = previous is not None and previous.content_hash == content
    released = previous.released if same and previous else (today or dt.date.today()).isoformat()
    return Release(content, released, hashes)


def write_release(store_dir: Path, release: Release) -> None:
    """Write `release` as `store_dir`/release.json (sorted keys, so identical releases give identical bytes)."""
    payload: dict[str, object] = {
        "content_hash": release.content_hash,
        "released": release.released,
        "tables": dict(release.table_hashes),
    }
    if release.changes is not None:
        payload["changes"] = release.changes.as_json()
    (store_dir / RELEASE_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf8")


def stamp(store_dir: Path, previous: Release | None, today: dt.date | None = None) -> Release:
    """Hash the tables in `store_dir`, write its release.json, and return the release."""
    release = identify(store_dir, previous, today)
    write_release(store_dir, release)
    return release


def read_release(store_dir: Path) -> Release | None:
    """The stamp in `store_dir`, or None when there is none; a malformed stamp raises ReleaseError.

    The table hashes are those the stamp lists (a store stamped before a table was added to the
    schema lists fewer), in `TABLES` order, then any others by name.
    """
    path = store_dir / RELEASE_FILE
    if not path.exists():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf8"))
        tables = {str(name): str(value) for name, value in dict(payload["tables"]).items()}
        order = [n for n in TABLES if n in tables] + sorted(n for n in tables if n not in TABLES)
        return Release(
            str(payload["content_hash"]),
            str(payload["released"]),
            tuple((n, tables[n]) for n in order),
            _changes_stamp(payload.get("changes")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"{path}: not a valid release stamp ({exc})") from exc


def _changes_stamp(raw: object) -> ChangesStamp | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise TypeError(f"'changes' should be an object, got {raw!r}")
    if "unavailable" in raw:
        return ChangesStamp(unavailable=str(raw["unavailable"]))
    compared = raw.get("compared_with")
    return ChangesStamp(sha256=str(raw["sha256"]), compared_with=None if compared is None else str(compared))
