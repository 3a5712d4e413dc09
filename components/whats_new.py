"""Renders the What's new page: one release's changes, the feeds for the chosen area, and the bulk data.

The changes come from `views.whats_new.whats_new_view`, computed once per store version and filters;
the sentences from `change_words.change_sentence` (the feeds use the same ones, so a change reads the
same on the page and in a feed reader). A store without a changes table says why, and the page still
offers the bulk data and feeds it has.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.change_words import change_sentence, long_date
from accountability.labels import CHANGE_KIND_LABELS
from accountability.state import capped, literal
from accountability.views.whats_new import WhatsNewFilters, WhatsNewView, whats_new_view
from components.data import load, store_version
from components.releases import catalogue, changes_table
from components.tables import render_downloads

ALL = "all"  # the pickers' "no filter" code


@st.cache_resource(show_spinner=False, max_entries=64)
def _view(version: str, filters: WhatsNewFilters) -> WhatsNewView | str:
    changes = changes_table()
    if isinstance(changes, str):
        return changes
    return whats_new_view(changes, load("councils"), load("measures"), filters)


def whats_new_for(council: str | None, region: str, measure: str, kind: str) -> WhatsNewView | str:
    """The view for the pickers' codes and ?release= (None for "all"), or why there are no changes."""
    release = capped(st.query_params.get("release"))
    filters = WhatsNewFilters(
        release=release or None,
        council=council,
        region=None if region == ALL else region,
        measure=None if measure == ALL else measure,
        kinds=() if kind == ALL else (kind,),
    )
    return _view(store_version(), filters)


def options(frame_name: str, code: str, label: str, everything: str) -> dict[str, str]:
    """code -> label for a picker over a store table, with the "no filter" choice first."""
    frame = load(frame_name).select(code, label).unique(code).sort(label)
    return {ALL: everything, **dict(zip(frame[code], frame[label], strict=True))}


def kind_options() -> dict[str, str]:
    return {ALL: "All kinds of change", **CHANGE_KIND_LABELS}


def render_changes(view: WhatsNewView | str) -> None:
    """The release's heading, what kinds of change it holds, and every change as a sentence and a row."""
    if isinstance(view, str):
        st.info(f"Changes since the previous release cannot be listed: {view}", icon="ℹ️")
        return
    for name, value in view.unknown:
        if name == "release":
            st.warning(f"No release {literal(value)} is recorded; showing the newest release instead.", icon="⚠️")
    latest = "the current release" if view.is_current else "an earlier release"
    st.subheader(f"Release {(view.release_hash or '')[:12]}, {long_date(view.release)} ({latest})")
    if view.first_release:
        st.markdown("This is the first release: there is no earlier release to compare with.")
    if view.empty:
        st.markdown("No changes in this release match your choices.")
        return
    counts = ", ".join(f"{CHANGE_KIND_LABELS.get(k, k).lower()}: {n}" for k, n in view.counts.iter_rows())
    summary = f"{view.rows.height} changes match your choices ({counts})."
    st.markdown(f"**{summary}**")
    table = view.rows.select(
        pl.col("kind").cast(pl.String).replace_strict(CHANGE_KIND_LABELS, default=None).alias("Kind of change"),
        pl.struct(pl.all())
        .map_elements(lambda r: change_sentence(r, view.names), return_dtype=pl.String)
        .alias("What changed"),
        pl.col("area_name").alias("Area"),
        pl.col("measure_label").alias("Measure"),
        pl.col("period").alias("Period"),
        pl.col("old_value").alias("Old value"),
        pl.col("new_value").alias("New value"),
        pl.col("area_code").alias("Area code"),
        pl.col("measure").alias("Measure code"),
        pl.col("kind").cast(pl.String).alias("Kind code"),
    )
    st.dataframe(table, hide_index=True, alt=summary, height=420)
    render_downloads(table, f"whats_new_{(view.release_hash or '')[:12]}", key="whats_new")


def render_feeds(council: str | None, region: str) -> None:
    """Atom feed links for the chosen council, its region (or the chosen one) and England."""
    st.subheader("Follow changes by feed")
    found = catalogue()
    if not found.feeds:
        st.info(f"Feeds are not available here. {found.problem or ''}", icon="ℹ️")
        return
    councils = load("councils")
    home = councils.filter(pl.col("code") == (council or ""))["region_code"]
    codes = [council, region if region != ALL else (home[0] if home.len() else None), "E92000001"]
    links = [feed for code in codes if code and (feed := found.feed_for(code))]
    st.markdown(
        "Atom feeds list each release's changes for an area; add one to a feed reader to hear of the next.\n\n"
        + "\n".join(f"- [{f.name}: changes feed]({f.url})" for f in links)
    )


def render_bulk_data() -> None:
    """Links to every prepared table as CSV and Parquet, and the data package that describes them."""
    st.subheader("All the data, in bulk")
    found = catalogue()
    if not found.files:
        st.info(f"Bulk downloads are not available here. {found.problem or ''}", icon="ℹ️")
        return
    if found.problem:
        st.warning(found.problem, icon="⚠️")
    files = [f for f in found.files if f.exists]
    st.markdown(
        f"Every prepared table as CSV and Parquet, described by a [Frictionless data package]({found.package_url}) "
        f"(columns, units, sources, licence). Made from release {(found.content_hash or '')[:12]}."
    )
    with st.expander(f"The {len(files)} files"):
        st.markdown("\n".join(f"- [{f.title}]({f.url}) ({f.format}, {(f.bytes or 0) / 1024:,.0f} KB)" for f in files))
