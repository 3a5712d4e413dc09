"""Cached statistical views that cost more than a filter (rank simulation), keyed on primitives."""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.ranks import rank_intervals
from components.data import load


@st.cache_data(show_spinner=False, max_entries=64)
def _ranks(measure: str, period: str, polarity: str, store_marker: int) -> pl.DataFrame:
    values = load("values").filter((pl.col("measure") == measure) & (pl.col("period") == period))
    return rank_intervals(values.filter(pl.col("value").is_not_null()), polarity)


def ranks_for(measure: str, period: str, polarity: str) -> pl.DataFrame:
    """code, rank, rank_low, rank_high, quartile (1 = best quarter) for one measure and period."""
    return _ranks(measure, period, polarity, load("values").height)
