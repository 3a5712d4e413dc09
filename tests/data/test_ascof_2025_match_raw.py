"""The ASCOF 2024-25 workbook reader against the published cells, read here independently.

The .ods is read by parsing its XML directly (zipfile + ElementTree), so this check shares no code
with the reader (which uses fastexcel). Every sheet kind (survey, client-level counts, safeguarding,
workforce outcome, CQC ratings) is checked for England, every region and sample councils; then the
workbook's agreement with the trend file is checked cell by cell.
"""

from __future__ import annotations

import csv
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import polars as pl
import pytest

from accountability.sources import ascof, ascof_2025
from accountability.sources.ascof_2025_sheets import FOLDER, SHEETS, WORKBOOK
from accountability.sources.ascof_merge import REVIEWED
from accountability.sources.base import SourceOutput

pytestmark = pytest.mark.raw
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
SAMPLE_COUNCILS = ["E08000025", "E06000001", "E10000016", "E09000033", "E06000047"]  # Birmingham, Hartlepool, ...
REGIONS = [f"E1200000{i}" for i in range(1, 10)]
# This test's own map of survey tables to the trend file's codes (before 2023-24, then 2023-24).
TREND_CODES = {
    "Table_1a": ("1A", "1A"), "Table_1b": ("1J", "1B"), "Table_1c": ("1D", "1C"), "Table_1d": ("3A", "1D"),
    "Table_1e": ("3B", "1E"), "Table_3a": ("1B", "3A"), "Table_3b": ("3C", "3B"), "Table_3c(1)": ("3D1", "3C1"),
    "Table_3c(2)": ("3D2", "3C2"), "Table_4a": ("4A", "4A"), "Table_5a(1)": ("1I1", "5A1"),
    "Table_5a(2)": ("1I2", "5A2"),
}  # fmt: skip


@cache
def sheets(raw_dir: Path) -> dict[str, list[list[str]]]:
    """Every sheet's rows as text; numeric cells as their stored value, repeated cells expanded (capped)."""
    with zipfile.ZipFile(raw_dir / FOLDER / WORKBOOK) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))  # noqa: S314 - a published statistics file
    out = {}
    for table in root.iter(f"{{{NS['table']}}}table"):
        rows = []
        for row in table.findall("table:table-row", NS):
            cells: list[str] = []
            for cell in row.findall("table:table-cell", NS):
                float_cell = cell.get(f"{{{NS['office']}}}value-type") == "float"
                text = cell.get(f"{{{NS['office']}}}value") if float_cell else "".join(cell.itertext())
                cells += [text or ""] * min(int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1")), 64)
            rows.append(cells)
        out[table.get(f"{{{NS['table']}}}name")] = rows
    return out


@cache
def workbook(raw_dir: Path) -> SourceOutput:
    return ascof_2025.read(raw_dir)


def table(raw_dir: Path, sheet: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(1-based row, {column: text})]) below the row starting 'Local authority code'."""
    rows = sheets(raw_dir)[sheet]
    at = next(i for i, r in enumerate(rows) if r and r[0] == "Local authority code")
    header = [c for c in rows[at] if c]
    body = [(i + 1, dict(zip(header, r, strict=False))) for i, r in enumerate(rows) if i > at and any(r)]
    return header, body


def first(text: str) -> float | None:
    """The first figure of a cell ('7.7 (7.6)' -> 7.7, '2E-3' -> 0.002); None for a marker."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        found = re.match(r"^\s*([\d,.]+)", text)
        return float(found.group(1).replace(",", "")) if found else None


def same(a: float | None, b: float | None) -> bool:
    """Equal, allowing for the binary noise in the XML's stored floats ('63.300000000000004')."""
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def years(header: list[str]) -> list[str]:
    return sorted({c.split(" - ")[0] for c in header if " - " in c})


def period(year: str) -> str:
    start, end = year.split(" to ")
    return f"{start}-{end[2:]}"


