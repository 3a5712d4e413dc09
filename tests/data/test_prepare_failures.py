"""`python -m accountability.prepare` on malformed raw files: it stops, says where, and writes nothing.

Each test builds a raw folder of symlinks to the published files, replaces one file with a corrupted
copy, and runs `prepare.main` with `--out` pointing at a copy of the committed store. The build must
return 1, name the file (and the column and 1-based line where there is one) on stderr, and leave
every file of the store, and the folder around it, byte for byte as it was. The reader of the
corrupted file is put first (every reader is still in the build): the build stops at the bad file
whichever order its readers run in, and the readers before it need not be run again in every test.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from accountability import prepare, store

BUILD = importlib.import_module("accountability.prepare.build")  # the module (the package exports a function)
ASCOF, DFE = "adult social care outcomes", "children's social care (DfE)"

TREND = "ascof-trend/trend_data.csv"
REFERRALS = "childrens-social-care/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
REPEAT_PLANS = "childrens-social-care/d3_cpps_subsequent_plan_2013_to_2025.csv"
BIRMINGHAM = "E08000025"
LEFT_AS_IT_WAS = "was left as it was"

raw = pytest.mark.raw


# --- helpers --------------------------------------------------------------------------------


def symlink_tree(source: Path, target: Path) -> Path:
    """Real folders, one symlink per published file: a writable stand-in for the raw folder."""
    for folder, _, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        here.mkdir(parents=True, exist_ok=True)
        for name in files:
            (here / name).symlink_to(Path(folder) / name)
    return target


def replace_file(raw_copy: Path, relative: str, content: bytes) -> Path:
    """Swap one symlink for a real file (never writing through the link into the published folder)."""
    path = raw_copy / relative
    assert path.is_symlink()
    path.unlink()
    path.write_bytes(content)
    return path


def csv_line(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def find_line(lines: list[str], header: list[str], **where: str) -> int:
    """Index in `lines` of the first data line whose fields equal `where` (column=value)."""
    for index, line in enumerate(lines[1:], start=1):
        row = dict(zip(header, next(csv.reader([line])), strict=True)) if line else {}
        if all(row.get(column) == value for column, value in where.items()):
            return index
    raise AssertionError(f"no line with {where}")


def edited_csv(published: bytes, edit: Callable[[list[str], list[str]], None]) -> bytes:
    """The published CSV with `edit(header, lines)` applied to its lines (one record per line)."""
    text = published.decode("utf-8")
    lines = text.split("\n")
    header = next(csv.reader([lines[0]]))
    edit(header, lines)
    return "\n".join(lines).encode("utf-8")


def set_cell(lines: list[str], header: list[str], index: int, column: str, value: str) -> None:
    fields = next(csv.reader([lines[index]]))
    fields[header.index(column)] = value
    lines[index] = csv_line(fields)


def line_number_of(path: Path, text: str) -> int:
    """1-based line of the only line of the written file that contains `text`."""
    lines = path.read_bytes().decode("utf-8").split("\n")
    hits = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(hits) == 1, f"{text!r} on lines {hits}"
    return hits[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`: sha256 for files, 'folder' for folders."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


class Build:
    """A raw folder of symlinks and a copy of the committed store, in one test's tmp folder."""

    def __init__(self, tmp_path: Path, raw_dir: Path | None, store_dir: Path) -> None:
        self.raw = symlink_tree(raw_dir, tmp_path / "raw") if raw_dir else tmp_path / "no-raw-folder-here"
        self.around = tmp_path / "store"
        self.out = self.around / "prepared"
        shutil.copytree(store_dir, self.out)
        self.before = snapshot(self.around)
        assert {f"prepared/{name}.parquet" for name in store.TABLES} <= set(self.before)

    def published(self, relative: str) -> bytes:
        return (self.raw / relative).read_bytes()

    def fails(self, capsys: pytest.CaptureFixture[str], first: str | None = None) -> str:
        """Run the build (with the reader whose label starts with `first` first); assert it fails and
        leaves the store untouched; return stderr."""
        readers = list(BUILD.READERS)
        if first is not None:
            ahead = [r for r in readers if r[0].startswith(first)]
            assert len(ahead) == 1, first
            readers = ahead + [r for r in readers if r not in ahead]
            assert len(readers) == len(BUILD.READERS)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(BUILD, "READERS", readers)
            code = prepare.main(["--raw-dir", str(self.raw), "--out", str(self.out), "--quiet"])
        err = capsys.readouterr().err
        assert code == 1, err
        assert snapshot(self.around) == self.before, "the store (or the folder around it) changed"
        assert "Not built:" in err
        assert LEFT_AS_IT_WAS in err
        return err


@pytest.fixture
def build(tmp_path: Path, raw_dir: Path, store_dir: Path) -> Build:
    return Build(tmp_path, raw_dir, store_dir)


# --- failures -------------------------------------------------------------------------------


