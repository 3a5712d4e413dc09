"""Progress on commitments: England against each commitment's target, and every council's status."""

import streamlit as st

from accountability.views.progress import ProgressChoice, commitment_options, progress_view
from components.cache import app_store
from components.navigation import require_navigation
from components.progress import (
    commitments_or_stop,
    render_commitment,
    render_councils,
    render_england,
    render_framework_picker,
    render_headline,
    render_how_assessed,
)
from components.widgets import render_coded_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Progress on commitments")
st.caption(
    "The commitments government made on adult and children's social care, and whether England and each "
    "council are moving towards them, from the published statistics."
)

# state: the commitment's headline and England's chart come before England's table of every commitment,
# so a phone's first screen shows them (containers filled once the choice is whole)
store = app_store()
commitments_or_stop(store)  # a bad commitments file is reported here, naming its line
render_how_assessed()  # after the check: with no usable commitments there is nothing to explain
picker, in_depth = st.container(), st.container()
side = render_framework_picker()  # under the chart on screen, but the commitments offered depend on it
with picker:
    commitment = render_coded_picker("Commitment", store.derive(commitment_options, side), "commitment", "commitment")
only_off = st.toggle("Show only councils off track or deteriorating", key="off_track")

# view
view = store.derive(progress_view, ProgressChoice(st.session_state.get("council"), side, commitment, only_off))

# render
with in_depth:
    render_headline(view)
    render_commitment(view, store.version)
render_councils(view)
render_england(view)
