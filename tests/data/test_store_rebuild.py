"""Rebuilding the store from the published raw folder reproduces the committed store exactly.

The build (about 5 s of CPU) runs once per session into a temporary folder (`published_rebuild`,
tests/data/conftest.py, shared with test_open_data), and `--check` compares those same built tables
with the committed store (a second build would only repeat the first); skipped, saying why, when the
raw folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from accountability import prepare, store
from accountability.store.changes import CHANGES_FILE
from accountability.store.release import RELEASE_FILE, read_release
from tests.data.conftest import Rebuild

pytestmark = pytest.mark.raw


@pytest.fixture
def rebuilt(published_rebuild: Rebuild) -> Path:
    return published_rebuild.out


def test_the_rebuilt_store_has_exactly_the_committed_tables(rebuilt: Path, store_dir: Path) -> None:
    expected = sorted([*(f"{name}.parquet" for name in store.TABLES), RELEASE_FILE, CHANGES_FILE])
    assert sorted(p.name for p in rebuilt.iterdir()) == expected
    assert sorted(p.name for p in store_dir.iterdir() if not p.name.startswith(".")) == expected


def test_the_rebuilt_store_has_the_committed_content_hash(rebuilt: Path, store_dir: Path) -> None:
    built, committed = read_release(rebuilt), read_release(store_dir)
    assert built is not None and committed is not None
    assert built.content_hash == committed.content_hash


@pytest.mark.parametrize("name", store.TABLES)
def test_every_rebuilt_table_equals_the_committed_one(rebuilt: Path, store_dir: Path, name: str) -> None:
    built = pl.read_parquet(store.table_path(rebuilt, name))
    committed = pl.read_parquet(store.table_path(store_dir, name))
    assert_frame_equal(built, committed, check_exact=True)


def test_check_reports_the_committed_store_up_to_date(
    raw_dir: Path,
    store_dir: Path,
    built_from_published_raw: dict[str, pl.DataFrame],  # the tables built above, not a second build
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert prepare.main(["--raw-dir", str(raw_dir), "--check", "--out", str(store_dir), "--quiet"]) == 0
    assert "store is up to date" in capsys.readouterr().err
