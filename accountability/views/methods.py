"""What the Data and methods page shows that comes from the store: every measure's definition and source,
the code tables, council reorganisations, the attributions and every published file's row accounting.

`methods_view(store)` returns one `MethodsView`; it depends on nothing but the store, so it is derived
once per store version. The measures stay grouped by their area-of-care code (words at render); each
measure's facts are written here as one Markdown list. The fixed explanations of methods are prose
and live with the page's rendering (components/methods.py). No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from accountability.codes import Domain
from accountability.labels import CI_METHOD_LABELS, POLARITY_LABELS, STATUS_LABELS, words
from accountability.methods.method_notes import method_notes
from accountability.store.published import BulkCatalogue, bulk_catalogue
from accountability.views.provenance import (
    ATTRIBUTIONS,
    LOOKUP_ATTRIBUTIONS,
    OGL_TEXT,
    OS_TEXT,
    accounts_summary,
    renumbered_councils,
    reorganisations,
)
from accountability.views.store import Store

DOMAINS: tuple[Domain, ...] = ("adults", "children")
OPEN_ONE = "Open one to read what it means, which way is better, and where it comes from."
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"  # what prepare writes and the app serves
CATALOGUE = ["unit", "source", "publisher", "framework_version", "source_codes", "break_period"]  # as stored


@dataclass(frozen=True)
class MeasureEntry:
    """One measure as the page opens it: what it means, and its facts as a Markdown list."""

    label: str
    description: str
    facts: str
    note: str | None


@dataclass(frozen=True)
class MethodsView:
    count: str  # how many measures, and what opening one shows
    measures: tuple[tuple[Domain, tuple[MeasureEntry, ...]], ...]  # by area of care, each by label
    catalogue: pl.DataFrame  # every definition as one table (the download)
    statuses: pl.DataFrame  # a value's status: meaning and the code downloads use
    intervals: pl.DataFrame  # how an interval was found: meaning and code
    reorganisations: pl.DataFrame  # councils abolished and their successors
    renumbered: pl.DataFrame  # councils whose ONS code changed
    attributions: tuple[tuple[str, str], ...]  # (publisher, what)
    lookups: tuple[tuple[str, str, str], ...]  # (publisher, what, licence): used only to find a council
    notes: tuple[tuple[str, str], ...]  # (title, Markdown) of every method, each with its references
    licence: str
    accounts: pl.DataFrame  # one row per published file read: read, kept, set missing, rejected, reasons
    accounts_alt: str


def methods_view(store: Store) -> MethodsView:
    measures, councils = store.measures, store.councils
    accounts = accounts_summary(store.table("row_accounts"))
    return MethodsView(
        count=f"{measures.height} measures. {OPEN_ONE}",
        measures=tuple((d, _entries(measures.filter(pl.col("domain") == d))) for d in DOMAINS),
        catalogue=_catalogue(measures),
        statuses=_code_table(STATUS_LABELS),
        intervals=_code_table(CI_METHOD_LABELS),
        reorganisations=reorganisations(councils),
        renumbered=renumbered_councils(councils),
        attributions=tuple(ATTRIBUTIONS),
        lookups=tuple(LOOKUP_ATTRIBUTIONS),
        notes=tuple(method_notes()),
        licence=f"{OGL_TEXT} {OS_TEXT}",
        accounts=accounts,
        accounts_alt=f"Row accounting for {accounts.height} published files",
    )


def _entries(measures: pl.DataFrame) -> tuple[MeasureEntry, ...]:
    rows = measures.sort("label").iter_rows(named=True)
    return tuple(MeasureEntry(m["label"], m["description"], _facts(m), m["note"] or None) for m in rows)


def _facts(m: dict[str, Any]) -> str:
    """Direction, unit and periods, source and whether it is official, framework and codes, licence and id."""
    kind = "official statistics" if m["official"] else "research compilation or derived"
    return (
        f"- **Which way is better:** {POLARITY_LABELS[m['polarity']]}\n"
        f"- **Unit:** {m['unit']} · **Periods:** {m['period_note']}\n"
        f"- **Source:** {m['source']}, {m['publisher']} ({kind})\n"
        f"- **Framework:** {m['framework_version']} · **Publisher's codes:** {m['source_codes']}\n"
        f"- **Licence:** {m['licence']} · **Id in links:** `{m['id']}`"
    )


def _catalogue(measures: pl.DataFrame) -> pl.DataFrame:
    """Every definition as one table, the direction in words (a download is a rendering)."""
    return measures.select(
        pl.col("id").alias("measure_id"),
        pl.col("label").alias("measure"),
        pl.col("domain").cast(pl.String),
        "description",
        words("polarity", POLARITY_LABELS).alias("direction"),
        *CATALOGUE,
        "official",
        "licence",
        "note",
    )


def _code_table(labels: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame({"Meaning": list(labels.values()), "In downloads": list(labels)})


def published_downloads(static_dir: Path = STATIC_DIR) -> BulkCatalogue:
    """The bulk downloads and feeds the app serves, or what is missing (`bulk_catalogue` never raises)."""
    return bulk_catalogue(static_dir)
