"""Renders a `FloorsView`: the chosen council against every floor, the matrix, counts over time, the
watchlist and the floors' sources. Codes become words here (`labels`), and each table shown is the
table downloaded. Each table is kept as sent per store version and choice (`tables.shown_table`)."""

from __future__ import annotations

import dataclasses
import functools
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
from components.floors import basis_legend
from components.tables import render_downloads, shown_table, status_beside_name
from components.widgets import warn_if_unknown

SOURCE = "Published figures (see Data and methods); floors from data/standards.toml"


def render_floors(view: FloorsView, version: str) -> None:
    st.markdown(f"**{view.summary}**")
    # said at the top, not inside its tab: a bad ?standard= would otherwise be dropped unseen (issue 15)
    warn_if_unknown("standard", view.selection.counts["label"].unique().sort().to_list(), "floor standard")
    st.caption("How each kind of verdict is decided:\n" + basis_legend())
    if view.empty:
        st.info(view.empty)
    # Tables are kept under the store version, the choice and their name; all but the council's own
    # are the same whichever council is chosen, so they are kept once for all councils.
    key = (version, dataclasses.replace(view.choice, council=None))
    if view.council:
        _render_council(view.council, (version, view.choice))
    matrix_tab, time_tab, watch_tab = st.tabs(["Councils and standards", "Below the floor over time", "Watchlist"])
    with matrix_tab:
        _render_matrix(view, key)
    with time_tab:
        _render_counts(view, key)
    with watch_tab:
        _render_watch(view, key)
    _render_basis(view, key)


def _render_council(council: CouncilFloors, key: tuple[Any, ...]) -> None:
    # a standard with no floor yet has nothing it was decided on: a dash, not Streamlit's grey "None"
    in_words = [words("verdict", FLOOR_VERDICT_LABELS), words("decided_on", BASIS_LABELS).fill_null("—")]
    in_words.append(words("change", FLOOR_CHANGE_WORDS).fill_null(""))
    shown = shown_table(lambda: council.detail.with_columns(*in_words), (*key, "council"))
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
    order = status_beside_name(shown.frame)  # the verdict on a phone's screen, not off to the right
    st.dataframe(shown.arrow, hide_index=True, alt=council.alt, column_config=labels, column_order=order)
    render_downloads(shown.frame, council.stem, key="council_floors")


def _render_matrix(view: FloorsView, key: tuple[Any, ...]) -> None:
    shown = shown_table(lambda: view.matrix_shown, (*key, "matrix"))
    st.caption(
        "Councils with the most standards below the floor first. ▼ below · ◆ cannot tell · ✓ meets · "
        '○ no floor yet (first year of a new definition) · – no data. "(value only)": no interval could be '
        "calculated, so the published value alone was compared with the floor and chance is not allowed for."
    )
    labels = {"council": "Council", "region": "Region", "council_type": "Type", "below_count": "Standards below"}
    st.dataframe(shown.arrow, hide_index=True, alt=view.summary, column_config={**labels, "code": "ONS code"})
    render_downloads(shown.frame, "floor_standards_matrix", key="matrix")


def _render_counts(view: FloorsView, key: tuple[Any, ...]) -> None:
    counts = view.selection.counts
    standards = counts["label"].unique().sort().to_list()
    if not standards:
        return
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
        cache_key=(*key, chosen, "counts"),
    )
    st.caption(panel.alt)
    labels = {"label": "Standard", "period": "Period", "below": "Below", "cannot_tell": "Cannot tell"}
    labels |= {"below_on_interval": "Below (interval)", "below_on_value_only": "Below (value only)"}
    labels |= {"meets": "Meets", "meets_on_interval": "Meets (interval)", "meets_on_value_only": "Meets (value only)"}
    labels |= {"no_floor_yet": "No floor yet", "no_data": "No data"}
    table = shown_table(lambda: panel.counts.drop("measure"), (*key, chosen, "counts table"))
    st.dataframe(table.arrow, hide_index=True, alt=panel.alt, column_config=labels)
    render_downloads(counts, "floor_verdict_counts", key="counts")


