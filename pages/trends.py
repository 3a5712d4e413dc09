"""Trends: a council's figures over time against England and a chosen benchmark, breaks never bridged."""

import streamlit as st

from accountability.labels import SIDEBAR_WHERE
from accountability.views.analyses import measures_with_values
from accountability.views.trends import TrendsChoice, trends_view
from components.cache import app_store
from components.data import settings_or_stop
from components.embed import render_embed_snippet
from components.navigation import require_navigation
from components.trends import render_trends
from components.widgets import render_benchmark_picker, render_measure_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Trends")
st.caption("How a council's figures have changed, against England and a benchmark you choose.")

# state
store = app_store()
code = st.session_state.get("council")
left, right = st.columns([3, 2])
with left:
    measure = render_measure_picker(store.derive(measures_with_values))
with right:
    kind, _ = render_benchmark_picker(store.councils, settings_or_stop().default_benchmark, allow_custom=False)
if not code:
    st.info(f"Choose your council {SIDEBAR_WHERE} to see its trend; England's figures are shown meanwhile.")

# view: computed once per store version and choice
view = store.derive(trends_view, TrendsChoice(code, measure, kind))

# render
render_trends(view, store.version)
render_embed_snippet("trends", {"council": code, "measure": measure, "benchmark": kind})  # p2new: embed
