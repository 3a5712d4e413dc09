"""A store that is empty, cut down or renamed is an error naming table and column; a killed rebuild is
put right by the next one, and the previous store is never lost; --out never replaces other files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.prepare.validate import check_tables_usable
from accountability.settings import ROOT
from accountability.store.checks import table_problems
from accountability.store.schema import COLUMNS, MIN_ROWS
from accountability.store.swap import recover


def _table(name: str, rows: int) -> pl.DataFrame:
    return pl.DataFrame(
        {column: [None] * rows for column in COLUMNS[name]}, schema=dict.fromkeys(COLUMNS[name], pl.String)
    )


def test_a_complete_table_has_no_problems_and_may_have_more_columns() -> None:
    assert table_problems("values", _table("values", 5_000).with_columns(extra=pl.lit(1))) == []


def test_a_missing_column_is_named_with_its_table() -> None:
    assert table_problems("councils", _table("councils", 150).drop("region")) == [
        "table 'councils' has no column 'region'"
    ]


def test_a_renamed_column_is_suggested() -> None:
    frame = _table("values", 5_000).rename({"value": "values"})
    assert table_problems("values", frame) == ["table 'values' has no column 'value' (found 'values': was it renamed?)"]


@pytest.mark.parametrize(("name", "rows", "says"), [("councils", 0, "is empty"), ("values", 5, "has only 5 rows")])
def test_an_empty_or_implausibly_small_table_is_a_problem(name: str, rows: int, says: str) -> None:
    problems = table_problems(name, _table(name, rows))
    assert problems == [
        f"table '{name}' {says}; a store built from the published files has at least {MIN_ROWS[name]:,}"
    ]


def test_every_other_table_must_not_be_empty() -> None:
    assert table_problems("inspections", _table("inspections", 0))[0].startswith("table 'inspections' is empty")
    assert table_problems("inspections", _table("inspections", 1)) == []


def test_read_table_refuses_an_unusable_table_naming_table_and_column(tmp_path: Path) -> None:
    _table("councils", 150).drop("name").write_parquet(tmp_path / "councils.parquet")
    with pytest.raises(
        store.StoreError, match=r"Prepared table 'councils' at .* cannot be used: table 'councils' has no"
    ):
        store.read_table(tmp_path, "councils")
    assert store.read_table(tmp_path, "councils", check=False).height == 150


def test_prepare_runs_the_same_check_before_replacing_the_store() -> None:
    tables = {name: _table(name, MIN_ROWS.get(name, 1)) for name in store.TABLES}
    assert check_tables_usable(tables).passed
    tables["councils"] = tables["councils"].clear()
    check = check_tables_usable(tables)
    assert not check.passed and check.message.startswith("table 'councils' is empty")


# --- replacing the store ----------------------------------------------------------------------


def _marker_tables(marker: int) -> dict[str, pl.DataFrame]:
    return {name: pl.DataFrame({"marker": [marker]}) for name in store.TABLES}


def _marker(store_dir: Path) -> int:
    return int(store.read_table(store_dir, "values", check=False)["marker"][0])


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_as_out_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "prepared"
    target.write_text("not a store")
    with pytest.raises(store.StoreError, match="is a file, not a folder"):
        store.write_store(_marker_tables(1), target)
    assert target.read_text() == "not a store"


def test_a_folder_of_other_files_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "Documents"
    target.mkdir()
    (target / "minutes.docx").write_text("keep me")
    with pytest.raises(store.StoreError, match=r"holds other files \(minutes\.docx\): it is not a prepared store"):
        store.write_store(_marker_tables(1), target)
    assert _names(target) == ["minutes.docx"]
    assert _names(tmp_path) == ["Documents"]


def test_an_empty_folder_or_an_existing_store_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "prepared").mkdir()
    store.write_store(_marker_tables(1), tmp_path / "prepared")
    store.write_store(_marker_tables(2), tmp_path / "prepared")
    assert _marker(tmp_path / "prepared") == 2


def _leftover(parent: Path, name: str, marker: int) -> Path:
    folder = parent / name
    folder.mkdir()
    pl.DataFrame({"marker": [marker]}).write_parquet(folder / "values.parquet")
    return folder


def test_a_swap_stopped_between_its_renames_gets_the_old_store_back(tmp_path: Path) -> None:
    _leftover(tmp_path, ".prepared-old-aaaa1111", 1)
    _leftover(tmp_path, ".prepared-new-bbbb2222", 2)
    done = recover(tmp_path / "prepared")
    assert _marker(tmp_path / "prepared") == 1
    assert _names(tmp_path) == ["prepared"]
    assert (
        done[0] == "restored the previous store from .prepared-old-aaaa1111 (a rebuild was stopped while swapping it)"
    )


def test_leftovers_beside_a_store_are_removed_and_the_store_kept(tmp_path: Path) -> None:
    _leftover(tmp_path, "prepared", 3)
    _leftover(tmp_path, ".prepared-old-aaaa1111", 1)
    _leftover(tmp_path, ".prepared-new-bbbb2222", 2)
    _leftover(tmp_path, ".other-new-cccc3333", 4)  # another store's folder is not ours to remove
    assert len(recover(tmp_path / "prepared")) == 2
    assert _marker(tmp_path / "prepared") == 3
    assert _names(tmp_path) == [".other-new-cccc3333", "prepared"]


def test_nothing_to_recover_changes_nothing(tmp_path: Path) -> None:
    assert recover(tmp_path / "prepared") == []
    assert _names(tmp_path) == []


# A real death: os._exit skips every `finally`, as kill -9 does. STOP says which call ends the process.
KILLED = """
import os, sys
from pathlib import Path
import polars as pl
from accountability import store
out, what, after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
calls = [0]
def dying(real):
    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] == after:
            os._exit(137)
        return result
    return wrapped
if what == "rename":
    os.replace = dying(os.replace)
else:
    pl.DataFrame.write_parquet = dying(pl.DataFrame.write_parquet)
store.write_store({name: pl.DataFrame({"marker": [2]}) for name in store.TABLES}, out)
"""


@pytest.mark.parametrize(
    ("what", "after", "left", "kept"),
    [
        ("write", 3, {".prepared-new-"}, 1),  # killed while writing the new tables
        ("rename", 1, {".prepared-new-", ".prepared-old-"}, None),  # between the two renames: no store!
        ("rename", 2, {".prepared-old-"}, 2),  # after the swap, before the old store was deleted
    ],
    ids=["while-writing", "between-renames", "before-deleting-the-old"],
)
def test_a_rebuild_killed_at_any_point_is_put_right_by_the_next_one(
    tmp_path: Path, what: str, after: int, left: set[str], kept: int | None
) -> None:
    out = tmp_path / "prepared"
    store.write_store(_marker_tables(1), out)
    run = subprocess.run([sys.executable, "-c", KILLED, str(out), what, str(after)], cwd=ROOT, check=False)
    assert run.returncode == 137
    assert {name[:14] for name in _names(tmp_path) if name.startswith(".")} == left
    if kept is None:
        assert not out.exists()  # the window the next run must repair
    else:
        assert _marker(out) == kept
    store.write_store(_marker_tables(3), out)  # the next rebuild tidies up first, then writes
    assert _names(tmp_path) == ["prepared"]
    assert _marker(out) == 3


def test_every_table_of_the_store_has_its_required_columns_listed() -> None:
    # a new table must say which columns it needs, or a renamed column in it would go unnoticed
    assert store.TABLES
    assert [name for name in store.TABLES if name not in COLUMNS] == []
