"""Both command-line tools, run as a user runs them (a subprocess), on careless or broken input:
each ends with a message naming what is wrong and an exit status, never a traceback, and loses nothing.

Status 2: the command itself is wrong (an empty or unknown code, --all into a file, an --out that is
a folder). Status 1: something around it is (a setting, the store, a file that cannot be written).
Before: every case below printed a Python traceback, and `--council ''` wrote an England report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from accountability.settings import ROOT
from tests.conftest import STORE_DIR
from tests.data.test_prepare_failures import snapshot

REPORT = "python -m accountability.report: error: "


def run(module: str, *args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m <module> args` from `cwd`, with extra environment variables; never raises."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    cmd = [sys.executable, "-m", module, *args]
    return subprocess.run(cmd, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300, check=False)


def no_traceback(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr


# --- python -m accountability.report -----------------------------------------------------------


@pytest.mark.parametrize(("flag", "example"), [("--council", "E08000025"), ("--region", "E12000005")])
def test_an_empty_code_is_an_error_not_an_england_report(tmp_path: Path, flag: str, example: str) -> None:
    out = tmp_path / "report.html"
    done = run("accountability.report", flag, "", "--out", str(out))
    assert done.returncode == 2
    assert f"{REPORT}{flag} needs a code, such as {example}; it was empty" in no_traceback(done)
    assert not out.exists()


def test_all_into_an_existing_file_is_refused(tmp_path: Path) -> None:
    existing = tmp_path / "reports.pdf"
    existing.write_bytes(b"%PDF- keep me")
    done = run("accountability.report", "--all", "--out", str(existing))
    assert done.returncode == 2
    assert f"--all writes one report per council into a folder, but {existing} is a file" in no_traceback(done)
    assert existing.read_bytes() == b"%PDF- keep me"


def test_an_out_inside_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    done = run("accountability.report", "--england", "--out", str(tmp_path / "notes.txt" / "england.pdf"))
    assert done.returncode == 2
    assert f"cannot write {tmp_path / 'notes.txt' / 'england.pdf'}: {tmp_path / 'notes.txt'} is a file" in (
        no_traceback(done)
    )


def test_an_out_that_is_a_folder_is_named(tmp_path: Path) -> None:
    done = run("accountability.report", "--england", "--out", str(tmp_path))
    assert done.returncode == 2
    assert f"--out {tmp_path} is a folder: give a file name ending in .pdf or .html" in no_traceback(done)


def test_an_unwritable_out_is_named_with_status_1(tmp_path: Path) -> None:
    # /proc refuses new files even to root; the report is built first, so this checks the write itself
    done = run("accountability.report", "--england", "--out", "/proc/england.html")
    assert done.returncode == 1
    assert f"{REPORT}cannot write /proc/england.html: " in no_traceback(done)


@pytest.mark.parametrize(
    ("table", "change", "says"),
    [
        ("councils", pl.DataFrame.clear, "table 'councils' is empty"),
        ("values", lambda f: f.rename({"measure": "indicator"}), "table 'values' has no column 'measure'"),
    ],
    ids=["empty-councils", "renamed-column"],
)
def test_a_broken_store_is_named_with_status_1(tmp_path: Path, table: str, change: object, says: str) -> None:
    broken = tmp_path / "prepared"
    shutil.copytree(STORE_DIR, broken)
    change(pl.read_parquet(broken / f"{table}.parquet")).write_parquet(broken / f"{table}.parquet")  # type: ignore[operator]
    done = run("accountability.report", "--england", "--out", str(tmp_path / "e.html"), DASHBOARD_DATA_DIR=str(broken))
    assert done.returncode == 1
    assert f"{REPORT}no report was written: Prepared table '{table}'" in no_traceback(done)
    assert says in done.stderr
    assert not (tmp_path / "e.html").exists()


def test_a_env_that_is_not_utf8_is_named_by_the_report_tool(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"DASHBOARD_DEFAULT_BENCHMARK=r\xe9gion\n")
    done = run("accountability.report", "--england", "--out", str(tmp_path / "e.html"), cwd=tmp_path)
    assert done.returncode == 1
    assert f"`{tmp_path / '.env'}`, line 1 is not UTF-8 text" in no_traceback(done)


# --- python -m accountability.prepare ----------------------------------------------------------


def test_a_env_that_is_not_utf8_is_named_by_prepare(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"# r\xe9glages\n")
    done = run("accountability.prepare", "--quiet", cwd=tmp_path)
    assert done.returncode == 1
    assert f"Not built: The configuration file `{tmp_path / '.env'}`, line 1 is not UTF-8 text" in no_traceback(done)


def test_prepare_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "minutes.docx").write_text("keep me")
    before = snapshot(tmp_path)
    done = run("accountability.prepare", "--quiet", "--out", str(documents), "--raw-dir", str(tmp_path / "raw"))
    assert done.returncode == 1
    assert f"Not built: {documents} holds other files (minutes.docx): it is not a prepared store" in no_traceback(done)
    assert snapshot(tmp_path) == before


def test_prepare_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "prepared").write_text("keep me")
    done = run("accountability.prepare", "--quiet", "--out", str(tmp_path / "prepared"))
    assert done.returncode == 1
    assert "is a file, not a folder" in no_traceback(done)
    assert (tmp_path / "prepared").read_text() == "keep me"


@pytest.mark.raw
def test_prepare_into_an_unwritable_place_is_named(raw_dir: Path) -> None:
    done = run("accountability.prepare", "--quiet", "--out", "/proc/prepared", "--raw-dir", str(raw_dir))
    assert done.returncode == 1
    assert "Not written: cannot use /proc/" in no_traceback(done)
    assert "The store at /proc/prepared was left as it was." in done.stderr


def test_prepare_puts_back_a_store_a_killed_rebuild_left_moved_aside(tmp_path: Path) -> None:
    (tmp_path / ".prepared-old-0badc0de").mkdir()
    (tmp_path / ".prepared-old-0badc0de" / "values.parquet").write_bytes(b"the previous store")
    (tmp_path / ".prepared-new-feedf00d").mkdir()
    done = run("accountability.prepare", "--quiet", "--out", str(tmp_path / "prepared"), "--raw-dir", "/nonexistent")
    assert done.returncode == 1  # the build itself fails here (no raw folder): the store is back anyway
    assert "Tidied up: restored the previous store from .prepared-old-0badc0de" in no_traceback(done)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prepared"]
    assert (tmp_path / "prepared" / "values.parquet").read_bytes() == b"the previous store"