def _expected(sheet: str, row: dict[str, str], year: str) -> dict[str, float | None]:
    kind = next(s for s in SHEETS if s.name == sheet)
    prefix = f"{year} - {kind.prefix}"
    expected = {"value": first(row[f"{prefix}outcome"])}
    if kind.kind == "survey":
        expected |= {"moe": first(row[f"{prefix}margin of error"])}
        if first(row[f"{prefix}number of respondents"]) == 0:  # a 0 from no respondents is not a figure
            expected = {"value": None, "moe": None}
    if kind.kind == "counts" and expected["value"] is not None:
        expected |= {"numerator": first(row[f"{prefix}numerator"]), "denominator": first(row[f"{prefix}denominator"])}
    return expected


def _check(frame: pl.DataFrame, where: str, sheet: str, row: dict[str, str], line: int, header: list[str]) -> int:
    checked = 0
    for year in years(header):
        got = frame.filter(pl.col("period") == period(year))
        expected = _expected(sheet, row, year)
        if got.height == 0:  # an off year of the carers' survey, or a [z] for a council not yet formed
            assert expected["value"] is None, (sheet, where, year)
            continue
        out = got.row(0, named=True)
        for column, value in expected.items():
            assert same(out[column], value), (sheet, where, year, column, out[column], value)
        assert out["source_row"] == line and out["source_file"] == f"{WORKBOOK} ({sheet})"
        checked += 1
    return checked


@pytest.mark.parametrize("sheet", [s.name for s in SHEETS])
def test_england_and_every_region_equal_the_published_cells(raw_dir: Path, sheet: str) -> None:
    header, body = table(raw_dir, sheet)
    bench = workbook(raw_dir).benchmarks.filter(pl.col("measure") == next(s.measure for s in SHEETS if s.name == sheet))
    checked = 0
    for line, row in body:
        code = row["ONS area code"]
        if code == "E92000001" or code in REGIONS:
            checked += _check(bench.filter(pl.col("area_code") == code), code, sheet, row, line, header)
    assert checked >= 10  # England and 9 regions, at least once each


@pytest.mark.parametrize("sheet", [s.name for s in SHEETS])
def test_sample_councils_equal_the_published_cells(raw_dir: Path, sheet: str) -> None:
    header, body = table(raw_dir, sheet)
    values = workbook(raw_dir).values.filter(pl.col("measure") == next(s.measure for s in SHEETS if s.name == sheet))
    checked = 0
    for line, row in body:
        if row["ONS area code"] in SAMPLE_COUNCILS:
            own = values.filter(pl.col("code") == row["ONS area code"])
            checked += _check(own, row["ONS area code"], sheet, row, line, header)
    assert checked >= len(SAMPLE_COUNCILS)


def test_survey_respondents_and_bracketed_figures(raw_dir: Path) -> None:
    base = workbook(raw_dir).tables["ascof_survey_base"]
    england_1c = base.filter(pl.col("area_code") == "E92000001", pl.col("measure") == "ascof_carer_qol")
    assert dict(england_1c.select("period", "base").iter_rows())["2016-17"] == 51230.0  # "51,230 (35,415)"
    bench = workbook(raw_dir).benchmarks.filter(pl.col("area_code") == "E92000001")
    carers = bench.filter(pl.col("measure") == "ascof_carer_qol", pl.col("period") == "2016-17").row(0, named=True)
    assert (carers["value"], carers["moe"]) == (7.7, 0.0)  # "7.7 (7.6)" and "0 (0.5)"


def test_markers_are_missing_with_their_reason(raw_dir: Path) -> None:
    out = workbook(raw_dir)
    every = pl.concat(
        [out.values.select("value", "status", "source_file"), out.benchmarks.select("value", "status", "source_file")]
    )
    assert every.filter(pl.col("value").is_null() & (pl.col("status") == "published")).height == 0
    suppressed = every.filter(pl.col("status") == "suppressed")
    raw_c = sum(
        1
        for s in SHEETS
        for _, row in table(raw_dir, s.name)[1]
        for column, text in row.items()
        if column.endswith(f"- {s.prefix}outcome") and text == "[c]"
    )
    assert raw_c > 0 and suppressed.height == raw_c


def test_a_survey_figure_of_0_from_0_respondents_is_not_available(raw_dir: Path) -> None:
    trafford = workbook(raw_dir).values.filter(
        pl.col("code") == "E08000009", pl.col("measure") == "ascof_adj_scrqol", pl.col("period") == "2019-20"
    )
    assert trafford.select("value", "moe", "status").rows() == [(None, None, "not_available")]


