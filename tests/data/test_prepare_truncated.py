"""`python -m accountability.prepare` on cut, ragged or missing raw files: it stops, names file and row.

Same set-up as test_prepare_failures.py (a raw folder of symlinks with one file replaced, a copy
of the committed store, the reader of that file put first): the build must return 1, say where on
stderr, and leave the store and the folder around it byte for byte as they were. Before the reader
guard, the first of these published Waltham Forest's 2012-13 re-referral rate as 1.0 instead of
14.6, with status `published`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.data.test_prepare_failures import (
    BIRMINGHAM,
    DFE,
    REFERRALS,
    Build,
    csv_line,
    edited_csv,
    find_line,
    replace_file,
)

raw = pytest.mark.raw
NAME = Path(REFERRALS).name
PROVIDERS_2025 = "ofsted-csc-providers/provider_at_march_2025.csv"
INSPECTIONS = "childrens-social-care/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
LOOKUPS = "lookups/records.json"
# The first reader of each file (as in test_prepare_failures, it is put first: the build stops at the
# bad file whichever order its readers run in, and the readers before it need not run in every test)
FIRST_READER = {
    REFERRALS: DFE,
    PROVIDERS_2025: "children's social care providers (Ofsted)",
    INSPECTIONS: "local authority inspections (Ofsted)",
    LOOKUPS: "councils and reorganisations",
}


@pytest.fixture
def build(tmp_path: Path, raw_dir: Path, store_dir: Path) -> Build:
    return Build(tmp_path, raw_dir, store_dir)


def _last_line(published: bytes) -> tuple[bytes, bytes]:
    """(everything before the last line, the last line without its line break)."""
    body = published.rstrip(b"\n")
    cut = body.rindex(b"\n") + 1
    return body[:cut], body[cut:]


def _line_count(content: bytes) -> int:
    return content.rstrip(b"\n").count(b"\n") + 1


@raw
def test_a_file_cut_inside_a_number_stops_the_build_naming_file_and_row(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    before, last = _last_line(build.published(REFERRALS))
    fields = next(csv.reader([last.decode()]))
    assert fields[9] == "Waltham Forest" and fields[0] == "2013"  # the published last row: 2012-13
    header = next(csv.reader([build.published(REFERRALS).split(b"\n", 1)[0].decode()]))
    at = header.index("rereferral_percent")
    assert fields[at] == "14.6"
    cut = before + csv_line(fields[:at]).encode() + b"," + fields[at][:1].encode()  # "...,1" and no line break
    replace_file(build.raw, REFERRALS, cut)
    err = build.fails(capsys, FIRST_READER[REFERRALS])
    assert f"{NAME}, row {_line_count(cut)}: " in err
    assert "cut short" in err or "incomplete" in err


@raw
def test_a_short_final_row_stops_the_build_even_with_its_line_break(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    before, last = _last_line(build.published(REFERRALS))
    fields = next(csv.reader([last.decode()]))
    short = before + csv_line(fields[:-3]).encode() + b"\n"
    replace_file(build.raw, REFERRALS, short)
    err = build.fails(capsys, FIRST_READER[REFERRALS])
    assert (
        f"{NAME}, row {_line_count(short)}: this row has {len(fields) - 3} fields but the header has {len(fields)}"
        in err
    )


@raw
def test_a_row_with_fewer_fields_than_the_header_stops_the_build(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    found: dict[str, int] = {}

    def drop_a_field(header: list[str], lines: list[str]) -> None:
        where = {"time_period": "2024", "geographic_level": "Local authority", "new_la_code": BIRMINGHAM}
        index = find_line(lines, header, **where)
        fields = next(csv.reader([lines[index]]))
        del fields[header.index("rereferral_percent")]  # the values after it move one column left
        lines[index] = csv_line(fields)
        found["line"] = index + 1

    replace_file(build.raw, REFERRALS, edited_csv(build.published(REFERRALS), drop_a_field))
    err = build.fails(capsys, FIRST_READER[REFERRALS])
    assert f"{NAME}, row {found['line']}: this row has 20 fields but the header has 21" in err


@raw
def test_a_row_with_more_fields_than_the_header_stops_the_build(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    found: dict[str, int] = {}

    def add_a_field(header: list[str], lines: list[str]) -> None:
        where = {"time_period": "2024", "geographic_level": "Local authority", "new_la_code": BIRMINGHAM}
        index = find_line(lines, header, **where)
        lines[index] = lines[index].replace(",Birmingham,", ",Birmingham,extra,", 1)
        found["line"] = index + 1

    replace_file(build.raw, REFERRALS, edited_csv(build.published(REFERRALS), add_a_field))
    err = build.fails(capsys, FIRST_READER[REFERRALS])
    assert f"{NAME}, row {found['line']}: this row has 22 fields but the header has 21" in err


@raw
def test_a_file_without_its_final_line_break_stops_the_build(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    published = build.published(REFERRALS)
    assert published.endswith(b"\n")
    replace_file(build.raw, REFERRALS, published[:-1])
    err = build.fails(capsys, FIRST_READER[REFERRALS])
    assert f"{NAME}, row {_line_count(published)}: the file stops without a final line break" in err


@raw
def test_an_ofsted_file_published_without_a_final_line_break_still_fails_when_cut(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    published = build.published(PROVIDERS_2025)
    assert not published.endswith(b"\n")  # as Ofsted publishes it; the whole file is read (see the store)
    cut = published[: len(published) // 2]
    replace_file(build.raw, PROVIDERS_2025, cut)
    err = build.fails(capsys, FIRST_READER[PROVIDERS_2025])
    assert f"{Path(PROVIDERS_2025).name}, row {_line_count(cut)}: " in err


@raw
@pytest.mark.parametrize(
    "relative",
    [
        REFERRALS,
        PROVIDERS_2025,
        INSPECTIONS,
        LOOKUPS,
    ],
    ids=["dfe-csv", "ofsted-csv", "ods", "json"],
)
def test_a_raw_file_replaced_by_a_folder_stops_the_build_naming_it(
    build: Build, capsys: pytest.CaptureFixture[str], relative: str
) -> None:
    path = build.raw / relative
    path.unlink()
    path.mkdir()
    err = build.fails(capsys, FIRST_READER[relative])
    assert f"{Path(relative).name}: is a folder, not a file" in err
