"""Shared caches bounded by bytes, not by a count of entries: finished charts and derived results.

A chart's finished spec (title and source included) is kept as its JSON bytes, so what the cache
holds is exactly what it counts: a Map spec is tens of times a bar chart's, and a count of entries
let a few hundred MB build up under a mix of choices (benchmarks/RESULTS.md, soak). A derived result
(a view with its frames) is counted by `sizeof` (components/result_size.py). When a new value would
take the total over the limit, the least recently used ones are dropped first. A value larger than
the whole limit is returned to its caller but not kept.

Thread-safe (one lock; every session's script thread reads it). Pure Python: no Streamlit, no
Plotly; components/export.py and components/cache.py build the values and decide what keys them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class ByteBoundedCache(Generic[V]):
    """Least-recently-used map from a key to a value, holding at most `max_bytes` of values as
    counted by `sizeof` (the length of bytes, by default)."""

    def __init__(self, max_bytes: int, sizeof: Callable[[Any], int] = len) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {max_bytes}")
        self.max_bytes = max_bytes
        self._sizeof = sizeof
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._held: dict[int, int] = {}  # id of each value held -> how many keys hold it
        self._size = 0
        self._lock = threading.Lock()
        # Counted so a benchmark can tell a bound that costs reruns (many drops, few hits) from one
        # that does not (benchmarks/memory_probe/); plain ints under the lock, nothing else reads them.
        self.hits = 0
        self.misses = 0
        self.dropped = 0

    def holds(self, value: object) -> bool:
        """Whether `value` itself (this object, not an equal one) is held under some key."""
        return id(value) in self._held

    @property
    def size(self) -> int:
        """Bytes held now (never more than max_bytes)."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def get_or_build(self, key: Hashable, build: Callable[[], V]) -> V:
        """The value for `key`, built (outside the lock) and kept if it is missing."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        # Built without the lock: two sessions may build the same chart once each at a cold start,
        # which is cheaper than making every other session wait for one slow build.
        value = build()
        self._put(key, value)
        return value

    def _put(self, key: Hashable, value: V) -> None:
        size = self._sizeof(value)  # outside the lock: sizing a view walks its frames
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._forget(*old)
            if size > self.max_bytes:
                return
            while self._items and self._size + size > self.max_bytes:
                self._forget(*self._items.popitem(last=False)[1])
                self.dropped += 1
            self._items[key] = (value, size)
            self._held[id(value)] = self._held.get(id(value), 0) + 1
            self._size += size

    def _forget(self, value: V, size: int) -> None:
        self._size -= size
        left = self._held.pop(id(value)) - 1
        if left:
            self._held[id(value)] = left
