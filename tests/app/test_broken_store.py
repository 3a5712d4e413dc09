"""A broken store is a message naming the table and column, never an all-clear or the generic "Sorry".

Before: an empty councils table read as "0 councils ... 0 on the watchlist"; an empty values table
or a renamed column gave "Sorry ... a problem in the dashboard itself".
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from tests.app.conftest import open_page
from tests.conftest import STORE_DIR

GENERIC = "a problem in the dashboard itself"


def _broken_copy(tmp_path: Path, table: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> Path:
    copy = tmp_path / "prepared"
    shutil.copytree(STORE_DIR, copy)
    change(pl.read_parquet(copy / f"{table}.parquet")).write_parquet(copy / f"{table}.parquet")
    return copy


@pytest.mark.parametrize(
    ("page", "table", "change", "says"),
    [
        (None, "councils", pl.DataFrame.clear, "table 'councils' is empty"),
        ("pages/floors.py", "values", pl.DataFrame.clear, "table 'values' is empty"),
        ("pages/floors.py", "values", lambda f: f.head(40), "table 'values' has only 40 rows"),
        ("pages/compare.py", "values", lambda f: f.rename({"value": "val"}), "table 'values' has no column 'value'"),
        ("pages/home.py", "councils", lambda f: f.drop("region"), "table 'councils' has no column 'region'"),
    ],
    ids=["empty-councils", "empty-values", "forty-values", "renamed-value", "missing-region"],
)
def test_a_broken_table_is_named_on_the_page(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    page: str | None,
    table: str,
    change: Callable[[pl.DataFrame], pl.DataFrame],
    says: str,
) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(_broken_copy(tmp_path, table, change)))
    at = open_page(page)
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any(says in e for e in errors), errors
    assert not any(GENERIC in e for e in errors), errors
    assert not any("0 councils" in m.value for m in at.markdown)
