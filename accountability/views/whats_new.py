"""What the "What's new" page shows, and what other pages need to know about revisions. Pure Polars.

- `whats_new_view`: one release's changes (the newest by default), filtered by council, region,
  measure and kind, with the names the page words them with (`change_words.change_sentence`).
  A council or region filter keeps the changes that concern every area too, exactly as the feeds
  do (`store.changes.area_expr`). Filter values that are not known are returned in `unknown`, so
  the page can say so instead of silently showing everything.
- `revisions_for`: the values of one council that the current release revised (for "this value was
  revised" notes on a council's pages).
- `changes_since`: what changed after an older release (for the notice on a link made on it).
The view holds codes (kinds, statuses, verdicts); words are chosen at render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from accountability.change_words import Names
from accountability.store.changes import CHANGE_KINDS, area_expr


@dataclass(frozen=True)
class WhatsNewFilters:
    """The page's choices, as codes (None: no filter). `release` is a content hash or its first 12+ digits."""

    release: str | None = None
    council: str | None = None
    region: str | None = None
    measure: str | None = None
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class WhatsNewView:
    """One release's changes as the page shows them.

    `releases`: every release in the table, newest first (release, release_hash, previous_hash,
    changes); `rows`: the chosen release's changes after the filters (CHANGES_SCHEMA columns plus
    area_name, region_code, measure_label, unit); `counts`: kind, n for those rows; `unknown`:
    (filter, value) pairs that matched nothing known.
    """

    release: str | None
    release_hash: str | None
    previous_hash: str | None
    is_current: bool
    first_release: bool
    rows: pl.DataFrame
    counts: pl.DataFrame
    releases: pl.DataFrame
    names: Names
    unknown: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return self.rows.height == 0


def releases_of(changes: pl.DataFrame) -> pl.DataFrame:
    """release_number, release, release_hash, previous_hash, changes: one row per release, newest first."""
    return (
        changes.group_by("release_number", "release", "release_hash", "previous_hash")
        .agg(changes=pl.len())
        .sort("release_number", descending=True)
    )


def find_release(releases: pl.DataFrame, wanted: str | None) -> int | None:
    """Row of `releases` for a hash or its prefix (12+ hex digits); the newest for None; else None."""
    if wanted is None:
        return 0 if releases.height else None
    if len(wanted) < 12:
        return None
    hits = [i for i, h in enumerate(releases["release_hash"]) if h.startswith(wanted.lower())]
    return hits[0] if len(hits) == 1 else None


def _unknown(
    filters: WhatsNewFilters, councils: pl.DataFrame, measures: pl.DataFrame, found: bool
) -> list[tuple[str, str]]:
    checks = [
        ("release", filters.release, found),
        ("council", filters.council, filters.council in set(councils["code"])),
        ("region", filters.region, filters.region in set(councils["region_code"])),
        ("measure", filters.measure, filters.measure in set(measures["id"])),
    ]
    bad = [(name, str(value)) for name, value, ok in checks if value is not None and not ok]
    return bad + [("kind", k) for k in filters.kinds if k not in CHANGE_KINDS]


def _filtered(rows: pl.DataFrame, filters: WhatsNewFilters, councils: pl.DataFrame) -> pl.DataFrame:
    if filters.council:
        rows = rows.filter(area_expr("council", filters.council))
    if filters.region:
        members = councils.filter(pl.col("region_code") == filters.region)["code"].to_list()
        rows = rows.filter(area_expr("region", filters.region, members))
    if filters.measure:
        rows = rows.filter(pl.col("measure") == filters.measure)
    if filters.kinds:
        rows = rows.filter(pl.col("kind").cast(pl.String).is_in(list(filters.kinds)))
    return rows


def _labelled(rows: pl.DataFrame, names: Names, councils: pl.DataFrame) -> pl.DataFrame:
    regions = councils.select(pl.col("code").alias("area_code"), "region_code")
    return rows.join(regions, on="area_code", how="left", maintain_order="left").with_columns(
        area_name=pl.col("area_code").replace_strict(names.areas, default=pl.col("area_code"), return_dtype=pl.String),
        measure_label=pl.col("measure").replace_strict(
            {m: label for m, (label, _) in names.measures.items()}, default=None, return_dtype=pl.String
        ),
        unit=pl.col("measure").replace_strict(
            {m: unit for m, (_, unit) in names.measures.items()}, default=None, return_dtype=pl.String
        ),
    )


def whats_new_view(
    changes: pl.DataFrame,
    councils: pl.DataFrame,
    measures: pl.DataFrame,
    filters: WhatsNewFilters | None = None,
    commitments: dict[str, str] | None = None,
) -> WhatsNewView:
    """The chosen release's changes after the filters (see the module doc)."""
    filters = filters or WhatsNewFilters()
    releases = releases_of(changes)
    index = find_release(releases, filters.release)
    names = Names.from_tables(councils, measures, commitments)
    unknown = tuple(_unknown(filters, councils, measures, index is not None))
    chosen: dict[str, Any] = releases.row(index or 0, named=True) if releases.height else {}
    rows = changes.filter(pl.col("release_hash") == chosen.get("release_hash", ""))
    rows = _labelled(_filtered(rows, filters, councils), names, councils)
    counts = rows.group_by("kind").agg(n=pl.len()).sort("kind")
    return WhatsNewView(
        release=chosen.get("release"),
        release_hash=chosen.get("release_hash"),
        previous_hash=chosen.get("previous_hash"),
        is_current=index in (0, None),
        first_release=bool(chosen) and chosen["previous_hash"] is None,
        rows=rows,
        counts=counts,
        releases=releases,
        names=names,
        unknown=unknown,
    )


def revisions_for(changes: pl.DataFrame, code: str, measures: Sequence[str] = ()) -> pl.DataFrame:
    """The current (newest) release's revised values for one council: measure, period, old_value,
    new_value, old_code, new_code (optionally only for `measures`)."""
    releases = releases_of(changes)
    if releases.height == 0:
        return changes.select("measure", "period", "old_value", "new_value", "old_code", "new_code").clear()
    current = changes.filter(
        (pl.col("release_hash") == releases["release_hash"][0])
        & (pl.col("kind") == "revised_value")
        & (pl.col("area_type") == "council")
        & (pl.col("area_code") == code)
    )
    if measures:
        current = current.filter(pl.col("measure").is_in(list(measures)))
    return current.select("measure", "period", "old_value", "new_value", "old_code", "new_code")


@dataclass(frozen=True)
class SinceRelease:
    """What changed after the release a link was made on. `known` is False for a release the table
    does not record (too old, or a store rebuilt from scratch): then nothing can be said about it."""

    known: bool
    newer: pl.DataFrame  # releases after it, newest first (as `releases_of`)
    changes: pl.DataFrame  # their changes, newest first

    @property
    def outdated(self) -> bool:
        return self.newer.height > 0


def changes_since(changes: pl.DataFrame, release: str) -> SinceRelease:
    """Changes in every release after `release` (a content hash or a 12+ digit prefix)."""
    releases = releases_of(changes)
    index = find_release(releases, release)
    if index is None:
        return SinceRelease(False, releases.clear(), changes.clear())
    newer = releases.head(index)
    return SinceRelease(True, newer, changes.filter(pl.col("release_hash").is_in(newer["release_hash"].implode())))
