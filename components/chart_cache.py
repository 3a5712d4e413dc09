"""The finished-chart cache: bounded by bytes, not by a count of entries, shared by every session.

A chart's finished spec (title and source included) is kept as its JSON bytes, so what the cache
holds is exactly what it counts: a Map spec is tens of times a bar chart's, and a count of entries
let a few hundred MB build up under a mix of choices (benchmarks/RESULTS.md, soak). When a new spec
would take the total over the limit, the least recently used ones are dropped first. A spec larger
than the whole limit is returned to its caller but not kept.

Thread-safe (one lock; every session's script thread reads it). Pure Python: no Streamlit, no
Plotly; components/export.py builds the specs and decides what keys them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class ByteBoundedCache:
    """Least-recently-used map from a key to bytes, holding at most `max_bytes` of values."""

    def __init__(self, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {max_bytes}")
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Bytes held now (never more than max_bytes)."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def get_or_build(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        """The value for `key`, built (outside the lock) and kept if it is missing."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        # Built without the lock: two sessions may build the same chart once each at a cold start,
        # which is cheaper than making every other session wait for one slow build.
        value = build()
        self._put(key, value)
        return value

    def _put(self, key: Hashable, value: bytes) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            self._size -= len(old) if old is not None else 0
            if len(value) > self.max_bytes:
                return
            while self._items and self._size + len(value) > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)
            self._items[key] = value
            self._size += len(value)
