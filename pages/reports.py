"""Progress reports: the headline and narrative for England, a region or a council, as HTML and PDF downloads."""

import streamlit as st

from components.cache import app_store
from components.navigation import require_navigation
from components.progress import commitments_or_stop
from components.reports import render_report, render_report_pickers, report_view

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Progress reports")
st.caption(
    "A report for England, a region or one council: the headline, floor breaches, the watchlist, progress on "
    "each commitment, charts, a plain-English summary and a data annex, to download as a web page or a PDF."
)

# state
store = app_store()
store.standards()  # a bad standards file is reported here, naming its line
commitments_or_stop(store)  # and so is a bad commitments file
choice = render_report_pickers(store, st.session_state.get("council"))

# view (its function is in components: a report sits a layer above views, see components/reports.py)
with st.spinner("Writing the report…"):
    view = store.derive(report_view, choice)

# render
render_report(view)
