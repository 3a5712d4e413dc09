"""Bulk downloads: every prepared table as gzip-compressed CSV and as Parquet, one tidy table of every
value with labels, and the data package that describes them (`prepare.datapackage`).

Sizes. No file may exceed 5 MB (a limit for the repository, which commits them). Uncompressed, the
values table is 5.2 MB as CSV and the tidy table about 10.5 MB, and both grow with every year, so
every CSV is gzip-compressed (`<table>.csv.gz`, about 8 times smaller): one rule for every table,
so a file's address never changes when it grows. Spreadsheets, pandas, R and Polars read .csv.gz
directly or after one double-click. Parquet files are copied byte for byte from the store.
`write_bulk` raises BulkError if any file still exceeds the limit, rather than publish it.

Determinism: CSV rows follow the store's sort order, gzip is written with no timestamp, so identical
tables give identical files. This module reads no raw files and writes only into the folder given.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import polars as pl

from accountability.labels import STATUS_LABELS
from accountability.prepare import datapackage
from accountability.store import read_table, table_path
from accountability.store.changes import CHANGES_FILE, file_sha256
from accountability.store.published import PACKAGE_FILE
from accountability.store.release import Release
from accountability.store.schema import KEYS, TABLES

SIZE_LIMIT = 5 * 1024 * 1024
# Level 3: within 20% of level 9's size at a seventh of its time (the whole prepare has a 5 s budget).
GZIP_LEVEL = 3
TIDY = "all_values"
AREA_ORDER = {"england": 0, "region": 1, "council_type": 2, "council": 3}


class BulkError(RuntimeError):
    """A bulk file could not be written within the limits; the message names it."""


def csv_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become '; '-separated text (CSV holds no nested values)."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    return frame.with_columns(pl.col(name).list.join("; ") for name in lists)


def write_csv_gz(frame: pl.DataFrame, path: Path) -> None:
    data = csv_ready(frame).write_csv().encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def tidy_values(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Every value (councils and published comparators) with names, labels, unit, interval, status, source."""
    councils = tables["councils"].select("code", pl.col("name").alias("area_name"), "region_code", "region")
    measures = tables["measures"].select(
        pl.col("id").alias("measure"),
        pl.col("label").alias("measure_label"),
        pl.col("domain").cast(pl.String),
        "unit",
        pl.col("polarity").cast(pl.String),
        "official",
        "publisher",
        "source",
        "licence",
    )
    value_cols = ["period", "measure", "value", "ci_low", "ci_high", "ci_method", "status", "source_file", "source_row"]
    council_rows = (
        tables["values"]
        .join(councils, on="code", how="left")
        .rename({"code": "area_code"})
        .select(pl.lit("council").alias("area_type"), "area_code", "area_name", "region_code", "region", *value_cols)
    )
    comparators = tables["benchmarks"].select(
        pl.col("area_type").cast(pl.String),
        "area_code",
        "area_name",
        pl.when(pl.col("area_type") == "region").then(pl.col("area_code")).alias("region_code"),
        pl.when(pl.col("area_type") == "region").then(pl.col("area_name")).alias("region"),
        *value_cols,
    )
    rows = pl.concat([comparators, council_rows], how="vertical_relaxed").join(measures, on="measure", how="left")
    order = pl.col("area_type").replace_strict(AREA_ORDER, return_dtype=pl.Int8)
    status = pl.col("status").cast(pl.String)
    return rows.with_columns(
        pl.col("ci_method").cast(pl.String), status, status_label=status.replace_strict(STATUS_LABELS, default=None)
    ).sort(order, "area_code", "measure", "period").select(
        "area_type", "area_code", "area_name", "region_code", "region", "measure", "measure_label", "domain",
        "unit", "polarity", "period", "value", "ci_low", "ci_high", "ci_method", "status", "status_label",
        "official", "publisher", "source", "licence", "source_file", "source_row",
    )  # fmt: skip


def write_bulk(folder: Path, store_dir: Path, release: Release, changes: pl.DataFrame | None) -> list[dict[str, Any]]:
    """Write every bulk file and datapackage.json into `folder` (which must exist); returns the resources."""
    # the store being exported was checked before it was written (prepare.validate); no second check
    tables = {name: read_table(store_dir, name, check=False) for name in TABLES}
    resources: list[dict[str, Any]] = []
    for name in TABLES:
        resources += _both(folder, name, tables[name], KEYS.get(name, []), table_path(store_dir, name))
    if changes is not None:
        resources += _both(folder, "changes", changes, [], store_dir / CHANGES_FILE)
    tidy = tidy_values(tables)
    write_csv_gz(tidy, folder / f"{TIDY}.csv.gz")
    resources.append(
        datapackage.csv_resource(TIDY, f"{TIDY}.csv.gz", tidy, ["area_type", "area_code", "measure", "period"])
    )
    descriptor = datapackage.package(release, resources)
    (folder / PACKAGE_FILE).write_text(json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _check_sizes(folder)
    return resources


def _both(folder: Path, name: str, frame: pl.DataFrame, keys: list[str], parquet: Path) -> list[dict[str, Any]]:
    """The table as .csv.gz (with its schema) and as the store's own Parquet file."""
    write_csv_gz(frame, folder / f"{name}.csv.gz")
    shutil.copyfile(parquet, folder / f"{name}.parquet")
    copy = folder / f"{name}.parquet"
    return [
        datapackage.csv_resource(name, f"{name}.csv.gz", frame, keys),
        datapackage.file_resource(name, f"{name}.parquet", copy.stat().st_size, file_sha256(copy)),
    ]


def _check_sizes(folder: Path) -> None:
    too_big = [
        f"{p.name} ({p.stat().st_size:,} bytes)" for p in sorted(folder.iterdir()) if p.stat().st_size > SIZE_LIMIT
    ]
    if too_big:
        raise BulkError(f"bulk files over the {SIZE_LIMIT:,}-byte limit: {', '.join(too_big)}; split them")
