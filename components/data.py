"""The only place the app reads from disk: the store's version, cached loads, and the app's `Store`.

Every load and every derived result is keyed on `store_version()`: the release's content hash (and
a hash of the standards and commitments files), so a rebuilt store or an edited file is picked up
without a restart and nothing computed from the old one is served again. Loads are shared resources,
not copies: a Polars frame is never changed in place, so every session can read the same object.
A missing or unreadable table becomes a message on the page, never a traceback.

Within one run the version is worked out once (`one_version_this_run`, which dashboard.py wraps
around the sidebar and the page): every load and cached call asks for it, a dozen times a run, and
each time cost a few stat calls and a cached call. It also means one run never mixes two versions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import streamlit as st

from accountability.settings import Settings, SettingsError, get_settings
from accountability.store import StoreError, read_table
from accountability.store.release import ReleaseError
from accountability.store.version import stat_signature
from accountability.store.version import store_version as compute_version


@st.cache_resource(show_spinner=False, max_entries=32)
def _read(name: str, data_dir: str, version: str) -> pl.DataFrame:
    return read_table(Path(data_dir), name)


@st.cache_resource(show_spinner=False, max_entries=8)
def _version(data_dir: str, files: tuple[str, ...], signature: tuple[tuple[str, int, int], ...]) -> str:
    return compute_version(Path(data_dir), [Path(f) for f in files])


def settings_or_stop() -> Settings:
    """The settings, or a message naming the bad setting and a stop."""
    try:
        return get_settings()
    except SettingsError as exc:  # an invalid value or a .env that is not UTF-8, named in the message
        st.error(str(exc))
        st.stop()
        raise  # unreachable: st.stop() ends the script


_this_run = threading.local()  # per script thread: this run's version, while dashboard.py runs


@contextmanager
def one_version_this_run() -> Iterator[None]:
    """Within this block, on this script thread, `store_version()` is worked out once."""
    _this_run.active, _this_run.version = True, None
    try:
        yield
    finally:
        _this_run.active, _this_run.version = False, None


def store_version() -> str:
    """Part of the key of every cache computed from the store, the standards or the commitments.

    Computed again only when a file's size or modification time changes (a few stat calls a rerun),
    and once a run inside `one_version_this_run`.
    """
    if not getattr(_this_run, "active", False):
        return _current_version()
    if _this_run.version is None:
        _this_run.version = _current_version()
    return str(_this_run.version)


def _current_version() -> str:
    settings = settings_or_stop()
    files = (settings.standards_file, settings.commitments_file)
    try:
        return _version(str(settings.data_dir), tuple(map(str, files)), stat_signature(settings.data_dir, files))
    except ReleaseError as exc:
        st.error(f"The prepared data could not be loaded. {exc}")
        st.stop()
        raise  # unreachable


def load(name: str) -> pl.DataFrame:
    """One prepared table; on failure shows what is wrong and where, then stops the page."""
    data_dir = settings_or_stop().data_dir
    try:
        return _read(name, str(data_dir), store_version())
    except StoreError as exc:
        st.error(f"The prepared data could not be loaded. {exc}")
        st.stop()
        raise  # unreachable
