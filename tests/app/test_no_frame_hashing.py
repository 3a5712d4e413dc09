"""No page makes Streamlit hash a Polars object: every page runs with that hashing made to fail.

Hashing a shared Polars frame from many sessions at once deadlocked Polars 2.1 against the GIL and
hung a replica for good (benchmarks/RESULTS.md, "Load"). tests/unit/test_cache_keys.py checks the
cached functions' signatures and the key check; this runs every page for Birmingham, as a visitor
would see it, and fails if any cache call on the way hashes a DataFrame, LazyFrame or Series.
"""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.runtime.caching import hashing

from accountability.settings import ROOT
from tests.app.conftest import assert_healthy, open_page

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
POLARS_TYPES = ("DataFrame", "LazyFrame", "Series")


@pytest.fixture
def polars_hashing_fails(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    hashed: list[str] = []
    original = hashing._CacheFuncHasher._to_bytes

    def refuse_polars(self: Any, obj: Any) -> bytes:
        kind = type(obj)
        if kind.__module__.startswith("polars") and kind.__name__ in POLARS_TYPES:
            hashed.append(kind.__name__)
            raise AssertionError(f"Streamlit was asked to hash a Polars {kind.__name__}")
        return original(self, obj)  # type: ignore[no-any-return]

    monkeypatch.setattr(hashing._CacheFuncHasher, "_to_bytes", refuse_polars)
    return hashed


def test_the_guard_catches_a_frame_hashed_by_a_cache(polars_hashing_fails: list[str]) -> None:
    import polars as pl
    import streamlit as st

    @st.cache_data
    def rows(frame: pl.DataFrame) -> int:
        return frame.height

    with pytest.raises(Exception, match="hash a Polars DataFrame"):
        rows(pl.DataFrame({"a": [1]}))
    assert polars_hashing_fails == ["DataFrame"]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_hashes_a_polars_object(page: str, polars_hashing_fails: list[str]) -> None:
    at = open_page(page, council="E08000025")
    assert_healthy(at)
    assert polars_hashing_fails == []
