"""Floor standards: loading the standards file for the app, the what-if editor, the counts chart."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from accountability.methods.standards import Standard, StandardsError, load_standards
from components.data import file_version, load, settings_or_stop, store_version

COUNT_COLOURS = {"below": "#801650", "cannot_tell": "#A285D1", "meets": "#12436D", "no_data": "#BFC1C3"}
COUNT_LABELS = {"below": "Below the floor", "cannot_tell": "Cannot tell", "meets": "Meets", "no_data": "No data"}
PATTERNS = {"below": "x", "cannot_tell": "/", "meets": "", "no_data": "."}


@st.cache_resource(show_spinner=False, max_entries=4)
def standards(path: str, mtime: float, store_marker: int) -> tuple[Standard, ...]:
    """The standards file read and checked against the measure registry, once per version of each."""
    return tuple(load_standards(Path(path), load("measures")))


def load_standards_or_stop() -> tuple[Standard, ...]:
    """The validated standards, or a message naming the file, line and key, and a stop."""
    path = settings_or_stop().standards_file
    try:
        return standards(str(path), file_version(path), store_version())
    except StandardsError as exc:
        st.error(f"The floor standards file could not be used: {exc}")
        st.stop()
        raise  # unreachable


def render_what_if(thresholds: pl.DataFrame) -> pl.DataFrame:
    """Let an official change each floor for this session only; returns the thresholds to use."""
    current = thresholds.group_by("standard", "label").agg(pl.col("threshold").first()).sort("label")
    changed: dict[str, float] = {}
    with st.expander("What if the floors were different? (changes last for this session only)"):
        st.caption("Change a floor to see which councils would be below it. The standards file is not changed.")
        for row in current.iter_rows(named=True):
            # three decimals: a floor of 66.925% must not be shown as 66.9% beside a council at 66.9%
            value = st.number_input(
                row["label"], value=float(row["threshold"]), format="%.3f", key=f"floor_{row['standard']}"
            )
            if value != row["threshold"]:
                changed[row["standard"]] = value
    if not changed:
        return thresholds
    st.info(f"Showing what-if floors for {len(changed)} standard(s); reload the page to return to the published ones.")
    override = pl.col("standard").replace_strict(changed, default=None, return_dtype=pl.Float64)
    return thresholds.with_columns(threshold=pl.coalesce(override, pl.col("threshold")))


def counts_figure(counts: pl.DataFrame, label: str) -> go.Figure:
    """Stacked bars of councils by verdict per period for one standard; patterns as well as colours."""
    fig = go.Figure()
    for verdict in ("below", "cannot_tell", "meets", "no_data"):
        fig.add_trace(
            go.Bar(
                x=counts["period"].to_list(),
                y=counts[verdict].to_list(),
                name=COUNT_LABELS[verdict],
                marker={"color": COUNT_COLOURS[verdict], "pattern": {"shape": PATTERNS[verdict]}},
                text=counts[verdict].to_list(),
                textposition="inside",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": "Councils", "fixedrange": True},
        xaxis={"title": label, "fixedrange": True},
        dragmode=False,
    )
    return fig
