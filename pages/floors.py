"""Floor standards: which councils are below the floor, for how long, and the zero-tolerance watchlist."""

import streamlit as st

from accountability.views.floor_standards import FloorsChoice, floors_view, what_if_options
from components.cache import app_store
from components.floor_standards import render_floors
from components.floors import render_floor_filters, render_floor_rules, render_what_if
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Floor standards")
st.caption(
    "Which councils fall below the floor on each standard, for how long, and who needs attention now. "
    "For officials monitoring every council."
)
render_floor_rules()

# state: what-if floors (this session only, kept in full in the choice) and the filters
store = app_store()
what_if = render_what_if(store.derive(what_if_options))
region, council_type, domain = render_floor_filters(store.councils)
choice = FloorsChoice(st.session_state.get("council"), region, council_type, domain, what_if)

# view: computed once per store version and choice, shared by every session
view = store.derive(floors_view, choice)

# render
render_floors(view, store.version)
