"""The notice a link made on an earlier release gets, on releases published from hand-built tables
(test data, not real figures): newer figures said, the link's council and measure narrowed to, the
release before the oldest recorded one placed, an unknown release and a missing table said plainly."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from accountability.change_words import Names
from accountability.prepare.publish import Rules, publish
from accountability.store.changes import read_changes
from accountability.views.release_notice import release_notice
from tests.unit.release_fixtures import (
    ALPHA,
    BETA,
    COMMITMENT,
    GAMMA,
    MEASURE,
    STANDARD,
    councils,
    edited,
    measures,
    tables,
)

RULES = Rules((STANDARD,), (COMMITMENT,))
NAMES = Names.from_tables(councils(), measures())


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """Three releases: first; Beta 2021-22 revised 41.0 -> 41.3; a new period for Alpha and Gamma."""
    out = tmp_path_factory.mktemp("notice") / "prepared"
    publish(tables(), out, RULES, quiet=True, today=dt.date(2026, 1, 5))
    publish(tables(edited(beta_2021_22=41.3)), out, RULES, quiet=True, today=dt.date(2026, 2, 9))
    cells = {**edited(beta_2021_22=41.3), (ALPHA, "2023-24"): 63.0, (GAMMA, "2023-24"): 40.0}
    publish(tables(cells), out, RULES, quiet=True, today=dt.date(2026, 3, 2))
    return read_changes(out)


def _hashes(changes: pl.DataFrame) -> dict[str, str]:
    rows = changes.unique("release").select("release", "release_hash").rows()
    return dict(rows)


def test_a_link_from_the_first_release_is_told_of_the_revision(changes: pl.DataFrame) -> None:
    hashes = _hashes(changes)
    current = (hashes["2026-03-02"], "2026-03-02")
    notice = release_notice(changes, hashes["2026-01-05"][:12], current, NAMES, BETA, MEASURE)
    assert notice.status == "outdated" and notice.newer == 2
    assert notice.changed == 1
    assert "revised" in notice.sentences[0] and "41.0" in notice.sentences[0] and "41.3" in notice.sentences[0]
    assert notice.current_release == hashes["2026-03-02"][:12] and notice.current_date == "2026-03-02"


def test_the_council_in_the_link_narrows_what_is_listed(changes: pl.DataFrame) -> None:
    hashes = _hashes(changes)
    current = (hashes["2026-03-02"], "2026-03-02")
    notice = release_notice(changes, hashes["2026-01-05"][:12], current, NAMES, ALPHA, MEASURE)
    assert notice.status == "outdated"
    assert all("Beta" not in s for s in notice.sentences)
    everyone = release_notice(changes, hashes["2026-01-05"][:12], current, NAMES)
    assert everyone.changed > notice.changed


def test_the_current_release_and_no_release_need_no_notice(changes: pl.DataFrame) -> None:
    hashes = _hashes(changes)
    current = (hashes["2026-03-02"], "2026-03-02")
    assert release_notice(changes, hashes["2026-03-02"][:12], current, NAMES).status == "none"
    assert release_notice(changes, None, current, NAMES).status == "none"


def test_an_unknown_release_and_a_missing_table_are_said(changes: pl.DataFrame) -> None:
    current = (_hashes(changes)["2026-03-02"], "2026-03-02")
    assert release_notice(changes, "f" * 12, current, NAMES).status == "unknown"
    assert release_notice(changes, "abc", current, NAMES).status == "unknown"  # too short to place
    missing = release_notice("changes table not found", "f" * 12, current, NAMES)
    assert missing.status == "unavailable" and missing.reason == "changes table not found"


def test_the_release_before_the_oldest_recorded_is_placed(changes: pl.DataFrame) -> None:
    """Only the last release is kept: a link made on the one it was compared with still gets a notice."""
    hashes = _hashes(changes)
    newest = changes.filter(pl.col("release") == "2026-03-02")
    previous = newest["previous_hash"][0]
    notice = release_notice(newest, previous[:12], (hashes["2026-03-02"], "2026-03-02"), NAMES)
    assert notice.status == "outdated" and notice.newer == 1
    assert notice.changed == 0  # that release added a period; no value shown before was revised
