"""The only place the app reads from disk: cached loads of the prepared store.

Loads are cached on (path, modification time), so a rebuilt store is picked up without a restart.
A missing or unreadable table becomes a message on the page, never a traceback.
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from pydantic import ValidationError

from accountability.settings import Settings, get_settings
from accountability.store import StoreError, read_table, table_path


@st.cache_data(show_spinner=False, max_entries=32)
def _read(name: str, path: str, mtime: float) -> pl.DataFrame:
    from pathlib import Path

    return read_table(Path(path).parent, name)


def settings_or_stop() -> Settings:
    """The settings, or a message naming the bad setting and a stop."""
    try:
        return get_settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"DASHBOARD_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        st.error(f"The dashboard's configuration is not valid ({problems}). Check your environment or `.env` file.")
        st.stop()
        raise  # unreachable: st.stop() ends the script


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
