"""Renders the Data and methods page: a `MethodsView` (what comes from the store) and the fixed
explanations of how the numbers are made, which are prose and so are written here."""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.labels import BASIS_LABELS, BASIS_RULES, DOMAIN_LABELS
from accountability.store.published import BulkCatalogue
from accountability.views.methods import MethodsView
from components.tables import render_downloads

INTRO = (
    "Every number on this dashboard is a published official statistic, or is calculated from published "
    "numerators and denominators as described below. Nothing is estimated or filled in."
)
METHODS = """
- **England and regional figures are the publisher's own**, pooled across all councils as published.
  They are never an average of council values.
- **Confidence intervals** show the range the true value is likely to lie in, given chance variation:
  - percentages with a published numerator and denominator: *Wilson score* interval;
  - rates with a published count and population: *Byar's* method, or the *exact Poisson* interval
    when there are fewer than 10 events;
  - survey measures (for example quality of life, feeling safe): the publisher's own *margin of error*,
    which allows for the survey design.
  Intervals are stored at 95% and 99.8%. Where the publisher gives none of these, no interval is shown
  and no statistical comparison is made.
- **Suppressed and missing values** stay missing, with the publisher's reason. They are never shown as zero.
- **Periods** are financial years (April to March) unless a measure says otherwise; a count "at 31 March
  2025" belongs to 2024-25. Social work workforce figures are at 30 September.
- **Framework break:** the Adult Social Care Outcomes Framework changed in 2023-24 and reused some codes
  for different measures. This dashboard matches measures across the break by their published description,
  never by code, and marks the break: figures either side of it are not directly comparable.
- **Council changes:** councils are identified by their ONS code. Figures for councils that were abolished
  stay under the old council; they are never added to or split between their successors.
"""
FLOORS = """
No official numeric floors are published for these measures, so each floor in `data/standards.toml` is a
stated rule: the boundary of the worst quarter of councils in a fixed baseline year (the 25th percentile
where higher is better, the 75th where lower is better). **A floor never judges the year it is drawn
from**: judged against its own worst quarter, a quarter of councils would be below by construction. A
measure in the first year of a new definition has no earlier year to draw a floor from, and reads
"no floor yet". A missing value is **no data**, never below. How each kind of verdict is decided:
"""
RENUMBERED = (
    "These councils only changed their ONS code, after small boundary changes. Their figures are shown "
    "under the current code, whichever code the publisher used."
)
OGL_LINK = (
    "Open Government Licence v3.0: "
    "[nationalarchives.gov.uk/doc/open-government-licence/version/3](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
)
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
LOOKUPS = (
    "These lists of names, districts and postcode districts are used only to find your council on the Find "
    "page. No figure on this dashboard comes from them."
)
BULK = "Every table behind this dashboard, free to reuse under the Open Government Licence."
FEEDS = "Each feed (Atom) lists what changed in a release: new figures, revisions and new measures."
ACCOUNTS = (
    "For each published file: rows read, rows kept, values set to missing (with the publisher's reason) "
    "and rows not used (with the reason). The checksum identifies the exact file that was read."
)


def render_measures(view: MethodsView) -> None:
    """Every measure, by area of care, each opening to its definition and facts; then all as one download."""
    st.header("Measures")
    st.write(view.count)
    for domain, entries in view.measures:
        st.subheader(DOMAIN_LABELS[domain])
        for m in entries:
            with st.expander(m.label):
                st.write(m.description)
                st.markdown(m.facts)
                if m.note:
                    st.caption(m.note)
    st.write("All definitions as one table:")
    render_downloads(view.catalogue, "measure_definitions", key="measures")


def render_methods(view: MethodsView) -> None:
    """How the numbers are made (every method note with its references), the code tables, reorganisations."""
    st.header("Methods")
    st.markdown(METHODS)
    for _title, note in view.notes:  # each note opens with its own "## " heading: one level below "Methods"
        st.markdown(note.replace("## ", "### ", 1))
    st.subheader("Floor standards")
    st.markdown(FLOORS + "".join(f"- **{BASIS_LABELS[code]}**: {rule}\n" for code, rule in BASIS_RULES.items()))
    st.subheader("What the status labels mean")
    st.table(view.statuses)
    st.subheader("Interval methods")
    st.table(view.intervals)
    st.subheader("Council reorganisations")
    st.dataframe(view.reorganisations, hide_index=True, alt="Councils abolished and their successors")
    st.write(RENUMBERED)
    st.table(view.renumbered)


def render_sources(view: MethodsView) -> None:
    st.header("Sources and licence")
    for publisher, what in view.attributions:
        st.markdown(f"- **{publisher}**: {what}")
    st.markdown(view.licence)
    st.markdown(OGL_LINK)
    st.subheader("Used only to find your council")
    st.write(LOOKUPS)
    for publisher, what, licence in view.lookups:
        st.markdown(f"- **{publisher}**: {what}. {_linked(licence)}")


def _linked(licence: str) -> str:
    """The licence sentence with CC BY 4.0 as a working link (it is written as bare words in provenance)."""
    return licence.replace("creativecommons.org/licenses/by/4.0", f"[creativecommons.org/licenses/by/4.0]({CC_BY})")


def render_bulk(bulk: BulkCatalogue) -> None:
    """Links to every bulk download and feed; when they are missing, says so (the page still works)."""
    st.header("Download everything")
    if bulk.problem:
        st.info(bulk.problem)
    if bulk.files:
        release = f" Made from the release of {bulk.released}." if bulk.released else ""
        st.markdown(f"{BULK}{release} [Description of every file (datapackage.json)]({bulk.package_url})")
        st.markdown("\n".join(f"- [{f.title}]({f.url}) ({f.format}{_size(f.bytes)})" for f in bulk.files if f.exists))
    if bulk.feeds:
        st.subheader("Feeds of what changed")
        st.write(FEEDS)
        wide = [f for f in bulk.feeds if f.area_type != "council"]
        st.markdown("\n".join(f"- [{f.name}]({f.url})" for f in wide))
        councils = [f for f in bulk.feeds if f.area_type == "council"]
        st.write(f"A feed for each of {len(councils)} councils:")
        st.dataframe(
            pl.DataFrame({"Council": [f.name for f in councils], "Feed": [f.url for f in councils]}),
            hide_index=True,
            column_config={"Feed": st.column_config.LinkColumn("Feed", display_text="Atom feed")},
            alt=f"The address of each of {len(councils)} councils' feeds",
            height=210,
        )


def _size(size: int | None) -> str:
    if size is None:
        return ""
    return f", {size / 1_000_000:.1f} MB" if size >= 100_000 else f", {size / 1000:.0f} KB"


def render_row_accounts(view: MethodsView) -> None:
    st.header("Every row accounted for")
    st.write(ACCOUNTS)
    st.dataframe(view.accounts, hide_index=True, alt=view.accounts_alt)
