"""What's new: the changes in the current release (or one named in the address), filterable, with feeds."""

import streamlit as st

from components.navigation import require_navigation
from components.whats_new import (
    kind_options,
    options,
    render_bulk_data,
    render_changes,
    render_feeds,
    whats_new_for,
)
from components.widgets import render_coded_picker

require_navigation()  # a first visit via a feed's link must still run dashboard.py

st.title("What's new")
st.caption(
    "What changed in the data since the previous release: new figures, revised values, councils newly below "
    "a floor or recovered, commitments whose progress changed, new inspection judgements."
)

# state (the council is the sidebar's, kept in ?council=; the release is ?release=)
council = st.session_state.get("council")
left, middle, right = st.columns(3)
with left:
    region = render_coded_picker(
        "Region", options("councils", "region_code", "region", "All regions"), "region", "region"
    )
with middle:
    measure = render_coded_picker("Measure", options("measures", "id", "label", "All measures"), "measure", "measure")
with right:
    kind = render_coded_picker("Kind of change", kind_options(), "kind", "kind of change")

# view
view = whats_new_for(council, region, measure, kind)

# render
render_changes(view)
render_feeds(council, region)
render_bulk_data()
