"""Care market: who provides children's homes, how concentrated and good they are, and adult provision."""

import streamlit as st

from accountability.views.market import MarketChoice, market_view, outcome_options
from components.cache import app_store
from components.market import (
    TABS,
    render_adult,
    render_concentration,
    render_market_heading,
    render_market_measure_picker,
    render_moves,
    render_quality,
    render_scatter,
    render_who_provides,
)
from components.market_panels import render_adult_quality, render_placements, render_s251_baseline
from components.navigation import require_navigation
from components.widgets import render_coded_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Care market")
st.caption(
    "Who provides children's homes in each area (council, private, voluntary), how concentrated and how good "
    "they are, and how much adult residential care councils buy in. Official Ofsted and NHS Digital statistics."
)

# state (the scatter's pickers sit in the last tab, above the scatter)
store = app_store()
heading = st.container()
tabs = st.tabs(TABS)
with tabs[5]:
    x = render_market_measure_picker()
    y = render_coded_picker("Outcome measure", store.derive(outcome_options), "market_y", "outcome measure")

# view
view = store.derive(market_view, MarketChoice(st.session_state.get("council"), x, y))

# render
with heading:
    render_market_heading(view)
with tabs[0]:
    render_who_provides(view, store.version)
    render_s251_baseline(view)
with tabs[1]:
    render_concentration(view)
with tabs[2]:
    render_quality(view)
with tabs[3]:
    render_moves(view)
with tabs[4]:
    render_adult_quality(view)
    render_adult(view)
with tabs[5]:
    render_scatter(view, store.version)
with tabs[6]:
    render_placements(view)
