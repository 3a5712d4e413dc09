"""Rebuilding the store from the published raw folder reproduces the committed store exactly.

The build (about 2 s) runs once per module into a temporary folder, and `--check` compares those same
built tables with the committed store (a second build would only repeat the first); skipped, saying
why, when the raw folder is absent.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from accountability import prepare, store
from accountability.store.changes import CHANGES_FILE
from accountability.store.release import RELEASE_FILE, read_release

build_module = importlib.import_module("accountability.prepare.build")  # the module (the package exports a function)
cli_module = importlib.import_module("accountability.prepare.cli")  # the command line calls `build` by this name

pytestmark = pytest.mark.raw


@pytest.fixture(scope="module")
def rebuild(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, pl.DataFrame]]:
    """`python -m accountability.prepare` into a temporary folder, and the tables its build returned."""
    out = tmp_path_factory.mktemp("rebuild") / "prepared"
    built: dict[str, pl.DataFrame] = {}
    real = build_module.build

    def recorded(raw: Path, *, quiet: bool = False) -> dict[str, pl.DataFrame]:
        built.update(real(raw, quiet=quiet))
        return built

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_module, "build", recorded)
        assert prepare.main(["--raw-dir", str(raw_dir), "--out", str(out), "--quiet"]) == 0
    assert set(built) == set(store.TABLES)
    return out, built


@pytest.fixture(scope="module")
def rebuilt(rebuild: tuple[Path, dict[str, pl.DataFrame]]) -> Path:
    return rebuild[0]


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
    rebuild: tuple[Path, dict[str, pl.DataFrame]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_module, "build", lambda raw, *, quiet=False: rebuild[1])  # the tables built above
    assert prepare.main(["--raw-dir", str(raw_dir), "--check", "--out", str(store_dir), "--quiet"]) == 0
    assert "store is up to date" in capsys.readouterr().err
