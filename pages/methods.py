"""Data and methods: every measure's definition and source, how intervals are made, row accounting."""

import streamlit as st

from accountability.views.methods import methods_view, published_downloads
from components.cache import app_store
from components.methods import (
    INTRO,
    render_bulk,
    render_measures,
    render_methods,
    render_row_accounts,
    render_sources,
)
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Data and methods")
st.write(INTRO)

# state: none; the page depends only on the store
store = app_store()

# view
view = store.derive(methods_view)
bulk = published_downloads()  # the static folder's listing: small, and may change without a new store

# render
render_measures(view)
render_methods(view)
render_sources(view)
render_bulk(bulk)
render_row_accounts(view)
