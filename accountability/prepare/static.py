"""The files the app serves as they are (Streamlit static serving): bulk downloads and Atom feeds.

`write_static` regenerates `<static>/data/` (`prepare.bulk`) and `<static>/feeds/` (`prepare.feeds`)
from the store just written, each in a staging folder swapped in whole, so a failure leaves the
previous files in place. Streamlit serves `static/` next to dashboard.py at /app/static/, so the
default folder is the repository's `static/`, used when the build replaces the app's own store
(`default_static_dir`); a build into another folder writes no static files unless asked to.
When the release has no changes table (a bad previous store), the feeds are left as they were:
they describe earlier releases truthfully, and nothing can be said about this one.
"""

from __future__ import annotations

import json
import shutil
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from accountability.change_words import Names
from accountability.methods.commitments import Commitment
from accountability.prepare.bulk import write_bulk
from accountability.prepare.feeds import FEEDS_URL, write_feeds
from accountability.settings import ROOT
from accountability.store import read_table, replace_folder
from accountability.store.published import DATA_FOLDER, FEED_INDEX, FEEDS_FOLDER, bulk_catalogue
from accountability.store.release import Release, ReleaseError, read_release

STATIC_DIR = ROOT / "static"


def default_static_dir(out: Path, app_store: Path) -> Path | None:
    """The app's static/ folder when `out` is the app's store, else None (write no static files)."""
    return STATIC_DIR if out.resolve() == app_store.resolve() else None


def stale(store_dir: Path, static_dir: Path | None) -> list[str]:
    """For `--check`: what is wrong with the static files of the store at `store_dir` (empty: fine)."""
    if static_dir is None:
        return []
    try:
        release = read_release(store_dir)
    except ReleaseError as exc:
        return [str(exc)]
    catalogue = bulk_catalogue(static_dir)
    if release is None or not catalogue.available:
        return [f"bulk files in {static_dir}: {catalogue.problem or 'the store has no release'}"]
    if not catalogue.matches(release.content_hash):
        return [f"bulk files in {static_dir} are from release {str(catalogue.content_hash)[:12]}, not {release.short}"]
    return []


def names_for(councils: pl.DataFrame, measures: pl.DataFrame, commitments: Sequence[Commitment]) -> Names:
    """What the feeds call councils, regions, England, measures and commitments."""
    areas = {"E92000001": "England"}
    areas |= dict(councils.select("region_code", "region").unique("region_code", keep="first").iter_rows())
    areas |= dict(councils.select("code", "name").iter_rows())
    labels = {m: (label, unit) for m, label, unit in measures.select("id", "label", "unit").iter_rows()}
    return Names(areas=areas, measures=labels, commitments={c.id: c.title for c in commitments})


def write_static(
    store_dir: Path,
    static_dir: Path,
    release: Release,
    changes: pl.DataFrame | None,
    commitments: Sequence[Commitment],
) -> None:
    """Regenerate the bulk files and (with a changes table) the feeds under `static_dir`."""
    static_dir.mkdir(parents=True, exist_ok=True)
    _replace(static_dir / DATA_FOLDER, lambda folder: write_bulk(folder, store_dir, release, changes))
    if changes is None:
        sys.stderr.write(f"feeds in {static_dir / FEEDS_FOLDER} left as they were: this release has no changes table\n")
        return
    # the store being published was checked before it was written (prepare.validate); no second check
    councils, measures = read_table(store_dir, "councils", check=False), read_table(store_dir, "measures", check=False)
    names = names_for(councils, measures, commitments)
    _replace(static_dir / FEEDS_FOLDER, lambda folder: _feeds(folder, changes, councils, names))


def _feeds(folder: Path, changes: pl.DataFrame, councils: pl.DataFrame, names: Names) -> None:
    areas = write_feeds(folder, changes, councils, names)
    index = [
        {"area_type": a.area_type, "code": a.code, "name": a.name, "url": f"{FEEDS_URL}/{a.code}.xml"} for a in areas
    ]
    (folder / FEED_INDEX).write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _replace(target: Path, fill: Callable[[Path], object]) -> None:
    """Fill a staging folder beside `target`, then swap it in; on failure remove it and re-raise."""
    staging = target.parent / f".{target.name}-new-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        fill(staging)
        replace_folder(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
