"""The app's `Store`, and every result derived from it, cached on the store's version and explicit keys.

`app_store()` is the store a page hands to a view. Its memo caches `store.derive(fn, *args)` as a
shared resource keyed on (fn, store version, args): the version is the release's content hash (and
the standards and commitments files' hashes), the args are codes and frozen choice objects. Nothing
here is keyed on a row count or on Streamlit's hash of a frame: every key is checked to be codes,
versions and frozen choices (components/cache_keys.py) before Streamlit sees it, because hashing a
shared Polars frame from many sessions at once deadlocked Polars and hung the replica. The store
itself is passed as an underscore argument, which Streamlit does not hash. Results are shared, not
copied: a view's frames are never changed in place.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import streamlit as st

from accountability.methods.commitments import Commitment, load_commitments
from accountability.views.store import Store, qualified_name
from components.cache_keys import check_key
from components.data import load, settings_or_stop, store_version
from components.floors import load_standards_or_stop


@st.cache_resource(show_spinner=False, max_entries=512)
def _derived(_fn: Callable[..., Any], name: str, version: str, args: tuple[Hashable, ...], _store: Store) -> Any:
    return _fn(_store, *args)


def _memo(store: Store, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> Any:
    check_key(args, f"the arguments of {qualified_name(fn)}")
    return _derived(fn, qualified_name(fn), store.version, args, _store=store)


@st.cache_resource(show_spinner=False, max_entries=4)
def _commitments(path: str, version: str) -> tuple[Commitment, ...]:
    return load_commitments(Path(path), load("measures"))


def commitment_register() -> tuple[Commitment, ...]:
    """The commitments file, validated against the store; raises CommitmentsError naming the line."""
    return _commitments(str(settings_or_stop().commitments_file), store_version())


def app_store() -> Store:
    """The store in force, with the app's shared cache for derived results."""
    return Store(store_version(), load, load_standards_or_stop, commitment_register, _memo)
