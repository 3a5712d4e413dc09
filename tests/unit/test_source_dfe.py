"""DfE children's social care reader on tiny hand-built files in the published CSV layouts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import dfe
from accountability.sources.base import MARKER_STATUS, SourceFileError
from accountability.store.measures import measures_frame

BASE = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]
REGION = ["region_code", "region_name", "old_la_code"]
CLA_HEADER = [*BASE, *REGION, "la_name", "new_la_code", "population_type", "population_estimate",
              "children_count", "rate_per_10000"]  # fmt: skip
PS_HEADER = [*BASE, *REGION, "la_name", "new_la_code", "cla_group", "placement_stability", "children_count",
             "children_percent"]  # fmt: skip
ADOPT_HEADER = [*BASE, "cla_group", "stage_of_adoption_process", "age_start_poc", "number"]
CIN_BASE = [*BASE, *REGION, "new_la_code", "la_name", "category"]
B1_HEADER = [*CIN_BASE, "Anypoint_episodes", "At31_episodes", "awaiting_assessment"]
C1_HEADER = [*CIN_BASE, "referral_count", "rereferral_count", "rereferral_percent"]
D3_HEADER = [*CIN_BASE, "CPP_start", "CPP_subsequent", "CPP_subsequent_percent"]
CSWW_HEADER = [*BASE, *REGION, "new_la_code", "la_name", "inpost_fte", "leavers_fte", "turnover_rate_fte",
               "agency_fte", "agency_rate_fte", "vacancy_fte", "vacancy_rate_fte", "case_holders_fte", "cases",
               "caseload_fte"]  # fmt: skip

YEAR = {"time_period": "2025", "time_identifier": "Reporting year"}
ENG = {**YEAR, "geographic_level": "National", "country_code": "E92000001", "country_name": "England"}
NE = {**ENG, "geographic_level": "Regional", "region_code": "E12000001", "region_name": "North East"}
INNER = {**NE, "region_code": "E13000001", "region_name": "Inner London"}
HART = {**NE, "geographic_level": "Local authority", "old_la_code": "805", "new_la_code": "E06000001",
        "la_name": "Hartlepool"}  # fmt: skip
JOINT = {**HART, "new_la_code": "E06000061 / E06000062", "la_name": "North / West Northamptonshire"}
CLA_TYPES = ["Children looked after on 31 March each year", "Children starting to be looked after each year",
             "Children ceasing to be looked after each year"]  # fmt: skip
LONG = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
STAGE_4 = "4. Total average time between entry into care and date placed for adoption"


def _csv(header: list[str], rows: list[dict[str, str]], bom: bool = False) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def _ps(geo: dict[str, str]) -> list[dict[str, str]]:
    groups = [("CLA on 31 March", "With 3 or more placements during the year", "20", "10"),
              ("CLA on 31 March", "Total children", "200", "100"),
              (LONG, "Living with the same carer for at least 2 years", "35", "70"),
              (LONG, "Total children", "50", "100"),
              ("CLA 2 years on 31 March", "Total children", "150", "100")]  # fmt: skip
    keys = ["cla_group", "placement_stability", "children_count", "children_percent"]
    return [{**geo, **dict(zip(keys, g, strict=True))} for g in groups]


FILES: dict[str, str] = {
    "cla_number_and_rate_per_10k_children.csv": _csv(CLA_HEADER, [
        {**geo, "population_type": t, "population_estimate": "20000", "children_count": str(n),
         "rate_per_10000": str(n / 2)}
        for geo in (ENG, NE, HART, INNER) for t, n in zip(CLA_TYPES, (200, 80, 70), strict=True)], bom=True),
    "la_cla_placement_stability.csv": _csv(PS_HEADER, _ps(ENG) + _ps(HART), bom=True),
    "national_cla_adopted_average_time_between_adoption_process_stages.csv": _csv(ADOPT_HEADER, [
        {**ENG, "cla_group": "Age on starting final period of care", "stage_of_adoption_process": s,
         "age_start_poc": a, "number": n}
        for s, a, n in [(STAGE_4, "Total", "01:07"), (STAGE_4, "Aged 1", "01:10"), ("1. Other", "Total", "00:09")]]),
    "b1_children_in_need_2013_to_2025.csv": _csv(B1_HEADER, [
        {**geo, "category": "Children in Need", "Anypoint_episodes": "9", "At31_episodes": n}
        for geo, n in [(ENG, "402400"), (HART, "1234")]]),
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": _csv(C1_HEADER, [
        {**geo, "category": "Referrals and Re-referrals", "referral_count": "1,000", "rereferral_count": "226",
         "rereferral_percent": "22.6"} for geo in (ENG, HART)]),
    "d3_cpps_subsequent_plan_2013_to_2025.csv": _csv(D3_HEADER, [
        {**geo, "category": "Child Protection Plans which are a second or subsequent plan", "CPP_start": "400",
         "CPP_subsequent": "98", "CPP_subsequent_percent": "24.5"} for geo in (ENG, HART)]),
    "csww_indicators_2017_to_2025.csv": _csv(CSWW_HEADER, [
        {**geo, "inpost_fte": "100", "leavers_fte": "11.8", "turnover_rate_fte": "11.8", "agency_fte": "low",
         "agency_rate_fte": "low", "vacancy_fte": "16.5", "vacancy_rate_fte": "14.2", "case_holders_fte": "60",
         "cases": "912", "caseload_fte": "15.2"} for geo in (ENG, HART, JOINT)]),
}  # fmt: skip


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / dfe.FOLDER
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def _edit(raw: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = raw / dfe.FOLDER / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _value(frame: pl.DataFrame, measure: str, **keys: str) -> dict[str, object]:
    rows = frame.filter(pl.col("measure") == measure, *[pl.col(k) == v for k, v in keys.items()])
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def test_measures_are_declared_once_with_plain_descriptions() -> None:
    frame = measures_frame(dfe.MEASURES)
    assert frame.height == len(dfe.MEASURES) >= 12
    assert set(frame["domain"]) == {"children"}
    used = {p.measure for spec in dfe.FILES for p in spec.picks}
    assert used == set(frame["id"])
    assert frame.filter(pl.col("description").str.len_chars() < 60).height == 0


def test_happy_path_values_benchmarks_and_periods(raw: Path) -> None:
    out = dfe.read(raw)
    assert set(out.values["code"]) == {"E06000001"}
    cla = _value(out.values, "cla_rate", code="E06000001")
    assert (cla["value"], cla["numerator"], cla["denominator"], cla["period"]) == (100.0, 200.0, 20000.0, "2024-25")
    assert cla["source_row"] == 8  # header is line 1; Hartlepool's first row is the 7th data row
    ps = _value(out.values, "placements_3plus", code="E06000001")
    assert (ps["value"], ps["numerator"], ps["denominator"]) == (10.0, 20.0, 200.0)
    same = _value(out.values, "placement_same_2yrs", code="E06000001")
    assert (same["value"], same["numerator"], same["denominator"]) == (70.0, 35.0, 50.0)
    reref = _value(out.values, "rereferral_pct", code="E06000001")
    assert (reref["value"], reref["numerator"], reref["denominator"]) == (22.6, 226.0, 1000.0)
    caseload = _value(out.values, "sw_caseload", code="E06000001")
    assert (caseload["value"], caseload["numerator"], caseload["denominator"], caseload["period"]) == (
        15.2, 912.0, 60.0, "2025")  # fmt: skip
    adoption = _value(out.benchmarks, "adoption_entry_to_placement", area_code="E92000001")
    assert (adoption["value"], adoption["period"], adoption["area_type"]) == (19.0, "2024-25", "england")
    region = _value(out.benchmarks, "cla_rate", area_type="region")
    assert (region["area_code"], region["area_name"]) == ("E12000001", "North East")
    assert out.values.filter(pl.col("measure") == "adoption_entry_to_placement").height == 0


def test_row_accounts_balance_and_name_rejections(raw: Path) -> None:
    accounts = {a.file: a for a in dfe.read(raw).accounts}
    assert len(accounts) == 7
    assert all(a.balanced() for a in accounts.values())
    cla = accounts["cla_number_and_rate_per_10k_children.csv"]
    assert (cla.read, cla.kept) == (12, 9)
    assert cla.rejected == {"breakdown not used: Inner or Outer London (E13 sub-region)": 3}
    ps = accounts["la_cla_placement_stability.csv"]
    assert ps.rejected["breakdown not used: cla_group 'CLA 2 years on 31 March'"] == 2
    assert ps.rejected["denominator row (joined to its measure row): CLA on 31 March / Total children"] == 2
    adopt = accounts["national_cla_adopted_average_time_between_adoption_process_stages.csv"]
    assert adopt.kept == 1 and adopt.rejected["breakdown not used: age_start_poc 'Aged 1'"] == 1
    csww = accounts["csww_indicators_2017_to_2025.csv"]
    assert csww.rejected == {"joint return for more than one council, no single code: E06000061 / E06000062": 1}
    assert csww.set_missing["sw_agency_rate: low"] == 2


@pytest.mark.parametrize("marker", ["c", "x", "z", "low", "k", "u", "[c]", ":", ""])
def test_markers_become_null_with_status(raw: Path, marker: str) -> None:
    path = raw / dfe.FOLDER / "d3_cpps_subsequent_plan_2013_to_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + "," + marker  # Hartlepool's CPP_subsequent_percent
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    row = _value(dfe.read(raw).values, "cpp_repeat_pct", code="E06000001")
    assert row["value"] is None
    assert row["status"] == MARKER_STATUS[marker.lower()]
    assert (row["numerator"], row["denominator"]) == (98.0, 400.0)


def test_missing_column_is_named(raw: Path) -> None:
    _edit(raw, "d3_cpps_subsequent_plan_2013_to_2025.csv", ",CPP_subsequent_percent", "")
    with pytest.raises(SourceFileError, match=r"d3_cpps.*column 'CPP_subsequent_percent'.*missing"):
        dfe.read(raw)


def test_renamed_column_is_suggested(raw: Path) -> None:
    _edit(raw, "la_cla_placement_stability.csv", "children_percent", "children_pct")
    with pytest.raises(SourceFileError, match=r"column 'children_percent'.*found 'children_pct'.*renamed"):
        dfe.read(raw)


def test_text_in_numeric_column_names_column_and_row(raw: Path) -> None:
    _edit(raw, "cla_number_and_rate_per_10k_children.csv", ",200,100.0\n", ",200,one hundred\n")
    with pytest.raises(SourceFileError) as err:
        dfe.read(raw)
    assert (err.value.file, err.value.column, err.value.row) == (
        "cla_number_and_rate_per_10k_children.csv", "rate_per_10000", 2)  # fmt: skip
    assert "one hundred" in str(err.value)


def test_text_in_numerator_column_is_an_error(raw: Path) -> None:
    _edit(raw, "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", ",226,", ",2two6,")
    with pytest.raises(SourceFileError, match=r"column 'rereferral_count', row 2"):
        dfe.read(raw)


def test_years_months_must_be_years_and_months(raw: Path) -> None:
    _edit(raw, "national_cla_adopted_average_time_between_adoption_process_stages.csv", "01:07", "01:13")
    with pytest.raises(SourceFileError, match=r"column 'number', row 2.*years:months"):
        dfe.read(raw)


def test_empty_file(raw: Path) -> None:
    (raw / dfe.FOLDER / "b1_children_in_need_2013_to_2025.csv").write_text("", encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"b1_children_in_need_2013_to_2025.csv: the file is empty"):
        dfe.read(raw)


def test_wrong_encoding(raw: Path) -> None:
    path = raw / dfe.FOLDER / "b1_children_in_need_2013_to_2025.csv"
    path.write_bytes(path.read_bytes().replace(b"Hartlepool", "Hartlepoöl".encode("latin-1")))
    with pytest.raises(SourceFileError, match=r"b1_children.*row 3: not valid utf8"):
        dfe.read(raw)


def test_duplicate_keys(raw: Path) -> None:
    path = raw / dfe.FOLDER / "b1_children_in_need_2013_to_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"duplicate key .*E06000001.* on rows \[3, 4\]"):
        dfe.read(raw)


def test_unknown_council_code_is_an_error(raw: Path) -> None:
    _edit(raw, "b1_children_in_need_2013_to_2025.csv", "E06000001", "805X")
    with pytest.raises(SourceFileError, match=r"column 'new_la_code', row 3: '805X' is not a known ONS code"):
        dfe.read(raw)


def test_other_time_identifier_is_an_error(raw: Path) -> None:
    _edit(raw, "csww_indicators_2017_to_2025.csv", "2025,Reporting year", "2025,Financial year")
    with pytest.raises(SourceFileError, match=r"column 'time_identifier', row 2"):
        dfe.read(raw)
