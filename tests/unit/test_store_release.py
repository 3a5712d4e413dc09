"""The release stamp: a content hash that follows every value, and a date that moves only with content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.store.release import RELEASE_FILE, ReleaseError, read_release

DAY1, DAY2 = dt.date(2026, 1, 5), dt.date(2026, 2, 9)


def _tables(middle: float) -> dict[str, pl.DataFrame]:
    """Every table with three rows; the middle row of `values` carries `middle`."""
    return {name: pl.DataFrame({"x": [1.0, middle if name == "values" else 2.0, 3.0]}) for name in store.TABLES}


def test_identical_content_keeps_its_release_date(tmp_path: Path) -> None:
    first = store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY1)
    second = store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY2)
    assert second.content_hash == first.content_hash
    assert second.released == DAY1.isoformat()


def test_one_revised_middle_row_changes_the_hash_and_the_date(tmp_path: Path) -> None:
    first = store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY1)
    second = store.write_store(_tables(2.5), tmp_path / "prepared", today=DAY2)
    assert second.content_hash != first.content_hash
    assert second.released == DAY2.isoformat()
    assert dict(second.table_hashes)["values"] != dict(first.table_hashes)["values"]
    assert dict(second.table_hashes)["councils"] == dict(first.table_hashes)["councils"]


def test_the_stamp_on_disk_is_the_returned_release(tmp_path: Path) -> None:
    written = store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY1)
    assert read_release(tmp_path / "prepared") == written
    assert len(written.short) == 12


def test_a_store_without_a_stamp_has_no_release(tmp_path: Path) -> None:
    assert read_release(tmp_path) is None


@pytest.mark.parametrize("text", ["not json", "{}", '{"content_hash": "x", "released": "2026-01-01"}'])
def test_a_malformed_stamp_is_named(tmp_path: Path, text: str) -> None:
    (tmp_path / RELEASE_FILE).write_text(text)
    with pytest.raises(ReleaseError, match=RELEASE_FILE):
        read_release(tmp_path)


def test_a_malformed_previous_stamp_does_not_stop_a_rebuild(tmp_path: Path) -> None:
    store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY1)
    (tmp_path / "prepared" / RELEASE_FILE).write_text("garbage")
    assert store.write_store(_tables(2.0), tmp_path / "prepared", today=DAY2).released == DAY2.isoformat()
