"""CSV downloads: no cell a spreadsheet would run as a formula, numbers kept as numbers, a byte-order
mark for the symbols; the Excel download stores text as text and numbers as numbers."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import polars as pl
import pytest

from accountability.export import BOM, csv_bytes
from components.tables import csv_bytes as download_csv
from components.tables import excel_bytes


def rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM))))


@pytest.mark.parametrize(
    ("owner", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Acme Care Ltd", "Acme Care Ltd"),
        ("Care = Love Ltd", "Care = Love Ltd"),  # only the first character matters
        ("-5.2", "-5.2"),  # a number written as text is no formula
        ("", ""),
    ],
)
def test_a_text_cell_that_would_run_as_a_formula_gets_an_apostrophe(owner: str, written: str) -> None:
    out = rows(csv_bytes(pl.DataFrame({"owner": [owner]})))
    assert out == [["owner"], [written]]


def test_numbers_stay_numbers_negative_ones_too() -> None:
    data = csv_bytes(pl.DataFrame({"gap": [-3.5, 2.0, None], "rank": [1, 2, 3]}))
    assert data.decode("utf-8").removeprefix(BOM).splitlines() == ['"gap","rank"', "-3.5,1", "2.0,2", ",3"]


def test_enum_and_categorical_text_is_neutralised_too() -> None:
    frame = pl.DataFrame({"status": ["=bad", "ok"]}, schema={"status": pl.Enum(["=bad", "ok"])})
    frame = frame.with_columns(kind=pl.Series(["+x", "y"], dtype=pl.Categorical))
    assert rows(csv_bytes(frame))[1:] == [["'=bad", "'+x"], ["ok", "y"]]


def test_a_heading_is_neutralised_by_the_same_rule() -> None:
    assert rows(csv_bytes(pl.DataFrame({"=cmd": ["a"]})))[0] == ["'=cmd"]


def test_text_is_quoted_so_a_semicolon_spreadsheet_cannot_split_a_formula_out() -> None:
    data = csv_bytes(pl.DataFrame({"owner": ["Acme;=1+1"]}))
    assert data.decode("utf-8").removeprefix(BOM).splitlines()[1] == '"Acme;=1+1"'


def test_symbols_survive_with_a_byte_order_mark() -> None:
    data = csv_bytes(pl.DataFrame({"verdict": ["▲ better", "▼ worse", "◆ similar", "✓ met"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert [r[0] for r in rows(data)[1:]] == ["▲ better", "▼ worse", "◆ similar", "✓ met"]


def test_the_page_download_uses_the_safe_writer() -> None:
    frame = pl.DataFrame({"owner": ["=1+1"], "value": [-1.5]})
    assert download_csv(frame) == csv_bytes(frame)


def test_the_excel_download_stores_formula_like_text_as_text_and_numbers_as_numbers() -> None:
    frame = pl.DataFrame({"owner": ["=1+1", "@SUM(A1)"], "value": [-1.5, 2.0]})
    with zipfile.ZipFile(io.BytesIO(excel_bytes(frame, "Download"))) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<f>" not in sheet  # no formula anywhere
    assert "=1+1" in strings and "@SUM(A1)" in strings  # the text is kept, as text
    numbers = re.findall(r'<c r="B\d+"(?: s="\d+")?><v>([^<]+)</v>', sheet)
    assert numbers == ["-1.5", "2"]  # numeric cells (no t="s"): numbers, negative ones too
