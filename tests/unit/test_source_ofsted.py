"""Ofsted LA inspection outcomes reader on tiny hand-built .ods files in the published layout."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl
import pytest

from accountability.sources import ofsted
from accountability.sources.base import SourceFileError

GRADES = ["Overall effectiveness",
          "The impact of leaders on social work practice with children and families",
          "The experiences and progress of children who need help and protection",
          "The experiences and progress of children in care",
          "The experiences and progress of care leavers"]  # fmt: skip
HISTORY_HEADER = ["Web link", "Local authority area code", "Local authority name", "Local authority status",
                  "Ofsted region", "Inspection date", "Publication date", "Inspection type", *GRADES]  # fmt: skip
LATEST_HEADER = ["Web link", "Local authority area code", "Local authority name", "Ofsted region",
                 "Inspection date", "Publication date", *GRADES]  # fmt: skip
RI = "Requires improvement to be good"
Row = list[str | None]


def _history(code: str, name: str, start: str, published: str, kind: str, grades: Sequence[str | None]) -> Row:
    return ["Ofsted Local Authority Webpage", code, name, "Current", "North East", start, published, kind, *grades]


def _latest(code: str, name: str, start: str, published: str, grades: Sequence[str | None]) -> Row:
    return ["Ofsted Local Authority Webpage", code, name, "North East", start, published, *grades]


OLD = ["Inadequate", "Inadequate", "Inadequate", "Inadequate", None]  # before 2023: no care leavers grade
NEW = [RI, "Good", RI, "Good", "Outstanding"]
HISTORY: list[Row] = [
    _history("E06000002", "Middlesbrough", "2019-11-25T00:00:00", "2020-01-24T00:00:00", "ILACS Standard Inspection",
             OLD),
    _history("E06000002", "Middlesbrough", "2023-03-13T00:00:00", "2023-05-25T00:00:00", "ILACS Standard Inspection",
             NEW),
    _history("E06000001", "Hartlepool", "2024-03-18T00:00:00", "2024-05-16T00:00:00", "ILACS Short Inspection",
             ["Outstanding"] * 5),
]  # fmt: skip
LATEST: list[Row] = [
    _latest("E06000001", "Hartlepool", "2024-03-18T00:00:00", "2024-05-16T00:00:00", ["Outstanding"] * 5),
    _latest("E06000002", "Middlesbrough", "2023-03-13T00:00:00", "2023-05-25T00:00:00", NEW),
]


def _table(name: str, header: list[str], rows: list[Row]) -> str:
    """A sheet as published: a title on row 1, a note on row 2, the header on row 3."""
    cells: list[Sequence[str | None]] = [[f"{name} title"], ["This worksheet contains one table."], header, *rows]

    def cell(value: str | None) -> str:
        if value is None:
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in cells)
    return f'<table:table table:name="{name}">{body}</table:table>'


def write_ods(path: Path, sheets: dict[str, tuple[list[str], list[Row]]]) -> None:
    tables = "".join(_table(name, header, rows) for name, (header, rows) in sheets.items())
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')  # fmt: skip
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")  # fmt: skip
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def _write(raw: Path, history: list[Row] = HISTORY, latest: list[Row] = LATEST) -> Path:
    sheets = {
        "Cover": (["Local authority inspection outcomes"], []),
        ofsted.LATEST: (LATEST_HEADER, latest),
        ofsted.HISTORY: (HISTORY_HEADER, history),
    }
    write_ods(raw / ofsted.FOLDER / ofsted.FILE, sheets)
    return raw


def test_one_row_per_inspection_with_latest_flag(tmp_path: Path) -> None:
    out = ofsted.read(_write(tmp_path))
    table = out.tables["inspections"]
    assert table.schema == pl.Schema(ofsted.INSPECTIONS_SCHEMA)
    assert table["code"].to_list() == ["E06000001", "E06000002", "E06000002"]  # sorted by code, then date
    middlesbrough = table.filter(pl.col("code") == "E06000002").sort("inspection_start")
    assert middlesbrough["is_latest"].to_list() == [False, True]
    first = middlesbrough.row(0, named=True)
    assert first["overall_effectiveness"] == "Inadequate" and first["care_leavers"] is None
    assert (str(first["inspection_start"]), str(first["published"])) == ("2019-11-25", "2020-01-24")
    assert first["inspection_end"] is None and first["framework"] == "ILACS"
    assert first["source_row"] == 4  # header on row 3, first data row is row 4
    assert out.values.height == 0 and out.benchmarks.height == 0
    assert all(a.balanced() and a.kept == a.read for a in out.accounts)


def _hartlepool(grades: Sequence[str | None]) -> Row:
    return _history("E06000001", "Hartlepool", "2024-03-18T00:00:00", "2024-05-16T00:00:00", "ILACS Short Inspection",
                    grades)  # fmt: skip


def test_old_wording_requires_improvement_is_the_same_grade(tmp_path: Path) -> None:
    history = [*HISTORY[:2], _hartlepool(["Requires improvement", *["Outstanding"] * 4])]
    latest = [_latest("E06000001", "Hartlepool", "2024-03-18", "16/05/2024", [RI, *["Outstanding"] * 4]), LATEST[1]]
    table = ofsted.read(_write(tmp_path, history, latest)).tables["inspections"]
    assert table.filter(pl.col("code") == "E06000001")["overall_effectiveness"].to_list() == [RI]


def test_unknown_grade_names_sheet_column_and_row(tmp_path: Path) -> None:
    history = [*HISTORY[:2], _hartlepool(["Outstanding", "Super", *["Outstanding"] * 3])]
    with pytest.raises(SourceFileError) as err:
        ofsted.read(_write(tmp_path, history))
    assert (err.value.column, err.value.row) == (GRADES[1], 6)
    assert "sheet 'ILACS_inspection_history'" in str(err.value) and "'Super'" in str(err.value)


def test_missing_column_is_named(tmp_path: Path) -> None:
    _write(tmp_path)
    header = [h if h != "Overall effectiveness" else "Overall effectivness" for h in HISTORY_HEADER]
    write_ods(tmp_path / ofsted.FOLDER / ofsted.FILE,
              {ofsted.LATEST: (LATEST_HEADER, LATEST), ofsted.HISTORY: (header, HISTORY)})  # fmt: skip
    with pytest.raises(SourceFileError, match=r"column 'Overall effectiveness'.*found 'Overall effectivness'"):
        ofsted.read(tmp_path)


def test_missing_sheet(tmp_path: Path) -> None:
    write_ods(tmp_path / ofsted.FOLDER / ofsted.FILE, {ofsted.HISTORY: (HISTORY_HEADER, HISTORY)})
    with pytest.raises(SourceFileError, match=r"sheet 'Inspections_as_at_31_March' is missing"):
        ofsted.read(tmp_path)


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / ofsted.FOLDER / ofsted.FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with pytest.raises(SourceFileError, match=r"\.ods: the file is empty"):
        ofsted.read(tmp_path)
    path.write_text("Local authority,Overall effectiveness\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"cannot be opened as a spreadsheet"):
        ofsted.read(tmp_path)


def test_bad_date_and_bad_code(tmp_path: Path) -> None:
    history = [HISTORY[0], [*HISTORY[1][:5], "13 March", *HISTORY[1][6:]], HISTORY[2]]
    with pytest.raises(SourceFileError, match=r"column 'Inspection date', row 5: .*'13 March' is not a date"):
        ofsted.read(_write(tmp_path, history))
    history = [HISTORY[0], HISTORY[1], [HISTORY[2][0], "805", *HISTORY[2][2:]]]
    with pytest.raises(SourceFileError, match=r"Local authority area code', row 6: .*'805' is not an ONS"):
        ofsted.read(_write(tmp_path, history))


def test_duplicate_inspection(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E06000002, inspection_start=2019-11-25\)"):
        ofsted.read(_write(tmp_path, [*HISTORY, HISTORY[0]]))


def test_latest_must_match_history(tmp_path: Path) -> None:
    moved = [_latest("E06000001", "Hartlepool", "2024-03-19", "2024-05-16", ["Outstanding"] * 5), LATEST[1]]
    with pytest.raises(SourceFileError, match=r"row 4: .*no inspection on that date in the history sheet"):
        ofsted.read(_write(tmp_path, latest=moved))
    regraded = [LATEST[0], _latest("E06000002", "Middlesbrough", "2023-03-13", "2023-05-25", ["Good"] * 5)]
    with pytest.raises(SourceFileError, match=r"row 5: .*judgements that differ from the history sheet"):
        ofsted.read(_write(tmp_path, latest=regraded))


def test_non_ilacs_inspection_type_is_an_error(tmp_path: Path) -> None:
    history = [*HISTORY[:2], [*HISTORY[2][:7], "SIF inspection", *HISTORY[2][8:]]]
    with pytest.raises(SourceFileError, match=r"column 'Inspection type', row 6"):
        ofsted.read(_write(tmp_path, history))
