"""ASCOF and Oflog readers against the real published files, cross-checked with direct cell reads."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from accountability.sources import ascof, ascof_2025, oflog
from accountability.sources.ascof_2021 import FILE_2021
from accountability.sources.ascof_2025_sheets import SHEETS, WORKBOOK
from accountability.sources.ascof_measures import MEASURES, PRE_BREAK_CODES
from accountability.sources.ascof_merge import SUPERSEDED
from accountability.sources.base import SourceOutput

pytestmark = pytest.mark.raw
COUNCIL = r"^E(06|08|09|10)\d{6}$"
# This test's own reading of the framework break (2023-24 code -> measure), checked against the reader.
NEW_CODES = {
    "1A": "ascof_scrqol", "1B": "ascof_adj_scrqol", "1C": "ascof_carer_qol", "1D": "ascof_satisfaction_users",
    "1E": "ascof_satisfaction_carers", "2A": "ascof_short_term_outcome", "2B": "ascof_admissions_18_64",
    "2C": "ascof_admissions_65", "2D1": "ascof_still_home_91", "2D2": "ascof_reablement_offered",
    "2E": "ascof_ld_own_home", "3A": "ascof_control", "3B": "ascof_carers_included", "3C1": "ascof_info_users",
    "3C2": "ascof_info_carers", "3D1A": "ascof_sds_users", "3D1B": "ascof_sds_carers", "3D2A": "ascof_dp_users",
    "3D2B": "ascof_dp_carers", "4A": "ascof_feel_safe", "5A1": "ascof_social_contact_users",
    "5A2": "ascof_social_contact_carers",
}  # fmt: skip
OLD_SAMPLE = [("2017-18", "1A", "ascof_scrqol"), ("2018-19", "1D", "ascof_carer_qol"),
              ("2019-20", "1C1B", "ascof_sds_carers"), ("2019-20", "2C2", "ascof_dtoc_asc"),
              ("2021-22", "2A2", "ascof_admissions_65"), ("2022-23", "1J", "ascof_adj_scrqol"),
              ("2022-23", "1E", "ascof_ld_employment"), ("2022-23", "2D", "ascof_short_term_outcome")]  # fmt: skip
OFLOG_DUPLICATES = {"ASC1": "ascof_carer_qol", "ASC2": "ascof_adj_scrqol", "ASC3": "ascof_info_users",
                    "ASC4": "ascof_info_carers", "ASC5": "ascof_short_term_outcome"}  # fmt: skip
MULTIPLIER = {m.id: m.multiplier for m in [*MEASURES, *ascof_2025.MEASURES, *oflog.MEASURES]}


@cache
def ascof_out(raw_dir: Path) -> SourceOutput:
    return ascof.read(raw_dir)


@cache
def older_out(raw_dir: Path) -> SourceOutput:
    """The trend file and the 2020-21 file alone, before the 2024-25 workbook supersedes their cells."""
    return ascof.read_older(raw_dir)


@cache
def trend_rows(raw_dir: Path) -> list[dict[str, str]]:
    with (raw_dir / "ascof-trend" / "trend_data.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@cache
def oflog_rows(raw_dir: Path) -> list[dict[str, str]]:
    with (raw_dir / "oflog-asc" / "ASC_data.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def lookup(frame: pl.DataFrame, **keys: str) -> float | None:
    row = frame.filter(*(pl.col(k) == v for k, v in keys.items()))
    assert row.height == 1, f"{keys}: {row.height} rows"
    return row["value"][0]


def test_accounts_balance_and_codes_are_councils(raw_dir: Path) -> None:
    out, own = ascof_out(raw_dir), oflog.read(raw_dir)
    assert all(a.balanced() for a in out.accounts + own.accounts)
    assert [a.file for a in out.accounts] == ["trend_data.csv", FILE_2021, *(f"{WORKBOOK} ({s.name})" for s in SHEETS)]
    assert out.values["code"].str.contains(COUNCIL).all()
    assert own.values["code"].str.contains(COUNCIL).all()
    assert set(out.values["measure"]) <= set(MULTIPLIER)


def test_no_council_region_or_england_row_is_dropped(raw_dir: Path) -> None:
    raw = [r for r in trend_rows(raw_dir) if r["Year"] != "2020-21"]
    older = older_out(raw_dir)
    trend = older.values.filter(pl.col("source_file") == "trend_data.csv")
    assert trend.height == sum(r["Geographical Level"] == "Council" for r in raw)
    bench = older.benchmarks.filter(pl.col("source_file") == "trend_data.csv")
    assert bench.height == sum(r["Geographical Level"] != "Council" for r in raw)
    assert ascof.MALFORMED not in older.accounts[0].rejected


def test_every_trend_council_value_survives_with_its_value_or_an_equal_workbook_cell(raw_dir: Path) -> None:
    """The workbook supersedes trend cells only where the two agree: every trend council figure is in
    the output, from the trend file or the workbook, with the same value (or both missing)."""
    raw = [r for r in trend_rows(raw_dir) if r["Year"] != "2020-21" and r["Geographical Level"] == "Council"]
    out = ascof_out(raw_dir).values.select("code", "period", "measure", got="value", file="source_file")

    def measure(r: dict[str, str]) -> str:
        return NEW_CODES[r["Measure Group"]] if r["Year"] >= "2023-24" else PRE_BREAK_CODES[r["Measure Group"]]

    def number(text: str) -> float | None:
        try:
            return float(text)
        except ValueError:
            return None

    published = pl.DataFrame(
        {
            "code": [r["ONS Code"] for r in raw],
            "period": [r["Year"] for r in raw],
            "measure": [measure(r) for r in raw],
            "published": [number(r["Measure_Value"]) for r in raw],
        },
        schema_overrides={"published": pl.Float64},
    )
    joined = published.join(out, on=["code", "period", "measure"], how="left")
    assert joined["file"].null_count() == 0, "a trend council row is missing from the output"
    assert joined.filter(~pl.col("got").eq_missing(pl.col("published"))).height == 0
    assert joined.filter(pl.col("file").str.starts_with(WORKBOOK)).height > 8000
    trend_account = ascof_out(raw_dir).accounts[0]
    assert trend_account.rejected[SUPERSEDED] > 8000 and trend_account.balanced()


@pytest.mark.parametrize(("year", "code", "measure"), OLD_SAMPLE)
def test_england_and_council_values_equal_raw_cells(raw_dir: Path, year: str, code: str, measure: str) -> None:
    out = ascof_out(raw_dir)
    rows = [r for r in trend_rows(raw_dir) if r["Year"] == year and r["Measure Group"] == code]
    england = next(r for r in rows if r["Geographical Level"] == "England")
    assert lookup(out.benchmarks, area_code="E92000001", period=year, measure=measure) == float(
        england["Measure_Value"]
    )
    sample = [r for r in rows if r["Geographical Level"] == "Council"][::25]
    assert sample, (year, code)
    for r in sample:
        assert lookup(out.values, code=r["ONS Code"], period=year, measure=measure) == float(r["Measure_Value"])


def test_2023_24_values_land_on_the_right_measure(raw_dir: Path) -> None:
    out = ascof_out(raw_dir)
    rows = [r for r in trend_rows(raw_dir) if r["Year"] == "2023-24"]
    assert {r["Measure Group"] for r in rows} == set(NEW_CODES)
    sds = next(r for r in rows if r["Measure Group"] == "3D1A" and r["Geographical Level"] == "England")
    assert lookup(out.benchmarks, area_code="E92000001", period="2023-24", measure="ascof_sds_users") == float(
        sds["Measure_Value"]
    )
    councils = [r for r in rows if r["Geographical Level"] == "Council"]
    assert len(councils) > 1000
    for r in councils:
        got = lookup(out.values, code=r["ONS Code"], period="2023-24", measure=NEW_CODES[r["Measure Group"]])
        assert got == float(r["Measure_Value"]), r


def test_code_table_shows_reused_codes(raw_dir: Path) -> None:
    codes = ascof_out(raw_dir).tables["ascof_codes"]
    one_b = codes.filter(pl.col("code") == "1B").select("measure", "framework").unique().sort("measure", "framework")
    assert one_b.rows() == [
        ("ascof_adj_scrqol", "ASCOF 2023-24"),
        ("ascof_adj_scrqol", "ASCOF 2024-25 data tables"),
        ("ascof_control", "ASCOF 2017-18 to 2022-23"),
    ]


def test_trend_2020_21_agrees_with_the_original_file(raw_dir: Path) -> None:
    out = ascof_out(raw_dir)
    rows = [r for r in trend_rows(raw_dir) if r["Year"] == "2020-21" and r["Geographical Level"] == "Council"]
    assert len(rows) > 2000
    for r in rows:
        got = lookup(out.values, code=r["ONS Code"], period="2020-21", measure=PRE_BREAK_CODES[r["Measure Group"]])
        published = float(r["Measure_Value"])
        assert got is not None and abs(got - published) <= (0.05 if published >= 1 else 0.0005), r


def test_2020_21_counts_equal_spreadsheet_cells(raw_dir: Path) -> None:
    sheet = fastexcel.read_excel(raw_dir / "ascof-2020-21" / FILE_2021).load_sheet_by_name("in", dtypes="string")
    cells = sheet.to_polars().filter(pl.col("ONS Code") == "E08000034", pl.col("ASCOF Measure Code") == "1B")
    raw = dict(zip(cells["Measure Type"], cells["Measure Value"], strict=True))
    row = older_out(raw_dir).values.filter(
        pl.col("code") == "E08000034", pl.col("period") == "2020-21", pl.col("measure") == "ascof_control"
    )
    assert row.select("value", "numerator", "denominator", "moe").row(0) == tuple(
        float(raw[k]) for k in ("Outcome", "Numerator", "Denominator", "Margin Of Error")
    )


def _pooled(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.group_by("measure").agg(num=pl.col("numerator").sum(), den=pl.col("denominator").sum())


def test_regions_pool_exactly_to_england_2020_21(raw_dir: Path) -> None:
    bench = ascof_out(raw_dir).benchmarks.filter(pl.col("period") == "2020-21")
    england = bench.filter(pl.col("area_type") == "england", pl.col("numerator").is_not_null())
    joined = england.join(_pooled(bench.filter(pl.col("area_type") == "region")), on="measure")
    assert joined.height == 11
    assert (joined["num"] == joined["numerator"]).all() and (joined["den"] == joined["denominator"]).all()
    pooled = joined["num"] / joined["den"] * joined["measure"].replace_strict(MULTIPLIER)
    assert ((pooled - joined["value"]).abs() <= 0.05).all()


POOLS_FROM_COUNCILS = ["ascof_admissions_18_64", "ascof_dp_users", "ascof_ld_employment", "ascof_ld_own_home",
                       "ascof_reablement_offered", "ascof_sds_users", "ascof_short_term_outcome"]  # fmt: skip
HACKNEY_GAP = ["ascof_admissions_65", "ascof_dp_carers", "ascof_sds_carers", "ascof_still_home_91"]


def test_council_pooling_reproduces_england_2020_21(raw_dir: Path) -> None:
    out = ascof_out(raw_dir)
    councils = out.values.filter(pl.col("period") == "2020-21")
    england = out.benchmarks.filter(pl.col("period") == "2020-21", pl.col("area_type") == "england")
    joined = england.join(_pooled(councils), on="measure").filter(pl.col("numerator").is_not_null())
    joined = joined.with_columns(pooled=pl.col("num") / pl.col("den") * pl.col("measure").replace_strict(MULTIPLIER))
    close = joined.filter((pl.col("pooled").round(1) - pl.col("value")).abs() < 1e-9)["measure"]
    assert sorted(close) == POOLS_FROM_COUNCILS
    assert sorted(set(joined["measure"]) - set(close)) == HACKNEY_GAP


def test_england_minus_councils_is_hackney_in_london_2020_21(raw_dir: Path) -> None:
    # Hackney's council counts are "[x]" in 2020-21, yet England and London include them; where Hackney
    # is the only council without a numerator, England's excess over the councils is all in London.
    out = ascof_out(raw_dir)
    v = out.values.filter(pl.col("period") == "2020-21")
    missing = v.filter(pl.col("numerator").is_null()).group_by("measure").agg(pl.col("code").unique())
    only_hackney = missing.filter(pl.col("code").list.len() == 1, pl.col("code").list.first() == "E09000012")
    bench = out.benchmarks.filter(pl.col("period") == "2020-21")
    england = _pooled(bench.filter(pl.col("area_code") == "E92000001"))
    london = _pooled(bench.filter(pl.col("area_code") == "E12000007"))
    gap = england.join(_pooled(v), on="measure", suffix="_c").select("measure", g=pl.col("num") - pl.col("num_c"))
    london_councils = _pooled(v.filter(pl.col("code").str.starts_with("E09")))
    london_gap = london.join(london_councils, on="measure", suffix="_c")
    london_gap = london_gap.select("measure", lg=pl.col("num") - pl.col("num_c"))
    both = gap.join(london_gap, on="measure").join(only_hackney, on="measure")
    assert both.height == 9
    assert (both["g"] > 0).all() and (both["g"] == both["lg"]).all()


def test_polarity_follows_measure_direction_file(raw_dir: Path) -> None:
    codes = ascof_out(raw_dir).tables["ascof_codes"].filter(pl.col("framework") == "ASCOF 2023-24")
    norm = ascof.normalise_description_expr(pl.col("published_description"))
    by_text = dict(codes.select(norm, "measure").iter_rows())
    polarity = {m.id: m.polarity for m in MEASURES}
    with (raw_dir / "ascof-trend" / "measure_direction.csv").open(encoding="utf-8-sig", newline="") as f:
        directions = list(csv.DictReader(f))
    assert len(directions) == 22
    for row in directions:
        text = pl.select(ascof.normalise_description_expr(pl.lit(row["Measure Group Description"]))).item()
        expected = "higher_is_better" if row["Direction"] == "Higher is better" else "lower_is_better"
        if by_text[text] == "ascof_short_term_outcome":  # deliberate, explained in the measure's note
            assert expected == "lower_is_better" and polarity[by_text[text]] == "higher_is_better"
        else:
            assert polarity[by_text[text]] == expected, row


def test_oflog_own_metrics_equal_raw_cells(raw_dir: Path) -> None:
    values = oflog.read(raw_dir).values
    own = {"ASC6": "oflog_requests_resulting_in_service", "ASC7": "oflog_workforce_turnover"}
    rows = [r for r in oflog_rows(raw_dir) if r["Code"] in own]
    assert len(rows[::40]) > 10
    for r in rows[::40]:
        got = lookup(values, code=r["Local authority code"], period=r["Financial year"], measure=own[r["Code"]])
        assert got == (float(r["Value"]) if r["Value"] else None)


def test_oflog_duplicates_equal_ascof_values(raw_dir: Path) -> None:
    ascof_values = ascof_out(raw_dir).values.select("code", "period", "measure", ascof_value="value")
    rows = [r for r in oflog_rows(raw_dir) if r["Code"] in OFLOG_DUPLICATES and r["Value"]]
    raw = pl.DataFrame(
        {
            "code": [r["Local authority code"] for r in rows],
            "period": [r["Financial year"] for r in rows],
            "measure": [OFLOG_DUPLICATES[r["Code"]] for r in rows],
            "oflog_value": [float(r["Value"]) for r in rows],
        }
    )
    both = raw.join(ascof_values, on=["code", "period", "measure"]).filter(pl.col("ascof_value").is_not_null())
    assert both.height > 2500
    assert set(both["measure"]) == set(OFLOG_DUPLICATES.values())
    assert ((both["oflog_value"] - both["ascof_value"]).abs() < 1e-9).all()
