"""Council profile: every measure for one council on one screen, against England and a chosen benchmark."""

import streamlit as st

from accountability.labels import SIDEBAR_WHERE
from accountability.views.council import council_card
from accountability.views.profile import SHOWS, ProfileChoice, profile_view
from components.cache import app_store
from components.data import settings_or_stop
from components.navigation import require_navigation
from components.profile import (
    render_profile_details,
    render_profile_footer,
    render_profile_heading,
    render_profile_sections,
    render_profile_spend,
    render_profile_summary,
    render_replaced,
)
from components.widgets import render_benchmark_picker, render_view_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

# state
code = st.session_state.get("council")
if not code:
    st.title("Council profile")
    st.info(f"Choose a council {SIDEBAR_WHERE}, or find it by name, to see its profile.")
    st.page_link("pages/find.py", label="Find your council", icon="🔎")
    st.stop()
store = app_store()
st.title(f"Council profile: {store.derive(council_card, code).name}")
# what needs attention and the charts come first, so a phone's first screen reaches the first chart; they
# are filled once the benchmark and view chosen under them (after the charts' own headings) are known
heading, sections = st.container(), st.container()
st.caption(
    "Every measure for one council at its latest published period: where it sits among all councils, "
    "whether it differs significantly from the benchmark you choose, and its recent trend."
)
kind, group = render_benchmark_picker(store.councils, settings_or_stop().default_benchmark)
show = render_view_picker(list(SHOWS))

# view: computed once per store version and choice
view = store.derive(profile_view, ProfileChoice(code, kind, group, show))

# render
with heading:
    render_replaced(view)
    if view.empty:
        render_profile_heading(view)
        st.info(view.empty)
        st.stop()
    render_profile_summary(view)  # what needs attention first, then strengths
with sections:
    render_profile_sections(view, store.version)
render_profile_details(view)
render_profile_spend(view, store.version)
render_profile_footer(view)
