"""Renders a `FloorsView`: the chosen council against every floor, the matrix, counts over time, the
watchlist and the floors' sources. Codes become words here (`labels`), and each table shown is the
table downloaded."""

from __future__ import annotations

from typing import Any

import streamlit as st

from accountability.labels import (
    BASIS_LABELS,
    FLOOR_CHANGE_LABELS,
    FLOOR_CHANGE_WORDS,
    FLOOR_VERDICT_LABELS,
    WATCH_REASON_LABELS,
    words,
)
from accountability.views.floor_standards import CouncilFloors, FloorsView, counts_panel
from components.export import render_chart
from components.figures.floors import counts_figure
from components.tables import render_downloads
from components.widgets import warn_if_unknown

SOURCE = "Published figures (see Data and methods); floors from data/standards.toml"


def render_floors(view: FloorsView, version: str) -> None:
    st.markdown(f"**{view.summary}**")
    if view.empty:
        st.info(view.empty)
    if view.council:
        _render_council(view.council)
    matrix_tab, time_tab, watch_tab = st.tabs(["Councils and standards", "Below the floor over time", "Watchlist"])
    with matrix_tab:
        _render_matrix(view)
    with time_tab:
        _render_counts(view, version)
    with watch_tab:
        _render_watch(view)
    _render_basis(view)


def _render_council(council: CouncilFloors) -> None:
    shown = council.detail.with_columns(
        words("verdict", FLOOR_VERDICT_LABELS),
        words("decided_on", BASIS_LABELS),
        words("change", FLOOR_CHANGE_WORDS).fill_null(""),
    )
    st.subheader(council.heading)
    st.caption(council.caption)
    labels: dict[str, Any] = {
        "standard": "Standard",
        "period": "Period",
        "value": "Value",
        "floor": st.column_config.NumberColumn("Floor", format="%.3f"),
        "unit": "Unit",
        "verdict": "Verdict",
        "decided_on": "Decided on",
        "distance_to_floor": "Distance to floor",
        "people_to_reach_floor": "People to reach floor",
        "counted": "Counted as",
        "periods_below_in_a_row": "Periods below in a row",
        "change": "Change",
    }
    st.dataframe(shown, hide_index=True, alt=council.alt, column_config=labels)
    render_downloads(shown, council.stem, key="council_floors")


def _render_matrix(view: FloorsView) -> None:
    shown = view.matrix_shown
    st.caption(
        "Councils with the most standards below the floor first. ▼ below · ◆ cannot tell · ✓ meets · "
        '○ no floor yet (first year of a new definition) · – no data. "(value only)": no interval could be '
        "calculated, so the published value alone was compared with the floor and chance is not allowed for."
    )
    labels = {"council": "Council", "region": "Region", "council_type": "Type", "below_count": "Standards below"}
    st.dataframe(shown, hide_index=True, alt=view.summary, column_config={**labels, "code": "ONS code"})
    render_downloads(shown, "floor_standards_matrix", key="matrix")


def _render_counts(view: FloorsView, version: str) -> None:
    counts = view.selection.counts
    standards = counts["label"].unique().sort().to_list()
    if not standards:
        return
    warn_if_unknown("standard", standards, "standard")  # a bound widget drops an unknown one silently
    chosen = st.selectbox("Standard", standards, key="standard", bind="query-params")
    panel = counts_panel(view, str(chosen))
    render_chart(
        counts_figure,
        panel.counts,
        "Period",
        key="floor_counts",
        alt=panel.alt,
        title=panel.title,
        source=SOURCE,
        cache_key=(version, view.choice, chosen, "counts"),
    )
    st.caption(panel.alt)
    labels = {"label": "Standard", "period": "Period", "below": "Below", "cannot_tell": "Cannot tell"}
    labels |= {"below_on_interval": "Below (interval)", "below_on_value_only": "Below (value only)"}
    labels |= {"meets": "Meets", "meets_on_interval": "Meets (interval)", "meets_on_value_only": "Meets (value only)"}
    labels |= {"no_floor_yet": "No floor yet", "no_data": "No data"}
    st.dataframe(panel.counts.drop("measure"), hide_index=True, alt=panel.alt, column_config=labels)
    render_downloads(counts, "floor_verdict_counts", key="counts")


def _render_watch(view: FloorsView) -> None:
    st.markdown(
        "Zero tolerance of failure: councils **below the floor for two or more periods in a row**, "
        "**significantly worse than England and getting worse**, or judged **Inadequate by Ofsted**."
    )
    changes, watch = view.selection.changes, view.selection.watch
    if view.changes_note:
        st.markdown(f"**{view.changes_note}**")
        st.dataframe(
            changes.with_columns(words("change", FLOOR_CHANGE_LABELS)),
            hide_index=True,
            alt="Councils newly below a floor or recovered at the latest period",
            column_config={"compared_with": "Compared with", "code": "ONS code"},
        )
    if watch.height == 0:
        st.info("No council in this selection is on the watchlist.")
        return
    shown = watch.with_columns(words("reason", WATCH_REASON_LABELS))
    labels = {"council": "Council", "region": "Region", "reason": "Why", "what": "Standard", "detail": "Detail"}
    st.dataframe(shown, hide_index=True, alt=view.watch_alt, column_config={**labels, "code": "ONS code"})
    render_downloads(shown, "floor_watchlist", key="watch")


def _render_basis(view: FloorsView) -> None:
    st.subheader("The floors and where they come from")
    labels = {"label": "Standard", "from": "From", "to": "To", "threshold": "Floor", "confidence": "Interval used"}
    labels |= {"basis": "Basis", "rule_text": "How the floor was set", "source": "Source or rationale"}
    st.dataframe(
        view.basis.drop("standard"),
        hide_index=True,
        alt="Each floor standard, its threshold, basis and source",
        column_config=labels,
    )
