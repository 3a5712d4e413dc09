"""Home: what this dashboard is, where to start, and a first look at the chosen council."""

import streamlit as st

from accountability.labels import SIDEBAR_WHERE
from accountability.views.home import HomeChoice, home_view
from components.cache import app_store
from components.council import render_ofsted, render_progress_table, render_progress_warning
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py
COVERAGE_COLUMNS = {"source": "Publication", "publisher": "Publisher", "measures": "Measures", "first": "From"}

st.title("Council care accountability")
st.markdown(
    "How is your council doing on **adult social care** and **children's social care**? This dashboard "
    "compares every English council with England and its region, using only the official statistics that "
    "government publishes, and shows how sure we can be about each difference."
)

# state and view
store = app_store()
view = store.derive(home_view, HomeChoice(st.session_state.get("council")))

# render
if card := view.council:
    st.subheader(card.name)
    st.write(card.description)
    render_ofsted(card)
    render_progress_warning(card.progress)
    if card.progress.rows.height:
        st.markdown("**Progress on the government's commitments** (latest published figures):")
        render_progress_table(card.progress)
        st.page_link("pages/progress.py", label="How progress is assessed, and every council", icon="📈")
    if card.replaced:
        st.info(card.replaced)
else:
    st.info(f"Choose your council {SIDEBAR_WHERE} (type its name) to see where it stands.")

st.subheader("Start here")
st.page_link("pages/compare.py", label="Compare councils: every council on one measure", icon="📊")
st.page_link("pages/floors.py", label="Floor standards: who is below the floor, and the watchlist", icon="🚩")
st.page_link("pages/progress.py", label="Progress on commitments: England and every council", icon="📈")
st.page_link("pages/methods.py", label="Data and methods: definitions, sources and how we calculate", icon="📖")

st.subheader("What the data cover")
st.dataframe(view.coverage.rename({**COVERAGE_COLUMNS, "latest": "To"}), hide_index=True, alt=view.coverage_alt)
st.caption(
    "Official statistics, used under the Open Government Licence v3.0. These figures describe outcomes; "
    "on their own they do not show why a council differs, or whether its services are effective."
)
