"""A picker's options as `widgets._choice_kept_in_address` uses them, built once per cache key of codes.

`Options` holds the codes in order, each code's label, and the way back from a label to its code (a
link may name a label). The council picker (about 160 councils, on every page) and the measure
picker (about 100 measures) rebuilt these every run from a Polars frame (`iter_rows`) and inverted
the labels every run; kept here, a run only looks them up. Keys are codes and versions only
(`cache_keys.check_key`); the values are read-only and shared by every session. Bounded by the
number of options held, least recently used first out, and cleared with Streamlit's resources.

What it does not do: render anything, or read the address (components/widgets.py does both).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import streamlit as st

from components.cache_keys import check_key
from components.chart_cache import ByteBoundedCache

# A council picker is about 160 options and a measure picker about 100, per store version: 20,000
# keeps every picker of several versions; a picker costs a few tens of kB at most.
MAX_OPTIONS = 20_000


@dataclass(frozen=True)
class Options:
    """A picker's codes in the order offered, their labels, and each label's code (read-only)."""

    codes: tuple[str, ...]
    labels: Mapping[str, str]
    by_label: Mapping[str, str]

    @classmethod
    def of(cls, labels: Mapping[str, str]) -> Options:
        """From code -> label; where two codes share a label, the label names the later one (as before)."""
        by_label = {text: code for code, text in labels.items()}
        return cls(tuple(labels), MappingProxyType(dict(labels)), MappingProxyType(by_label))


@st.cache_resource(show_spinner=False)
def _kept() -> ByteBoundedCache[Options]:
    """The replica's picker options, shared by every session (cleared with Streamlit's resources)."""
    return ByteBoundedCache(MAX_OPTIONS, sizeof=lambda options: max(1, len(options.codes)))


def kept_options(cache_key: Hashable, build: Callable[[], Mapping[str, str]]) -> Options:
    """The options of the labels `build()` makes (code -> label, in order), built once per `cache_key`:
    the store version and what else determines the labels, as codes."""
    check_key((cache_key,), "a picker's cache key")
    return _kept().get_or_build(cache_key, lambda: Options.of(build()))
