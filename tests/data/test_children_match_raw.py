"""The children's social care readers reproduce the published cells (read here independently).

DfE CSVs are read with the csv module and Ofsted's .ods by parsing its XML directly, so neither check
shares code with the readers.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import polars as pl
import pytest

from accountability.sources import dfe, ofsted
from accountability.sources.base import SourceOutput, financial_year

pytestmark = pytest.mark.raw
FOLDER = "childrens-social-care"
COUNCILS = ["E06000001", "E08000025", "E09000033", "E10000016", "E06000065", "E10000023", "E06000066"]
PS_LONG = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
# measure: (file, row filter, value column, numerator column, denominator column)
SPECS: dict[str, tuple[str, dict[str, str], str, str | None, str | None]] = {
    "cla_rate": ("cla_number_and_rate_per_10k_children.csv",
                 {"population_type": "Children looked after on 31 March each year"},
                 "rate_per_10000", "children_count", "population_estimate"),
    "cla_starting_rate": ("cla_number_and_rate_per_10k_children.csv",
                          {"population_type": "Children starting to be looked after each year"},
                          "rate_per_10000", "children_count", "population_estimate"),
    "cla_ceasing_rate": ("cla_number_and_rate_per_10k_children.csv",
                         {"population_type": "Children ceasing to be looked after each year"},
                         "rate_per_10000", "children_count", "population_estimate"),
    "placements_3plus": ("la_cla_placement_stability.csv",
                         {"cla_group": "CLA on 31 March",
                          "placement_stability": "With 3 or more placements during the year"},
                         "children_percent", "children_count", None),
    "placement_same_2yrs": ("la_cla_placement_stability.csv",
                            {"cla_group": PS_LONG,
                             "placement_stability": "Living with the same carer for at least 2 years"},
                            "children_percent", "children_count", None),
    "cin_count": ("b1_children_in_need_2013_to_2025.csv", {}, "At31_episodes", None, None),
    "rereferral_pct": ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", {},
                       "rereferral_percent", "rereferral_count", "referral_count"),
    "cpp_repeat_pct": ("d3_cpps_subsequent_plan_2013_to_2025.csv", {}, "CPP_subsequent_percent",
                       "CPP_subsequent", "CPP_start"),
    "sw_turnover_rate": ("csww_indicators_2017_to_2025.csv", {}, "turnover_rate_fte", "leavers_fte", "inpost_fte"),
    "sw_agency_rate": ("csww_indicators_2017_to_2025.csv", {}, "agency_rate_fte", None, None),
    "sw_vacancy_rate": ("csww_indicators_2017_to_2025.csv", {}, "vacancy_rate_fte", None, None),
    "sw_caseload": ("csww_indicators_2017_to_2025.csv", {}, "caseload_fte", "cases", "case_holders_fte"),
}  # fmt: skip


@pytest.fixture(scope="module")
def dfe_out(raw_dir: Path) -> SourceOutput:
    return dfe.read(raw_dir)


@pytest.fixture(scope="module")
def inspections(raw_dir: Path) -> pl.DataFrame:
    return ofsted.read(raw_dir).tables["inspections"]


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from enumerate(csv.DictReader(handle), start=2)


def _number(cell: str | None) -> float | None:
    try:
        return float((cell or "").replace(",", ""))
    except ValueError:
        return None


def _period(measure: str, year: str) -> str:
    return year if measure.startswith("sw_") else f"{int(year) - 1}-{year[2:]}"


def _published(raw_dir: Path, measure: str) -> list[tuple[str, str, dict[str, str], int]]:
    """(area type, code, row, line) for England and the sample councils, straight from the CSV."""
    file, where, *_ = SPECS[measure]
    found = []
    for line, row in _rows(raw_dir / FOLDER / file):
        if any(row[k] != v for k, v in where.items()):
            continue
        if row["geographic_level"] == "National":
            found.append(("england", "E92000001", row, line))
        elif row["geographic_level"] == "Local authority" and row["new_la_code"] in COUNCILS:
            found.append(("council", row["new_la_code"], row, line))
    return found


@pytest.mark.parametrize("measure", list(SPECS))
def test_england_and_council_values_equal_raw_cells(raw_dir: Path, dfe_out: SourceOutput, measure: str) -> None:
    _, _, value_col, num_col, den_col = SPECS[measure]
    published = _published(raw_dir, measure)
    assert len({row["time_period"] for _, _, row, _ in published}) >= 5
    values = dfe_out.values.filter(pl.col("measure") == measure)
    england = dfe_out.benchmarks.filter(pl.col("measure") == measure, pl.col("area_type") == "england")
    for kind, code, row, line in published:
        frame = england if kind == "england" else values.filter(pl.col("code") == code)
        got = frame.filter(pl.col("period") == _period(measure, row["time_period"]))
        assert got.height == 1, (measure, code, row["time_period"])
        out = got.row(0, named=True)
        assert out["value"] == _number(row[value_col]), (measure, code, line)
        assert (out["status"] == "published") == (_number(row[value_col]) is not None)
        assert out["numerator"] == (_number(row[num_col]) if num_col else None)
        if den_col:
            assert out["denominator"] == _number(row[den_col])
        assert out["source_row"] == line


def test_placement_denominators_are_the_published_totals(raw_dir: Path, dfe_out: SourceOutput) -> None:
    totals = {
        (row["time_period"], row["new_la_code"], row["cla_group"]): _number(row["children_count"])
        for _, row in _rows(raw_dir / FOLDER / "la_cla_placement_stability.csv")
        if row["placement_stability"] == "Total children" and row["geographic_level"] == "Local authority"
    }
    groups = {"placements_3plus": "CLA on 31 March", "placement_same_2yrs": PS_LONG}
    for measure, group in groups.items():
        for code in COUNCILS[:4]:
            for year in ("2021", "2023", "2025"):
                out = dfe_out.values.filter(
                    pl.col("measure") == measure, pl.col("code") == code, pl.col("period") == financial_year(int(year))
                )
                assert out["denominator"].to_list() == [totals[(year, code, group)]]


def test_adoption_time_is_years_and_months(raw_dir: Path, dfe_out: SourceOutput) -> None:
    stage = "4. Total average time between entry into care and date placed for adoption"
    file = raw_dir / FOLDER / "national_cla_adopted_average_time_between_adoption_process_stages.csv"
    expected = {}
    for _, row in _rows(file):
        if row["stage_of_adoption_process"] == stage and row["age_start_poc"] == "Total":
            years, months = row["number"].split(":")
            expected[_period("adoption", row["time_period"])] = int(years) * 12 + int(months)
    got = dfe_out.benchmarks.filter(pl.col("measure") == "adoption_entry_to_placement")
    assert dict(zip(got["period"], got["value"], strict=True)) == expected
    assert expected["2024-25"] == 19  # published "01:07"


def test_accounts_balance_and_codes_are_councils(dfe_out: SourceOutput) -> None:
    assert len(dfe_out.accounts) == 7
    assert all(a.balanced() for a in dfe_out.accounts), [a for a in dfe_out.accounts if not a.balanced()]
    assert dfe_out.values.filter(~pl.col("code").str.contains(r"^E(06|08|09|10)\d{6}$")).height == 0
    assert dfe_out.benchmarks.filter(pl.col("area_type") == "region")["area_code"].str.starts_with("E12").all()
    assert dfe_out.values.filter(pl.col("period") == "2024-25").height > 0
    assert dfe_out.values.select("measure", "code", "period").is_duplicated().sum() == 0


def _ods_sheet(path: Path, sheet: str) -> list[list[str]]:
    """Rows of one sheet from the .ods XML (dates as their ISO value), repeated blank cells collapsed."""
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    rep = f"{{{ns['table']}}}number-columns-repeated"
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))  # noqa: S314 - a published statistics file
    table = next(t for t in root.iter(f"{{{ns['table']}}}table") if t.get(f"{{{ns['table']}}}name") == sheet)
    rows = []
    for row in table.findall("table:table-row", ns):
        cells: list[str] = []
        for cell in row.findall("table:table-cell", ns):
            text = cell.get(f"{{{ns['office']}}}date-value") or "".join(cell.itertext())
            cells += [text] * min(int(cell.get(rep, "1")), 20)
        rows.append(cells)
    return rows


def test_inadequate_count_matches_latest_sheet(raw_dir: Path, inspections: pl.DataFrame) -> None:
    rows = _ods_sheet(raw_dir / FOLDER / ofsted.FILE, ofsted.LATEST)
    header = rows[2]  # the header is on row 3
    overall = header.index("Overall effectiveness")
    data = [r for r in rows[3:] if len(r) > overall and re.match(r"^E\d{8}$", r[1])]
    inadequate = sum(r[overall] == "Inadequate" for r in data)
    assert inadequate > 0
    latest = inspections.filter(pl.col("is_latest"))
    assert latest.height == len(data)
    assert latest.filter(pl.col("overall_effectiveness") == "Inadequate").height == inadequate


@pytest.mark.parametrize("code", ["E08000025", "E06000001", "E10000016"])
def test_a_councils_latest_judgement_matches_the_sheet(raw_dir: Path, inspections: pl.DataFrame, code: str) -> None:
    rows = _ods_sheet(raw_dir / FOLDER / ofsted.FILE, ofsted.LATEST)
    header = rows[2]
    row = next(dict(zip(header, r, strict=False)) for r in rows[3:] if len(r) > 1 and r[1] == code)
    latest = inspections.filter(pl.col("code") == code, pl.col("is_latest")).row(0, named=True)
    assert str(latest["inspection_start"]) == row["Inspection date"][:10]
    for column, name in ofsted.JUDGEMENTS.items():
        assert (latest[name] or "") == row.get(column, ""), (code, column)
    assert inspections.filter(pl.col("code") == code)["is_latest"].sum() == 1


def test_history_rows_and_codes(inspections: pl.DataFrame) -> None:
    assert inspections.height >= 250
    assert inspections.filter(~pl.col("code").str.contains(r"^E(06|08|09|10)\d{6}$")).height == 0
    assert inspections.filter(pl.col("is_latest")).height == inspections.filter(pl.col("is_latest"))["code"].n_unique()
    before_2023 = inspections.filter(pl.col("inspection_start") < pl.date(2023, 1, 1))
    assert before_2023["care_leavers"].null_count() == before_2023.height
