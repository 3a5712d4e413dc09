"""The data contract of the money and market tables in the committed store (data/prepared).

Reads only the committed parquet files. Each rule is one test named as the sentence it checks.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.methods.spend_measures import RATIOS, Ratio
from accountability.store.schema import ENGLAND_CODE

Tables = dict[str, pl.DataFrame]
SPEND_PERIODS = ["2023-24", "2024-25"]


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> Tables:
    return {name: store.read_table(store_dir, name) for name in store.TABLES}


def _current(tables: Tables) -> pl.DataFrame:
    return tables["councils"].filter(pl.col("valid_to").is_null())


def test_every_current_council_and_england_has_spend_lines_for_both_years(tables: Tables) -> None:
    lines = tables["spend_lines"]
    for period in SPEND_PERIODS:
        codes = set(lines.filter(pl.col("period") == period)["code"])
        assert codes == {*_current(tables)["code"], ENGLAND_CODE}, period


def test_a_spend_line_is_missing_exactly_when_it_carries_a_published_marker(tables: Tables) -> None:
    lines = tables["spend_lines"]
    assert lines.filter(pl.col("value").is_null() != (pl.col("status") != "published")).height == 0
    assert lines.filter(pl.col("value").is_null() != pl.col("marker").is_not_null()).height == 0


def test_every_spend_line_names_its_file_row_and_column(tables: Tables) -> None:
    lines = tables["spend_lines"]
    assert lines.select(pl.col("source_file", "source_row", "source_column").null_count().sum()).row(0) == (0, 0, 0)
    assert lines["source_column"].str.contains(r"^[A-Z]{1,3}$").all()


@pytest.mark.parametrize("ratio", RATIOS, ids=lambda r: r.measure)
def test_every_spend_figure_is_its_published_lines_recomputed(tables: Tables, ratio: Ratio) -> None:
    """Each council's numerator is the sum of the spend lines the measure names, as stored."""
    measure, numerator = ratio.measure, ratio.numerator
    lines = tables["spend_lines"].filter(pl.col("variable").is_in(list(numerator)))
    sums = lines.group_by("code", "period").agg(sum=pl.col("value").sum(), n=pl.col("value").count())
    sums = sums.filter(pl.col("n") == len(numerator))
    values = tables["values"].filter((pl.col("measure") == measure) & pl.col("value").is_not_null())
    joined = values.join(sums, on=["code", "period"], how="left")
    assert joined.height > 250 and joined["sum"].null_count() == 0
    assert (joined["numerator"] - joined["sum"]).abs().max() < 1e-6  # type: ignore[operator]


def test_spend_measures_have_no_interval_because_nothing_is_sampled(tables: Tables) -> None:
    amounts = tables["measures"].filter(pl.col("value_type") == "amount")["id"].implode()
    rows = pl.concat(
        [tables["values"].select("measure", "ci_method"), tables["benchmarks"].select("measure", "ci_method")]
    )
    rows = rows.filter(pl.col("measure").is_in(amounts))
    assert rows.height > 2000 and set(rows["ci_method"]) == {"none"}


def test_spend_per_head_for_england_divides_the_published_total_by_englands_population(tables: Tables) -> None:
    england = tables["benchmarks"].filter(
        (pl.col("area_code") == ENGLAND_CODE) & (pl.col("measure") == "spend_asc_per_adult")
    )
    population = (
        tables["population"]
        .filter(
            (pl.col("code") == ENGLAND_CODE) & (pl.col("year") == 2020) & pl.col("age_band").is_in(["18-64", "65+"])
        )["population"]
        .sum()
    )
    for row in england.iter_rows(named=True):
        total = (
            tables["spend_lines"]
            .filter(
                (pl.col("code") == ENGLAND_CODE)
                & (pl.col("period") == row["period"])
                & (pl.col("variable") == "RO3-asctot-net-cur-exp")
            )["value"]
            .item()
        )
        assert row["value"] == pytest.approx(total * 1000 / population)
    assert england.height == 2


