"""Data tests that check every council or measure of the committed store, in two sizes.

Each such test is parametrised with `SCOPES`: "sample" (every tenth item, in the fast loop) and
"every" (all of them, marked `exhaustive`: the full suite and CI run both, the fast loop leaves it
out). The sample is fixed, not random, so a failure in the fast loop reproduces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest

T = TypeVar("T")

SCOPES = [pytest.param("sample", id="sample"), pytest.param("every", id="every", marks=pytest.mark.exhaustive)]
STEP = 10


def chosen(items: Sequence[T], scope: str) -> list[T]:
    """All of `items` for "every"; every STEP-th, from the first, for "sample"."""
    if scope not in ("sample", "every"):
        raise ValueError(f"scope must be 'sample' or 'every', not {scope!r}")
    return list(items) if scope == "every" else list(items)[::STEP]


def at_least(every: int, scope: str) -> int:
    """The lower bound a test's count must pass: `every` for all items, a tenth of it for the sample."""
    return every if scope == "every" else every // STEP
