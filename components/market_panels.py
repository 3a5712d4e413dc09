"""Renders the Care market panels read from published measures (`views.market_panels`): adult care-home
quality (ASCOF 6B, with intervals) and what adult data is still missing; the children's placement market,
its stability and care leavers; and the 2009-14 s251 spend split beside today's private share of places.

Only Streamlit elements and fixed notes here; every number comes from the view.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.views.market import MarketView
from components.tables import render_downloads

ADULT_QUALITY_NOTE = (
    "Care homes for adults rated Good or Outstanding by the Care Quality Commission (CQC), from the Adult "
    "Social Care Outcomes Framework (measure 6B): the share of residential care locations in the council's "
    "area, with a 95% Wilson interval from the published counts. Councils are as in CQC's April 2024 data."
)
ADULT_STILL_MISSING = (
    "Not in our data yet: ratings of adult care providers other than care homes (home care, supported living), "
    "and who owns adult care homes, so adult market concentration cannot be shown. CQC's assessments of each "
    "council's adult social care (a compilation of the published reports) are on Home and Council profile."
)
PLACEMENTS_NOTE = (
    "Children in care: placements changed because a provider closed or resigned the placement, placements "
    "more than 20 miles from home, and children placed into the area by other councils and out of it by this "
    "one (DfE). Latest year with a figure; intervals where DfE gives the counts."
)
S251_NOTE = (
    "Before: how councils' spending on children's residential care and fostering was split between their own "
    "provision, private providers and voluntary providers, 2009-10 to 2013-14 (DfE section 251 outturn, % of "
    "spend). This is the baseline against which the opening of children's services to other providers can be "
    "judged. Spend shares and shares of places are different measures: compare direction, not the numbers."
)
PANEL_COLUMNS = {
    "measure": st.column_config.TextColumn("Measure"),
    "unit": st.column_config.TextColumn("Unit"),
    "period": st.column_config.TextColumn("Year"),
    "value": st.column_config.NumberColumn("Area"),  # at the measure's precision (the view rounds)
    "ci_low": st.column_config.NumberColumn("95% low"),  # at the measure's precision (the view rounds)
    "ci_high": st.column_config.NumberColumn("95% high"),  # at the measure's precision (the view rounds)
    "region": st.column_config.NumberColumn("Region"),  # at the measure's precision (the view rounds)
    "england": st.column_config.NumberColumn("England"),  # at the measure's precision (the view rounds)
    "measure_id": None,  # in the download, not on screen
}


def _panel(table: pl.DataFrame, alt: str, stem: str, key: str) -> None:
    if table.height == 0:
        st.info("No published figures for this area yet.")
        return
    st.dataframe(table, hide_index=True, alt=alt, column_config=PANEL_COLUMNS)
    render_downloads(table, stem, key=key)


def render_adult_quality(view: MarketView) -> None:
    st.markdown("**Adult care homes rated Good or Outstanding by CQC**")
    st.caption(ADULT_QUALITY_NOTE)
    _panel(
        view.adult_quality,
        f"Adult care homes rated Good or Outstanding, {view.area.name}, its region and England",
        f"adult_care_home_quality_{view.area.code}",
        "adult_quality",
    )
    st.info(ADULT_STILL_MISSING)


def render_placements(view: MarketView) -> None:
    name, code = view.area.name, view.area.code
    st.caption(PLACEMENTS_NOTE)
    _panel(view.placements, f"Placement market and stability, {name}", f"placement_market_{code}", "placements")
    st.markdown("**Care leavers**")
    _panel(
        view.care_leavers,
        f"Care leavers in education or work, and suitably housed, {name}",
        f"care_leavers_{code}",
        "leavers",
    )


def render_s251_baseline(view: MarketView) -> None:
    st.markdown("**Before the market opened: children's spend by provider, 2009-14**")
    st.caption(S251_NOTE)
    st.markdown(view.private_today)
    if view.s251.height == 0:
        st.info("No section 251 figures for this area.")
        return
    alt = f"Shares of children's residential and fostering spend by provider, {view.area.name} and England, 2009-14"
    st.dataframe(view.s251, hide_index=True, alt=alt)
    render_downloads(view.s251, f"s251_provider_split_{view.area.code}", key="s251")
