"""How many bytes a derived result holds, so the shared memo can be bounded by memory, not a count.

A derived result is a frozen view (a dataclass) or a tuple, dict or frame: its frames are counted
with Polars' `estimated_size()` (the buffers, which is nearly all of it), everything else with
`sys.getsizeof`, walking dataclass fields and containers. Each object is counted once per result,
so a frame a view holds twice is not counted twice, and a part that is itself another cached result
is left to that result's own entry. A frame that shares buffers with a stored table (a column
selection) is counted in full. What is not counted: a shared result dropped from the cache while a
view that holds it is still there (it stays in memory until that view goes too). Pure; it neither
caches nor imports Streamlit.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import Any

import polars as pl


def result_bytes(value: Any, shared: Callable[[Any], bool] = lambda _: False) -> int:
    """The bytes `value` holds, counting its frames by their buffers (see the module docstring).

    Parts for which `shared(part)` is true are not counted: the memo passes "is this another result
    already in the cache" (a Floor standards view holds the shared floor selection, 2.8 MB of its
    2.9 MB, which the cache counts once, as its own entry)."""
    seen: set[int] = set()
    pending = [value]
    total = 0
    while pending:  # a stack rather than recursion: a view nests only a few levels, but nothing limits it
        item = pending.pop()
        if id(item) in seen or (item is not value and shared(item)):
            continue
        seen.add(id(item))
        total += _own_bytes(item)
        pending.extend(_parts(item))
    return total


def _own_bytes(item: Any) -> int:
    if isinstance(item, pl.DataFrame | pl.Series):
        return int(item.estimated_size())
    return sys.getsizeof(item)


def _parts(item: Any) -> list[Any]:
    if isinstance(item, pl.DataFrame | pl.Series | str | bytes):
        return []
    if isinstance(item, dict):
        return [*item.keys(), *item.values()]
    if isinstance(item, list | tuple | set | frozenset):
        return list(item)
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return [getattr(item, f.name) for f in dataclasses.fields(item)]
    return []
