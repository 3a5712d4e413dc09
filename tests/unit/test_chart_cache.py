"""The finished-chart cache holds at most its limit in bytes, drops the least recently used first,
and builds a missing chart once."""

from __future__ import annotations

import pytest

from components.chart_cache import ByteBoundedCache


def _bytes(n: int, fill: bytes = b"x") -> bytes:
    return fill * n


def test_it_never_holds_more_than_its_limit() -> None:
    cache = ByteBoundedCache(100)
    for i in range(30):
        cache.get_or_build(i, lambda: _bytes(30))
        assert cache.size <= 100
    assert len(cache) == 3  # 3 x 30 fits, a fourth does not
    assert cache.size == 90


def test_the_least_recently_used_go_first() -> None:
    cache = ByteBoundedCache(100)
    for key in ("a", "b", "c"):
        cache.get_or_build(key, lambda: _bytes(30))
    cache.get_or_build("a", lambda: pytest.fail("'a' is cached"))  # now the most recent
    cache.get_or_build("d", lambda: _bytes(30))  # drops 'b', the least recently used
    built: list[str] = []
    cache.get_or_build("b", lambda: built.append("b") or _bytes(30))
    assert built == ["b"]
    cache.get_or_build("d", lambda: pytest.fail("'d' is still cached"))


def test_one_large_chart_pushes_out_as_many_small_ones_as_it_needs() -> None:
    cache = ByteBoundedCache(100)
    for i in range(10):
        cache.get_or_build(i, lambda: _bytes(10))
    cache.get_or_build("map", lambda: _bytes(75))
    assert cache.size == 95  # the map and the two most recent small charts
    assert len(cache) == 3


def test_a_value_larger_than_the_limit_is_returned_but_not_kept() -> None:
    cache = ByteBoundedCache(100)
    cache.get_or_build("small", lambda: _bytes(10))
    assert cache.get_or_build("huge", lambda: _bytes(101)) == _bytes(101)
    assert cache.size == 10  # nothing dropped for it either
    assert len(cache) == 1


def test_a_hit_returns_the_same_bytes_without_building() -> None:
    cache = ByteBoundedCache(100)
    first = cache.get_or_build("k", lambda: b"spec")
    assert cache.get_or_build("k", lambda: pytest.fail("built twice")) is first


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_must_be_positive(limit: int) -> None:
    with pytest.raises(ValueError, match="max_bytes must be positive"):
        ByteBoundedCache(limit)


def test_it_counts_hits_misses_and_drops() -> None:
    cache = ByteBoundedCache(100)
    for key in ("a", "b", "c", "a", "d"):  # a miss each, a hit for the second "a"; "d" drops "b"
        cache.get_or_build(key, lambda: _bytes(30))
    assert (cache.hits, cache.misses, cache.dropped) == (1, 4, 1)
    cache.get_or_build("huge", lambda: _bytes(101))  # not kept: a miss, nothing dropped for it
    assert (cache.hits, cache.misses, cache.dropped) == (1, 5, 1)
