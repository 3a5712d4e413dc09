"""Atom feeds of each release's changes: one for England, one per region, one per council.

A feed has one entry per release (newest first, the last `RELEASES_SHOWN`), listing that release's
changes for the area as sentences (`accountability.change_words`, the words the What's new page
uses). What belongs to an area:
- every feed: changes that concern every area (first release, new or withdrawn measures and periods);
- a council: its own values, floor verdicts, commitment progress and inspections;
- a region: the region's published figures and those of its councils;
- England: every change (the complete release notes); England and region entries list at most
  `LINES_SHOWN` changes of each kind and point to changes.csv.gz for the rest.

Stable across identical rebuilds: ids are name-based UUIDs (area code, release hash), dates are the
release dates, and the XML is written in a fixed order. Links are site-relative (the app's own
static path and its What's new page), so the feeds work wherever the app is served from its root.
This module computes no changes and reads no files.
"""

from __future__ import annotations

import itertools
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import polars as pl

from accountability.change_words import Names, change_sentence, long_date
from accountability.labels import CHANGE_KIND_LABELS
from accountability.store.changes import NATIONAL_KINDS
from accountability.store.published import DATA_FOLDER, FEEDS_FOLDER, STATIC_URL
from accountability.store.schema import ENGLAND_CODE

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("5b1f6d0e-8d43-4a8e-9c5e-0c3a2f7e6a11")  # this project's feeds; never change it
RELEASES_SHOWN = 20
LINES_SHOWN = 100
FEEDS_URL = f"{STATIC_URL}/{FEEDS_FOLDER}"
CHANGES_URL = f"{STATIC_URL}/{DATA_FOLDER}/changes.csv.gz"
WHATS_NEW = "/whats_new"
LICENCE = (
    "Open Government Licence v3.0. Contains public sector information licensed under the Open Government Licence v3.0."
)


@dataclass(frozen=True)
class FeedArea:
    """England, a region (with its councils' codes) or a council."""

    area_type: str
    code: str
    name: str
    members: frozenset[str] = frozenset()

    @property
    def query(self) -> str:
        """The What's new page's filter for this area (empty for England)."""
        return "" if self.area_type == "england" else f"{self.area_type}={self.code}&"


def feed_areas(councils: pl.DataFrame) -> list[FeedArea]:
    """England, every region (named as in the councils table), every council (current and former)."""
    regions = councils.group_by("region_code").agg(pl.col("region").min(), pl.col("code")).sort("region_code")
    areas = [FeedArea("england", ENGLAND_CODE, "England")]
    areas += [FeedArea("region", r, name, frozenset(codes)) for r, name, codes in regions.iter_rows()]
    areas += [FeedArea("council", c, n) for c, n in councils.select("code", "name").sort("code").iter_rows()]
    return areas


Row = dict[str, Any]


class RowsByArea:
    """The changes' row indexes grouped once by area, so each feed's rows are a few dictionary
    look-ups, not a filter over the whole table (171 filters took most of the feeds' time). The
    selection is `store.changes.area_expr`'s, and a test checks they agree for every area."""

    def __init__(self, rows: list[Row]) -> None:
        self.count = len(rows)
        self.national = [r["_row"] for r in rows if r["kind"] in NATIONAL_KINDS]
        self.by_area: dict[tuple[str, str], list[int]] = {}
        for r in rows:
            if r["kind"] not in NATIONAL_KINDS:
                self.by_area.setdefault((r["area_type"], r["area_code"]), []).append(r["_row"])

    def for_area(self, area: FeedArea) -> list[int]:
        """Indexes of the rows that belong in `area`'s feed, in the table's order."""
        if area.area_type == "england":
            return list(range(self.count))
        found = [*self.national, *self.by_area.get((area.area_type, area.code), [])]
        for member in area.members:
            found += self.by_area.get(("council", member), [])
        return sorted(found)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str | None = None) -> None:
    attrs = {"href": href, "rel": rel, **({"type": kind} if kind else {})}
    ET.SubElement(parent, f"{{{ATOM}}}link", attrs)


