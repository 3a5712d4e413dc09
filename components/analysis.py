"""Cached statistical views that cost more than a filter (rank simulation), keyed on primitives.

They are cached as shared resources rather than copies (see components/data.py): the results are
Polars frames, which nothing changes in place, and handing every rerun the same object is what keeps
a rerun within its time budget.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from accountability.methods.commitments import Commitment, load_commitments
from accountability.methods.floors import floor_verdicts, streaks
from accountability.methods.progress import Side, assess
from accountability.methods.ranks import rank_intervals
from accountability.methods.standards import resolve_thresholds
from accountability.views.floors import FloorSelection, floor_selection
from components.data import file_version, load, settings_or_stop, store_version
from components.floors import load_standards_or_stop, standards


@st.cache_resource(show_spinner=False, max_entries=64)
def _ranks(measure: str, period: str, polarity: str, store_marker: int) -> pl.DataFrame:
    values = load("values").filter((pl.col("measure") == measure) & (pl.col("period") == period))
    return rank_intervals(values.filter(pl.col("value").is_not_null()), polarity)


def ranks_for(measure: str, period: str, polarity: str) -> pl.DataFrame:
    """code, rank, rank_low, rank_high, quartile (1 = best quarter) for one measure and period."""
    return _ranks(measure, period, polarity, store_version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _floor_analysis(thresholds: pl.DataFrame, store_marker: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    verdicts = floor_verdicts(load("values"), thresholds)
    return verdicts, streaks(verdicts)


def floor_analysis(thresholds: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Verdicts for every council, period and standard, and their runs below; cached per set of floors
    (the published ones, or an official's what-if set)."""
    return _floor_analysis(thresholds, store_version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _floor_selection(
    thresholds: pl.DataFrame, region: str | None, council_type: str | None, domain: str | None, store_marker: int
) -> FloorSelection:
    verdicts, runs = _floor_analysis(thresholds, store_marker)
    tables = {name: load(name) for name in ("measures", "values", "benchmarks", "councils", "inspections")}
    return floor_selection(verdicts, runs, tables, region=region, council_type=council_type, domain=domain)


def floor_views(
    thresholds: pl.DataFrame, region: str | None, council_type: str | None, domain: str | None
) -> FloorSelection:
    """The Floor standards page's tables for one selection (None = all), cached per set of floors and
    selection: a change of region is then a lookup, not a recomputation."""
    return _floor_selection(thresholds, region, council_type, domain, store_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _thresholds(path: str, mtime: float, store_marker: int) -> pl.DataFrame:
    return resolve_thresholds(list(standards(path, mtime, store_marker)), load("values"), load("measures"))


def published_thresholds() -> pl.DataFrame:
    """The floors in the standards file resolved against the store (the file is checked first, so a
    mistake in it is shown as a message naming the line)."""
    load_standards_or_stop()
    path = settings_or_stop().standards_file
    return _thresholds(str(path), file_version(path), store_version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _profile(code: str, kind: str, group: tuple[str, ...], store_marker: int) -> pl.DataFrame:
    from accountability.methods.profile import build_profile

    tables = {name: load(name) for name in ("values", "benchmarks", "councils", "peers", "measures")}
    return build_profile(code, tables, kind, list(group))


def profile_for(code: str, kind: str, group: list[str]) -> pl.DataFrame:
    """One council's profile against a benchmark, cached per council, benchmark and group."""
    return _profile(code, kind, tuple(sorted(group)), store_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def market_tables(store_marker: int) -> dict[str, pl.DataFrame]:
    """Children's homes and the market measures, computed once per store."""
    from accountability.methods import market

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


@st.cache_resource(show_spinner=False, max_entries=4)
def _commitments(path: str, mtime: float, store_marker: int) -> tuple[Commitment, ...]:
    return load_commitments(Path(path), load("measures"))


def commitment_register() -> tuple[Commitment, ...]:
    """The commitments file, validated against the store; raises CommitmentsError naming the line."""
    path = settings_or_stop().commitments_file
    return _commitments(str(path), file_version(path), store_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _assessment(side: Side, path: str, mtime: float, store_marker: int) -> pl.DataFrame:
    return assess(load("values"), commitment_register(), load("measures"), load("benchmarks"), side=side)


def assessment_for(side: Side = "current") -> pl.DataFrame:
    """Progress of England, every region and every council on every commitment, cached per side of
    the framework break and per version of the commitments file."""
    path = settings_or_stop().commitments_file
    return _assessment(side, str(path), file_version(path), store_version())
