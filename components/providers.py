"""Renders the Providers page: the filters (year kept in the address), the list, its download and notes.

Everything shown comes from `views.providers`; this module only chooses Streamlit elements.
"""

from __future__ import annotations

import streamlit as st

from accountability.state import INPUT_LIMIT, capped
from accountability.views.providers import ProviderOptions, ProvidersView
from components.tables import render_downloads
from components.widgets import warn_if_unknown

SOURCE_NOTE = (
    "Source: Ofsted, Children's social care data in England. Contains public sector information licensed under "
    "the Open Government Licence v3.0. Owners are legal entities as Ofsted names them; fostering agencies' "
    "places are approvals, not beds. Judgements before 2019 on older scales are shown as published."
)
COLUMN_LABELS = {
    "urn": "Ofsted URN",
    "provision_type": "Type",
    "sector": "Sector",
    "places": "Places",
    "owner": "Owner",
    "registration_status": "Registration",
    "latest_judgement": "Latest judgement",
    "latest_judgement_published": "Judgement as published",
    "latest_inspection_date": "Inspected",
}


def render_choose_a_council() -> None:
    st.info("Choose your council in the sidebar (or on Find your council) to list its providers.")
    st.page_link("pages/find.py", label="Find your council", icon="🔎")


def render_provider_filters(options: ProviderOptions) -> tuple[int, tuple[str, ...], tuple[str, ...], str]:
    """(year, types, sectors, search) as chosen; the year is bound to ?year=, the rest is for this visit."""
    warn_if_unknown("year", [str(y) for y in options.years], "year")
    left, middle, right = st.columns([1, 2, 2])
    year = int(left.selectbox("At 31 March", list(options.years), key="year", bind="query-params"))
    types, sectors = options.filters[year]
    chosen_types = middle.multiselect("Type of provision", list(types), key="types", placeholder="All types")
    chosen_sectors = right.multiselect("Sector", list(sectors), key="sectors", placeholder="All sectors")
    typed = st.text_input(
        "Search owner, type or URN", key="search", placeholder="For example: a company name", max_chars=INPUT_LIMIT
    )
    query = capped(typed) or ""  # the box's own limit is the browser's; a crafted request is cut here too
    return year, tuple(sorted(chosen_types)), tuple(sorted(chosen_sectors)), query


def render_providers(view: ProvidersView) -> None:
    st.markdown(f"**{view.summary}**")
    st.dataframe(view.table, hide_index=True, alt=view.summary, column_config=COLUMN_LABELS)
    render_downloads(view.table, view.stem, key="providers")
    st.caption(SOURCE_NOTE)
