"""Home: the chosen council's items that need attention first, then its inspections and commitments;
what this dashboard is, where to start, and what the data cover."""

import streamlit as st

from accountability.labels import SIDEBAR_WHERE
from accountability.views.home import HomeChoice, home_view
from components.attention import render_attention
from components.cache import app_store
from components.council import (
    render_cqc,
    render_ofsted,
    render_progress_table,
    render_progress_warning,
    render_revisions,
)
from components.data import settings_or_stop
from components.navigation import require_navigation
from components.tables import render_table

require_navigation()  # a first visit via a shared link must still run dashboard.py
COVERAGE_COLUMNS = {"source": "Publication", "publisher": "Publisher", "measures": "Measures", "first": "From"}
INTRO = (
    "How is your council doing on **adult social care** and **children's social care**? This dashboard "
    "compares every English council with England and its region, using only the official statistics that "
    "government publishes, and shows how sure we can be about each difference."
)

# state and view
store = app_store()
choice = HomeChoice(st.session_state.get("council"), settings_or_stop().default_benchmark)
view = store.derive(home_view, choice)

# render
st.title("Council care accountability")
if (card := view.council) and view.attention and view.cqc:
    st.subheader(card.name)
    st.write(card.description)
    render_attention(view.attention, card.code)
    render_revisions(view.revisions)
    render_ofsted(card)
    render_cqc(view.cqc, card.name)
    render_progress_warning(card.progress)
    if card.progress.rows.height:
        st.markdown("**Progress on the government's commitments** (latest published figures):")
        render_progress_table(card.progress)
        st.page_link("pages/progress.py", label="How progress is assessed, and every council", icon="📈")
    st.page_link("pages/profile.py", label=f"Every measure for {card.name}", icon="🧭")
    if card.replaced:
        st.info(card.replaced)
else:
    st.markdown(INTRO)
    st.info(f"Choose your council {SIDEBAR_WHERE} (type its name) to see where it stands.")

st.subheader("Start here")
if view.council:
    st.markdown(INTRO)  # a chosen council's items come first; what the dashboard is, after
st.page_link("pages/compare.py", label="Compare councils: every council on one measure", icon="📊")
st.page_link("pages/floors.py", label="Floor standards: who is below the floor, and the watchlist", icon="🚩")
st.page_link("pages/progress.py", label="Progress on commitments: England and every council", icon="📈")
st.page_link("pages/methods.py", label="Data and methods: definitions, sources and how we calculate", icon="📖")

st.subheader("What the data cover")
# the same for every council: kept as sent once per store version (components/tables.render_table)
coverage_key = (store.version, "coverage")
render_table(lambda: view.coverage.rename({**COVERAGE_COLUMNS, "latest": "To"}), coverage_key, alt=view.coverage_alt)
st.caption(
    "Official statistics, used under the Open Government Licence v3.0. These figures describe outcomes; "
    "on their own they do not show why a council differs, or whether its services are effective."
)
