"""Data and methods: every measure's definition and source, how intervals are made, row accounting."""

import polars as pl
import streamlit as st

from accountability.formatting import POLARITY_LABELS
from accountability.labels import STATUS_LABELS
from accountability.methods.stats import CI_METHOD_LABELS
from accountability.views.provenance import (
    ATTRIBUTIONS,
    OGL_TEXT,
    OS_TEXT,
    accounts_summary,
    renumbered_councils,
    reorganisations,
)
from components.data import load
from components.navigation import require_navigation
from components.tables import render_downloads

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Data and methods")
st.write(
    "Every number on this dashboard is a published official statistic, or is calculated from published "
    "numerators and denominators as described below. Nothing is estimated or filled in."
)

measures = load("measures")
st.header("Measures")
st.write(f"{measures.height} measures. Open one to read what it means, which way is better, and where it comes from.")
for domain, title in (("adults", "Adult social care"), ("children", "Children's social care")):
    st.subheader(title)
    for m in measures.filter(pl.col("domain") == domain).sort("label").iter_rows(named=True):
        with st.expander(m["label"]):
            st.write(m["description"])
            st.markdown(
                f"- **Which way is better:** {POLARITY_LABELS[m['polarity']]}\n"
                f"- **Unit:** {m['unit']} · **Periods:** {m['period_note']}\n"
                f"- **Source:** {m['source']}, {m['publisher']} "
                f"({'official statistics' if m['official'] else 'research compilation or derived'})\n"
                f"- **Framework:** {m['framework_version']} · **Publisher's codes:** {m['source_codes']}\n"
                f"- **Licence:** {m['licence']} · **Id in links:** `{m['id']}`"
            )
            if m["note"]:
                st.caption(m["note"])
catalogue = measures.select(
    pl.col("id").alias("measure_id"),
    pl.col("label").alias("measure"),
    pl.col("domain").cast(pl.String),
    "description",
    pl.col("polarity").cast(pl.String).replace_strict(POLARITY_LABELS).alias("direction"),
    "unit",
    "source",
    "publisher",
    "framework_version",
    "source_codes",
    "break_period",
    "official",
    "licence",
    "note",
)
st.write("All definitions as one table:")
render_downloads(catalogue, "measure_definitions", key="measures")

st.header("Methods")
st.markdown(
    """
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
)
st.subheader("Floor standards")
st.markdown(
    """
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
)
st.subheader("Progress on commitments")
st.markdown(
    """
For a target value by a date, the actual yearly growth rate since the baseline is compared with the rate
needed to reach the target on time (Statistics Canada's method, as used by Open SDG): at least 95% of the
required rate is **on track**, less is **off track**, movement away is **deteriorating**. For a direction
(rising or falling), the yearly change over the last five periods decides, with changes under 0.5% a year
counted as little or no change. Fewer than two points, or a zero baseline, is **not assessable**. Series
are never joined across a framework break. Projections on the Progress page come from a log-linear fit of
the same points, with a 95% band.
"""
)
st.subheader("What the status labels mean")
st.table(pl.DataFrame({"Meaning": list(STATUS_LABELS.values()), "In downloads": list(STATUS_LABELS)}))
st.subheader("Interval methods")
st.table(pl.DataFrame({"Meaning": list(CI_METHOD_LABELS.values()), "In downloads": list(CI_METHOD_LABELS)}))
st.subheader("Council reorganisations")
st.dataframe(reorganisations(load("councils")), hide_index=True, alt="Councils abolished and their successors")
st.write(
    "These councils only changed their ONS code, after small boundary changes. Their figures are shown "
    "under the current code, whichever code the publisher used."
)
st.table(renumbered_councils(load("councils")))

st.header("Sources and licence")
for publisher, what in ATTRIBUTIONS:
    st.markdown(f"- **{publisher}**: {what}")
st.markdown(f"{OGL_TEXT} {OS_TEXT}")
st.markdown(
    "Open Government Licence v3.0: "
    "[nationalarchives.gov.uk/doc/open-government-licence/version/3](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
)

st.header("Every row accounted for")
st.write(
    "For each published file: rows read, rows kept, values set to missing (with the publisher's reason) "
    "and rows not used (with the reason). The checksum identifies the exact file that was read."
)
summary = accounts_summary(load("row_accounts"))
st.dataframe(summary, hide_index=True, alt=f"Row accounting for {summary.height} published files")
