"""What a link made on an earlier release should be told: newer figures exist, and which values changed.

`release_notice(changes, link_release, current, council, measure, names)` is pure: it compares the
release a link names (`?release=<short>`) with the store's current release and, through
`views.whats_new.changes_since`, lists the values revised, newly published or withdrawn since then,
narrowed to the link's council and measure when it names them (a link about Birmingham's re-referrals
is told about those, not every council's). A link made on the release the oldest recorded one was
compared with (known only as its `previous_hash`) is placed too. It returns codes and the sentences of `change_words`;
the notice's own words are chosen at render. No Streamlit, no file reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.change_words import Names, change_sentence
from accountability.views.whats_new import changes_since

VALUE_KINDS = ("revised_value", "added_value", "removed_value")
SHOWN = 30  # sentences listed; the What's new page has the rest


@dataclass(frozen=True)
class ReleaseNotice:
    """`status`: "none" (no release in the link, or it is the current one), "outdated" (newer releases
    exist), "unknown" (a release the changes table does not record) or "unavailable" (no changes table:
    `reason` says why). `changed` counts the matching value changes; `sentences` lists up to SHOWN."""

    status: str
    link_release: str | None = None
    current_release: str | None = None
    current_date: str | None = None
    newer: int = 0
    changed: int = 0
    sentences: tuple[str, ...] = ()
    reason: str | None = None


def release_notice(
    changes: pl.DataFrame | str,
    link_release: str | None,
    current: tuple[str, str] | None,
    names: Names,
    council: str | None = None,
    measure: str | None = None,
) -> ReleaseNotice:
    """See the module doc. `current` is (content hash, release date) of the store shown, or None."""
    if not link_release or (current is not None and current[0].startswith(link_release.lower())):
        return ReleaseNotice("none")
    short, date = (current[0][:12], current[1]) if current else (None, None)
    if isinstance(changes, str):
        return ReleaseNotice("unavailable", link_release, short, date, reason=changes)
    since = changes_since(changes, link_release)
    if since.known and not since.outdated:
        return ReleaseNotice("none")
    newer, found = (since.newer.height, since.changes) if since.known else _since_previous(changes, link_release)
    if found is None:
        return ReleaseNotice("unknown", link_release, short, date)
    rows = found.filter(pl.col("kind").cast(pl.String).is_in(VALUE_KINDS))
    if council:
        rows = rows.filter((pl.col("area_type").cast(pl.String) == "council") & (pl.col("area_code") == council))
    if measure:
        rows = rows.filter(pl.col("measure") == measure)
    rows = rows.sort("release_number", "measure", "area_code", "period", descending=[True, False, False, False])
    sentences = tuple(change_sentence(row, names) for row in rows.head(SHOWN).iter_rows(named=True))
    return ReleaseNotice("outdated", link_release, short, date, newer, rows.height, sentences)


def _since_previous(changes: pl.DataFrame, link_release: str) -> tuple[int, pl.DataFrame | None]:
    """A link made on the release an earlier one was compared with (the oldest the table knows only as
    a `previous_hash`): every release from the one that followed it. (0, None) when it is not one."""
    if len(link_release) < 12:
        return 0, None
    followed = changes.filter(pl.col("previous_hash").fill_null("").str.starts_with(link_release.lower()))
    if followed.height == 0:
        return 0, None
    first = followed["release_number"].min()
    later = changes.filter(pl.col("release_number") >= first)
    return later["release_number"].n_unique(), later
