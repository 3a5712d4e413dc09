"""Renders a `CompareView`: the ranked chart, the funnel plot or the table, downloads and the notes.

Everything shown comes from the view; this module only chooses Streamlit elements and turns the
view's codes into words (through `labels`, in `components.tables`). Charts and tables are cached on
the store version and the choice, never on a hash of their frames.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from accountability.labels import FUNNEL_ADJUSTMENT_CHOICES
from accountability.views.compare import CompareView
from components.export import render_chart
from components.figures import compare as figures  # looked up at call time, so a test can replace one
from components.figures import funnel as funnel_figures
from components.tables import render_compare_table, render_downloads, shown_table
from components.widgets import choose_clicked_council, render_coded_picker, render_share_link

UNADJUSTED_NOTE = 'Click "chance alone" in the legend to see the limits without the adjustment.'
FUNNEL_NOTE = (
    " Small councils scatter more by chance: a point inside the funnel is consistent with "
    "England once its size is allowed for."
)


# The funnel table's columns in words (the download keeps the codes' names, as every download does).
FUNNEL_COLUMNS: dict[str, Any] = {
    "name": "Area",
    "numerator": st.column_config.NumberColumn("Numerator", format="%,.0f"),
    "denominator": st.column_config.NumberColumn("Denominator", format="%,.0f"),
    # one decimal, as the Compare table shows values (the downloads keep every digit)
    "value": st.column_config.NumberColumn("Value", format="%.1f"),
    "position": st.column_config.TextColumn("Position", help="Against the limits drawn on the plot"),
    "position_chance_alone": st.column_config.TextColumn(
        "Position, chance alone", help="Against limits that allow for chance only (no overdispersion adjustment)"
    ),
    "low95": st.column_config.NumberColumn("95% limit: low", format="%.1f"),
    "high95": st.column_config.NumberColumn("95% limit: high", format="%.1f"),
    "low998": st.column_config.NumberColumn("99.8% limit: low", format="%.1f"),
    "high998": st.column_config.NumberColumn("99.8% limit: high", format="%.1f"),
    "code": "ONS code",
}


def render_funnel_adjustment(show: str) -> str:
    """The funnel plot's overdispersion adjustment, kept in ?funnel= as a code; offered with the funnel only."""
    if show != "Funnel plot":
        return next(iter(FUNNEL_ADJUSTMENT_CHOICES))
    return render_coded_picker("Allow for variation beyond chance", FUNNEL_ADJUSTMENT_CHOICES, "funnel", "adjustment")


def render_compare_heading(view: CompareView) -> None:
    """The summary sentence and the notes that qualify it; the measure's definition waits until after the
    chart, so a phone shows the sentence and the chart on its first screen."""
    st.markdown(f"**{view.summary}**")
    if view.in_development:
        st.info(view.in_development, icon="ℹ️")
    if view.missing:
        st.info(view.missing)


def render_compare_figures(view: CompareView, version: str) -> None:
    """The chosen view of the figures (chart, funnel plot or table) with its notes, then the definition."""
    choice, measure = view.choice, view.measure
    if choice.show == "Chart":
        render_chart(
            figures.compare_figure,
            view.table,
            view.comparators,
            measure,
            choice.council,
            view.benchmark_line,
            view.floor_line,
            choice.level,
            key="compare_chart",
            alt=view.summary,
            title=view.chart_title,
            source=view.source,
            on_select=choose_clicked_council("compare_chart"),
            cache_key=(version, choice, "chart"),
        )
        st.caption(view.chart_note)
    elif choice.show == "Funnel plot":
        _render_funnel(view, version)
    else:
        render_compare_table(view.download, measure.unit, alt=view.summary, cache_key=(version, choice, "table"))
    st.caption(f"What this measures: {measure.description}")


def render_compare_footer(view: CompareView) -> None:
    """Downloads, the share link, the neighbours used and the sources."""
    choice, measure = view.choice, view.measure
    render_downloads(view.download, f"compare_{measure.id}_{choice.period}", key="compare")
    render_share_link("compare", view.link)
    if view.neighbours:
        heading, names = view.neighbours
        with st.expander(heading):
            st.write(names)
            st.caption("The benchmark is the unweighted mean of those neighbours with a published value.")
    st.caption(view.source_note)


def _render_funnel(view: CompareView, version: str) -> None:
    funnel = view.funnel
    if funnel is None:
        st.info(
            "A funnel plot needs a percentage or a rate with published numerators and denominators "
            "for at least ten councils in this period."
        )
        return
    render_chart(
        funnel_figures.funnel_figure,
        funnel.points,
        funnel.limits,
        funnel.unadjusted,
        view.measure,
        view.choice.council,
        funnel.x_title,
        key="funnel_chart",
        alt=funnel.alt,
        title=funnel.title,
        source=view.source,
        on_select=choose_clicked_council("funnel_chart"),
        cache_key=(version, view.choice, "funnel"),
    )
    st.caption(funnel.alt + FUNNEL_NOTE + " " + funnel.method + (UNADJUSTED_NOTE if funnel.applied else ""))
    table = shown_table(lambda: funnel.table, (version, view.choice, "funnel table"))
    st.dataframe(table.arrow, hide_index=True, alt=funnel.alt, column_config=FUNNEL_COLUMNS)
    render_downloads(funnel.table, funnel.stem, key="funnel")
