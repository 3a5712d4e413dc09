"""Renders a `TrendsView`: the sentence, the chart (breaks marked, never bridged), the table, download."""

from __future__ import annotations

import streamlit as st

from accountability.views.trends import TrendsView
from components.council import render_revisions
from components.export import render_chart
from components.figures.trends import trend_figure
from components.tables import render_downloads

CHART_NOTE = (
    "Lines are never drawn across a framework change or between a council and the councils it replaced. "
    "Vertical bars on the council's points are 95% confidence intervals where they exist."
)

TABLE_COLUMNS = {
    "series": "Series",
    "period": "Period",
    "ci_low": "95% interval: low",
    "ci_high": "95% interval: high",
    "segment": "Definition",
}


def render_trends(view: TrendsView, version: str) -> None:
    st.markdown(f"**{view.sentence}**")
    st.caption(view.measure.description)
    if view.in_development:
        st.caption(view.in_development)
    render_revisions(view.revisions)
    if view.points.height:
        render_chart(
            trend_figure,
            view.points,
            view.measure.label,
            list(view.markers),
            key="trend_chart",
            alt=view.alt,
            title=view.title,
            source=view.source,
            cache_key=(version, view.choice),
        )
        st.caption(CHART_NOTE)
    columns = {**TABLE_COLUMNS, "value": view.measure.label}
    st.dataframe(view.table, hide_index=True, alt=view.alt, column_config=columns)
    render_downloads(view.table, view.stem, key="trend")
