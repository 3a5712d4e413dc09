"""Progress on commitments: England against each commitment's target, and every council's status."""

import polars as pl
import streamlit as st

from accountability.methods.commitments import CommitmentsError
from accountability.methods.progress import trajectory
from accountability.views.progress import (
    area_table,
    commitment_rows,
    counts_sentence,
    national_series,
    projection_band,
    start_year,
    status_counts,
    status_text,
)
from components.analysis import assessment_for, commitment_register
from components.data import load
from components.export import render_chart
from components.figures.progress import trajectory_figure
from components.navigation import require_navigation
from components.tables import render_downloads
from components.widgets import render_coded_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Progress on commitments")
st.caption(
    "The commitments government made on adult and children's social care, and whether England and each "
    "council are moving towards them, from the published statistics."
)
with st.expander("How progress is assessed"):
    st.markdown(
        """
- **A target value by a date** (for example personal budgets for everyone eligible): we compare the
  actual yearly rate of change since the baseline with the rate needed to reach the target on time
  (Statistics Canada's method, as used by the UN's Open SDG platform). **On track** needs at least 95%
  of the required rate; **off track** is slower progress; **deteriorating** is movement away.
- **A direction only** (for example fewer care home admissions): the yearly change over the last five
  published periods; a change of less than 0.5% a year either way is **little or no change**.
- **Framework breaks are never bridged.** The Adult Social Care Outcomes Framework changed in 2023-24,
  so adult trends use one side of the break at a time; choose which below. With only 2023-24 on the new
  side, most adult commitments cannot be assessed on the new framework yet.
- Statuses describe the published figures; they do not say why a council has moved.
"""
    )

# state and data
measures, councils, benchmarks = load("measures"), load("councils"), load("benchmarks")
try:
    commitments = commitment_register()
except CommitmentsError as exc:
    st.error(f"The commitments file could not be used: {exc}")
    st.stop()
titles = {c.id: c.title for c in commitments}
framework = st.radio(
    "Adult measures: which side of the 2023-24 framework break?",
    ["2023-24 onwards (current framework)", "2017-18 to 2022-23 (previous framework)"],
    key="framework",
    bind="query-params",
    horizontal=True,
)
side = "current" if framework.startswith("2023-24") else "before_break"

# derive
assessment = assessment_for(side)  # cached per side of the break
pairs = commitment_rows(assessment, measures, titles)
england = assessment.filter(pl.col("area_type") == "england").join(
    pairs.select("commitment_id", "measure", "label"), on=["commitment_id", "measure"]
)

# render: England's position on every commitment
st.subheader("England")
england_table = england.select(
    pl.col("label").alias("Commitment and measure"),
    status_text(pl.col("status")).alias("Status"),
    pl.col("progress_band").cast(pl.String).alias("Detail"),
    pl.col("baseline_period").alias("From"),
    pl.col("current_period").alias("To"),
    pl.col("note").alias("Note"),
)
st.dataframe(england_table, hide_index=True, alt=f"England's status on {england.height} commitment measures")
render_downloads(england_table, f"progress_england_{side}", key="england")

# render: one commitment in depth
st.subheader("One commitment in depth")
labels = dict(zip(pairs["key"], pairs["label"], strict=True))
chosen = render_coded_picker("Commitment", labels, "commitment", "commitment")
commitment_id, measure_id = chosen.split(":", 1)
commitment = next(c for c in commitments if c.id == commitment_id)
measure = measures.filter(pl.col("id") == measure_id).row(0, named=True)
series = national_series(benchmarks, measure_id, measure["break_period"], side)
row = england.filter(pl.col("measure") == measure_id).filter(pl.col("commitment_id") == commitment_id)
target_path, target_name = pl.DataFrame(), "Path to the target"
baseline = row.row(0, named=True) if row.height else None
if commitment.target_value is not None and commitment.target_period and baseline and baseline["baseline_value"]:
    if start_year(commitment.target_period) > start_year(baseline["baseline_period"]):
        target_path = trajectory(
            float(baseline["baseline_value"]),
            baseline["baseline_period"],
            commitment.target_value,
            commitment.target_period,
        )
    else:  # the target date passed before the data begin: show the target as a level line
        years = [start_year(p) for p in series["period"].to_list()]
        target_path = pl.DataFrame({"year": years, "value": [commitment.target_value] * len(years)})
        target_name = f"Target {commitment.target_value:g} (date passed: {commitment.target_period})"
until = max(
    start_year(series["period"][-1]) + 3 if series.height else 0,
    start_year(commitment.target_period) if commitment.target_period else 0,
)
# the projection uses the same points as the assessment: from the baseline, or the last five for a direction
assessed = series.filter(pl.col("period") >= baseline["baseline_period"]) if baseline else series
band = projection_band(assessed if commitment.target_value is not None else assessed.tail(5), until)
source = commitment.source_sentence + (" (paraphrase)" if commitment.source_is_paraphrase else "")
st.markdown(f"**{commitment.title}.** {commitment.owner}: “{source}” — *{commitment.source}*.")
england_status = row.row(0, named=True) if row.height else None
alt = (
    f"{labels[chosen]}: England's published figures from {series['period'][0]} to {series['period'][-1]}; "
    f"status {england_status['status']}, {england_status['note']}."
    if series.height and england_status
    else f"{labels[chosen]}: England has no published figures on this side of the framework break."
)
if series.height:
    unit = measure["unit"]
    render_chart(
        trajectory_figure,
        series,
        target_path,
        band,
        f"{measure['label']} ({unit})",
        target_name,
        key="trajectory",
        alt=alt,
        title=f"{commitment.title}: England",
        source=f"{measure['publisher']}, {measure['source']}; target from {commitment.source}",
    )
st.caption(alt)
if series.height:
    st.dataframe(
        series.select("period", "value", "ci_low", "ci_high"),
        hide_index=True,
        alt=alt,
        column_config={"value": "England (published)", "ci_low": "95% low", "ci_high": "95% high"},
    )

table = area_table(assessment, councils.filter(pl.col("valid_to").is_null()), commitment_id, measure_id)
st.markdown(f"**{counts_sentence(labels[chosen], status_counts(table))}**")
code = st.session_state.get("council")
mine = table.filter(pl.col("code") == (code or ""))
if mine.height:
    r = mine.row(0, named=True)
    st.info(f"{r['council']}: {r['status']} ({r['progress_band']}). {r['note']}.")
only_off = st.toggle("Show only councils off track or deteriorating", key="off_track")
shown = table.filter(pl.col("status").str.contains("Off track|Deteriorating")) if only_off else table
st.dataframe(
    shown,
    hide_index=True,
    alt=f"{shown.height} councils' progress on {labels[chosen]}",
    column_config={"change_per_year_pct": "Change per year (%)", "code": "ONS code"},
)
render_downloads(shown, f"progress_{commitment_id}_{measure_id}_{side}", key="councils")
