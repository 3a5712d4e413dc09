"""Money readers against the published files: cells, England totals and class totals read independently.

The independent reads here find cells by their published labels (the 'E-code' header, the variable
code row) with plain fastexcel calls, not with the reader's functions.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from accountability.sources import asc_fr_activity, cqc_la, dfe_extra, finance, lait, population, s251
from accountability.sources.base import SourceOutput

pytestmark = pytest.mark.raw
GBP_BN = 1_000_000  # GBP thousand per GBP billion


class Sheet:
    """One published data sheet, with its variable-code row and table headers found once."""

    def __init__(self, raw_dir: Path, spec: finance.FinanceFile) -> None:
        reader = fastexcel.read_excel(raw_dir / spec.folder / spec.file)
        name = next(s for s in reader.sheet_names if s.startswith(f"{spec.form}_LA_Data"))
        self.rows = reader.load_sheet_by_name(name, header_row=None, dtypes="string").to_polars().rows()
        codes = next(r for r in self.rows if sum(1 for c in r if c and re.match(r"^(RO3|RSX)-", c)) > 5)
        self.column = {c: i for i, c in enumerate(codes) if c}
        self.headers = [i for i, r in enumerate(self.rows) if r[0] == "E-code"]

    def cell(self, ons: str, variable: str, table: int = 0) -> str | None:
        """The cell of `variable` in the row whose ONS code (column B) is `ons`, in the nth table."""
        start = self.headers[table]
        end = self.headers[table + 1] if table + 1 < len(self.headers) else len(self.rows)
        return next(r[self.column[variable]] for r in self.rows[start:end] if r[1] == ons)


@pytest.fixture(scope="module")
def money(raw_dir: Path) -> SourceOutput:
    return finance.read(raw_dir)


@pytest.fixture(scope="module")
def lines(money: SourceOutput) -> pl.DataFrame:
    return money.tables["spend_lines"]


def _value(lines: pl.DataFrame, code: str, period: str, variable: str) -> float | None:
    rows = lines.filter((pl.col("code") == code) & (pl.col("period") == period) & (pl.col("variable") == variable))
    assert rows.height == 1
    return rows["value"][0]


@pytest.mark.parametrize(
    ("variable", "gbp_bn_2324", "gbp_bn_2425"),
    [("RO3-asctot-net-cur-exp", 23.32, 25.24), ("RO3-csctot-net-cur-exp", 14.45, 15.56),
     ("RO3-csclkd-net-cur-exp", 7.64, 8.43), ("RO3-csclkdres-net-cur-exp", 3.12, 3.59),
     ("RO3-csclkdfos-net-cur-exp", 1.88, 2.10)],
)  # fmt: skip
def test_england_totals_equal_the_published_figures(
    lines: pl.DataFrame, variable: str, gbp_bn_2324: float, gbp_bn_2425: float
) -> None:
    # the GBP bn figures are those in finance-2023-24/SOURCES.md, rounded to 10 million
    assert _value(lines, "E92000001", "2023-24", variable) / GBP_BN == pytest.approx(gbp_bn_2324, abs=0.005)
    assert _value(lines, "E92000001", "2024-25", variable) / GBP_BN == pytest.approx(gbp_bn_2425, abs=0.005)


@pytest.mark.parametrize("spec", finance.FILES, ids=lambda s: s.file)
def test_every_kept_cell_equals_the_published_cell(
    raw_dir: Path, lines: pl.DataFrame, spec: finance.FinanceFile
) -> None:
    sheet = Sheet(raw_dir, spec)
    mine = lines.filter((pl.col("period") == spec.period) & (pl.col("form") == spec.form))
    sample = mine.filter(pl.col("code").is_in(["E92000001", "E06000001", "E09000033", "E10000034", "E08000025"]))
    assert sample.height > 100
    for row in sample.iter_rows(named=True):
        cell = sheet.cell(row["code"], row["variable"])
        if row["value"] is None:
            assert cell == row["marker"], row
        else:
            assert float(cell or "nan") == row["value"], row
        assert sheet.rows[row["source_row"] - 1][1] == row["code"]


# 2024-25 only: the 2023-24 first release labels its class totals "[o]" (estimates), a few GBP thousand
# away from the sum of its councils even where every council reported.
@pytest.mark.parametrize(("period", "class_code"), [("2024-25", "E09"), ("2024-25", "E10")])
def test_councils_sum_to_the_published_class_total_where_every_council_reported(
    raw_dir: Path, lines: pl.DataFrame, period: str, class_code: str
) -> None:
    spec = next(s for s in finance.FILES if s.form == "RO3" and s.period == period)
    sheet = Sheet(raw_dir, spec)
    for variable in ("RO3-asctot-net-cur-exp", "RO3-csctot-net-cur-exp", "RO3-csclkdres-tot-exp"):
        members = lines.filter(
            (pl.col("period") == period) & (pl.col("variable") == variable) & pl.col("code").str.starts_with(class_code)
        )
        assert members.height > 20 and members["status"].eq("published").all()
        published = float(sheet.cell(class_code, variable, table=1) or "nan")
        assert members["value"].sum() == pytest.approx(published, rel=1e-12)


@pytest.mark.parametrize(
    ("period", "missing"),
    [("2024-25", ["E06000039", "E06000063", "E08000025"]),
     ("2023-24", ["E06000024", "E06000034", "E06000052", "E06000064", "E06000066", "E08000025", "E08000030",
                  "E08000032", "E08000033", "E09000002", "E09000026"])],
)  # fmt: skip
def test_councils_without_a_return_are_missing_not_zero(lines: pl.DataFrame, period: str, missing: list[str]) -> None:
    total = lines.filter((pl.col("period") == period) & (pl.col("variable") == "RO3-asctot-net-cur-exp"))
    assert total.filter(pl.col("code") != "E92000001").height == 153
    absent = total.filter(pl.col("value").is_null())
    assert sorted(absent["code"]) == sorted(missing)
    assert set(absent["marker"]) == {"[x]"} and set(absent["status"]) == {"not_available"}


def test_rsx_and_ro3_agree_on_each_councils_social_care_totals(lines: pl.DataFrame) -> None:
    wide = lines.filter(pl.col("variable").is_in(["RO3-asctot-net-cur-exp", "RSX-asc-net-cur-exp"])).pivot(
        on="variable", index=["code", "period"], values="value"
    )
    both = wide.drop_nulls()
    assert both.height > 280
    assert (both["RO3-asctot-net-cur-exp"] - both["RSX-asc-net-cur-exp"]).abs().max() < 0.01  # type: ignore[operator]


def test_gatesheads_looked_after_breakdown_is_missing_with_note_4(lines: pl.DataFrame) -> None:
    rows = lines.filter(
        (pl.col("code") == "E08000037")
        & (pl.col("period") == "2024-25")
        & pl.col("variable").str.starts_with("RO3-csclkdres")
    )
    assert rows.height == 7 and set(rows["marker"]) == {"[note 4]"} and rows["value"].is_null().all()


def test_every_finance_file_is_accounted_for(money: SourceOutput) -> None:
    assert {a.file for a in money.accounts} == {s.file for s in finance.FILES}
    for account in money.accounts:
        assert account.balanced() and account.kept == 154, account  # 153 councils and England


def test_adult_population_of_the_2023_councils_adds_up_to_their_predecessors(raw_dir: Path) -> None:
    table = (
        population.read(raw_dir).tables["population"].filter((pl.col("year") == 2020) & (pl.col("age_band") != "0-17"))
    )
    pop = {(r["code"], r["age_band"]): r["population"] for r in table.iter_rows(named=True)}
    for band in ("18-64", "65+", "all ages"):
        assert pop[("E06000063", band)] + pop[("E06000064", band)] == pop[("E10000006", band)]  # Cumbria split
        assert pop[("E06000065", band)] == pop[("E10000023", band)]  # North Yorkshire, same area
        assert pop[("E06000066", band)] == pop[("E10000027", band)]  # Somerset, same area


@pytest.fixture(scope="module")
def unit_costs(raw_dir: Path) -> SourceOutput:
    return lait.read(raw_dir)


@pytest.mark.parametrize(
    ("measure", "first", "last"), [("unit_cost_residential", 3430.0, 7385.0), ("unit_cost_fostering", 575.0, 765.0)]
)
def test_lait_england_unit_costs_equal_the_published_figures(
    unit_costs: SourceOutput, measure: str, first: float, last: float
) -> None:
    # England 2016-17 and 2024-25, as lait-dfe/SOURCES.md quotes them from LAIT
    england = unit_costs.benchmarks.filter((pl.col("area_type") == "england") & (pl.col("measure") == measure))
    by_period = dict(zip(england["period"], england["value"], strict=True))
    assert len(by_period) == 9 and (by_period["2016-17"], by_period["2024-25"]) == (first, last)


def test_lait_cells_equal_the_parquet(raw_dir: Path, unit_costs: SourceOutput) -> None:
    raw = pl.read_parquet(raw_dir / lait.FOLDER / lait.DATA).with_row_index("row", offset=1)
    values = unit_costs.values.filter(pl.col("value").is_not_null())
    assert values.height > 2500 and values["code"].n_unique() >= 150
    for row in values.sample(200, seed=1).iter_rows(named=True):
        cell = raw.row(row["source_row"] - 1, named=True)
        assert float(cell["Values"]) == row["value"] and cell["Years"].startswith(row["period"])
    assert all(a.balanced() for a in unit_costs.accounts)


@pytest.fixture(scope="module")
def market(raw_dir: Path) -> SourceOutput:
    return dfe_extra.read(raw_dir)


def _england(out: SourceOutput, measure: str, period: str) -> dict[str, object]:
    rows = out.benchmarks.filter(
        (pl.col("area_type") == "england") & (pl.col("measure") == measure) & (pl.col("period") == period)
    )
    assert rows.height == 1
    return rows.row(0, named=True)


@pytest.mark.parametrize(
    ("measure", "period", "value", "numerator", "denominator"),
    [("placement_changes_provider_closed", "2024-25", 1.0, 400.0, 59140.0),
     ("placements_far_from_home", "2024-25", 16.0, 14560.0, 90930.0),
     ("care_leavers_eet_19_21", "2024-25", 54.0, 20760.0, 38440.0),
     ("care_leavers_suitable_19_21", "2024-25", 89.0, 33810.0, 38190.0),
     ("cla_placed_in_by_other_las", "2023-24", 36440.0, None, None),
     ("cla_placed_outside_area", "2023-24", 37520.0, None, None),
     ("cla_placement_net_gain", "2023-24", -1080.0, None, None)],
)  # fmt: skip
def test_extra_england_figures_equal_the_published_national_rows(
    market: SourceOutput, measure: str, period: str, value: float, numerator: float | None, denominator: float | None
) -> None:
    # 2025 national figures quoted in childrens-social-care-extra/SOURCES.md (90,930 new placements,
    # 14,560 outside and > 20 miles, 400 changes because the provision closed; NEET 19-21: 40%)
    row = _england(market, measure, period)
    assert (row["value"], row["numerator"], row["denominator"]) == (value, numerator, denominator)


def test_extra_council_cells_equal_the_file(raw_dir: Path, market: SourceOutput) -> None:
    for spec in dfe_extra.FILES:
        text = (raw_dir / dfe_extra.FOLDER / spec.file).read_text(encoding="utf-8-sig").splitlines()
        header = text[0].split(",")
        rows = market.values.filter((pl.col("source_file") == spec.file) & pl.col("value").is_not_null())
        assert rows.height > 500
        for row in rows.sample(50, seed=2).iter_rows(named=True):
            cells = dict(zip(header, next(csv.reader([text[row["source_row"] - 1]])), strict=True))
            assert cells["new_la_code"] == row["code"]
            pick = next(p for p in spec.picks if p.measure == row["measure"])
            assert float(cells[pick.value]) == row["value"]
    assert all(a.balanced() for a in market.accounts)


@pytest.fixture(scope="module")
def provision(raw_dir: Path) -> SourceOutput:
    return s251.read(raw_dir)


@pytest.mark.parametrize(
    ("period", "line", "shares", "gbp_m"),
    [("2009-10", "residential_care", (37.0, 56.8, 2.8, 3.3), 983),
     ("2013-14", "residential_care", (33.2, 61.2, 4.2, 1.4), 1021),
     ("2013-14", "fostering", (51.6, 43.6, 3.8, 1.0), 1515)],
)  # fmt: skip
def test_s251_england_split_equals_the_published_sums(
    provision: SourceOutput, period: str, line: str, shares: tuple[float, ...], gbp_m: int
) -> None:
    # England = sum of the 152 councils, as s251-outturn-2009-2014/SOURCES.md computes it
    table = provision.tables["s251_provision"].filter((pl.col("period") == period) & (pl.col("line") == line))
    assert table["code"].n_unique() == 152
    sums = {p: table.filter(pl.col("provision") == p)["value"].sum() for p in s251.PROVISIONS}
    assert round(sums["total"] / 1e6) == gbp_m
    got = tuple(round(sums[p] / sums["total"] * 100, 1) for p in ("own", "private", "voluntary", "other_public"))
    assert got == shares


def test_s251_providers_add_up_to_the_total_for_every_council(provision: SourceOutput) -> None:
    wide = provision.tables["s251_provision"].pivot(on="provision", index=["code", "period", "line"], values="value")
    complete = wide.drop_nulls()
    assert complete.height > 2200
    parts = complete["own"] + complete["private"] + complete["other_public"] + complete["voluntary"]
    assert (parts - complete["total"]).abs().max() < 0.05  # type: ignore[operator]  # pence rounding
    assert all(a.balanced() and a.kept == 456 for a in provision.accounts)  # 152 councils x 3 lines


def test_s251_cells_equal_the_file(raw_dir: Path, provision: SourceOutput) -> None:
    table = provision.tables["s251_provision"].filter(pl.col("value").is_not_null())
    for year, (file, _) in s251.FILES.items():
        text = (raw_dir / s251.FOLDER / file).read_bytes().decode("utf-8" if year == 2010 else "cp1252")
        records = list(csv.reader(io.StringIO(text)))  # source_row counts records (some span two lines)
        header = records[0]
        total = next(c for c in header if c.replace(" ", "").lower().startswith("totalexpenditure"))
        rows = table.filter((pl.col("source_file") == file) & (pl.col("provision") == "total"))
        for row in rows.sample(20, seed=3).iter_rows(named=True):
            cells = dict(zip(header, records[row["source_row"] - 1], strict=True))
            assert float(cells[total].replace(",", "")) == row["value"]


def test_asc_2014_15_activity_councils_add_up_to_the_england_column(raw_dir: Path) -> None:
    out = asc_fr_activity.read(raw_dir)
    table = out.tables["asc_provision_1415"]
    assert table["code"].n_unique() == 152 and table["status"].eq("published").all()
    text = (raw_dir / asc_fr_activity.FOLDER / asc_fr_activity.ACTIVITY_1415).read_bytes().decode("cp1252")
    records = list(csv.reader(io.StringIO(text)))[1:]  # the first line holds region codes
    header, rows = records[0], records[1:]
    england = header.index("ENGLAND")
    checked = 0
    for setting, provision in (("Residential", "In house provision"), ("Residential", "External provision"),
                               ("Nursing", "External provision")):  # fmt: skip
        published = [r for r in rows if r[1] == "Age 65 and over" and r[3] == setting and r[4] == provision]
        for row in published:
            mine = table.filter(
                (pl.col("setting") == setting.lower()) & (pl.col("support_reason") == row[2])
                & (pl.col("provision") == ("in_house" if provision.startswith("In") else "external"))
            )  # fmt: skip
            assert mine["value"].sum() == pytest.approx(float(row[england]), abs=0.05)  # rounded to 0.01 a council
            checked += 1
    assert checked == 15
    assert [a.kept for a in out.accounts] == [0, 15] and all(a.balanced() for a in out.accounts)


@pytest.fixture(scope="module")
def cqc(raw_dir: Path) -> SourceOutput:
    return cqc_la.read(raw_dir)


def test_cqc_compilation_covers_72_councils_each_matched_once(cqc: SourceOutput) -> None:
    table = cqc.tables["cqc_assessments"]
    assert table.height == 72 and table["code"].n_unique() == 72
    assert (
        table["report_url"]
        .str.starts_with("https://www.cqc.org.uk/care-services/local-authority-assessment-reports/")
        .all()
    )
    assert [(a.read, a.kept) for a in cqc.accounts] == [(72, 72), (72, 72)]


@pytest.mark.parametrize(
    ("code", "rating", "percent", "month"),
    [("E09000007", "outstanding", 88.9, date(2025, 2, 1)), ("E06000009", "inadequate", 33.3, date(2025, 8, 1)),
     ("E06000021", "good", 63.9, date(2025, 6, 1)), ("E06000033", "good", 69.4, date(2025, 8, 1))],
)  # fmt: skip
def test_cqc_sample_councils_read_as_published(
    cqc: SourceOutput, code: str, rating: str, percent: float, month: date
) -> None:
    # Camden Outstanding (Feb 2025), Blackpool Inadequate (Aug 2025), "Stoke" and "Southend" matched by alias
    row = cqc.tables["cqc_assessments"].filter(pl.col("code") == code).row(0, named=True)
    assert (row["overall_rating"], round(row["score_percent"], 1), row["assessed"]) == (rating, percent, month)


def test_cqc_only_durham_is_flagged_and_its_rating_is_not_filled_in(cqc: SourceOutput) -> None:
    table = cqc.tables["cqc_assessments"]
    flagged = table.filter(pl.col("check") != "agrees")
    assert flagged.select("code", "check", "overall_rating").rows() == [("E06000047", "not_rated_in_compilation", None)]
    assert cqc.tables["cqc_statements"]["agrees"].all()


def test_cqc_cells_equal_the_page(raw_dir: Path, cqc: SourceOutput) -> None:
    lines = (raw_dir / cqc_la.FOLDER / "cqc_league_tables.html").read_text(encoding="utf-8").splitlines()
    for row in cqc.tables["cqc_assessments"].iter_rows(named=True):
        tr = lines[row["source_row"] - 1]
        assert f'data-name="{row["name_in_source"]}"' in tr
        assert f'data-rating="{row["overall_as_published"]}"' in tr
