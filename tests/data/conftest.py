"""Fixtures shared by the data tests: ONE rebuild of the store from the published raw folder a session.

`published_rebuild` runs `python -m accountability.prepare` from the published raw folder into a fresh
temporary folder, exactly as a user would, and records the tables its build returned. The build is the
expensive part (about 5 s of CPU), and it is the same build for every test that rebuilds from the same
raw files: test_store_rebuild compares the written store with the committed one, and test_open_data
publishes the recorded tables over a copy of the committed store and static folder. Tests that change
a raw file still run their own build (they need one from their own raw folder).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from accountability import prepare, store

BUILD_MODULE = importlib.import_module("accountability.prepare.build")  # the module (the package exports a function)
CLI_MODULE = importlib.import_module("accountability.prepare.cli")  # the command line calls `build` by this name


@dataclass(frozen=True)
class Rebuild:
    """Where the rebuilt store was written, and the tables the build returned (the same objects)."""

    out: Path
    tables: dict[str, pl.DataFrame]


@pytest.fixture(scope="session")
def published_rebuild(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Rebuild:
    """`python -m accountability.prepare` into a fresh temporary folder, and the tables its build returned."""
    out = tmp_path_factory.mktemp("rebuild") / "prepared"
    built: dict[str, pl.DataFrame] = {}
    real = BUILD_MODULE.build

    def recorded(raw: Path, *, quiet: bool = False) -> dict[str, pl.DataFrame]:
        built.update(real(raw, quiet=quiet))
        return built

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CLI_MODULE, "build", recorded)
        assert prepare.main(["--raw-dir", str(raw_dir), "--out", str(out), "--quiet"]) == 0
    assert set(built) == set(store.TABLES)
    return Rebuild(out, built)


@pytest.fixture
def built_from_published_raw(
    raw_dir: Path, published_rebuild: Rebuild, monkeypatch: pytest.MonkeyPatch
) -> dict[str, pl.DataFrame]:
    """Within one test, `prepare.main`'s build returns the tables built above from the published raw
    folder; it refuses any other raw folder (a test that edits a raw file needs its own build)."""

    def same_build(raw: Path, *, quiet: bool = False) -> dict[str, pl.DataFrame]:
        assert raw == raw_dir.resolve(), f"the shared build is of {raw_dir}, not of {raw}"
        return published_rebuild.tables

    monkeypatch.setattr(CLI_MODULE, "build", same_build)
    return published_rebuild.tables


# Tests that run the whole build from a raw folder (about 5 s of CPU each), and frictionless's
# validation of the bulk package the build publishes (9 s): the pipeline's own tests. They run in the
# full suite and in CI; the fast loop (`-m "not pipeline and not exhaustive"`, README "Tests") leaves them out and keeps
# every unit test and every contract test of the store the app reads.
PIPELINE_FIXTURES = frozenset({"published_rebuild", "built_from_published_raw", "revised"})
PIPELINE_FILES = frozenset({"test_cli_errors.py", "test_prepare_failures.py"})
PIPELINE_TESTS = frozenset({"test_the_committed_bulk_package_validates_with_frictionless"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & PIPELINE_FIXTURES or item.path.name in PIPELINE_FILES or item.name in PIPELINE_TESTS:
            item.add_marker(pytest.mark.pipeline)
