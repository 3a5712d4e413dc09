"""The only place the app reads from disk: cached loads of the prepared store.

Loads are cached on (path, modification time), so a rebuilt store is picked up without a restart.
They are cached as shared resources, not copies: a Polars frame is never changed in place (every
operation returns a new frame), so every session can read the same object, and a rerun does not pay
for unpickling a copy of the values table each time it asks for it.
A missing or unreadable table becomes a message on the page, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from accountability.settings import Settings, SettingsError, get_settings
from accountability.store import StoreError, read_table, table_path


@st.cache_resource(show_spinner=False, max_entries=32)
def _read(name: str, path: str, mtime: float) -> pl.DataFrame:
    return read_table(Path(path).parent, name)


def settings_or_stop() -> Settings:
    """The settings, or a message naming the bad setting and a stop."""
    try:
        return get_settings()
    except SettingsError as exc:  # an invalid value or a .env that is not UTF-8, named in the message
        st.error(str(exc))
        st.stop()
        raise  # unreachable: st.stop() ends the script


def file_version(path: Path) -> float:
    """Part of a cache key: an edited file is read again; a missing one fails when it is read."""
    return path.stat().st_mtime if path.exists() else 0.0


def store_version() -> int:
    """Part of a cache key for anything computed from the store: it changes when the store is rebuilt."""
    return load("values").height


def load(name: str) -> pl.DataFrame:
    """One prepared table; on failure shows what is wrong and where, then stops the page."""
    path = table_path(settings_or_stop().data_dir, name)
    try:
        mtime = path.stat().st_mtime if path.exists() else 0.0
        return _read(name, str(path), mtime)
    except StoreError as exc:
        st.error(f"The prepared data could not be loaded. {exc}")
        st.stop()
        raise  # unreachable
