"""The changes table: what each release changed since the one before it. Schema, reading, writing.

One row per change, codes only (words are chosen at render, `accountability.labels`). The table
holds every release's changes, newest release first: each build that changes the content adds the
new release's rows to those it inherited, so feeds can list releases back in time.

How the table relates to the release stamp (content hash, date) is explained in
`store.release`: it is recorded beside the hash, never inside it. `read_changes` checks the file
against that record and against the schema, and raises `ChangesUnavailable` naming what is wrong;
it never returns a table it cannot vouch for. Computing changes is `methods.changes`'s job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path

import polars as pl

from accountability.store.release import ReleaseError, read_release

CHANGES_FILE = "changes.parquet"

# What kind of change a row records. The codes are stable; labels.CHANGE_KIND_LABELS words them.
CHANGE_KINDS = [
    "first_release",  # no earlier release to compare with: the history starts here
    "new_measure",
    "withdrawn_measure",
    "new_period",  # a measure's period with values that the previous release did not have
    "withdrawn_period",
    "revised_value",  # same council/area, measure and period: the value or its status changed
    "added_value",  # a value for a period the previous release already had, for an area it lacked
    "removed_value",
    "newly_below",  # a council's latest floor verdict is now below, and was not before
    "recovered",  # a council's latest floor verdict was below, and now meets or cannot be told
    "status_changed",  # a commitment's progress status for an area changed
    "new_inspection",
    "revised_inspection",
]
ChangeKind = pl.Enum(CHANGE_KINDS)
AREA_TYPES = ["england", "region", "council_type", "council"]
AreaType = pl.Enum(AREA_TYPES)

CHANGES_SCHEMA: dict[str, pl.DataType] = {
    "release_number": pl.Int64(),  # 1 for the first release recorded, then one more each release
    "release": pl.String(),  # ISO date of the release the change belongs to
    "release_hash": pl.String(),  # its content hash
    "previous_hash": pl.String(),  # the release it was compared with (null for a first release)
    "kind": ChangeKind,
    "area_type": AreaType,
    "area_code": pl.String(),  # council, region or England GSS code; council type code
    "measure": pl.String(),
    "period": pl.String(),
    "commitment_id": pl.String(),
    "old_period": pl.String(),  # floors: the period of the previous release's latest verdict
    "old_value": pl.Float64(),
    "new_value": pl.Float64(),
    "old_code": pl.String(),  # value status, floor verdict, progress status or Ofsted judgement
    "new_code": pl.String(),
    "date": pl.Date(),  # inspections: the date the inspection started
    "councils": pl.Int64(),  # new periods: how many councils have a value
}
KEYS = ["kind", "area_type", "area_code", "measure", "period", "commitment_id", "date"]
# Changes that concern every area: listed for England, every region and every council.
NATIONAL_KINDS = ["first_release", "new_measure", "withdrawn_measure", "new_period", "withdrawn_period"]


class ChangesUnavailable(ValueError):
    """A store has no changes table it can vouch for; the message says why and where."""


def area_expr(area_type: str, code: str, members: Collection[str] = ()) -> pl.Expr:
    """True for the changes that belong to an area: for England every change; for a region or a
    council the national ones (NATIONAL_KINDS), its own, and (a region) those of its `members`
    (council codes). The What's new page and the feeds both select with this."""
    if area_type == "england":
        return pl.lit(True)
    kind, where = pl.col("area_type").cast(pl.String), pl.col("area_code")
    national = pl.col("kind").cast(pl.String).is_in(NATIONAL_KINDS)
    own = (kind == area_type) & (where == code)
    return national | own | ((kind == "council") & where.is_in(list(members)))


def sort_changes(frame: pl.DataFrame) -> pl.DataFrame:
    """Newest release first (by number: two releases may share a date), then kind (in CHANGE_KINDS
    order), area and keys: a fixed order, so identical changes give identical bytes."""
    keys = ["release_number", *KEYS]
    return frame.sort(keys, descending=[True] + [False] * len(KEYS), nulls_last=True)


def conform_changes(frame: pl.DataFrame) -> pl.DataFrame:
    """Select and cast to CHANGES_SCHEMA (columns the frame lacks become nulls), sorted."""
    cols = [(pl.col(n) if n in frame.columns else pl.lit(None)).cast(t).alias(n) for n, t in CHANGES_SCHEMA.items()]
    return sort_changes(frame.select(cols))


def write_changes(frame: pl.DataFrame, store_dir: Path) -> str:
    """Write the changes table into `store_dir`; returns the file's sha256 for release.json."""
    path = store_dir / CHANGES_FILE
    conform_changes(frame).write_parquet(path, compression="zstd", compression_level=9, statistics=False)
    return file_sha256(path)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_changes(store_dir: Path) -> pl.DataFrame:
    """The store's changes table, checked against release.json and the schema.

    Raises ChangesUnavailable when the stamp records none (saying why), the file is missing, its
    digest differs from the stamp, it cannot be read, or its columns are not CHANGES_SCHEMA.
    """
    try:
        release = read_release(store_dir)
    except ReleaseError as exc:
        raise ChangesUnavailable(str(exc)) from exc
    path = store_dir / CHANGES_FILE
    if release is None or release.changes is None:
        raise ChangesUnavailable(f"{store_dir / 'release.json'}: this release records no changes table")
    if release.changes.unavailable is not None:
        raise ChangesUnavailable(f"no changes were recorded for this release: {release.changes.unavailable}")
    if not path.exists():
        raise ChangesUnavailable(f"changes table not found at {path}")
    if file_sha256(path) != release.changes.sha256:
        raise ChangesUnavailable(f"{path} is not the changes table release.json records (its sha256 differs)")
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # a damaged file is reported by name, never as a traceback
        raise ChangesUnavailable(f"changes table at {path} could not be read: {exc}") from exc
    check_changes_schema(frame, path)
    return frame


def check_changes_schema(frame: pl.DataFrame, where: Path) -> None:
    """Raise ChangesUnavailable naming the first column that is missing or of the wrong type."""
    for name, dtype in CHANGES_SCHEMA.items():
        if name not in frame.columns:
            raise ChangesUnavailable(f"{where}: column '{name}' is missing")
        if frame.schema[name] != dtype:
            raise ChangesUnavailable(f"{where}: column '{name}' is {frame.schema[name]}, expected {dtype}")
