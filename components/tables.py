"""Tables beside every chart, and downloads of exactly those rows.

`shown_table` keeps a table as Streamlit sends it, once per cache key (the view's store version and
choice): `st.dataframe` of a Polars frame converts it to pandas and then to Arrow on every run, and
a page's own wording of codes (`words`) was redone every run too. Handed the kept Arrow table,
Streamlit only writes it out; the conversion is Streamlit's own, so the bytes sent are the same.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from accountability import export
from accountability.labels import CI_METHOD_LABELS, STATUS_LABELS, words
from components.cache_keys import check_key
from components.chart_cache import ByteBoundedCache

STATUS_COLUMNS = ("status", "Status", "verdict", "Verdict", "Floor verdict")
SHORT_NAME = 24  # characters: a first column this short leaves room for the status beside it on a phone


def status_beside_name(frame: pl.DataFrame) -> list[str]:
    """A column order that puts the status where a phone shows it (about two columns fit in 360 pixels):
    beside a short first column (a council's name), or first when the first column is long text (a
    commitment and its measure), so the status is never scrolled off to the right."""
    columns = frame.columns
    status = [c for c in columns if c in STATUS_COLUMNS]
    rest = [c for c in columns if c not in status]
    if not status or not rest:
        return columns
    first = frame.get_column(rest[0])
    lengths = first.cast(pl.String).str.len_chars().max() if frame.height else 0
    if isinstance(lengths, int) and lengths > SHORT_NAME:
        return [*status, *rest]
    return [rest[0], *status, *rest[1:]]


# The verdict beside the name: a phone shows about two columns before the table scrolls sideways.
COMPARE_ORDER = (
    "rank",
    "name",
    "compared_with_benchmark",
    "value",
    "ci95_low",
    "ci95_high",
    "status",
    "area_type",
    "region",
    "numerator",
    "denominator",
    "ci_method",
    "code",
)


def _number(label: str, unit: str, help_text: str | None = None) -> Any:
    fmt = "%.1f%%" if unit == "%" else "%.1f"
    return st.column_config.NumberColumn(label, format=fmt, help=help_text)


def render_compare_table(frame: pl.DataFrame, unit: str, alt: str, cache_key: Hashable) -> None:
    """The Compare page's numbers as a sortable table, with readable statuses, kept as sent per
    `cache_key` (the store version and the Compare choice: `shown_table`)."""
    shown = shown_table(
        lambda: frame.with_columns(words("status", STATUS_LABELS), words("ci_method", CI_METHOD_LABELS)), cache_key
    )
    st.dataframe(
        shown.arrow,
        hide_index=True,
        alt=alt,
        column_order=[c for c in COMPARE_ORDER if c in shown.frame.columns],
        column_config={
            "rank": st.column_config.NumberColumn("Rank", help="1 is best (highest where no direction is better)"),
            "name": "Area",
            "compared_with_benchmark": "Compared with benchmark",
            "area_type": "Type",
            "region": "Region",
            "value": _number("Value", unit),
            "ci95_low": _number("95% interval: low", unit),
            "ci95_high": _number("95% interval: high", unit),
            "numerator": st.column_config.NumberColumn("Numerator", format="%,.0f"),
            "denominator": st.column_config.NumberColumn("Denominator", format="%,.0f"),
            "status": "Published status",
            "ci_method": "Interval method",
            "code": "ONS code",
        },
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The CSV download: formulas neutralised, UTF-8 with a byte-order mark (see accountability.export)."""
    return export.csv_bytes(frame)


def excel_bytes(frame: pl.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    frame.write_excel(buffer, worksheet=sheet[:31], autofit=True)
    return buffer.getvalue()


def render_downloads(frame: pl.DataFrame, stem: str, key: str) -> None:
    """CSV and Excel downloads of `frame` exactly as given, built only when clicked (not on every rerun)."""
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(
        "Download CSV",
        functools.partial(csv_bytes, frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    right.download_button(
        "Download Excel",
        functools.partial(excel_bytes, frame, stem),
        file_name=f"{stem}.xlsx",
        key=f"{key}_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )


# Tables as shown are small (the largest, Floor standards' matrix, about 0.2 MB with its frame), so
# 16 MB per replica keeps the tables of many councils' views; the least recently used go first.
TABLE_CACHE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ShownTable:
    """A table as shown: `frame` (for downloads and column order) and `arrow`, what st.dataframe sends.
    `source`: the shared view object it was built from, when it is kept per object (`shown_table_of`)."""

    frame: pl.DataFrame
    arrow: pa.Table
    source: object = None


def as_sent(frame: pl.DataFrame) -> pa.Table:
    """The Arrow table Streamlit 1.67 makes of a Polars frame in st.dataframe: through pandas (so
    integers with gaps become floats, as before), with Streamlit's own fixes for awkward columns."""
    return dataframe_util.convert_pandas_df_to_arrow_table(frame.to_pandas())


def _table_bytes(table: ShownTable) -> int:
    return int(table.frame.estimated_size()) + int(table.arrow.nbytes)


@st.cache_resource(show_spinner=False)
def _tables() -> ByteBoundedCache[ShownTable]:
    """The replica's tables as shown, shared by every session (cleared with Streamlit's resources)."""
    return ByteBoundedCache(TABLE_CACHE_BYTES, sizeof=_table_bytes)


def shown_table(build: Callable[[], pl.DataFrame], cache_key: Hashable) -> ShownTable:
    """The frame `build()` makes, and its Arrow table, built once per `cache_key`: codes, versions and
    frozen choices that determine the frame (checked, as the chart cache's keys are)."""
    check_key((cache_key,), "a table's cache key")

    def make() -> ShownTable:
        frame = build()
        return ShownTable(frame, as_sent(frame))

    return _tables().get_or_build(cache_key, make)


def shown_table_of(source: object, build: Callable[[], pl.DataFrame], name: str) -> ShownTable:
    """The table `build()` makes from `source`, a view's frame that is cached and shared (never changed
    in place), kept once per that object: for a render function whose callers hand it only the view's
    part (Home's and the profile's commitments and CQC tables), with no codes to key it on.

    The key is the object's identity, which Python can give to another object once this one is freed;
    so the kept table holds `source` itself (while the key is kept, no other object can have its
    identity), and a hit is used only if it was built from this very object. A view rebuilt after the
    derived cache dropped it is a new object: its table is built again, never an old one shown.
    """

    def make() -> ShownTable:
        frame = build()
        return ShownTable(frame, as_sent(frame), source)

    kept = _tables().get_or_build(("of object", name, id(source)), make)
    return kept if kept.source is source else make()


def render_table(build: Callable[[], pl.DataFrame], cache_key: Hashable, *, alt: str, **options: Any) -> ShownTable:
    """st.dataframe (index hidden) of the frame `build()` makes, kept as sent per `cache_key` (`shown_table`)."""
    shown = shown_table(build, cache_key)
    st.dataframe(shown.arrow, hide_index=True, alt=alt, **options)
    return shown
