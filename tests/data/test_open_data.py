"""Open data on the real store: releases, the changes table, bulk downloads and feeds.

- The committed store records its changes, and the committed bulk package validates with the
  `frictionless` library; no committed static file is over 5 MB; the feeds parse with feedparser.
- Rebuilding over a copy of the committed store and static folder, from the same raw files, changes
  nothing, byte for byte (the changes table and feeds belong to the release, not to the build).
- Rebuilding with ONE revised raw value (a copy of the raw folder with one cell edited) records
  exactly that revision, old → new, in the changes table, the What's new view and the council's feed.
The build from the published raw files is the session's one (`published_rebuild` in
tests/data/conftest.py, about 5 s of CPU); the revised one runs once per module. Tests needing the raw
folder skip when it is absent.
"""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import feedparser
import polars as pl
import pytest
from frictionless import validate

from accountability import prepare, store
from accountability.change_words import change_sentence
from accountability.prepare.bulk_columns import describe_column
from accountability.settings import ROOT
from accountability.store.changes import read_changes
from accountability.store.published import bulk_catalogue
from accountability.store.release import read_release
from accountability.views.whats_new import WhatsNewFilters, whats_new_view
from tests.data.test_prepare_failures import replace_file, snapshot, symlink_tree

STATIC = ROOT / "static"
BIRMINGHAM, MEASURE, PERIOD = "E08000025", "ascof_admissions_65", "2022-23"
TREND = "ascof-trend/trend_data.csv"
# The published line for Birmingham's 2022-23 care home admissions (65+), and the value we revise it to.
PUBLISHED_CELL = '2022-23,Birmingham,E08000025,2A2,"Long-term support needs of older adults (aged 65 and over) met'
OLD, NEW = "587.2", "612.4"


def test_the_committed_store_records_its_changes(store_dir: Path) -> None:
    changes = read_changes(store_dir)
    release = read_release(store_dir)
    assert release is not None and changes.height > 0
    assert changes["release_hash"][0] == release.content_hash  # the newest rows are this release's


