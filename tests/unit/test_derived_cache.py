"""The shared memo of derived results is bounded by the bytes its results hold (frames by their
buffers), drops the least recently used first, and keeps a result that is None like any other."""

from __future__ import annotations

import dataclasses
import sys

import polars as pl
import pytest
import streamlit as st

from accountability.views.store import Store
from components import cache
from components.chart_cache import ByteBoundedCache
from components.result_size import result_bytes


@dataclasses.dataclass(frozen=True)
class _View:
    table: pl.DataFrame
    same_table: pl.DataFrame
    notes: tuple[str, ...]
    by_code: dict[str, float]


def _frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame({"code": [f"E{i:08d}" for i in range(rows)], "value": [float(i) for i in range(rows)]})


def test_a_frame_counts_its_buffers() -> None:
    frame = _frame(10_000)
    assert result_bytes(frame) == frame.estimated_size()
    assert frame.estimated_size() > 100_000  # the buffers, not the small Python object around them


def test_a_view_counts_each_of_its_parts_once() -> None:
    frame = _frame(10_000)
    view = _View(frame, frame, ("a note", "another"), {"E08000025": 1.5})
    counted = result_bytes(view)
    assert counted >= frame.estimated_size() + sys.getsizeof("a note") + sys.getsizeof({"E08000025": 1.5})
    assert counted < 2 * frame.estimated_size()  # the frame it holds twice is counted once


def test_a_bigger_view_counts_more() -> None:
    small = _View(_frame(100), _frame(100), (), {})
    big = _View(_frame(100_000), _frame(100), (), {})
    assert result_bytes(big) > result_bytes(small) + _frame(100_000).estimated_size() // 2


def test_views_are_dropped_by_bytes_least_recently_used_first() -> None:
    one = result_bytes(_View(_frame(1_000), _frame(1), (), {}))
    derived: ByteBoundedCache[_View] = ByteBoundedCache(int(one * 2.5), sizeof=result_bytes)
    for key in ("a", "b"):
        derived.get_or_build(key, lambda: _View(_frame(1_000), _frame(1), (), {}))
    derived.get_or_build("a", lambda: pytest.fail("'a' is cached"))
    derived.get_or_build("c", lambda: _View(_frame(1_000), _frame(1), (), {}))  # drops 'b'
    assert len(derived) == 2 and derived.size <= derived.max_bytes
    derived.get_or_build("a", lambda: pytest.fail("'a' is still cached"))
    rebuilt: list[str] = []
    derived.get_or_build("b", lambda: rebuilt.append("b") or _View(_frame(1), _frame(1), (), {}))
    assert rebuilt == ["b"]


def test_a_result_that_is_none_is_kept() -> None:
    derived: ByteBoundedCache[None] = ByteBoundedCache(1_000, sizeof=result_bytes)
    assert derived.get_or_build("nothing", lambda: None) is None
    assert derived.get_or_build("nothing", lambda: pytest.fail("None was not kept")) is None


def test_the_app_memo_derives_once_and_counts_what_it_holds() -> None:
    st.cache_resource.clear()
    calls: list[int] = []
    store = Store("v-derived-test", lambda name: _frame(10), lambda: (), lambda: (), cache._memo)

    def heavy(s: Store, rows: int) -> pl.DataFrame:
        calls.append(rows)
        return _frame(rows)

    first = store.derive(heavy, 5_000)
    assert store.derive(heavy, 5_000) is first and calls == [5_000]
    held = cache._derived()
    assert held.max_bytes == cache.DERIVED_CACHE_BYTES
    assert held.size >= first.estimated_size()
    st.cache_resource.clear()


@dataclasses.dataclass(frozen=True)
class _Floors:
    selection: _View
    own: pl.DataFrame


def test_a_result_holding_another_cached_result_is_counted_without_it() -> None:
    derived: ByteBoundedCache[object]
    derived = ByteBoundedCache(10**9, sizeof=lambda value: result_bytes(value, shared=derived.holds))
    selection = derived.get_or_build("selection", lambda: _View(_frame(50_000), _frame(1), (), {}))
    before = derived.size
    derived.get_or_build("floors E08000025", lambda: _Floors(selection, _frame(10)))
    assert 0 < derived.size - before < selection.table.estimated_size() // 10  # the view's own part only
    assert result_bytes(_Floors(selection, _frame(10))) > selection.table.estimated_size()  # alone: in full


def test_it_knows_which_values_it_holds_until_they_are_dropped() -> None:
    derived: ByteBoundedCache[bytes] = ByteBoundedCache(100)
    kept = derived.get_or_build("a", lambda: b"x" * 60)
    assert derived.holds(kept) and not derived.holds(b"x" * 60)
    derived.get_or_build("b", lambda: b"y" * 60)  # drops 'a'
    assert not derived.holds(kept)
