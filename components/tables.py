"""Tables beside every chart, and downloads of exactly those rows."""

from __future__ import annotations

import functools
import io
from typing import Any

import polars as pl
import streamlit as st

from accountability import export
from accountability.labels import CI_METHOD_LABELS, STATUS_LABELS, words

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


def render_compare_table(frame: pl.DataFrame, unit: str, alt: str) -> None:
    """The Compare page's numbers as a sortable table, with readable statuses."""
    shown = frame.with_columns(words("status", STATUS_LABELS), words("ci_method", CI_METHOD_LABELS))
    st.dataframe(
        shown,
        hide_index=True,
        alt=alt,
        column_order=[c for c in COMPARE_ORDER if c in shown.columns],
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
