"""Atom feeds per council, region and England: parsed with feedparser, as a feed reader would.

SYNTHETIC releases (tests/unit/release_fixtures.py) built by `prepare.publish`, feeds written by
`prepare.static.write_static` into a temporary static folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import feedparser
import pytest

from accountability.prepare import feeds
from accountability.prepare.publish import Rules, publish
from accountability.store.published import bulk_catalogue
from tests.unit.release_fixtures import (
    ALPHA,
    BETA,
    COMMITMENT,
    DELTA,
    GAMMA,
    NORTH_EAST,
    NORTH_WEST,
    STANDARD,
    edited,
    tables,
)

RULES = Rules((STANDARD,), (COMMITMENT,))
ENGLAND = "E92000001"


def releases(root: Path) -> Path:
    """Two releases (first; Beta's 2021-22 revised from 41.0 to 41.3) with feeds in root/static."""
    out, static = root / "prepared", root / "static"
    publish(tables(), out, RULES, static, quiet=True, today=dt.date(2026, 1, 5))
    publish(tables(edited(beta_2021_22=41.3)), out, RULES, static, quiet=True, today=dt.date(2026, 2, 9))
    return static / "feeds"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return releases(tmp_path_factory.mktemp("feeds"))


def parse(folder: Path, code: str) -> Any:
    parsed = feedparser.parse((folder / f"{code}.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_one_feed_for_england_each_region_and_each_council(folder: Path) -> None:
    written = sorted(p.stem for p in folder.glob("*.xml"))
    assert written == sorted([ENGLAND, NORTH_EAST, NORTH_WEST, ALPHA, BETA, GAMMA, DELTA])


def test_the_council_feed_names_exactly_the_revised_value(folder: Path) -> None:
    parsed = parse(folder, BETA)
    assert [e.title for e in parsed.entries] == [
        "Beta: 1 change in the data release of 9 February 2026",
        "Beta: 1 change in the data release of 5 January 2026",
    ]
    newest = parsed.entries[0]
    assert "Beta: Label of test_pct, 2021-22: revised, 41.0% → 41.3%." in newest.content[0].value
    assert newest.updated == "2026-02-09T00:00:00Z"
    assert newest.link.startswith(f"/whats_new?council={BETA}&release=")


def test_other_councils_get_only_the_national_entry(folder: Path) -> None:
    parsed = parse(folder, ALPHA)
    assert len(parsed.entries) == 1
    assert "First release" in parsed.entries[0].content[0].value


def test_the_region_and_england_feeds_carry_their_councils_changes(folder: Path) -> None:
    assert "41.0% → 41.3%" in parse(folder, NORTH_EAST).entries[0].content[0].value
    assert len(parse(folder, NORTH_WEST).entries) == 1  # Beta is in the North East
    assert "41.0% → 41.3%" in parse(folder, ENGLAND).entries[0].content[0].value


def test_feeds_are_identical_when_rebuilt_from_the_same_data(tmp_path: Path, folder: Path) -> None:
    again = releases(tmp_path)
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in folder.iterdir()}


def test_entry_ids_are_stable_and_distinct(folder: Path) -> None:
    ids = [e.id for code in (BETA, ALPHA, ENGLAND) for e in parse(folder, code).entries]
    assert len(ids) == len(set(ids)) == 5  # Beta 2, Alpha 1, England 2
    assert all(i.startswith("urn:uuid:") for i in ids)


def test_long_entries_for_england_point_to_the_changes_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(feeds, "LINES_SHOWN", 1)
    out, static = tmp_path / "prepared", tmp_path / "static"
    publish(tables(), out, RULES, static, quiet=True, today=dt.date(2026, 1, 5))
    publish(tables(edited(beta_2021_22=41.3, gamma_2020_21=71.0)), out, RULES, static, quiet=True)
    england = parse(static / "feeds", ENGLAND).entries[0].content[0].value
    assert "… and 1 more" in england and "changes.csv.gz" in england
    assert "… and" not in parse(static / "feeds", GAMMA).entries[0].content[0].value  # councils: all of them


def test_the_catalogue_lists_every_feed(folder: Path) -> None:
    catalogue = bulk_catalogue(folder.parent)
    assert {f.code for f in catalogue.feeds} == {ENGLAND, NORTH_EAST, NORTH_WEST, ALPHA, BETA, GAMMA, DELTA}
    link = catalogue.feed_for(BETA)
    assert link is not None and link.url == f"/app/static/feeds/{BETA}.xml" and link.area_type == "council"


def test_each_feed_selects_what_the_whats_new_filter_selects() -> None:
    """The feeds group rows by area for speed; they must choose exactly `store.changes.area_expr`'s rows."""
    import polars as pl

    from accountability.prepare.feeds import RowsByArea, feed_areas
    from accountability.store.changes import area_expr, conform_changes
    from tests.unit.release_fixtures import councils

    kinds = ["new_period", "revised_value", "revised_value", "revised_value", "status_changed", "newly_below"]
    where = [("england", ENGLAND), ("council", BETA), ("region", NORTH_WEST), ("england", ENGLAND),
             ("region", NORTH_EAST), ("council", GAMMA)]  # fmt: skip
    frame = conform_changes(
        pl.DataFrame({"kind": kinds, "area_type": [a for a, _ in where], "area_code": [c for _, c in where],
                      "release_number": [1] * 6})
    )  # fmt: skip
    text = frame.with_columns(pl.col("kind").cast(pl.String), pl.col("area_type").cast(pl.String))
    grouped = RowsByArea(list(text.with_row_index("_row").iter_rows(named=True)))
    indexed = frame.with_row_index("_row")
    areas = feed_areas(councils())
    assert len(areas) == 7
    for area in areas:
        expected = indexed.filter(area_expr(area.area_type, area.code, area.members))["_row"].to_list()
        assert grouped.for_area(area) == expected, area.code
