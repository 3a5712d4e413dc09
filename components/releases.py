"""Release-aware glue: the store's release stamp, its changes table, the bulk-data catalogue, and the
notice a link made on an earlier release gets.

Each is read once per store version (`store_version`), so a rebuilt store is seen at once. A missing
or damaged changes table or release stamp is never an error here: the notice and the What's new page
say in words that changes cannot be listed, and why. `render_release_notice()` is the one line a page
needs (dashboard.py calls it for every page): it reads `?release=` and `?council=`/`?measure=` from
the address and, when the link is older than the store, says so and lists the values that changed.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from accountability.change_words import Names, long_date
from accountability.settings import ROOT
from accountability.state import capped, literal
from accountability.store.changes import ChangesUnavailable, read_changes
from accountability.store.published import BulkCatalogue, bulk_catalogue
from accountability.store.release import Release, ReleaseError, read_release
from accountability.views.release_notice import ReleaseNotice, release_notice
from components.data import load, settings_or_stop, store_version

STATIC_DIR = ROOT / "static"


@st.cache_resource(show_spinner=False, max_entries=4)
def _release(data_dir: str, version: str) -> Release | None:
    try:
        return read_release(Path(data_dir))
    except ReleaseError:  # an unreadable stamp: the link cannot be placed; the store's own checks report it
        return None


@st.cache_resource(show_spinner=False, max_entries=4)
def _changes(data_dir: str, version: str) -> pl.DataFrame | str:
    try:
        return read_changes(Path(data_dir))
    except ChangesUnavailable as exc:
        return str(exc)


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalogue(static_dir: str, version: str) -> BulkCatalogue:
    return bulk_catalogue(Path(static_dir))


def current_release() -> Release | None:
    """The release stamp of the store shown (None for an unstamped or unreadable one)."""
    return _release(str(settings_or_stop().data_dir), store_version())


def changes_table() -> pl.DataFrame | str:
    """The changes table, or a sentence saying why there is none."""
    return _changes(str(settings_or_stop().data_dir), store_version())


def catalogue() -> BulkCatalogue:
    """The bulk downloads and feeds the app serves (what is missing is in `.problem`)."""
    return _catalogue(str(STATIC_DIR), store_version())


def names() -> Names:
    """Council, region and England names and measure labels, for change sentences."""
    return Names.from_tables(load("councils"), load("measures"))


def release_short() -> str | None:
    """The current release as a link carries it (12 hex digits), or None for an unstamped store."""
    release = current_release()
    return release.short if release else None


def notice_for_address() -> ReleaseNotice:
    """The notice for the address as it is (see `views.release_notice`)."""
    raw = capped(st.query_params.get("release"))
    if not raw:
        return ReleaseNotice("none")
    release = current_release()
    current = (release.content_hash, release.released) if release else None
    council = capped(st.query_params.get("council"))
    measure = capped(st.query_params.get("measure"))
    return release_notice(changes_table(), raw, current, names(), council, measure)


def render_release_notice() -> None:
    """Tell someone who opened a link made on an earlier release that newer figures exist, and which."""
    notice = notice_for_address()
    if notice.status == "none":
        return
    made_on = f"This link was made on release {literal(notice.link_release or '')} (`release=` in the address)."
    now = f"The figures shown are the current release ({notice.current_release}, {long_date(notice.current_date)})."
    if notice.status == "unavailable":
        st.info(f"{made_on} {now} What changed since cannot be listed: {notice.reason}", icon="ℹ️")
        return
    if notice.status == "unknown":
        st.info(f"{made_on} We hold no record of that release, so we cannot say what changed. {now}", icon="ℹ️")
        return
    later = "a newer release" if notice.newer == 1 else f"{notice.newer} newer releases"
    council, measure = st.query_params.get("council"), st.query_params.get("measure")
    scope = (
        " for this council and measure"
        if council and measure
        else " for this council"
        if council
        else (" for this measure" if measure else "")
    )
    what = (
        f"{notice.changed} published {'value' if notice.changed == 1 else 'values'}{scope} were revised, "
        "newly published or withdrawn"
        if notice.changed
        else f"no published value{scope} was revised or withdrawn"
    )
    st.warning(
        f"Newer figures exist. {made_on} Since then there {'has' if notice.newer == 1 else 'have'} been "
        f"{later}: {what}. {now}",
        icon="🔄",
    )
    if notice.sentences:
        with st.expander("Which values changed"):
            more = notice.changed - len(notice.sentences)
            tail = f"\n\n…and {more} more: see What's new." if more > 0 else ""
            st.markdown("\n".join(f"- {s}" for s in notice.sentences) + tail)
