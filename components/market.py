"""Renders a `MarketView`, one function per tab of the Care market page, and the market-measure picker.

Everything shown comes from the view; this module only chooses Streamlit elements and writes the
page's fixed notes. Charts are cached on the store version and what determines them: the area for
its own series, the whole choice for the scatter (which highlights the council).
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from accountability.codes import MarketMeasure
from accountability.labels import MARKET_MEASURE_LABELS
from accountability.views.market import MarketView
from accountability.views.market_scatter import OFSTED
from components.export import render_chart
from components.figures import market as figures  # looked up at call time, so a test can replace one
from components.tables import render_downloads
from components.widgets import warn_if_unknown

TABS = [
    "Who provides",
    "Concentration",
    "Quality",
    "Joining and leaving",
    "Adult care",
    "Market and outcomes",
    "Placements and care leavers",
]
WHERE_HOMES_ARE = (
    "Children's homes are counted where they are, not by the council that places children in them: many "
    "children live in homes outside their own council's area."
)
RESEARCH_NOTE = (
    "From Goodair, Bach-Mortensen et al. (Oxford), built from DfE and Ofsted statistics with company "
    "records; shown as compiled, not checked against the official tables. Placements are by the council "
    "that looks after the children, wherever they live."
)
HHI_NOTE = (
    "HHI runs from near 0 (many small owners) to 10,000 (one owner). Owners are legal entities as Ofsted "
    "names them: companies in one group count separately, so concentration is understated. For a region and "
    "England the HHI shown is the median council's: a wider market's own HHI is far lower and cannot be "
    "compared with a council's. The top-5 share is shown for councils only, for the same reason."
)
ADULT_NOTE = (
    "Share of 65+ residential and nursing care from external providers (official PSS-EX1 2014-15 "
    "spending, GBP thousand; ASC-FR 2015-16 activity, weeks). The two years use different measures."
)


def render_market_measure_picker() -> MarketMeasure:
    """The scatter's market measure, bound to ?market_x= (the address keeps the label)."""
    labels = MARKET_MEASURE_LABELS
    warn_if_unknown("market_x", list(labels.values()), "market measure")
    chosen = st.selectbox(
        "Market measure (children's homes, latest year)",
        list(labels),
        format_func=lambda c: labels.get(c, c),
        key="market_x",
        bind="query-params",
    )
    return cast(MarketMeasure, chosen)


def render_market_heading(view: MarketView) -> None:
    if view.no_council:
        st.info(view.no_council)
    st.caption(WHERE_HOMES_ARE)


def render_who_provides(view: MarketView, version: str) -> None:
    supply, area = view.supply, view.area
    render_chart(
        figures.lines_figure,
        supply.share,
        area.names,
        "Private share of places (%)",
        key="private_share",
        alt=supply.share_alt,
        title=supply.share_title,
        source=OFSTED,
        cache_key=(version, area.code, "private_share"),
    )
    st.caption(supply.share_alt)
    render_chart(
        figures.sector_bars,
        supply.mix,
        key="sector_bars",
        alt=supply.mix_alt,
        title=supply.mix_title,
        source=OFSTED,
        cache_key=(version, area.code, "sector_bars"),
    )
    st.dataframe(supply.table, hide_index=True, alt=supply.table_alt)
    render_downloads(supply.table, f"market_sector_mix_{area.code}", key="mix")
    st.markdown("**Research compilation, not official statistics**")
    if supply.research.height:
        st.caption(RESEARCH_NOTE)
        st.dataframe(supply.research, hide_index=True, alt=supply.research_alt)
        render_downloads(supply.research, f"market_research_compilation_{area.code}", key="research")
    else:
        st.caption("Choose a council to see the research compilation of placements and spend by ownership.")


def render_concentration(view: MarketView) -> None:
    st.dataframe(view.concentration, hide_index=True, alt=view.concentration_alt)
    st.caption(HHI_NOTE)
    if view.owners is not None:
        st.markdown(f"**{view.owners_heading}**")
        st.dataframe(view.owners, hide_index=True, alt=view.owners_alt)


def render_quality(view: MarketView) -> None:
    st.dataframe(view.quality, hide_index=True, alt=view.quality_alt)
    st.caption("Latest full Ofsted inspection judgement of each home registered at 31 March.")


def render_moves(view: MarketView) -> None:
    st.dataframe(view.moves, hide_index=True, alt=view.moves_alt)


def render_adult(view: MarketView) -> None:
    st.markdown("**Adult residential care bought from external providers**")
    st.dataframe(view.adult, hide_index=True, alt=view.adult_alt)
    st.caption(ADULT_NOTE)


def render_scatter(view: MarketView, version: str) -> None:
    """The scatter under its pickers, its sentence, and the same points as a table."""
    scatter = view.scatter
    render_chart(
        figures.scatter_figure,
        scatter.points,
        scatter.x_label,
        scatter.y_label,
        view.choice.council,
        key="scatter",
        alt=scatter.sentence,
        title=scatter.title,
        source=scatter.source,
        cache_key=(version, view.choice, "scatter"),
    )
    st.markdown(f"**{scatter.sentence}**")
    st.dataframe(scatter.table, hide_index=True, alt=scatter.sentence)
    render_downloads(scatter.table, f"market_outcome_{view.choice.y}", key="scatter")
