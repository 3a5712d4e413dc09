"""Council profile: every measure for one council on one screen, against England and a chosen benchmark."""

import polars as pl
import streamlit as st

from accountability.methods.profile import display_rows, last_inspection, spine_sentence, summary_paragraph
from components.analysis import profile_for
from components.data import load, settings_or_stop
from components.export import render_chart
from components.figures.spine import spine_figure
from components.navigation import require_navigation
from components.progress import council_progress
from components.tables import render_downloads
from components.widgets import render_benchmark_picker, render_share_link, render_view_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

# state
code = st.session_state.get("council")
councils = load("councils")
if not code:
    st.title("Council profile")
    st.info("Choose a council in the sidebar, or find it by name, to see its profile.")
    st.page_link("pages/find.py", label="Find your council", icon="🔎")
    st.stop()
council = councils.filter(pl.col("code") == code).row(0, named=True)
name = str(council["name"])
st.title(f"Council profile: {name}")
st.caption(
    "Every measure for one council at its latest published period: where it sits among all councils, "
    "whether it differs significantly from the benchmark you choose, and its recent trend."
)
settings = settings_or_stop()
kind, group = render_benchmark_picker(councils, settings.default_benchmark)


# data
inspection = last_inspection(load("inspections"), code)

# derive
profile = profile_for(code, kind, group)  # cached per council, benchmark and group
summary = summary_paragraph(profile, name)

# render
if council["valid_to"] is not None:
    successors = councils.filter(pl.col("code").is_in(council["successors"]))["name"].to_list()
    st.info(
        f"{name} was replaced in {council['valid_to']:%B %Y} by {' and '.join(successors) or 'new councils'}. "
        "Its figures stop there and are never added to its successors'; each measure shows its last published year."
    )
if inspection:
    when = inspection["inspection_start"]
    when_text = f"{when:%B %Y}" if when else "date not given"
    st.markdown(
        f"**Latest Ofsted judgement of children's services:** {inspection['overall_effectiveness']} overall "
        f"({inspection['inspection_type']}, inspection began {when_text})."
    )
else:
    st.markdown("**Latest Ofsted judgement of children's services:** none published for this council.")
if profile.height == 0:
    st.info(f"No measure has a published value for {name}.")
    st.stop()
st.markdown(f"**{summary}**")
st.caption(
    "Better / worse: the council's 95% confidence interval lies wholly on one side of the benchmark. "
    "Not tested: the figure has no interval, or the benchmark has no figure. Trends use the last 5 points "
    "(chi-squared test for trend on proportions, weighted regression otherwise) and count only at p < 0.05."
)
view = render_view_picker(["Chart", "Table"])  # the same choices as other pages, so a choice carries over
for domain, heading in [("adults", "Adults"), ("children", "Children")]:
    rows = profile.filter(pl.col("domain") == domain)
    st.subheader(heading)
    if rows.height == 0:
        st.info(f"No {heading.lower()}'s measure has a published value for {name}.")
        continue
    alt = spine_sentence(rows, name, heading.lower())
    if view == "Chart":
        render_chart(
            spine_figure,
            rows,
            name,
            key=f"spine_{domain}",
            alt=alt,
            title=f"{name}: {domain} against every council",
            source="NHS England, DfE, Oflog and Ofsted published figures (see Data and methods)",
        )
        st.caption(
            alt + " Each row is scaled on its own with England on the centre line and better to the right; "
            "grey bands are the spread of councils (dark: the middle half). A row without an England mark has "
            "no comparable England figure (none published, or a total such as a count) and is centred on the "
            "middle of the councils' range. Hover for the values."
        )
    else:
        st.dataframe(
            display_rows(rows),
            hide_index=True,
            alt=alt,
            column_config={
                "label": "Measure",
                "period": "Period",
                "value": name,
                "england": "England",
                "benchmark_name": "Benchmark",
                "benchmark_value": "Benchmark value",
                "comparison": "Compared with benchmark",
                "trend": "Recent trend",
                "worst": "Worst (or lowest)",
                "q25": "25th percentile (worst side)",
                "q75": "75th percentile (best side)",
                "best": "Best (or highest)",
                "range_kind": "Range runs",
            },
        )
    render_downloads(rows, f"profile_{code}_{domain}", key=f"profile_{domain}")

st.subheader("Progress on the government's commitments")
progress = council_progress(code)
if progress.height:
    st.dataframe(progress, hide_index=True, alt=f"{name}'s status on {progress.height} commitments")
else:
    st.info(f"No commitment has figures for {name}.")
render_share_link("profile", {"council": code, "benchmark": kind, "view": None if view == "Chart" else view})
st.caption(
    "Sources: NHS England (ASCOF), DfE, Ofsted and MHCLG (Oflog). "
    "Contains public sector information licensed under the Open Government Licence v3.0."
)
