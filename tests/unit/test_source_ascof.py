"""ASCOF readers on tiny hand-built files in the published layouts (trend CSV and 2020-21 xlsx)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.sources import ascof
from accountability.sources.ascof_2021 import FILE_2021, read_2020_21
from accountability.sources.ascof_measures import BREAKS, MEASURES
from accountability.sources.base import SourceFileError, SourceOutput
from accountability.store.measures import measures_frame

HEADER = (
    "Year,Geographical Description,ONS Code,Measure Group,Measure Group Description,Measure_Value,"
    "Geographical Level,Disaggregation Level,Measure Type"
)
SDS = "Proportion of people using social care who receive self-directed support"
ADJ = "Adjusted Social care-related quality of life – impact of Adult Social Care services"
CONTROL = "Proportion of people who use services who have control over their daily life"
LD_WORK = "Proportion of adults with learning disabilities in paid employment"
CARER_SAT = "Overall satisfaction of carers with social services"
ADM = "Long-term support needs of younger adults (aged 18-64) met by admission to residential and nursing care homes, per 100,000 population"  # noqa: E501
OLD_ROWS = [
    f"2022-23,Hartlepool,E06000001,1C1A,{SDS},90.1,Council,Total,Outcome",
    f"2022-23,Hartlepool,E06000001,1J,{ADJ},0.41,Council,Total,Outcome",
    f"2022-23,Hartlepool,E06000001,1B,{CONTROL},77.0,Council,Total,Outcome",
    f"2022-23,Hartlepool,E06000001,1E,{LD_WORK},4.5,Council,Total,Outcome",
    f'2022-23,Hartlepool,E06000001,2A1,"{ADM}",12.5,Council,Total,Outcome',
    f"2021-22,Hartlepool,E06000001,3B,{CARER_SAT},36.0,Council,Total,Outcome",
    f"2022-23,England,E92000001,1C1A,{SDS},93.5,England,Total,Outcome",
    f"2022-23,North East,E12000001,1C1A,{SDS},92.0,Region,Total,Outcome",
    f"2022-23,Shire Counties,-,1C1A,{SDS},92.6,Council Type,Total,Outcome",
]
NEW_ROWS = [
    f"2023-24,Hartlepool,E06000001,3D1A,{SDS},91.0,Council,,",
    f"2023-24,Hartlepool,E06000001,1B,{ADJ.replace('–', '-')},0.42,Council,,",
    f"2023-24,Hartlepool,E06000001,3A,The {CONTROL},78.0,Council,,",
    f'2023-24,Hartlepool,E06000001,2B,"{ADM}",11.0,Council,,',
    f"2023-24,Hartlepool,E06000001,1E,{CARER_SAT},38.0,Council,,",
    f"2023-24,England,E92000001,3D1A,{SDS},94.0,England,,",
]


def write_trend(tmp_path: Path, rows: list[str], *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "ascof-trend" / "trend_data.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\n".join([HEADER, *rows]).encode(encoding) + b"\n")
    return path


def value_of(out: SourceOutput, period: str, measure: str) -> float | None:
    row = out.values.filter(pl.col("period") == period, pl.col("measure") == measure)
    assert row.height == 1, f"{period} {measure}: {row.height} rows"
    return row["value"][0]


def test_measures_are_well_formed() -> None:
    frame = measures_frame(MEASURES, BREAKS)
    assert frame["id"].str.starts_with("ascof_").all()
    continuing = frame.filter(pl.col("break_period").is_in(["2023-24", "2024-25"]))
    assert continuing.height > 0
    assert continuing["framework_version"].str.contains("then ASCOF 2023-24").all()
    cld = frame.filter(pl.col("break_period") == "2024-25")
    assert cld["framework_version"].str.contains("client-level data from 2024-25").all()
    assert (cld["break_periods"].list.len() == 2).all()
    sds = frame.filter(pl.col("id") == "ascof_sds_users").row(0, named=True)
    assert sds["source_codes"] == "1C1A (to 2022-23); 3D1A (2023-24); 3D(1a) (2024-25, client-level data)"
    assert sds["multiplier"] == 100.0
    assert frame.filter(pl.col("id") == "ascof_dtoc_total")["polarity"][0] == "lower_is_better"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The proportion of carers – who  receive (direct) payments",
            "proportion of carers who receive direct payments",
        ),
        (
            "Adjusted Social care-related quality of life \u0096 impact",
            "adjusted social care related quality of life impact",
        ),
        ("Theatre of THE people", "theatre of people"),
    ],
)
def test_descriptions_normalise(text: str, expected: str) -> None:
    got = pl.select(ascof.normalise_description_expr(pl.lit(text))).item()
    assert got == expected


def test_new_framework_codes_map_by_description_not_code(tmp_path: Path) -> None:
    out = ascof.read_trend(write_trend(tmp_path, OLD_ROWS + NEW_ROWS))
    assert value_of(out, "2023-24", "ascof_sds_users") == 91.0  # 3D1A
    assert value_of(out, "2023-24", "ascof_adj_scrqol") == 0.42  # 1B in 2023-24
    assert value_of(out, "2022-23", "ascof_control") == 77.0  # 1B before the break
    assert value_of(out, "2023-24", "ascof_control") == 78.0  # 3A
    assert value_of(out, "2023-24", "ascof_admissions_18_64") == 11.0  # 2B
    assert value_of(out, "2022-23", "ascof_ld_employment") == 4.5  # 1E before the break
    assert value_of(out, "2023-24", "ascof_satisfaction_carers") == 38.0  # 1E in 2023-24
    assert out.values.filter(pl.col("period") == "2023-24", pl.col("measure") == "ascof_ld_employment").height == 0
    assert out.accounts[0].balanced()


def test_code_table_records_both_frameworks(tmp_path: Path) -> None:
    codes = ascof.read_trend(write_trend(tmp_path, OLD_ROWS + NEW_ROWS)).tables["ascof_codes"]
    adj = codes.filter(pl.col("measure") == "ascof_adj_scrqol").sort("first_period")
    assert adj.select("framework", "code", "first_period", "last_period").rows() == [
        ("ASCOF 2017-18 to 2022-23", "1J", "2022-23", "2022-23"),
        ("ASCOF 2023-24", "1B", "2023-24", "2023-24"),
    ]


def test_benchmarks_carry_area_types(tmp_path: Path) -> None:
    out = ascof.read_trend(write_trend(tmp_path, OLD_ROWS + NEW_ROWS))
    bench = out.benchmarks.filter(pl.col("period") == "2022-23").sort("area_type")
    assert bench.select("area_type", "area_code", "value").rows() == [
        ("england", "E92000001", 93.5),
        ("region", "E12000001", 92.0),
        ("council_type", "council_type:shire_county", 92.6),
    ]


def test_new_code_matching_no_measure_fails_loudly(tmp_path: Path) -> None:
    rows = [*OLD_ROWS, "2023-24,Hartlepool,E06000001,9Z,Something entirely new,5.0,Council,,"]
    with pytest.raises(SourceFileError, match="'9Z': description matches no") as err:
        ascof.read_trend(write_trend(tmp_path, rows))
    assert err.value.column == "Measure Group Description"
    assert err.value.row == len(rows) + 1


def test_new_code_matching_several_measures_fails_loudly(tmp_path: Path) -> None:
    # 1C1B last described with 1C1A's text (as 2019-20 did) makes the 2023-24 text ambiguous.
    rows = [f"2022-23,Hartlepool,E06000001,1C1B,{SDS},80.0,Council,Total,Outcome", *OLD_ROWS, NEW_ROWS[0]]
    with pytest.raises(SourceFileError, match="matches ascof_sds_carers, ascof_sds_users"):
        ascof.read_trend(write_trend(tmp_path, rows))


def test_new_code_disagreeing_with_declared_code_fails(tmp_path: Path) -> None:
    rows = [*OLD_ROWS, f"2023-24,Hartlepool,E06000001,3D9,{SDS},91.0,Council,,"]
    with pytest.raises(SourceFileError, match="ascof_measures declares '3D1A'"):
        ascof.read_trend(write_trend(tmp_path, rows))


def test_unknown_old_code_fails(tmp_path: Path) -> None:
    rows = ["2022-23,Hartlepool,E06000001,7Q,Mystery,1.0,Council,Total,Outcome"]
    with pytest.raises(SourceFileError, match="not in the measures list") as err:
        ascof.read_trend(write_trend(tmp_path, rows))
    assert (err.value.column, err.value.row) == ("Measure Group", 2)


@pytest.mark.parametrize(
    ("marker", "status"), [("[c]", "suppressed"), ("[x]", "not_available"), ("[z]", "not_applicable"), ("low", "low")]
)
def test_markers_become_null_with_status(tmp_path: Path, marker: str, status: str) -> None:
    rows = [f"2022-23,Hartlepool,E06000001,1C1A,{SDS},{marker},Council,Total,Outcome"]
    out = ascof.read_trend(write_trend(tmp_path, rows))
    assert out.values.select("value", "status").rows() == [(None, status)]


def test_shifted_council_type_row_is_rejected_not_fatal(tmp_path: Path) -> None:
    # The row as it reads if the quotes around "..., per 100,000 population" are lost.
    broken = (
        "2022-23,Shire Counties,-,2C1,Delayed transfers of care from hospital, per 100,000 population,12.1,Council Type"
    )
    out = ascof.read_trend(write_trend(tmp_path, [*OLD_ROWS, broken]))
    account = out.accounts[0]
    assert account.rejected[ascof.MALFORMED] == 1
    assert account.balanced()
    assert out.values.height == 6 and out.benchmarks.height == 3


def test_unbalanced_quote_raises_a_source_error(tmp_path: Path) -> None:
    broken = '2022-23,Shire Counties,-,2C1,Delayed transfers, per 100,000 population",12.1,Council Type'
    with pytest.raises(SourceFileError, match=r"trend_data\.csv: not readable as CSV"):
        ascof.read_trend(write_trend(tmp_path, [*OLD_ROWS, broken]))


def test_council_row_with_lost_quotes_raises_not_dropped(tmp_path: Path) -> None:
    broken = "2017-18,Barnet,E09000003,2C1,Delayed transfers of care from hospital, per 100,000 population,9.3,Council"
    with pytest.raises(SourceFileError, match="'000 population': unknown geographical level") as err:
        ascof.read_trend(write_trend(tmp_path, [*OLD_ROWS, broken]))
    assert (err.value.column, err.value.row) == ("Geographical Level", len(OLD_ROWS) + 2)


def test_council_row_with_text_value_raises(tmp_path: Path) -> None:
    rows = [*OLD_ROWS[:2], f"2022-23,Hartlepool,E06000001,1E,{LD_WORK},n/a,Council,Total,Outcome"]
    with pytest.raises(SourceFileError, match="'n/a' is not a number") as err:
        ascof.read_trend(write_trend(tmp_path, rows))
    assert (err.value.file, err.value.column, err.value.row) == ("trend_data.csv", "Measure_Value", 4)


def test_breakdowns_are_rejected_with_reason(tmp_path: Path) -> None:
    rows = [*OLD_ROWS, f"2022-23,Hartlepool,E06000001,1C1A,{SDS},88.0,Council,18-64,Outcome"]
    account = ascof.read_trend(write_trend(tmp_path, rows)).accounts[0]
    assert account.rejected == {"breakdown not used: 18-64": 1}
    assert account.read == len(rows) and account.balanced()


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = write_trend(tmp_path, OLD_ROWS)
    text = path.read_text().splitlines()
    path.write_text("\n".join([HEADER.replace(",Measure Type", ""), *(line.rsplit(",", 1)[0] for line in text[1:])]))
    with pytest.raises(SourceFileError, match="required column is missing") as err:
        ascof.read_trend(path)
    assert err.value.column == "Measure Type"


def test_renamed_column_is_named_with_hint(tmp_path: Path) -> None:
    path = write_trend(tmp_path, OLD_ROWS)
    path.write_text(path.read_text().replace("Measure_Value", "Measure Value", 1))
    with pytest.raises(SourceFileError, match="found 'Measure Value': was it renamed") as err:
        ascof.read_trend(path)
    assert err.value.column == "Measure_Value"


def test_empty_file_fails(tmp_path: Path) -> None:
    path = write_trend(tmp_path, [])
    path.write_text("")
    with pytest.raises(SourceFileError, match=r"trend_data\.csv: the file is empty"):
        ascof.read_trend(path)


def test_wrong_encoding_fails(tmp_path: Path) -> None:
    path = write_trend(tmp_path, OLD_ROWS, encoding="cp1252")
    with pytest.raises(SourceFileError, match="not valid utf8") as err:
        ascof.read_trend(path)
    assert err.value.row == 3  # the 1J row holds the en dash


def test_duplicate_keys_fail(tmp_path: Path) -> None:
    rows = [OLD_ROWS[0], OLD_ROWS[1], OLD_ROWS[0].replace("90.1", "90.2")]
    with pytest.raises(SourceFileError, match=r"duplicate key \(.*area_code=E06000001.*on rows \[2, 4\]") as err:
        ascof.read_trend(write_trend(tmp_path, rows))
    assert err.value.row == 2


# ---- the 2020-21 original (xlsx) -------------------------------------------------------------

XLSX_COLUMNS = [
    "Geographical Code", "Geographical Description", "Geographical Level", "ONS Code", "ASCOF Measure Code",
    "Disaggregation Level", "Measure Type", "Measure Value", "Measure Group", "Measure Group Description",
]  # fmt: skip


def xlsx_rows() -> list[list[str | None]]:
    def row(area: tuple[str, str, str, str | None], code: str, dis: str, kind: str, value: str) -> list[str | None]:
        return [*area, code, dis, kind, value, code[:2], "description"]

    kirklees = ("211", "Kirklees", "Council", "E08000034")
    england = ("England", "England", "England", "E92000001")
    shire = ("S", "Shire Counties", "Council Type", None)
    return [
        row(kirklees, "1B", "Total", "Outcome", "85.1"),
        row(kirklees, "1B", "Total", "Numerator", "3605"),
        row(kirklees, "1B", "Total", "Denominator", "4235"),
        row(kirklees, "1B", "Total", "Base", "495"),
        row(kirklees, "1B", "Total", "Margin Of Error", "2.9"),
        row(kirklees, "1BF", "Female", "Outcome", "84.0"),
        row(kirklees, "2A1", "Total", "Outcome", "[c]"),
        row(kirklees, "2A1", "Total", "Numerator", "[c]"),
        row(england, "1B", "Total", "Outcome", "[x]"),
        row(england, "2A1", "Total", "Outcome", "13.3"),
        row(england, "2A1", "Total", "Numerator", "4511"),
        row(england, "2A1", "Total", "Denominator", "33992831"),
        row(shire, "2A1", "Total", "Outcome", "14.2"),
    ]


def write_xlsx(tmp_path: Path, rows: list[list[str | None]], columns: list[str] = XLSX_COLUMNS) -> Path:
    path = tmp_path / "ascof-2020-21" / FILE_2021
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String()), orient="row")
    frame.write_excel(path, worksheet="in")
    return path


def test_xlsx_joins_counts_and_margin_onto_outcome(tmp_path: Path) -> None:
    out = read_2020_21(write_xlsx(tmp_path, xlsx_rows()))
    control = out.values.filter(pl.col("measure") == "ascof_control").row(0, named=True)
    assert (control["code"], control["period"], control["value"]) == ("E08000034", "2020-21", 85.1)
    assert (control["numerator"], control["denominator"], control["moe"]) == (3605.0, 4235.0, 2.9)
    assert control["source_row"] == 2
    assert out.tables["ascof_survey_base"]["base"].to_list() == [495.0]
    admissions = out.values.filter(pl.col("measure") == "ascof_admissions_18_64")
    assert admissions.select("value", "numerator", "status").rows() == [(None, None, "suppressed")]


def test_xlsx_benchmarks_and_account(tmp_path: Path) -> None:
    out = read_2020_21(write_xlsx(tmp_path, xlsx_rows()))
    bench = out.benchmarks.select("area_type", "area_code", "measure", "value", "numerator", "status")
    assert bench.rows() == [
        ("england", "E92000001", "ascof_admissions_18_64", 13.3, 4511.0, "published"),
        ("england", "E92000001", "ascof_control", None, None, "not_available"),
        ("council_type", "council_type:shire_county", "ascof_admissions_18_64", 14.2, None, "published"),
    ]
    account = out.accounts[0]
    assert account.rejected == {"breakdown not used: Female": 1}
    assert account.balanced()


def test_read_uses_the_original_for_2020_21(tmp_path: Path) -> None:
    rows = [*OLD_ROWS, f"2020-21,Kirklees,E08000034,1B,{CONTROL},85.1,Council,Total,Outcome"]
    write_trend(tmp_path, rows)
    write_xlsx(tmp_path, xlsx_rows())
    out = ascof.read_older(tmp_path)
    kirklees = out.values.filter(pl.col("code") == "E08000034", pl.col("measure") == "ascof_control")
    assert kirklees["source_file"].to_list() == [FILE_2021]
    assert out.accounts[0].rejected == {ascof.REPLACED_2021: 1}
    assert all(a.balanced() for a in out.accounts)
    assert set(out.tables) == {"ascof_codes", "ascof_survey_base"}


def test_xlsx_text_in_value_names_column_and_row(tmp_path: Path) -> None:
    rows = xlsx_rows()
    rows[2][7] = "lots"
    with pytest.raises(SourceFileError, match="'lots' is not a number") as err:
        read_2020_21(write_xlsx(tmp_path, rows))
    assert (err.value.file, err.value.column, err.value.row) == (FILE_2021, "Measure Value", 4)


def test_xlsx_renamed_column_is_named(tmp_path: Path) -> None:
    columns = [c.replace("Measure Value", "Measure Values") for c in XLSX_COLUMNS]
    with pytest.raises(SourceFileError, match="found 'Measure Values'") as err:
        read_2020_21(write_xlsx(tmp_path, xlsx_rows(), columns))
    assert err.value.column == "Measure Value"


def test_xlsx_empty_sheet_fails(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="no data rows"):
        read_2020_21(write_xlsx(tmp_path, []))


def test_xlsx_missing_sheet_fails(tmp_path: Path) -> None:
    path = tmp_path / FILE_2021
    pl.DataFrame({"a": ["1"]}).write_excel(path, worksheet="other")
    with pytest.raises(SourceFileError, match="cannot read sheet 'in'"):
        read_2020_21(path)


def test_xlsx_duplicate_keys_fail(tmp_path: Path) -> None:
    rows = [*xlsx_rows(), xlsx_rows()[1]]
    with pytest.raises(SourceFileError, match="duplicate key") as err:
        read_2020_21(write_xlsx(tmp_path, rows))
    assert err.value.row == 3


def test_xlsx_numerator_without_outcome_fails(tmp_path: Path) -> None:
    rows = [r for r in xlsx_rows() if not (r[1] == "England" and r[4] == "2A1" and r[6] == "Outcome")]
    with pytest.raises(SourceFileError, match="no matching Outcome row"):
        read_2020_21(write_xlsx(tmp_path, rows))


def test_xlsx_bad_council_code_fails(tmp_path: Path) -> None:
    rows = xlsx_rows()
    rows[0][3] = "211"
    with pytest.raises(SourceFileError, match="not a council ONS code") as err:
        read_2020_21(write_xlsx(tmp_path, rows))
    assert (err.value.column, err.value.row) == ("ONS Code", 2)