def test_the_committed_bulk_package_validates_with_frictionless() -> None:
    report = validate(STATIC / "data" / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_the_committed_bulk_files_are_from_the_committed_release(store_dir: Path) -> None:
    catalogue = bulk_catalogue(STATIC)
    release = read_release(store_dir)
    assert release is not None and catalogue.available, catalogue.problem
    assert catalogue.matches(release.content_hash)
    assert {f.name for f in catalogue.files} >= {"values", "values-parquet", "all-values", "changes"}


def test_no_committed_static_file_is_over_5_mb() -> None:
    files = [p for p in STATIC.rglob("*") if p.is_file()]
    assert files
    assert [p.name for p in files if p.stat().st_size > 5 * 1024 * 1024] == []


def test_every_column_of_every_bulk_table_is_described(store_dir: Path) -> None:
    undescribed = [
        f"{name}.{column}"
        for name in store.TABLES
        for column in store.read_table(store_dir, name).columns
        if not describe_column(name, column)
    ]
    assert undescribed == []


def test_the_tidy_table_carries_every_value_as_published(store_dir: Path) -> None:
    tidy = pl.read_csv(io.BytesIO(gzip.decompress((STATIC / "data" / "all_values.csv.gz").read_bytes())),
                       infer_schema_length=None)  # fmt: skip
    values, benchmarks = store.read_table(store_dir, "values"), store.read_table(store_dir, "benchmarks")
    assert tidy.height == values.height + benchmarks.height
    cell = values.filter((pl.col("code") == BIRMINGHAM) & (pl.col("measure") == MEASURE) & (pl.col("period") == PERIOD))
    row = tidy.filter(
        (pl.col("area_code") == BIRMINGHAM) & (pl.col("measure") == MEASURE) & (pl.col("period") == PERIOD)
    )
    assert row["value"].to_list() == cell["value"].to_list() == [float(OLD)]
    assert row.select("area_name", "region", "unit").row(0) == ("Birmingham", "West Midlands", "per 100,000")


@pytest.mark.parametrize("code", ["E92000001", "E12000005", BIRMINGHAM])
def test_the_committed_feeds_parse(code: str) -> None:
    parsed = feedparser.parse((STATIC / "feeds" / f"{code}.xml").read_bytes())
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries


# --- rebuilds from the raw folder -------------------------------------------------------------


def _copy_published(root: Path) -> tuple[Path, Path]:
    out, static = root / "store" / "prepared", root / "static"
    shutil.copytree(ROOT / "data" / "prepared", out)
    shutil.copytree(STATIC, static)
    return out, static


@pytest.mark.raw
def test_a_rebuild_from_the_same_raw_files_changes_nothing(
    raw_dir: Path, tmp_path: Path, built_from_published_raw: dict[str, pl.DataFrame]
) -> None:
    # `prepare.main` as a user runs it; its build is the session's one build of these same raw files
    # (tests/data/conftest.py), which test_store_rebuild checks equals the committed store
    out, static = _copy_published(tmp_path)
    before = snapshot(tmp_path)
    assert prepare.main(["--raw-dir", str(raw_dir), "--out", str(out), "--static-dir", str(static), "--quiet"]) == 0
    assert snapshot(tmp_path) == before


@pytest.fixture(scope="module")
def revised(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The committed store and static files, rebuilt from raw files with ONE value revised."""
    root = tmp_path_factory.mktemp("revised")
    raw = symlink_tree(raw_dir, root / "raw")
    text = (raw_dir / TREND).read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.startswith(PUBLISHED_CELL)]
    assert len(lines) == 1 and f",{OLD},Council," in lines[0]
    replace_file(raw, TREND, text.replace(lines[0], lines[0].replace(f",{OLD},", f",{NEW},")).encode("utf-8"))
    out, static = _copy_published(root)
    assert prepare.main(["--raw-dir", str(raw), "--out", str(out), "--static-dir", str(static), "--quiet"]) == 0
    return out, static


@pytest.mark.raw
def test_one_revised_raw_value_is_exactly_one_revision_in_the_changes_table(
    revised: tuple[Path, Path], store_dir: Path
) -> None:
    out, _ = revised
    committed, release = read_release(store_dir), read_release(out)
    assert committed is not None and release is not None and release.changes is not None
    assert release.content_hash != committed.content_hash
    assert release.changes.compared_with == committed.content_hash
    changes = read_changes(out)
    current = changes.filter(pl.col("release_hash") == release.content_hash)
    revisions = current.filter(pl.col("kind").is_in(["revised_value", "added_value", "removed_value"]))
    assert revisions.select("area_type", "area_code", "measure", "period", "old_value", "new_value").rows() == [
        ("council", BIRMINGHAM, MEASURE, PERIOD, float(OLD), float(NEW))
    ]
    assert changes.filter(pl.col("release_hash") == committed.content_hash).height > 0  # history kept


@pytest.mark.raw
def test_the_revision_is_in_the_whats_new_view_and_the_councils_feed(revised: tuple[Path, Path]) -> None:
    out, static = revised
    councils, measures = store.read_table(out, "councils"), store.read_table(out, "measures")
    view = whats_new_view(read_changes(out), councils, measures, WhatsNewFilters(council=BIRMINGHAM))
    label = measures.filter(pl.col("id") == MEASURE)["label"][0]
    expected = f"Birmingham: {label}, {PERIOD}: revised, {OLD} per 100,000 → {NEW} per 100,000."
    sentences = [change_sentence(row, view.names) for row in view.rows.iter_rows(named=True)]
    assert expected in sentences
    parsed = feedparser.parse((static / "feeds" / f"{BIRMINGHAM}.xml").read_bytes())
    assert not parsed.bozo
    assert expected in parsed.entries[0].content[0].value
    assert expected not in "".join(entry.content[0].value for entry in parsed.entries[1:])


@pytest.mark.raw
def test_the_bulk_files_follow_the_revision(revised: tuple[Path, Path]) -> None:
    out, static = revised
    release = read_release(out)
    assert release is not None and bulk_catalogue(static).matches(release.content_hash)
    csv = pl.read_csv(io.BytesIO(gzip.decompress((static / "data" / "values.csv.gz").read_bytes())))
    cell = csv.filter((pl.col("code") == BIRMINGHAM) & (pl.col("measure") == MEASURE) & (pl.col("period") == PERIOD))
    assert cell["value"].to_list() == [float(NEW)]


@pytest.mark.raw
def test_the_revision_is_on_the_whats_new_page_and_in_an_older_links_notice(
    revised: tuple[Path, Path], store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app on the rebuilt store: What's new lists exactly the revised value for Birmingham, and a link
    made on the committed release is told that this value changed."""
    from tests.app.conftest import clear_every_cache, open_page

    out, _ = revised
    committed, release = read_release(store_dir), read_release(out)
    assert committed is not None and release is not None
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(out))
    clear_every_cache()
    try:
        at = open_page("pages/whats_new.py", council=BIRMINGHAM, release=release.short, kind="revised_value")
        assert not at.exception and not at.error
        label = store.read_table(out, "measures").filter(pl.col("id") == MEASURE)["label"][0]
        expected = f"Birmingham: {label}, {PERIOD}: revised, {OLD} per 100,000 → {NEW} per 100,000."
        table = at.dataframe[0].value
        assert list(table["What changed"]) == [expected]
        assert (table["Area code"][0], table["Measure code"][0], table["Period"][0]) == (BIRMINGHAM, MEASURE, PERIOD)
        older = open_page("pages/compare.py", council=BIRMINGHAM, measure=MEASURE, release=committed.short)
        notice = " ".join(w.value for w in older.warning)
        assert "Newer figures exist" in notice and "1 published value for this council and measure" in notice
        assert expected in " ".join(m.value for m in older.markdown)
    finally:
        clear_every_cache()
