"""Value for money: a council's spending per head beside England, its change, and outcomes across councils."""

import streamlit as st

from accountability.views.value import ValueChoice, outcome_options, spend_options, value_view
from components.cache import app_store
from components.navigation import require_navigation
from components.value import (
    render_change,
    render_costs,
    render_ranked,
    render_scatter,
    render_trace,
    render_value_heading,
)
from components.widgets import render_coded_picker, render_share_link

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Value for money")
st.caption(
    "What councils spend on social care per head, how that changed, and how it sits beside outcomes. "
    "Official MHCLG revenue outturn, DfE and Ofsted statistics; cash, not adjusted for inflation."
)

# state
store = app_store()
left, right = st.columns(2)
with left:
    spend = render_coded_picker("Spending measure", store.derive(spend_options), "spend", "spending measure")
with right:
    outcome = render_coded_picker("Outcome measure", store.derive(outcome_options), "outcome", "outcome measure")
council = st.session_state.get("council")

# view
view = store.derive(value_view, ValueChoice(council, spend, outcome))

# render
render_value_heading(view)
render_ranked(view, store.version)
render_change(view)
render_scatter(view, store.version)
render_costs(view, store.version)
render_trace(view)
render_share_link("value", view.link)
