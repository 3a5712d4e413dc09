"""Shared fixtures: where the raw folder and the committed store are."""

from __future__ import annotations

from pathlib import Path

import pytest

from accountability.settings import ROOT, Settings

RAW_DIR = Settings(_env_file=None).raw_dir
STORE_DIR = ROOT / "data" / "prepared"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The published raw folder; tests that need it are skipped, saying why, when it is absent."""
    if not RAW_DIR.is_dir():
        pytest.skip(f"raw folder {RAW_DIR} is absent: set DASHBOARD_RAW_DIR to run source tests")
    return RAW_DIR


@pytest.fixture(scope="session")
def store_dir() -> Path:
    return STORE_DIR
