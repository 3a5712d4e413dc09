"""The store a view reads: derived results shared per version, and a version that follows the content."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from accountability.store import read_table, write_store
from accountability.store.schema import TABLES
from accountability.store.version import stat_signature, store_version
from accountability.views.store import Store, dict_memo, from_frames
from tests.conftest import STORE_DIR


def test_derive_computes_once_per_arguments_with_a_memo_and_every_time_without() -> None:
    calls: list[str] = []

    def doubled(store: Store, measure: str) -> int:
        calls.append(measure)
        return store.values.height * 2

    frames = {"values": pl.DataFrame({"code": ["A", "B"]})}
    shared = from_frames("v1", memo=dict_memo(), **frames)
    assert [shared.derive(doubled, "m"), shared.derive(doubled, "m"), shared.derive(doubled, "n")] == [4, 4, 4]
    assert calls == ["m", "n"]
    plain = from_frames("v1", **frames)
    plain.derive(doubled, "m")
    plain.derive(doubled, "m")
    assert calls == ["m", "n", "m", "m"]


def test_a_memo_never_hands_one_versions_result_to_another() -> None:
    def height(store: Store) -> int:
        return store.values.height

    memo = dict_memo()
    first = from_frames("v1", memo=memo, values=pl.DataFrame({"code": ["A"]}))
    second = from_frames("v2", memo=memo, values=pl.DataFrame({"code": ["A", "B"]}))
    assert (first.derive(height), second.derive(height)) == (1, 2)


def test_a_table_the_store_lacks_is_named() -> None:
    with pytest.raises(KeyError, match="inspections"):
        _ = from_frames("v1", values=pl.DataFrame()).inspections


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return {name: read_table(STORE_DIR, name) for name in TABLES}


def test_one_revised_middle_value_gives_a_new_version(tables: dict[str, pl.DataFrame], tmp_path: Path) -> None:
    store = tmp_path / "prepared"
    write_store(tables, store)
    before, signature = store_version(store), stat_signature(store)
    values = tables["values"]
    middle = values.height // 2
    revised = values.with_columns(
        value=pl.when(pl.int_range(pl.len()) == middle).then(pl.col("value") + 1).otherwise(pl.col("value"))
    )
    assert revised.height == values.height  # the same row count: a row count would not notice
    write_store({**tables, "values": revised}, store)
    assert store_version(store) != before and stat_signature(store) != signature


def test_a_store_without_a_stamp_is_versioned_by_its_files(tmp_path: Path) -> None:
    store = tmp_path / "copied"
    store.mkdir()
    shutil.copy(STORE_DIR / "councils.parquet", store)
    first = store_version(store)
    (store / "councils.parquet").write_bytes((STORE_DIR / "measures.parquet").read_bytes())
    assert store_version(store) != first


def test_an_edited_standards_file_gives_a_new_version(tmp_path: Path) -> None:
    standards = tmp_path / "standards.toml"
    standards.write_text("# none\n")
    first = store_version(STORE_DIR, [standards])
    standards.write_text("# still none, but edited\n")
    assert store_version(STORE_DIR, [standards]) != first
    assert store_version(STORE_DIR, [tmp_path / "absent.toml"]).endswith("-missing")
