"""Cached statistical views that cost more than a filter (rank simulation), keyed on primitives."""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.floors import floor_verdicts, streaks
from accountability.ranks import rank_intervals
from accountability.standards import load_standards, resolve_thresholds
from components.data import load, settings_or_stop
from components.floors import load_standards_or_stop


@st.cache_data(show_spinner=False, max_entries=64)
def _ranks(measure: str, period: str, polarity: str, store_marker: int) -> pl.DataFrame:
    values = load("values").filter((pl.col("measure") == measure) & (pl.col("period") == period))
    return rank_intervals(values.filter(pl.col("value").is_not_null()), polarity)


def ranks_for(measure: str, period: str, polarity: str) -> pl.DataFrame:
    """code, rank, rank_low, rank_high, quartile (1 = best quarter) for one measure and period."""
    return _ranks(measure, period, polarity, load("values").height)


@st.cache_data(show_spinner=False, max_entries=8)
def _floor_analysis(thresholds: pl.DataFrame, store_marker: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    verdicts = floor_verdicts(load("values"), thresholds)
    return verdicts, streaks(verdicts)


def floor_analysis(thresholds: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Verdicts for every council, period and standard, and their runs below; cached per set of floors
    (the published ones, or an official's what-if set)."""
    return _floor_analysis(thresholds, load("values").height)


@st.cache_data(show_spinner=False, max_entries=4)
def _thresholds(path: str, mtime: float, store_marker: int) -> pl.DataFrame:
    from pathlib import Path

    measures = load("measures")
    return resolve_thresholds(load_standards(Path(path), measures), load("values"), measures)


def published_thresholds() -> pl.DataFrame:
    """The floors in the standards file resolved against the store (the file is checked first, so a
    mistake in it is shown as a message naming the line)."""
    load_standards_or_stop(load("measures"))
    path = settings_or_stop().standards_file
    return _thresholds(str(path), path.stat().st_mtime, load("values").height)


@st.cache_data(show_spinner=False, max_entries=32)
def _profile(code: str, kind: str, group: tuple[str, ...], store_marker: int) -> pl.DataFrame:
    from accountability.profile import build_profile

    tables = {name: load(name) for name in ("values", "benchmarks", "councils", "peers", "measures")}
    return build_profile(code, tables, kind, list(group))


def profile_for(code: str, kind: str, group: list[str]) -> pl.DataFrame:
    """One council's profile against a benchmark, cached per council, benchmark and group."""
    return _profile(code, kind, tuple(sorted(group)), load("values").height)


@st.cache_data(show_spinner=False, max_entries=2)
def market_tables(store_marker: int) -> dict[str, pl.DataFrame]:
    """Children's homes and the market measures, computed once per store."""
    from accountability import market

    councils = load("councils")
    homes = market.homes(load("providers"), councils)
    mix = market.sector_mix(homes)
    return {
        "homes": homes,
        "mix": mix,
        "concentration": market.concentration(homes),
        "quality": market.quality(homes),
        "entries_exits": market.entries_exits(load("provider_changes"), councils),
        "places_per_10k": market.places_per_10k_children(mix, load("population")),
    }


def market_for_app() -> dict[str, pl.DataFrame]:
    return market_tables(load("providers").height)
