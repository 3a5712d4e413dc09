"""The bulk download on a SYNTHETIC store: the tidy table, the data package, and what the app is told
exists (`store.published.bulk_catalogue`), including when files are missing or damaged."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from accountability.prepare.bulk import tidy_values
from accountability.prepare.publish import Rules, publish
from accountability.store import TABLES
from accountability.store.published import bulk_catalogue
from tests.unit.release_fixtures import BETA, COMMITMENT, MEASURE, STANDARD, tables


@pytest.fixture(scope="module")
def static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bulk")
    publish(tables(), root / "prepared", Rules((STANDARD,), (COMMITMENT,)), root / "static", quiet=True,
            today=dt.date(2026, 1, 5))  # fmt: skip
    return root / "static"


def test_the_tidy_table_has_names_labels_units_intervals_and_status() -> None:
    tidy = tidy_values(tables())
    row = tidy.filter((pl.col("area_code") == BETA) & (pl.col("period") == "2021-22")).row(0, named=True)
    assert (row["area_name"], row["region"], row["measure_label"], row["unit"]) == (
        "Beta", "North East", f"Label of {MEASURE}", "%",
    )  # fmt: skip
    assert (row["value"], row["ci_low"], row["ci_high"], row["status"], row["status_label"]) == (
        41.0, 39.0, 43.0, "published", "Published",
    )  # fmt: skip
    england = tidy.filter(pl.col("area_type") == "england")
    assert england.height == 3 and england["area_name"].unique().to_list() == ["England"]
    assert tidy["area_type"].to_list()[:3] == ["england"] * 3  # England first, then councils by code


def test_every_table_is_written_as_csv_gz_and_parquet(static: Path) -> None:
    names = {p.name for p in (static / "data").iterdir()}
    for table in [*TABLES, "changes"]:
        assert {f"{table}.csv.gz", f"{table}.parquet"} <= names
    assert {"all_values.csv.gz", "datapackage.json"} <= names
    csv = pl.read_csv(io.BytesIO(gzip.decompress((static / "data" / "values.csv.gz").read_bytes())))
    assert csv.height == tables()["values"].height


def test_the_catalogue_lists_files_with_addresses_and_the_release(static: Path) -> None:
    catalogue = bulk_catalogue(static)
    assert catalogue.available and catalogue.problem is None
    assert catalogue.released == "2026-01-05" and catalogue.content_hash
    tidy = next(f for f in catalogue.files if f.name == "all-values")
    assert tidy.url == "/app/static/data/all_values.csv.gz" and tidy.bytes and tidy.format == "csv"
    assert catalogue.package_url == "/app/static/data/datapackage.json"


def test_no_static_folder_is_said_plainly(tmp_path: Path) -> None:
    catalogue = bulk_catalogue(tmp_path / "static")
    assert not catalogue.available and catalogue.files == () and catalogue.feeds == ()
    assert catalogue.problem is not None and "have not been generated" in catalogue.problem


def test_a_missing_file_is_named(static: Path, tmp_path: Path) -> None:
    copy = tmp_path / "static"
    shutil.copytree(static, copy)
    (copy / "data" / "values.csv.gz").unlink()
    catalogue = bulk_catalogue(copy)
    assert not catalogue.available
    assert catalogue.problem == "Some bulk files are missing: values."


def test_a_damaged_package_description_is_reported_not_raised(static: Path, tmp_path: Path) -> None:
    copy = tmp_path / "static"
    shutil.copytree(static, copy)
    (copy / "data" / "datapackage.json").write_text("{not json")
    (copy / "feeds" / "index.json").write_text(json.dumps([{"code": "x"}]))
    catalogue = bulk_catalogue(copy)
    assert catalogue.problem is not None
    assert "datapackage.json) cannot be read" in catalogue.problem and "index.json) cannot be read" in catalogue.problem


def test_a_file_over_the_limit_is_refused_and_the_previous_files_kept(
    static: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accountability.prepare import bulk

    copy = tmp_path / "static"
    shutil.copytree(static, copy)
    before = {p.name: p.read_bytes() for p in (copy / "data").iterdir()}
    monkeypatch.setattr(bulk, "SIZE_LIMIT", 1000)
    with pytest.raises(bulk.BulkError, match=r"over the 1,000-byte limit: .*values\.parquet \([\d,]+ bytes\)"):
        publish(tables(), tmp_path / "prepared", Rules((STANDARD,), (COMMITMENT,)), copy, quiet=True)
    assert {p.name: p.read_bytes() for p in (copy / "data").iterdir()} == before
    assert [p.name for p in copy.iterdir() if p.name.startswith(".")] == []  # no staging folder left