@raw
def test_a_missing_required_column_stops_the_build_naming_file_and_column(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop_value_column(header: list[str], lines: list[str]) -> None:
        at = header.index("Measure_Value")
        for i, line in enumerate(lines):
            if line:
                fields = next(csv.reader([line]))
                lines[i] = csv_line(fields[:at] + fields[at + 1 :])

    replace_file(build.raw, TREND, edited_csv(build.published(TREND), drop_value_column))
    err = build.fails(capsys, ASCOF)
    assert "trend_data.csv, column 'Measure_Value': required column is missing" in err


@raw
def test_a_renamed_column_stops_the_build_and_suggests_the_new_name(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    published = build.published(REFERRALS)
    renamed = published.replace(b",rereferral_percent,", b",rereferrals_percent,", 1)
    assert renamed != published
    replace_file(build.raw, REFERRALS, renamed)
    err = build.fails(capsys, DFE)
    assert f"{Path(REFERRALS).name}, column 'rereferral_percent': required column is missing" in err
    assert "found 'rereferrals_percent'" in err


@raw
def test_text_in_a_numeric_column_stops_the_build_naming_column_and_line(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    def not_a_number(header: list[str], lines: list[str]) -> None:
        where = {"Year": "2022-23", "ONS Code": BIRMINGHAM, "Measure Group": "1A", "Geographical Level": "Council"}
        set_cell(lines, header, find_line(lines, header, **where), "Measure_Value", "n/a")

    path = replace_file(build.raw, TREND, edited_csv(build.published(TREND), not_a_number))
    line = line_number_of(path, ",n/a,")
    err = build.fails(capsys, ASCOF)
    assert f"trend_data.csv, column 'Measure_Value', row {line}: 'n/a' is not a number" in err


@raw
def test_a_suppression_marker_becomes_a_missing_value_with_status_suppressed_not_zero(
    build: Build, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def suppress(header: list[str], lines: list[str]) -> None:
        where = {"time_period": "2024", "geographic_level": "Local authority", "new_la_code": BIRMINGHAM}
        set_cell(lines, header, find_line(lines, header, **where), "rereferral_percent", "[c]")

    path = replace_file(build.raw, REFERRALS, edited_csv(build.published(REFERRALS), suppress))
    line = line_number_of(path, ",[c],")
    out = tmp_path / "separate" / "prepared"
    assert prepare.main(["--raw-dir", str(build.raw), "--out", str(out), "--quiet"]) == 0, capsys.readouterr().err
    assert snapshot(build.around) == build.before

    values = store.read_table(out, "values")
    cell = values.filter(
        pl.col("code") == BIRMINGHAM, pl.col("period") == "2023-24", pl.col("measure") == "rereferral_pct"
    ).row(0, named=True)
    assert cell["value"] is None
    assert cell["status"] == "suppressed"
    assert cell["source_row"] == line
    assert cell["ci_method"] == "none"
    assert cell["ci_low"] is None
    assert cell["ci_high"] is None
    committed = store.read_table(build.out, "values")
    assert values.height == committed.height
    assert values.filter(pl.col("value").is_null()).height == committed.filter(pl.col("value").is_null()).height + 1


@raw
def test_an_empty_file_stops_the_build_naming_the_file(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    replace_file(build.raw, REPEAT_PLANS, b"")
    err = build.fails(capsys, DFE)
    assert f"{Path(REPEAT_PLANS).name}: the file is empty" in err


def _as_utf16(published: bytes) -> tuple[bytes, int]:
    return published.decode("utf-8").encode("utf-16"), 1


def _with_invalid_bytes(published: bytes) -> tuple[bytes, int]:
    at = published.index(b"Birmingham")
    return published[:at] + b"Birm\xff\xfe" + published[at + 4 :], published.count(b"\n", 0, at) + 1


@raw
@pytest.mark.parametrize("corrupt", [_as_utf16, _with_invalid_bytes], ids=["utf-16", "invalid-utf-8-bytes"])
def test_a_file_in_the_wrong_encoding_stops_the_build_naming_file_and_line(
    build: Build, capsys: pytest.CaptureFixture[str], corrupt: Callable[[bytes], tuple[bytes, int]]
) -> None:
    content, line = corrupt(build.published(REFERRALS))
    path = replace_file(build.raw, REFERRALS, content)
    assert path.read_bytes().count(b"\n", 0, content.index(b"\xff")) + 1 == line  # line of the first bad byte
    err = build.fails(capsys, DFE)
    assert f"{Path(REFERRALS).name}, row {line}: not valid utf8 text" in err


@raw
def test_a_duplicated_council_row_stops_the_build_naming_both_lines(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    def duplicate(header: list[str], lines: list[str]) -> None:
        where = {"time_period": "2024", "geographic_level": "Local authority", "new_la_code": BIRMINGHAM}
        index = find_line(lines, header, **where)
        lines.insert(index + 1, lines[index])

    path = replace_file(build.raw, REFERRALS, edited_csv(build.published(REFERRALS), duplicate))
    lines = path.read_bytes().decode("utf-8").split("\n")
    twins = [n for n, line in enumerate(lines, start=1) if line.startswith("2024,") and f",{BIRMINGHAM}," in line]
    assert len(twins) == 2
    assert twins[1] == twins[0] + 1
    err = build.fails(capsys, DFE)
    assert f"{Path(REFERRALS).name}, row {twins[0]}: duplicate key" in err
    assert f"code={BIRMINGHAM}" in err
    assert f"on rows {twins}" in err


@raw
def test_an_unknown_council_code_stops_the_build_naming_file_column_and_line(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    def unknown_code(header: list[str], lines: list[str]) -> None:
        where = {"time_period": "2024", "geographic_level": "Local authority", "new_la_code": BIRMINGHAM}
        set_cell(lines, header, find_line(lines, header, **where), "new_la_code", "E06999999")

    path = replace_file(build.raw, REFERRALS, edited_csv(build.published(REFERRALS), unknown_code))
    line = line_number_of(path, ",E06999999,")
    err = build.fails(capsys, DFE)
    name = Path(REFERRALS).name
    assert f"{name}, column 'code', row {line}" in err or f"{name}, column 'new_la_code', row {line}" in err
    assert "unknown council code 'E06999999'" in err


def test_a_missing_raw_folder_stops_the_build_with_a_clear_message(
    tmp_path: Path, store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = Build(tmp_path, None, store_dir)
    assert not build.raw.exists()
    err = build.fails(capsys)
    assert f"raw folder {build.raw.resolve()} not found" in err
    assert "DASHBOARD_RAW_DIR" in err
