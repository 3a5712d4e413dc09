"""Provider list: every registered children's social care provider located in a council, searchable."""

import streamlit as st

from accountability.views.providers import ProvidersChoice, provider_options, providers_view
from components.cache import app_store
from components.navigation import require_navigation
from components.providers import render_choose_a_council, render_provider_filters, render_providers

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Providers")
st.caption(
    "Children's homes, fostering agencies and other children's social care providers registered with Ofsted "
    "and located in the council's area, at 31 March. Names and addresses of children's homes are withheld by Ofsted."
)

# state
store, code = app_store(), st.session_state.get("council")
if not code:
    render_choose_a_council()
    st.stop()
options = store.derive(provider_options, code)
if options.none:
    st.info(options.none)
    st.stop()
year, types, sectors, query = render_provider_filters(options)

# view
view = store.derive(providers_view, ProvidersChoice(code, year, types, sectors, query))

# render
render_providers(view)
