"""Home: what this dashboard is, where to start, and a first look at the chosen council."""

import polars as pl
import streamlit as st

from accountability.methods.compare import coverage, latest_inspection
from components.data import load
from components.navigation import require_navigation
from components.progress import council_progress

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Council care accountability")
st.markdown(
    "How is your council doing on **adult social care** and **children's social care**? This dashboard "
    "compares every English council with England and its region, using only the official statistics that "
    "government publishes, and shows how sure we can be about each difference."
)

code = st.session_state.get("council")
councils = load("councils")
if code:
    council = councils.filter(pl.col("code") == code).row(0, named=True)
    st.subheader(council["name"])
    st.write(f"{council['council_type']} in {council['region']}. ONS code {council['code']}.")
    judgement = latest_inspection(load("inspections"), code)
    if judgement:
        when = judgement["inspection_start"].strftime("%B %Y") if judgement["inspection_start"] else "date not given"
        st.markdown(
            f"**Latest Ofsted inspection of children's services:** {judgement['overall_effectiveness']} "
            f"overall ({judgement['inspection_type']}, {when})."
        )
    elif council["valid_to"] is None:
        st.write("Ofsted has not published an inspection judgement for this council's children's services.")
    progress = council_progress(code)
    if progress.height:
        st.markdown("**Progress on the government's commitments** (latest published figures):")
        st.dataframe(progress, hide_index=True, alt=f"{council['name']}'s status on {progress.height} commitments")
        st.page_link("pages/progress.py", label="How progress is assessed, and every council", icon="📈")
    if council["successors"]:
        names = councils.filter(pl.col("code").is_in(council["successors"]))["name"].to_list()
        st.info(f"{council['name']} was replaced in {council['valid_to']:%B %Y} by {' and '.join(names)}.")
else:
    st.info("Choose your council in the sidebar (type its name) to see where it stands.")

st.subheader("Start here")
st.page_link("pages/compare.py", label="Compare councils: every council on one measure", icon="📊")
st.page_link("pages/floors.py", label="Floor standards: who is below the floor, and the watchlist", icon="🚩")
st.page_link("pages/progress.py", label="Progress on commitments: England and every council", icon="📈")
st.page_link("pages/methods.py", label="Data and methods: definitions, sources and how we calculate", icon="📖")

st.subheader("What the data cover")
cover = coverage(load("measures"), load("values"))
st.dataframe(
    cover.rename(
        {"source": "Publication", "publisher": "Publisher", "measures": "Measures", "first": "From", "latest": "To"}
    ),
    hide_index=True,
    alt=f"{cover['measures'].sum()} measures from {cover.height} publications, with the years each covers",
)
st.caption(
    "Official statistics, used under the Open Government Licence v3.0. These figures describe outcomes; "
    "on their own they do not show why a council differs, or whether its services are effective."
)
