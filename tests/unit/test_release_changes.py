"""The changes table a build records: first release, kept on identical content, compared and stacked
on the history otherwise, and never computed from a previous store that fails its checks.

SYNTHETIC stores (tests/unit/release_fixtures.py), written with `prepare.publish.publish`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from accountability.prepare.previous import PreviousStoreError, read_previous
from accountability.prepare.publish import Rules, RulesError, load_rules, publish
from accountability.settings import Settings
from accountability.store import table_path
from accountability.store.changes import CHANGES_FILE, ChangesUnavailable, read_changes
from accountability.store.release import RELEASE_FILE, read_release
from tests.unit.release_fixtures import ALPHA, BETA, COMMITMENT, STANDARD, edited, tables

DAY1, DAY2, DAY3 = dt.date(2026, 1, 5), dt.date(2026, 2, 9), dt.date(2026, 3, 2)
RULES = Rules((STANDARD,), (COMMITMENT,))


def build(out: Path, cells: dict[tuple[str, str], float | None] | None = None, today: dt.date = DAY1) -> None:
    publish(tables(cells), out, RULES, quiet=True, today=today)


def test_a_first_build_records_a_first_release(tmp_path: Path) -> None:
    build(tmp_path / "prepared")
    changes = read_changes(tmp_path / "prepared")
    release = read_release(tmp_path / "prepared")
    assert release is not None and release.changes is not None
    assert changes["kind"].cast(pl.String).to_list() == ["first_release"]
    row = changes.row(0, named=True)
    assert (row["release"], row["release_hash"], row["previous_hash"], row["release_number"]) == (
        DAY1.isoformat(), release.content_hash, None, 1,
    )  # fmt: skip
    assert release.changes.compared_with is None


def test_an_empty_folder_is_a_first_release_too(tmp_path: Path) -> None:
    (tmp_path / "prepared").mkdir()
    build(tmp_path / "prepared")
    assert read_changes(tmp_path / "prepared")["kind"].cast(pl.String).to_list() == ["first_release"]


def test_identical_content_keeps_the_changes_table_and_its_record_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "prepared"
    build(out, today=DAY1)
    build(out, edited(beta_2021_22=41.3), today=DAY2)
    before = {name: (out / name).read_bytes() for name in (CHANGES_FILE, RELEASE_FILE)}
    build(out, edited(beta_2021_22=41.3), today=DAY3)
    assert {name: (out / name).read_bytes() for name in (CHANGES_FILE, RELEASE_FILE)} == before


def test_new_content_is_compared_and_stacked_on_the_history(tmp_path: Path) -> None:
    out = tmp_path / "prepared"
    build(out, today=DAY1)
    first = read_release(out)
    build(out, edited(beta_2021_22=41.3), today=DAY2)
    second, changes = read_release(out), read_changes(out)
    assert first is not None and second is not None and second.changes is not None
    assert second.changes.compared_with == first.content_hash
    newest = changes.filter(pl.col("release_number") == 2)
    assert newest["kind"].cast(pl.String).to_list() == ["revised_value"]
    row = newest.row(0, named=True)
    assert (row["release"], row["previous_hash"], row["area_code"], row["old_value"], row["new_value"]) == (
        DAY2.isoformat(), first.content_hash, BETA, 41.0, 41.3,
    )  # fmt: skip
    assert changes.filter(pl.col("release_number") == 1)["kind"].cast(pl.String).to_list() == ["first_release"]
    assert changes["release_number"].to_list() == sorted(changes["release_number"].to_list(), reverse=True)


def test_a_store_stamped_before_changes_tables_starts_the_history_at_its_release(tmp_path: Path) -> None:
    out = tmp_path / "prepared"
    build(out, today=DAY1)
    stamp = json.loads((out / RELEASE_FILE).read_text())
    del stamp["changes"]
    (out / RELEASE_FILE).write_text(json.dumps(stamp))
    (out / CHANGES_FILE).unlink()
    build(out, today=DAY2)
    changes = read_changes(out)
    assert changes["kind"].cast(pl.String).to_list() == ["first_release"]
    assert changes["release"].to_list() == [DAY1.isoformat()]  # the kept release's own date


# --- a previous store that fails its checks: a named error, and no changes table -----------------


def _restamp(out: Path, name: str) -> None:
    """Make release.json record the table as it now is (so only the damage under test remains)."""
    import hashlib

    stamp = json.loads((out / RELEASE_FILE).read_text())
    stamp["tables"][name] = hashlib.sha256(table_path(out, name).read_bytes()).hexdigest()
    (out / RELEASE_FILE).write_text(json.dumps(stamp))


def missing_table(out: Path) -> None:
    table_path(out, "values").unlink()


def wrong_schema(out: Path) -> None:
    pl.read_parquet(table_path(out, "values")).drop("value").write_parquet(table_path(out, "values"))
    _restamp(out, "values")


def wrong_type(out: Path) -> None:
    frame = pl.read_parquet(table_path(out, "values")).with_columns(pl.col("value").cast(pl.String))
    frame.write_parquet(table_path(out, "values"))
    _restamp(out, "values")


def corrupt_parquet(out: Path) -> None:
    table_path(out, "inspections").write_bytes(b"PAR1 this is not parquet PAR1")
    _restamp(out, "inspections")


def malformed_release(out: Path) -> None:
    (out / RELEASE_FILE).write_text('{"content_hash": "abc"')


def no_release(out: Path) -> None:
    (out / RELEASE_FILE).unlink()


def altered_table(out: Path) -> None:
    pl.read_parquet(table_path(out, "measures")).write_parquet(table_path(out, "measures"), compression="gzip")


def corrupt_changes(out: Path) -> None:
    (out / CHANGES_FILE).write_bytes(b"not the changes table")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing table": (missing_table, "table 'values'"),
    "wrong schema": (wrong_schema, "table 'values' has no column 'value'"),
    "wrong type": (wrong_type, "table 'values', column 'value' is String, expected Float64"),
    "corrupt parquet": (corrupt_parquet, "'inspections'"),
    "malformed release.json": (malformed_release, "not a valid release stamp"),
    "no release.json": (no_release, "partial"),
    "altered table": (altered_table, "measures.parquet is not the file release.json records"),
    "corrupt changes table": (corrupt_changes, "changes.parquet"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_bad_previous_store_is_named(tmp_path: Path, damage: str) -> None:
    out = tmp_path / "prepared"
    build(out)
    do, named = DAMAGE[damage]
    do(out)
    with pytest.raises(PreviousStoreError, match="previous store") as caught:
        read_previous(out, tables())
    assert named in str(caught.value)


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_bad_previous_store_gives_no_changes_table_and_says_why(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "prepared"
    build(out)
    do, named = DAMAGE[damage]
    do(out)
    build(out, edited(alpha_2020_21=61.5), today=DAY2)
    assert not (out / CHANGES_FILE).exists()
    release = read_release(out)
    assert release is not None and release.changes is not None
    assert named in (release.changes.unavailable or "")
    with pytest.raises(ChangesUnavailable, match="no changes were recorded"):
        read_changes(out)
    err = capsys.readouterr().err
    assert "WARNING: no changes table" in err and named in err


def test_after_a_release_without_changes_the_next_one_is_compared_again(tmp_path: Path) -> None:
    out = tmp_path / "prepared"
    build(out)
    corrupt_changes(out)
    build(out, edited(alpha_2020_21=61.5), today=DAY2)  # no changes table: previous store was damaged
    build(out, edited(alpha_2020_21=61.5), today=DAY3)  # same content: still none, never invented
    assert not (out / CHANGES_FILE).exists()
    build(out, edited(alpha_2020_21=61.7), today=DAY3)
    changes = read_changes(out)
    assert changes.height == 1
    row = changes.row(0, named=True)
    assert (row["kind"], row["area_code"], row["old_value"], row["new_value"]) == ("revised_value", ALPHA, 61.5, 61.7)


def test_a_bad_standards_file_is_a_rules_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "standards.toml"
    bad.write_text("[[standard]]\nmeasure = 1\n")
    with pytest.raises(RulesError, match=r"standards\.toml"):
        load_rules(Settings(_env_file=None, standards_file=bad), tables()["measures"])
