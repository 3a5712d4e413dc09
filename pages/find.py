"""Find your council by its name, a district, a town or a postcode district, and see why it is the one."""

import re

import streamlit as st

from accountability.methods.search import MAX_QUERY
from accountability.views.find import find_view
from components.data import load
from components.navigation import require_navigation
from components.widgets import council_label

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Find your council")
st.write(
    "Adult and children's social care is run by county councils, unitary councils, metropolitan boroughs and "
    "London boroughs. Type your council, your district or town, or the first half of your postcode: the "
    "spelling need not be exact."
)


def _plain(text: str) -> str:
    """Text from the data or the user, shown as written: Markdown punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def _choose(code: str) -> None:
    st.session_state["council"] = code  # a callback runs before the page, so the sidebar picker can take it


query = st.text_input(
    "Council, place or postcode",
    key="q",
    bind="query-params",
    max_chars=MAX_QUERY,
    placeholder="For example: Leeds, Exeter, Harrogate or EX4",
)
view = find_view({name: load(name) for name in ("councils", "places", "postcode_districts")}, query)
if view.message:
    st.info(view.message)  # Markdown-safe: the query is echoed in it by state.literal
if view.check_url:
    st.markdown(f"[Check your full postcode on GOV.UK]({view.check_url})")
for match in view.matches:
    left, right = st.columns([4, 1])
    said = match.matched.lower() in (match.council + match.reason).lower()
    alias = "" if said else f" (matched “{_plain(match.matched)}”)"
    left.markdown(f"**{_plain(match.council)}**{alias}  \n{_plain(match.reason)}")
    right.button(f"Choose {match.council}", key=f"choose_{match.code}", on_click=_choose, args=(match.code,))
chosen = st.session_state.get("council")
if chosen:
    st.success(f"Your council is {_plain(council_label(load('councils')).get(chosen, chosen))}.")
    st.page_link("pages/home.py", label="See it on the home page", icon="🏠")
    st.page_link("pages/compare.py", label="Compare it with every other council", icon="📊")
