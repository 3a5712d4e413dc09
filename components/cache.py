"""The app's `Store`, and every result derived from it, cached on the store's version and explicit keys.

`app_store()` is the store a page hands to a view. Its memo keeps `store.derive(fn, *args)` in a
shared cache bounded by the bytes its results hold (components/chart_cache.py, sized by
components/result_size.py), keyed on (fn, store version, args): the version is the release's content
hash (and the standards and commitments files' hashes), the args are codes and frozen choice
objects. Nothing here is keyed on a row count or on a hash of a frame: every key is checked to be
codes, versions and frozen choices (components/cache_keys.py) first, because hashing a shared Polars
frame from many sessions at once deadlocked Polars and hung the replica. The cache itself is a
Streamlit resource, so clearing Streamlit's resources clears it. Results are shared, not copied: a
view's frames are never changed in place.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from accountability.methods.commitments import Commitment, load_commitments
from accountability.views.store import Store, qualified_name
from components.cache_keys import check_key
from components.chart_cache import ByteBoundedCache
from components.data import load, settings_or_stop, store_version
from components.floors import load_standards_or_stop
from components.result_size import result_bytes

# Bounded by the bytes its results hold, as the chart cache is: a count of entries (512, round one)
# does not bound memory when the market tables hold 4.4 MB and a Compare view 0.07 MB (measured:
# 14 MB for every page of two councils, most of it shared analyses). 32 MB per replica holds those
# and the views of dozens of councils; beyond that the least recently used go. Not 64 MB (round two):
# under a 10-minute soak at 50 sessions on two replicas 64 MB was still filling at the end, so memory
# grew for all ten minutes; 32 MB is full in about four, then memory stays flat, and the hit rate in
# minutes 5-8 was 70-73% against 76% (benchmarks/RESULTS.md, "Round three: memory once warm").
DERIVED_CACHE_BYTES = 32 * 1024 * 1024


@st.cache_resource(show_spinner=False)
def _derived() -> ByteBoundedCache[Any]:
    """The replica's derived results, shared by every session (cleared with Streamlit's resources).
    A result that holds another cached result is counted without it (components/result_size.py)."""
    results: ByteBoundedCache[Any] = ByteBoundedCache(
        DERIVED_CACHE_BYTES, sizeof=lambda value: result_bytes(value, shared=results.holds)
    )
    return results


def _memo(store: Store, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> Any:
    check_key(args, f"the arguments of {qualified_name(fn)}")
    key = (qualified_name(fn), store.version, args)
    return _derived().get_or_build(key, lambda: fn(store, *args))


@st.cache_resource(show_spinner=False, max_entries=4)
def _commitments(path: str, version: str) -> tuple[Commitment, ...]:
    return load_commitments(Path(path), load("measures"))


def commitment_register() -> tuple[Commitment, ...]:
    """The commitments file, validated against the store; raises CommitmentsError naming the line."""
    return _commitments(str(settings_or_stop().commitments_file), store_version())


def _read(name: str) -> pl.DataFrame:
    """A table for the views. The changes table is optional (a store built without a previous one, or a
    damaged one, has none; the What's new page says why): missing, it is a KeyError, which views treat
    as "no release to speak of", never the page-stopping message a missing core table gets."""
    if name == "changes":
        from components.releases import changes_table  # here: releases reads through this module's peers

        changes = changes_table()
        if isinstance(changes, str):
            raise KeyError(changes)
        return changes
    return load(name)


def app_store() -> Store:
    """The store in force, with the app's shared cache for derived results."""
    return Store(store_version(), _read, load_standards_or_stop, commitment_register, _memo)