def _entry_html(rows: list[Row], sentences: dict[int, str], cap: int | None) -> str:
    parts: list[str] = []
    for kind, group in itertools.groupby(rows, key=lambda row: row["kind"]):
        listed = list(group)
        shown = listed if cap is None else listed[:cap]
        items = "".join(f"<li>{escape(sentences[row['_row']])}</li>" for row in shown)
        more = len(listed) - len(shown)
        tail = f'<p>… and {more:,} more: see <a href="{CHANGES_URL}">changes.csv.gz</a>.</p>' if more else ""
        parts.append(f"<h3>{escape(CHANGE_KIND_LABELS.get(kind, kind))}</h3><ul>{items}</ul>{tail}")
    return "".join(parts)


def _entry(feed: ET.Element, area: FeedArea, rows: list[Row], sentences: dict[int, str]) -> None:
    release, release_hash = rows[0]["release"], rows[0]["release_hash"]
    when = f"{release}T00:00:00Z"
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    noun = "change" if len(rows) == 1 else "changes"
    _text(entry, "title", f"{area.name}: {len(rows):,} {noun} in the data release of {long_date(release)}")
    _text(entry, "id", uuid.uuid5(NAMESPACE, f"{area.code}/{release_hash}").urn)
    _text(entry, "published", when)
    _text(entry, "updated", when)
    _link(entry, f"{WHATS_NEW}?{area.query}release={release_hash[:12]}", "alternate", "text/html")
    counts = [(kind, len(list(group))) for kind, group in itertools.groupby(rows, key=lambda row: row["kind"])]
    summary = "; ".join(f"{CHANGE_KIND_LABELS.get(kind, kind)}: {n:,}" for kind, n in counts)
    _text(entry, "summary", summary, type="text")
    cap = None if area.area_type == "council" else LINES_SHOWN
    _text(entry, "content", _entry_html(rows, sentences, cap), type="html")


def feed_document(area: FeedArea, changes: list[Row], sentences: dict[int, str]) -> bytes:
    """The Atom feed for `area`; `changes` are the rows that belong to it (all releases, in the
    changes table's order, each with its index as `_row`), `sentences` the wording by index."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    releases: dict[str, list[Row]] = {}
    for row in changes:
        releases.setdefault(row["release_hash"], []).append(row)
    shown = list(releases.values())[:RELEASES_SHOWN]
    latest = shown[0][0]["release"] if shown else "1970-01-01"
    _text(feed, "title", f"What changed: {area.name} (council care accountability data)")
    _text(
        feed,
        "subtitle",
        "Each release of the data: new figures, revised values, floors, commitments and Ofsted judgements.",
    )
    _text(feed, "id", uuid.uuid5(NAMESPACE, f"feed/{area.code}").urn)
    _text(feed, "updated", f"{latest}T00:00:00Z")
    _link(feed, f"{FEEDS_URL}/{area.code}.xml", "self", "application/atom+xml")
    _link(feed, f"{WHATS_NEW}?{area.query}".rstrip("?&"), "alternate", "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Council care accountability dashboard")
    _text(feed, "rights", LICENCE)
    for rows in shown:
        _entry(feed, area, rows, sentences)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_rows(changes: pl.DataFrame, names: Names) -> tuple[list[Row], dict[int, str]]:
    """The changes table as rows (kind and area type as text, index as `_row`) and each row's sentence."""
    text = changes.with_columns(pl.col("kind").cast(pl.String), pl.col("area_type").cast(pl.String))
    rows = list(text.with_row_index("_row").iter_rows(named=True))
    return rows, {row["_row"]: change_sentence(row, names) for row in rows}


def write_feeds(folder: Path, changes: pl.DataFrame, councils: pl.DataFrame, names: Names) -> list[FeedArea]:
    """One `<code>.xml` per area into `folder` (which must exist); returns the areas written."""
    areas = feed_areas(councils)
    rows, sentences = feed_rows(changes, names)
    grouped = RowsByArea(rows)
    for area in areas:
        mine = [rows[i] for i in grouped.for_area(area)]
        (folder / f"{area.code}.xml").write_bytes(feed_document(area, mine, sentences))
    return areas
