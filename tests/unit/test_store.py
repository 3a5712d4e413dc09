"""The store is replaced atomically: a failed write leaves the previous store as it was."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability import store


def _tables(marker: int) -> dict[str, pl.DataFrame]:
    return {name: pl.DataFrame({"marker": [marker]}) for name in store.TABLES}


def _markers(store_dir: Path) -> set[int]:
    """Which write each table came from (marker tables are not real tables, so the usability check is off)."""
    return {int(store.read_table(store_dir, name, check=False)["marker"][0]) for name in store.TABLES}


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    store.write_store(_tables(1), tmp_path / "prepared")
    assert _markers(tmp_path / "prepared") == {1}


def test_rewrite_replaces_every_table(tmp_path: Path) -> None:
    store.write_store(_tables(1), tmp_path / "prepared")
    store.write_store(_tables(2), tmp_path / "prepared")
    assert _markers(tmp_path / "prepared") == {2}
    assert [p.name for p in tmp_path.iterdir()] == ["prepared"]  # no staging folders left behind


def test_incomplete_store_is_refused_and_old_store_kept(tmp_path: Path) -> None:
    store.write_store(_tables(1), tmp_path / "prepared")
    partial = _tables(2)
    del partial["values"]
    with pytest.raises(store.StoreError, match="values"):
        store.write_store(partial, tmp_path / "prepared")
    assert _markers(tmp_path / "prepared") == {1}


def test_failure_while_writing_keeps_old_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_store(_tables(1), tmp_path / "prepared")
    calls = {"n": 0}
    real = pl.DataFrame.write_parquet

    def failing(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pl.DataFrame, "write_parquet", failing)
    with pytest.raises(OSError, match="disk full"):
        store.write_store(_tables(2), tmp_path / "prepared")
    assert _markers(tmp_path / "prepared") == {1}
    assert [p.name for p in tmp_path.iterdir()] == ["prepared"]


def test_missing_table_is_reported_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match=r"'values' not found at .*values\.parquet"):
        store.read_table(tmp_path, "values")


def test_corrupt_table_is_reported_not_raised_raw(tmp_path: Path) -> None:
    (tmp_path / "values.parquet").write_bytes(b"not parquet")
    with pytest.raises(store.StoreError, match="could not be read"):
        store.read_table(tmp_path, "values")


def test_differences_is_empty_for_an_identical_store(tmp_path: Path) -> None:
    store.write_store(_tables(1), tmp_path / "prepared")
    assert store.differences(_tables(1), tmp_path / "prepared") == []
    assert store.differences(_tables(3), tmp_path / "prepared")
