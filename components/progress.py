"""Progress on commitments: the rendering of a `ProgressView` (the Progress page), with its
framework-side picker. (One council's progress is in its view: `views.council.council_progress`.)

Everything the Progress page shows comes from the view; this module only chooses Streamlit elements
and turns codes into words (`labels`). England's chart is cached on the store version and the
choice's side and commitment, which determine every line on it.
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from accountability.codes import FrameworkSide
from accountability.labels import FRAMEWORK_SIDE_LABELS
from accountability.methods.commitments import Commitment, CommitmentsError
from accountability.views.progress import ProgressView
from accountability.views.store import Store
from components.export import render_chart
from components.figures import progress as figures  # looked up at call time, so a test can replace one
from components.tables import render_downloads, status_beside_name
from components.widgets import warn_if_unknown

# The Progress page ---------------------------------------------------------------------------------

HOW_ASSESSED = """
- **A target value by a date** (for example personal budgets for everyone eligible): we compare the
  actual yearly rate of change since the baseline with the rate needed to reach the target on time
  (Statistics Canada's method, as used by the UN's Open SDG platform). **On track** needs at least 95%
  of the required rate; **off track** is slower progress; a value at the target is **achieved**.
- **Improving and deteriorating need a real trend.** A council is **deteriorating**, and a direction
  commitment (for example fewer care home admissions) **improving**, only when its recent trend is
  significant by the same test as the Trends page: the last five published values, allowing for
  year-to-year variation beyond chance. Otherwise the status is off track with **no detectable change**:
  one low year after a high one is not a deterioration. With fewer than three points since a break
  there is no trend test, and a direction commitment is **not assessable**.
- **Framework breaks are never bridged.** The Adult Social Care Outcomes Framework changed in 2023-24,
  so adult trends use one side of the break at a time; choose which below. With only 2023-24 on the new
  side, most adult commitments cannot be assessed on the new framework yet.
- **England's projection** is a straight line through the logarithms of its values; the band around it
  uses Student's t distribution for the few points it rests on, so it is as wide as the data allow.
- Statuses describe the published figures; they do not say why a council has moved. The full method,
  with references, is on the Data and methods page.
"""


def render_how_assessed() -> None:
    with st.expander("How progress is assessed"):
        st.markdown(HOW_ASSESSED)


def commitments_or_stop(store: Store) -> tuple[Commitment, ...]:
    """The commitments, or a message naming the file, line and entry that is wrong, and a stop."""
    try:
        return store.commitments()
    except CommitmentsError as exc:
        st.error(f"The commitments file could not be used: {exc}")
        st.stop()
        raise  # unreachable: st.stop() ends the script


def render_framework_picker() -> FrameworkSide:
    """Which side of the 2023-24 break adult measures use, bound to ?framework= (the address keeps the label)."""
    labels = FRAMEWORK_SIDE_LABELS
    warn_if_unknown("framework", list(labels.values()), "side of the framework break")
    chosen = st.radio(
        "Adult measures: which side of the 2023-24 framework break?",
        list(labels),
        format_func=lambda c: labels.get(c, c),
        key="framework",
        bind="query-params",
        horizontal=True,
    )
    return cast(FrameworkSide, chosen)


def render_england(view: ProgressView) -> None:
    st.subheader("England on every commitment")
    order = status_beside_name(view.england_table)  # the status on a phone's screen, not off to the right
    st.dataframe(view.england_table, hide_index=True, alt=view.england_alt, column_order=order)
    render_downloads(view.england_table, view.stems[0], key="england")


def render_headline(view: ProgressView) -> None:
    """England's status on the chosen commitment, in bold above its chart (the chart's alt text too)."""
    st.markdown(f"**{view.alt}**")


def render_commitment(view: ProgressView, version: str) -> None:
    """England's chart with the target and projection, then the commitment's source and its figures.

    The chart comes straight after the headline so a phone's first screen shows both."""
    chart, choice = view.chart, view.choice
    if chart.series.height:
        render_chart(
            figures.trajectory_figure,
            chart.series,
            chart.target,
            chart.band,
            view.y_title,
            chart.target_name,
            key="trajectory",
            alt=view.alt,
            title=view.chart_title,
            source=view.chart_source,
            cache_key=(version, choice.side, choice.commitment, "trajectory"),  # council and filter change nothing
        )
    st.markdown(view.heading)
    if chart.series.height:
        st.dataframe(
            chart.series,
            hide_index=True,
            alt=view.alt,
            column_config={"value": "England (published)", "ci_low": "95% low", "ci_high": "95% high"},
        )
    st.markdown(f"**{view.counts}**")
    if view.mine:
        st.info(view.mine)


def render_councils(view: ProgressView) -> None:
    st.dataframe(
        view.shown,
        hide_index=True,
        alt=view.shown_alt,
        column_config={"change_per_year_pct": "Change per year (%)", "code": "ONS code"},
    )
    render_downloads(view.shown, view.stems[1], key="councils")
