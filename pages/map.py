"""Map: any measure and period across England, coloured by value band or floor verdict; click a council."""

import streamlit as st

from accountability.views.analyses import measures_with_values
from accountability.views.compare import default_period, periods_for
from accountability.views.map import SHOWS, MapChoice, map_view
from components.cache import app_store
from components.data import settings_or_stop
from components.map import render_colour_picker, render_map_body, render_map_heading
from components.navigation import require_navigation
from components.widgets import render_measure_picker, render_period_picker, render_view_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Map")
st.caption("Every council on one measure. Click a council to make it your council; the table has the same numbers.")

# state
store, settings = app_store(), settings_or_stop()
left, middle, right = st.columns([3, 1, 1])
with left:
    measure = render_measure_picker(store.derive(measures_with_values))
periods = periods_for(store, measure)
with middle:
    period = render_period_picker(periods, default_period(periods, settings.default_period))
with right:
    colour = render_colour_picker()
heading = st.container()  # the summary sits above the "Show" choice, but needs the whole choice first
show = render_view_picker(list(SHOWS))

# view
view = store.derive(map_view, MapChoice(st.session_state.get("council"), measure, period, colour, show))

# render
with heading:
    render_map_heading(view)
render_map_body(view, store.version)
