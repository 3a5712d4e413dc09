"""Find your council: type a name (spelling need not be exact); former councils lead to their successors."""

import streamlit as st

from accountability.methods.search import search_councils
from components.data import load
from components.navigation import require_navigation
from components.widgets import council_label

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Find your council")
st.write(
    "Councils responsible for social care are county councils, unitary authorities, metropolitan districts "
    "and London boroughs. Type your council's name, or your county's, even if you are not sure of the spelling."
)


def _choose(code: str) -> None:
    st.session_state["council"] = code  # a callback runs before the page, so the sidebar picker can take it


councils = load("councils")
labels = council_label(councils)
query = st.text_input("Council name", key="q", bind="query-params", placeholder="For example: Cumbria, Leeds, Bristol")
matches = search_councils(query, councils) if query else []
if query and not matches:
    st.info(f"No council matches “{query}”. Try part of the name, for example “York” or “Hull”.")
for match in matches:
    left, right = st.columns([4, 1])
    spelled = match.matched not in {match.name, labels[match.code]} and not match.note.startswith("Took over")
    alias = f" (matched “{match.matched}”)" if spelled else ""
    left.markdown(f"**{labels[match.code]}**{alias}  \n{match.note or 'ONS code ' + match.code}")
    right.button(f"Choose {match.name}", key=f"choose_{match.code}", on_click=_choose, args=(match.code,))
chosen = st.session_state.get("council")
if chosen:
    st.success(f"Your council is {labels.get(chosen, chosen)}.")
    st.page_link("pages/home.py", label="See it on the home page", icon="🏠")
    st.page_link("pages/compare.py", label="Compare it with every other council", icon="📊")
