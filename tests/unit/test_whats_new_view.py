"""The What's new view, revisions for a council, and changes since an older release.

On SYNTHETIC releases built by `prepare.publish` (tests/unit/release_fixtures.py).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from accountability.change_words import change_sentence
from accountability.prepare.publish import Rules, publish
from accountability.store.changes import CHANGES_SCHEMA, read_changes
from accountability.views.whats_new import WhatsNewFilters, changes_since, revisions_for, whats_new_view
from tests.unit.release_fixtures import (
    ALPHA,
    BETA,
    COMMITMENT,
    GAMMA,
    MEASURE,
    NORTH_EAST,
    NORTH_WEST,
    STANDARD,
    councils,
    edited,
    measures,
    tables,
)

RULES = Rules((STANDARD,), (COMMITMENT,))


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """Three releases: first; Beta revised; a new period with Gamma below the floor."""
    out = tmp_path_factory.mktemp("whats_new") / "prepared"
    publish(tables(), out, RULES, quiet=True, today=dt.date(2026, 1, 5))
    publish(tables(edited(beta_2021_22=41.3)), out, RULES, quiet=True, today=dt.date(2026, 2, 9))
    cells = {**edited(beta_2021_22=41.3), (ALPHA, "2023-24"): 63.0, (GAMMA, "2023-24"): 40.0}
    publish(tables(cells), out, RULES, quiet=True, today=dt.date(2026, 3, 2))
    return read_changes(out)


def test_the_newest_release_is_shown_by_default(changes: pl.DataFrame) -> None:
    shown = whats_new_view(changes, councils(), measures())
    assert shown.release == "2026-03-02" and shown.is_current and not shown.first_release
    assert shown.releases["release"].to_list() == ["2026-03-02", "2026-02-09", "2026-01-05"]
    kinds = set(shown.rows["kind"].cast(pl.String))
    assert {"new_period", "newly_below"} <= kinds
    assert shown.counts["n"].sum() == shown.rows.height > 0


def test_an_older_release_by_its_short_hash(changes: pl.DataFrame) -> None:
    older = whats_new_view(changes, councils(), measures())
    second = older.releases["release_hash"][1]
    shown = whats_new_view(changes, councils(), measures(), WhatsNewFilters(release=second[:12]))
    assert shown.release == "2026-02-09" and not shown.is_current
    sentences = [change_sentence(r, shown.names) for r in shown.rows.iter_rows(named=True)]
    assert "Beta: Label of test_pct, 2021-22: revised, 41.0% → 41.3%." in sentences


def test_a_council_filter_keeps_its_own_changes_and_national_ones(changes: pl.DataFrame) -> None:
    shown = whats_new_view(changes, councils(), measures(), WhatsNewFilters(council=GAMMA))
    own = shown.rows.filter(pl.col("area_type") == "council")
    assert set(own["area_code"]) == {GAMMA}
    assert "new_period" in set(shown.rows["kind"].cast(pl.String))
    assert set(shown.rows["area_name"]) <= {"Gamma", "England"}


def test_a_region_filter_keeps_its_councils(changes: pl.DataFrame) -> None:
    north_west = whats_new_view(changes, councils(), measures(), WhatsNewFilters(region=NORTH_WEST))
    assert GAMMA in set(north_west.rows["area_code"])
    north_east = whats_new_view(changes, councils(), measures(), WhatsNewFilters(region=NORTH_EAST))
    assert GAMMA not in set(north_east.rows["area_code"])
    assert set(north_east.rows.filter(pl.col("area_type") == "council")["area_code"]) <= {ALPHA, BETA}


def test_measure_and_kind_filters(changes: pl.DataFrame) -> None:
    shown = whats_new_view(changes, councils(), measures(), WhatsNewFilters(kinds=("newly_below",)))
    assert shown.rows["kind"].cast(pl.String).to_list() == ["newly_below"]
    assert shown.rows["measure_label"].to_list() == [f"Label of {MEASURE}"]
    assert whats_new_view(changes, councils(), measures(), WhatsNewFilters(measure=MEASURE)).rows.height > 0


def test_unknown_filter_values_are_reported_not_ignored(changes: pl.DataFrame) -> None:
    filters = WhatsNewFilters(release="0123456789ab", council="E06999999", measure="nope", kinds=("bogus",))
    shown = whats_new_view(changes, councils(), measures(), filters)
    assert set(shown.unknown) == {
        ("release", "0123456789ab"), ("council", "E06999999"), ("measure", "nope"), ("kind", "bogus"),
    }  # fmt: skip
    assert shown.release == "2026-03-02"  # the newest is shown, and the page says why


def test_a_short_prefix_is_not_a_release(changes: pl.DataFrame) -> None:
    prefix = changes["release_hash"][0][:6]
    assert ("release", prefix) in whats_new_view(
        changes, councils(), measures(), WhatsNewFilters(release=prefix)
    ).unknown


def test_an_empty_changes_table_gives_an_empty_view() -> None:
    shown = whats_new_view(pl.DataFrame(schema=CHANGES_SCHEMA), councils(), measures())
    assert shown.empty and shown.release is None and shown.releases.height == 0


def test_revisions_for_a_council_in_the_current_release(changes: pl.DataFrame) -> None:
    assert revisions_for(changes, BETA).height == 0  # Beta's revision was in the previous release
    older = changes.filter(pl.col("release") != "2026-03-02")
    revised = revisions_for(older, BETA)
    assert revised.rows() == [(MEASURE, "2021-22", 41.0, 41.3, "published", "published")]
    assert revisions_for(older, BETA, measures=("other",)).height == 0


def test_changes_since_an_older_release(changes: pl.DataFrame) -> None:
    first = changes.filter(pl.col("release") == "2026-01-05")["release_hash"][0]
    since = changes_since(changes, first[:12])
    assert since.known and since.outdated
    assert since.newer["release"].to_list() == ["2026-03-02", "2026-02-09"]
    revised = since.changes.filter(pl.col("kind") == "revised_value")
    assert revised.select("area_code", "period", "old_value", "new_value").rows() == [(BETA, "2021-22", 41.0, 41.3)]
    current = changes["release_hash"][0]
    assert not changes_since(changes, current).outdated
    assert not changes_since(changes, "f" * 64).known
