"""The sidebar's council labels are built once per store version, current councils first, read-only."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import streamlit as st

from components import widgets

COUNCILS = pl.DataFrame(
    {
        "code": ["E10000002", "E08000025", "E06000060"],
        "name": ["Buckinghamshire", "Birmingham", "Buckinghamshire"],
        "valid_to": [dt.date(2020, 3, 31), None, None],
    }
)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    st.cache_resource.clear()


def test_current_councils_first_and_abolished_ones_say_until_when() -> None:
    options = widgets._council_options("v1", COUNCILS)
    assert list(options.items()) == [
        ("E08000025", "Birmingham"),
        ("E06000060", "Buckinghamshire"),
        ("E10000002", "Buckinghamshire (until March 2020)"),
    ]


def test_built_once_per_version_and_shared_read_only() -> None:
    first = widgets._council_options("v1", COUNCILS)
    assert widgets._council_options("v1", COUNCILS.head(1)) is first  # same version: not rebuilt
    assert list(widgets._council_options("v2", COUNCILS.head(1))) == ["E10000002"]  # a new version is
    with pytest.raises(TypeError):
        first["E08000025"] = "changed"  # type: ignore[index]
