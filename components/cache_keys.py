"""What may key a shared cache: codes, versions and frozen choices, never a frame or a figure.

Streamlit hashes every argument of a cached function that is not named with a leading underscore.
For a Polars frame that means `DataFrame.hash_rows`, and many sessions hashing the same shared
frame at once deadlocked Polars 2.1 against the GIL and hung the whole replica for good
(benchmarks/RESULTS.md, "Load"; `python benchmarks/polars_threads.py` reproduces it). So every key
that reaches a shared cache is checked here first: plain values (str, int, float, bool, None,
dates), tuples and frozensets of them, and frozen dataclasses whose fields are such values. Anything
else is refused with a message naming the argument, before Streamlit could hash it.

This module only checks keys; it does not cache anything and does not import Streamlit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any

PLAIN = (str, int, float, bool, type(None), bytes, dt.date, dt.datetime, Enum)


def key_problem(value: Any, where: str) -> str | None:
    """None if `value` may key a shared cache, else what is wrong with it and where."""
    if isinstance(value, PLAIN):
        return None
    if isinstance(value, tuple | frozenset):
        return _first(key_problem(item, f"{where}[{i}]") for i, item in enumerate(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return f"{where} is a {type(value).__name__} that is not frozen, so it could change after it was cached"
        fields = dataclasses.fields(value)
        return _first(key_problem(getattr(value, f.name), f"{where}.{f.name}") for f in fields)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    return f"{where} is a {kind}; a cache key must be made of codes, versions and frozen choices only"


def check_key(args: tuple[Any, ...], where: str) -> None:
    """Raise TypeError naming the first argument that may not key a shared cache."""
    problem = key_problem(args, where)
    if problem is not None:
        raise TypeError(problem)


def _first(problems: Iterable[str | None]) -> str | None:
    return next((p for p in problems if p is not None), None)
