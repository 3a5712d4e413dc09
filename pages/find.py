"""Find your council by its name, a district, a town or a postcode district, and see why it is the one."""

import streamlit as st

from accountability.views.find import MAX_QUERY, FindChoice, find_page_view
from components.cache import app_store
from components.find import COUNCIL_KEY, render_chosen, render_matches, render_message
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Find your council")
st.write(
    "Adult and children's social care is run by county councils, unitary councils, metropolitan boroughs and "
    "London boroughs. Type your council, your district or town, or the first half of your postcode: the "
    "spelling need not be exact."
)

# state
query = st.text_input(
    "Council, place or postcode",
    key="q",
    bind="query-params",
    max_chars=MAX_QUERY,
    placeholder="For example: Leeds, Exeter, Harrogate or EX4",
)
choice = FindChoice(query, st.session_state.get(COUNCIL_KEY))

# view: computed on every rerun (a few ms), not kept in the shared cache, where free text typed by
# every visitor would push out the results other pages share
view = find_page_view(app_store(), choice)

# render
render_message(view)
render_matches(view)
render_chosen(view)
