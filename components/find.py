"""Renders a `FindView`: the message, the GOV.UK link, one row per council found with why and a
"Choose" button, and the chosen council with links onwards. Text from the data or the user is shown
as written (Markdown punctuation escaped). Finds nothing itself: `views.find` does."""

from __future__ import annotations

import re

import streamlit as st

from accountability.views.find import FindMatch, FindView

COUNCIL_KEY = "council"  # the sidebar picker's key: choosing here makes it the council on every page


def plain(text: str) -> str:
    """Text from the data or the user, shown as written: Markdown punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def _choose(code: str) -> None:
    st.session_state[COUNCIL_KEY] = code  # a callback runs before the page, so the sidebar picker can take it


def render_message(view: FindView) -> None:
    if view.message:
        st.info(view.message)  # Markdown-safe already: the query is echoed in it by state.literal
    if view.check_url:
        st.markdown(f"[Check your full postcode on GOV.UK]({view.check_url})")


def _render_match(match: FindMatch) -> None:
    left, right = st.columns([4, 1])
    said = match.matched.lower() in (match.council + match.reason).lower()
    alias = "" if said else f" (matched “{plain(match.matched)}”)"
    left.markdown(f"**{plain(match.council)}**{alias}  \n{plain(match.reason)}")
    right.button(f"Choose {match.council}", key=f"choose_{match.code}", on_click=_choose, args=(match.code,))


def render_matches(view: FindView) -> None:
    for match in view.matches:
        _render_match(match)


def render_chosen(view: FindView) -> None:
    if view.chosen:
        st.success(f"Your council is {plain(view.chosen)}.")
        st.page_link("pages/home.py", label="See it on the home page", icon="🏠")
        st.page_link("pages/compare.py", label="Compare it with every other council", icon="📊")
