"""Renders the Data and methods page: a `MethodsView` (what comes from the store) and the fixed
explanations of how the numbers are made, which are prose and so are written here."""

from __future__ import annotations

import streamlit as st

from accountability.labels import DOMAIN_LABELS
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
where higher is better, the 75th where lower is better). Floors are set again from 2023-24 for adult
measures, because the framework changed then. A verdict uses the council's 99.8% interval:
**below** if the whole interval is on the wrong side of the floor, **meets** if the whole interval is on
the right side or touches the floor from the right side, and **cannot tell** if it straddles the floor.
Where no interval exists, the published value decides (on the floor counts as meeting it), and the page
says so. A missing value is **no data**, never below. Runs below the floor count consecutive published
periods; a period with no figure for the council breaks a run.
"""
PROGRESS = """
For a target value by a date, the actual yearly growth rate since the baseline is compared with the rate
needed to reach the target on time (Statistics Canada's method, as used by Open SDG): at least 95% of the
required rate is **on track**, less is **off track**, movement away is **deteriorating**. For a direction
(rising or falling), the yearly change over the last five periods decides, with changes under 0.5% a year
counted as little or no change. Fewer than two points, or a zero baseline, is **not assessable**. Series
are never joined across a framework break. Projections on the Progress page come from a log-linear fit of
the same points, with a 95% band.
"""
RENUMBERED = (
    "These councils only changed their ONS code, after small boundary changes. Their figures are shown "
    "under the current code, whichever code the publisher used."
)
OGL_LINK = (
    "Open Government Licence v3.0: "
    "[nationalarchives.gov.uk/doc/open-government-licence/version/3](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
)
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
    """How the numbers are made, what the code tables mean, and council reorganisations."""
    st.header("Methods")
    st.markdown(METHODS)
    st.subheader("Floor standards")
    st.markdown(FLOORS)
    st.subheader("Progress on commitments")
    st.markdown(PROGRESS)
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


def render_row_accounts(view: MethodsView) -> None:
    st.header("Every row accounted for")
    st.write(ACCOUNTS)
    st.dataframe(view.accounts, hide_index=True, alt=view.accounts_alt)
