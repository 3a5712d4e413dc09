"""Renders a `ProfileView`: the council's card, the summary, a spine chart or table per area of care,
downloads, progress on the commitments and the share link. Words for codes come from `labels`.
Tables are kept as Streamlit sends them, per store version and choice (`tables.shown_table`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from accountability.views.council_spend import CASH, YEARS
from accountability.views.profile import SOURCE, DomainSection, ProfileView
from components.attention import render_attention
from components.council import (
    render_cqc,
    render_ofsted,
    render_progress_table,
    render_progress_warning,
    render_revisions,
)
from components.export import render_chart
from components.figures.spine import spine_figure
from components.tables import render_downloads, shown_table
from components.widgets import render_share_link

METHOD_NOTE = (
    "Better / worse: the council's 95% confidence interval lies wholly on one side of the benchmark. "
    "Not tested: the figure has no interval, or the benchmark has no figure. Trends use the last 5 points "
    "(chi-squared test for trend on proportions, weighted regression otherwise) and count only at p < 0.05."
)
SPINE_NOTE = (
    " Each row is scaled on its own with England on the centre line and better to the right; "
    "grey bands are the spread of councils (dark: the middle half). A row without an England mark has "
    "no comparable England figure (none published, or a total such as a count) and is centred on the "
    "middle of the councils' range. The line through the council's marker is its confidence interval at "
    "the level the verdict uses (95%). Hover for the values."
)
SPEND_COLUMNS = {  # the latest year first, so a phone shows the council against England before scrolling
    "spending": "Spending",
    "council_now": f"Council {YEARS[1]}",
    "england_now": f"England {YEARS[1]}",
    "council_change": "Council change",
    "england_change": "England change",
    "council_then": f"Council {YEARS[0]}",
    "england_then": f"England {YEARS[0]}",
}
# The verdict straight after the measure, so a phone shows the status without scrolling sideways.
TABLE_ORDER = ["label", "comparison", "value", "benchmark_value", "trend", "period", "england", "benchmark_name"]
TABLE_ORDER += ["worst", "q25", "q75", "best", "range_kind"]
TABLE_COLUMNS: dict[str, Any] = {
    # the measure's name at a medium width, so the verdict beside it shows on a 390 px phone
    "label": st.column_config.TextColumn("Measure", width="medium"),
    "period": "Period",
    "england": "England",
    "benchmark_name": "Benchmark",
    "benchmark_value": "Benchmark value",
    "comparison": "Compared with benchmark",
    "trend": "Recent trend",
    "worst": "Worst (or lowest)",
    "q25": "25th percentile (worst side)",
    "q75": "75th percentile (best side)",
    "best": "Best (or highest)",
    "range_kind": "Range runs",
}


ON_FIRST_SCREEN = 1  # concerns shown in full before the chart; the rest are one click away, as on Home


def render_replaced(view: ProfileView) -> None:
    """The reorganisation note, first: it changes how every figure below is read."""
    if view.card.replaced:
        st.info(
            f"{view.card.replaced} Its figures stop there and are never added to its successors'; each measure "
            "shows its last published year."
        )


def render_profile_heading(view: ProfileView) -> None:
    """The Ofsted judgement and the CQC assessment (shown even when the council has no figures)."""
    render_ofsted(view.card)
    render_cqc(view.cqc, view.card.name)


def render_profile_summary(view: ProfileView) -> None:
    """What needs attention first (the same items as Home's, the first in full so a phone's first screen
    reaches the chart), then strengths."""
    render_attention(view.attention, view.card.code, shown=ON_FIRST_SCREEN)


def render_profile_details(view: ProfileView) -> None:
    """After the charts: the counts with the method, revisions in this release, Ofsted and CQC."""
    st.caption(f"{view.summary} {METHOD_NOTE}")
    render_revisions(view.revisions)
    render_profile_heading(view)


def render_profile_spend(view: ProfileView, version: str) -> None:
    """Spending per head against England, 2023-24 and 2024-25, in cash, populations named."""
    st.subheader("Spending per head")
    spend = view.spend
    if spend.empty:
        st.info(spend.empty)
        return
    shown = shown_table(lambda: spend.table, (version, view.choice.council, "spend"))  # the same for any benchmark
    order = list(SPEND_COLUMNS)
    st.dataframe(shown.arrow, hide_index=True, alt=spend.alt, column_config=SPEND_COLUMNS, column_order=order)
    st.caption(f"{CASH} Population: " + " ".join(spend.populations))


def render_profile_sections(view: ProfileView, version: str) -> None:
    for section in view.sections:
        st.subheader(section.heading)
        if section.empty:
            st.info(section.empty)
            continue
        if view.choice.show == "Chart":
            _render_spine(view, section, version)
        else:
            _render_section_table(view, section, version)
        if section.in_development:
            st.caption(section.in_development)
        render_downloads(section.download, section.stem, key=f"profile_{section.domain}")


def _render_section_table(view: ProfileView, section: DomainSection, version: str) -> None:
    shown = shown_table(lambda: section.table, (version, view.choice, section.domain, "table"))
    columns = {**TABLE_COLUMNS, "value": view.card.name}
    st.dataframe(shown.arrow, hide_index=True, alt=section.alt, column_config=columns, column_order=TABLE_ORDER)


def _render_spine(view: ProfileView, section: DomainSection, version: str) -> None:
    render_chart(
        spine_figure,
        section.rows,
        view.card.name,
        key=f"spine_{section.domain}",
        alt=section.alt,
        title=section.chart_title,
        source=SOURCE,
        cache_key=(version, view.choice, section.domain),
    )
    st.caption(section.alt + SPINE_NOTE)


def render_profile_footer(view: ProfileView) -> None:
    st.subheader("Progress on the government's commitments")
    progress = view.card.progress
    render_progress_warning(progress)
    if progress.rows.height:
        render_progress_table(progress)
    else:
        st.info(f"No commitment has figures for {view.card.name}.")
    render_share_link("profile", view.link)
    st.caption(
        "Sources: NHS England (ASCOF), DfE, Ofsted and MHCLG (Oflog). "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
