"""Renders an `Attention` (views.attention): what needs attention first, each with links to that
measure's Compare and Trends views (council and measure as codes in the address), then strengths.

The first few concerns are shown in full; the rest sit in an expander so the page's main message and
first chart stay near the top on a phone. An expander's items are drawn only while it is open (each
item is four elements sent on every rerun); opening it reruns the page once. No computing here.
"""

from __future__ import annotations

import streamlit as st

from accountability.views.attention import Attention, Item

SHOWN = 4  # concerns shown before "more"


def _links(item: Item, code: str, key: str) -> None:
    """'Compare councils' and 'Trend' for the item's measure; an inspection's report where published."""
    with st.container(horizontal=True, gap="medium", key=key):
        if item.measure:
            params = {"council": code, "measure": item.measure}
            st.page_link("pages/compare.py", label="Compare with other councils", icon="📊", query_params=params)
            st.page_link("pages/trends.py", label="Trend over time", icon="📉", query_params=params)
        if item.link:
            st.link_button("Read the report", item.link)


def _items(items: tuple[Item, ...], code: str, prefix: str) -> None:
    for i, item in enumerate(items):
        st.markdown(item.sentence)
        _links(item, code, key=f"{prefix}_{i}")


def render_attention(view: Attention, code: str, shown: int = SHOWN) -> None:
    """Concerns, most severe first (the first `shown` in full), then strengths in an expander."""
    st.subheader(view.heading)
    st.caption(view.note)
    _items(view.concerns[:shown], code, "concern")
    rest = view.concerns[shown:]
    if rest:
        _folded(f"{len(rest)} more that need attention", MORE, rest, code, "concern_more")
    if view.strengths:
        label = f"Strengths: {len(view.strengths)} significantly better or getting better"
        _folded(label, STRENGTHS, view.strengths, code, "strength")


MORE, STRENGTHS = "attention_more", "attention_strengths"  # the expanders' keys: open or closed


def _folded(label: str, key: str, items: tuple[Item, ...], code: str, prefix: str) -> None:
    """Items in an expander that keeps its label while closed and draws them only when open."""
    box = st.expander(label, key=key, on_change="rerun")
    if box.open:
        with box:
            _items(items, code, prefix)
