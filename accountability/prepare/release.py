"""The changes table a build records with its release: first release, kept, compared, or unavailable.

`changes_writer` returns the function `store.write_store` calls once it knows the new release's
content hash (see `store.release` for why the changes table sits beside the hash, not inside it):

- no previous store (first build, empty folder): one `first_release` row;
- the previous store has the same content hash: its changes table is kept byte for byte, with its
  record (so a rebuild from the same raw files gives an identical store). A previous store stamped
  before changes tables existed gets a `first_release` row dated by its release: the history
  starts there, since the release before it is gone;
- different content: the changes between the previous store and the new tables (`methods.changes`,
  `methods.change_verdicts`), dated by the new release, above the history the previous store kept;
- a partial or malformed previous store (`PreviousStoreError`): no changes table, and release.json
  records why. Never a table computed from a store that could not be checked.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from accountability.methods.change_verdicts import commitment_changes, floor_changes
from accountability.methods.changes import data_changes
from accountability.methods.commitments import Commitment
from accountability.methods.standards import Standard
from accountability.prepare.previous import PreviousStore, PreviousStoreError
from accountability.store import ChangesWriter
from accountability.store.changes import CHANGES_FILE, CHANGES_SCHEMA, conform_changes, write_changes
from accountability.store.release import ChangesStamp, Release
from accountability.store.schema import ENGLAND_CODE

Previous = PreviousStore | PreviousStoreError | None


def compare(
    old: dict[str, pl.DataFrame],
    new: dict[str, pl.DataFrame],
    standards: Sequence[Standard],
    commitments: Sequence[Commitment],
) -> pl.DataFrame:
    """Every change from `old` to `new`, without release columns (CHANGES_SCHEMA otherwise)."""
    frames = [data_changes(old, new), floor_changes(old, new, standards), commitment_changes(old, new, commitments)]
    return pl.concat([pl.DataFrame(schema=CHANGES_SCHEMA), *frames], how="diagonal_relaxed")


def first_release(release: Release) -> pl.DataFrame:
    """The one row that says the history starts with this release."""
    row = {"kind": "first_release", "area_type": "england", "area_code": ENGLAND_CODE}
    return with_release(pl.DataFrame([row]), release, None, 1)


def with_release(changes: pl.DataFrame, release: Release, previous_hash: str | None, number: int) -> pl.DataFrame:
    """The rows stamped with their release: number (for order), date, content hash, previous hash."""
    columns = {"release": release.released, "release_hash": release.content_hash, "previous_hash": previous_hash}
    stamped = changes.with_columns(pl.lit(value, dtype=pl.String).alias(name) for name, value in columns.items())
    return conform_changes(stamped.with_columns(release_number=pl.lit(number, dtype=pl.Int64)))


def next_number(history: pl.DataFrame | None) -> int:
    """The new release's number: one more than the newest recorded (1 with no history)."""
    if history is None or history.height == 0:
        return 1
    return int(history.get_column("release_number").cast(pl.Int64).max() or 0) + 1  # type: ignore[arg-type]


def changes_writer(
    previous: Previous,
    new: dict[str, pl.DataFrame],
    standards: Sequence[Standard],
    commitments: Sequence[Commitment],
) -> ChangesWriter:
    """The callback for `store.write_store(..., changes=...)` (see the module doc for the cases)."""

    def write(release: Release, staging: Path) -> ChangesStamp:
        if isinstance(previous, PreviousStoreError):
            return ChangesStamp(unavailable=str(previous))
        if previous is None:
            return ChangesStamp(write_changes(first_release(release), staging), None)
        if previous.release.content_hash == release.content_hash:
            return _keep(previous, release, staging)
        before = previous.release.content_hash
        found = compare(previous.tables, new, standards, commitments)
        stamped = with_release(found, release, before, next_number(previous.changes))
        history = [] if previous.changes is None else [previous.changes]
        return ChangesStamp(write_changes(pl.concat([stamped, *history]), staging), before)

    return write


def _keep(previous: PreviousStore, release: Release, staging: Path) -> ChangesStamp:
    """Same content: the previous release's changes and their record, unchanged."""
    stamp = previous.release.changes
    if stamp is None:  # stamped before changes tables existed: the history starts at this release
        return ChangesStamp(write_changes(first_release(release), staging), None)
    if stamp.unavailable is None:
        shutil.copyfile(previous.path / CHANGES_FILE, staging / CHANGES_FILE)
    return stamp


def describe(release: Release, changes: pl.DataFrame | None) -> str:
    """One line for the build log: what the release's changes record says."""
    stamp = release.changes
    if stamp is None:
        return "no changes table recorded"
    if stamp.unavailable is not None:
        return f"WARNING: no changes table for this release: {stamp.unavailable}"
    if changes is None:
        return "changes table written"
    current = changes.filter(pl.col("release_hash") == release.content_hash)
    if stamp.compared_with is None:
        return f"changes: first release ({release.released}); no earlier release to compare with"
    counts = current.group_by("kind").len().sort("kind")
    listed = ", ".join(f"{kind} {n:,}" for kind, n in counts.iter_rows()) or "none"
    return f"changes since release {stamp.compared_with[:12]}: {listed}"