def test_client_level_data_counts_and_cqc_ratings(raw_dir: Path) -> None:
    bench = workbook(raw_dir).benchmarks.filter(pl.col("area_code") == "E92000001", pl.col("period") == "2024-25")
    dp = bench.filter(pl.col("measure") == "ascof_dp_users").row(0, named=True)
    assert (dp["value"], dp["numerator"], dp["denominator"], dp["in_development"]) == (24.5, 117655.0, 480105.0, True)
    cqc = bench.filter(pl.col("measure") == "ascof_cqc_good_outstanding").row(0, named=True)
    assert (cqc["value"], cqc["numerator"], cqc["denominator"], cqc["in_development"]) == (
        81.7,
        11287.0,
        13820.0,
        False,
    )
    turnover = bench.filter(pl.col("measure") == "oflog_workforce_turnover").row(0, named=True)
    assert (turnover["value"], turnover["numerator"]) == (23.7, None)


def test_dorset_and_cornwall_rows_are_read_as_the_councils_they_are(raw_dir: Path) -> None:
    values = workbook(raw_dir).values
    dorset = values.filter(pl.col("code") == "E06000059", pl.col("measure") == "ascof_cqc_good_outstanding")
    assert dorset.select("period", "numerator", "denominator").rows() == [
        ("2023-24", 99.0, 109.0),
        ("2024-25", 96.0, 107.0),
    ]
    county_after = values.filter(pl.col("code") == "E10000009", pl.col("period") >= "2019-20")
    assert county_after.height > 0 and county_after["value"].null_count() == county_after.height  # "[z]" only
    cornwall = values.filter(pl.col("code") == "E06000052", pl.col("measure") == "oflog_workforce_turnover")
    assert cornwall.select("period", "value").rows() == [("2023-24", 26.7), ("2024-25", 20.2)]


def test_north_yorkshire_history_is_the_county_councils(raw_dir: Path) -> None:
    values = workbook(raw_dir).values.filter(pl.col("measure") == "ascof_scrqol")
    county = values.filter(pl.col("code") == "E10000023")["period"].to_list()
    unitary = values.filter(pl.col("code") == "E06000065")["period"].to_list()
    assert min(county) == "2015-16" and max(county) == "2022-23"
    assert unitary == ["2023-24", "2024-25"]


def test_trend_file_and_workbook_agree_on_every_shared_cell_but_the_reviewed_ones(raw_dir: Path) -> None:
    with (raw_dir / "ascof-trend" / "trend_data.csv").open(encoding="utf-8-sig", newline="") as f:
        trend = {(r["Measure Group"], r["Year"], r["ONS Code"]): r["Measure_Value"] for r in csv.DictReader(f)}
    disagree, shared = set(), 0
    for sheet, (old, new) in TREND_CODES.items():
        header, body = table(raw_dir, sheet)
        measure = next(s.measure for s in SHEETS if s.name == sheet)
        for _, row in body:
            for year in years(header):
                key = (new if period(year) >= "2023-24" else old, period(year), row["ONS area code"])
                if key not in trend:
                    continue
                shared += 1
                published, ours = first(trend[key]) if trend[key] else None, first(row[f"{year} - outcome"])
                if not same(published, ours):
                    disagree.add((measure, period(year), row["ONS area code"]))
    assert shared > 9000
    assert disagree == set(REVIEWED)


def test_reviewed_disagreements_keep_the_trend_figure_and_say_so(raw_dir: Path) -> None:
    out = ascof.read(raw_dir)
    for measure, period_, area in REVIEWED:
        row = out.benchmarks.filter(
            pl.col("measure") == measure, pl.col("period") == period_, pl.col("area_code") == area
        ).row(0, named=True)
        assert row["source_file"] == "trend_data.csv"
    account = next(a for a in out.accounts if a.file == f"{WORKBOOK} (Table_3c(2))")
    reasons = [r for r in account.rejected if r.startswith("disagrees with trend_data.csv")]
    assert len(reasons) == 1 and account.rejected[reasons[0]] == len(REVIEWED)
    assert all(a.balanced() for a in out.accounts)