OPEN_PROFILE = "_watch_open_profile"  # set by a watchlist row's selection, read once by the page


def _render_watch(view: FloorsView, key: tuple[Any, ...]) -> None:
    st.markdown(
        "Zero tolerance of failure: councils **below the floor for two or more periods in a row**, "
        "**significantly worse than England and getting worse**, judged **Inadequate by Ofsted**, or rated "
        "**Inadequate by CQC** (from a compilation of CQC's reports, not an official dataset)."
    )
    changes, watch = view.selection.changes, view.selection.watch
    if view.changes_note:
        st.markdown(f"**{view.changes_note}**")
        in_words = shown_table(lambda: changes.with_columns(words("change", FLOOR_CHANGE_LABELS)), (*key, "changes"))
        st.dataframe(
            in_words.arrow,
            hide_index=True,
            alt="Councils newly below a floor or recovered at the latest period",
            column_config={
                "council": "Council",
                "region": "Region",
                "change": "Change",
                "standard": "Standard",
                "period": "Period",
                "compared_with": "Compared with",
                "code": "ONS code",
            },
        )
    if watch.height == 0:
        st.info("No council in this selection is on the watchlist.")
        return
    st.markdown(f"**{WATCH_ORDER}** Choose a row to make that council yours and open its profile.")
    shown = shown_table(lambda: watch.with_columns(words("reason", WATCH_REASON_LABELS)), (*key, "watch"))
    st.dataframe(
        shown.arrow,
        hide_index=True,
        alt=view.watch_alt,
        column_config=WATCH_COLUMNS,
        column_order=[c for c in WATCH_COLUMNS if c in shown.frame.columns],
        key="watch_table",
        on_select=functools.partial(_choose_watch_row, watch["code"].to_list()),
        selection_mode="single-row",
    )
    render_downloads(shown.frame, "floor_watchlist", key="watch")
    if st.session_state.pop(OPEN_PROFILE, False):
        st.switch_page("pages/profile.py")


WATCH_ORDER = "Most severe first:"  # then the rule, in `views.watchlist.SEVERITY`'s order
WATCH_ORDER += (
    " a regulator's Inadequate (Ofsted, or CQC from a compilation), then runs below a floor on an interval, "
    "then runs on the value alone, then worse than England and getting worse; within each, longest below "
    "and widest gap first."
)
WATCH_COLUMNS: dict[str, Any] = {
    "council": "Council",
    "reason": "Why",
    "what": "Standard",
    "periods_below": st.column_config.NumberColumn("Periods below", format="%d"),
    "latest_gap": "Latest gap",
    "detail": "Detail",
    "region": "Region",
    "code": "ONS code",
}


def _choose_watch_row(codes: list[str]) -> None:
    """A watchlist row chosen: that council becomes the chosen one, and the page opens its profile.
    A callback, so the sidebar picker takes the council before it is drawn; the switch itself
    happens in the run (st.switch_page does nothing inside a callback)."""
    rows = st.session_state["watch_table"].selection.rows
    if rows and 0 <= rows[0] < len(codes):
        st.session_state["council"] = codes[rows[0]]
        st.session_state[OPEN_PROFILE] = True


def _render_basis(view: FloorsView, key: tuple[Any, ...]) -> None:
    st.subheader("The floors and where they come from")
    labels = {"label": "Standard", "from": "From", "to": "To", "threshold": "Floor", "confidence": "Interval used"}
    labels |= {"basis": "Basis", "rule_text": "How the floor was set", "source": "Source or rationale"}
    st.dataframe(
        shown_table(lambda: view.basis.drop("standard"), (*key, "basis")).arrow,
        hide_index=True,
        alt="Each floor standard, its threshold, basis and source",
        column_config=labels,
    )