def test_a_region_spend_figure_is_shown_only_when_every_council_in_it_reported(tables: Tables) -> None:
    regions = tables["benchmarks"].filter(
        (pl.col("area_type") == "region") & (pl.col("measure") == "spend_csc_per_child")
    )
    values = (
        tables["values"]
        .filter(pl.col("measure") == "spend_csc_per_child")
        .join(_current(tables).select("code", "region_code"), on="code")
    )
    complete = values.group_by("region_code", "period").agg(all_in=pl.col("value").is_not_null().all())
    joined = regions.join(complete, left_on=["area_code", "period"], right_on=["region_code", "period"])
    assert joined.height == 18
    assert (joined["value"].is_not_null() == joined["all_in"]).all()


def test_s251_splits_cover_the_councils_of_each_year_and_add_up(tables: Tables) -> None:
    table = tables["s251_provision"]
    assert sorted(table["period"].unique()) == ["2009-10", "2010-11", "2011-12", "2012-13", "2013-14"]
    per_year = table.group_by("period").agg(pl.col("code").n_unique())
    assert set(per_year["code"]) == {152}
    assert set(table["code"]) <= set(tables["councils"]["code"])
    wide = table.pivot(on="provision", index=["code", "period", "line"], values="value").drop_nulls()
    parts = wide["own"] + wide["private"] + wide["other_public"] + wide["voluntary"]
    assert wide.height > 2200 and (parts - wide["total"]).abs().max() < 0.05  # type: ignore[operator]


def test_s251_england_shares_are_sums_of_councils_not_averages(tables: Tables) -> None:
    england = tables["benchmarks"].filter(
        (pl.col("area_type") == "england") & (pl.col("measure") == "s251_residential_private_share")
    )
    table = tables["s251_provision"].filter(pl.col("line") == "residential_care")
    for row in england.filter(pl.col("value").is_not_null()).iter_rows(named=True):
        year = table.filter(pl.col("period") == row["period"])
        private = year.filter(pl.col("provision") == "private")["value"].sum()
        assert row["value"] == pytest.approx(private / year.filter(pl.col("provision") == "total")["value"].sum() * 100)
    assert england["value"].is_not_null().sum() == 5


def test_cqc_assessments_are_current_councils_each_with_nine_statements(tables: Tables) -> None:
    assessments, statements = tables["cqc_assessments"], tables["cqc_statements"]
    assert 0 < assessments.height < 153  # a compilation: partial by design
    assert set(assessments["code"]) <= set(_current(tables)["code"])
    counts = statements.group_by("code").agg(n=pl.len(), total=pl.col("score").cast(pl.Int16).sum())
    joined = assessments.join(counts, on="code")
    assert joined.height == assessments.height and (joined["n"] == 9).all()
    assert (joined["total"] == joined["score_total"]).all()


def test_a_cqc_overall_rating_differing_from_its_scores_is_flagged(tables: Tables) -> None:
    rows = tables["cqc_assessments"].filter(pl.col("overall_rating").is_not_null())
    differs = rows.filter(pl.col("overall_rating") != pl.col("rating_from_scores"))
    assert set(differs["check"]) <= {"differs_from_scores", "copies_disagree"}
    unrated = tables["cqc_assessments"].filter(pl.col("overall_rating").is_null())
    assert set(unrated["check"]) <= {"not_rated_in_compilation"}


def test_money_commitments_read_as_trends_only_from_three_periods(tables: Tables) -> None:
    from accountability.methods import progress
    from accountability.methods.commitments import load_commitments

    wanted = [
        c
        for c in load_commitments(measures=tables["measures"])
        if c.id in {"money-into-prevention", "childrens-services-opened"}
    ]
    assert len(wanted) == 2 and all(c.min_periods == 3 for c in wanted)
    out = progress.assess(tables["values"], wanted, tables["measures"], tables["benchmarks"])
    england = {r["measure"]: r for r in out.filter(pl.col("area_type") == "england").iter_rows(named=True)}
    prevention = england["spend_asc_prevention_share"]
    assert prevention["status"] == "not assessable" and "only 2 periods" in prevention["note"]
    residential = england["s251_residential_own_share"]  # 37.0% (2009-10) to 33.2% (2013-14): falling 2.6% a year
    assert residential["status"] == "on track"
    assert residential["cagr_actual"] == pytest.approx((33.249496 / 37.012773) ** 0.25 - 1, abs=1e-6)
