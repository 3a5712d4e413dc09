"""The committed data/standards.toml against the committed store: it loads, resolves and is current."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from accountability import store
from accountability.methods.compare import HEADLINE_MEASURES
from accountability.methods.definitions import first_year_rows
from accountability.methods.floors import floor_verdicts
from accountability.methods.standards import QUANTILE, Standard, load_standards, resolve_thresholds
from accountability.settings import ROOT

STANDARDS_FILE = ROOT / "data" / "standards.toml"


@pytest.fixture(scope="module")
def measures(store_dir: Path) -> pl.DataFrame:
    return store.read_table(store_dir, "measures")


@pytest.fixture(scope="module")
def values(store_dir: Path) -> pl.DataFrame:
    return store.read_table(store_dir, "values")


@pytest.fixture(scope="module")
def standards(measures: pl.DataFrame) -> list[Standard]:
    return load_standards(STANDARDS_FILE, measures)


@pytest.fixture(scope="module")
def thresholds(standards: list[Standard], values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    return resolve_thresholds(standards, values, measures)


@pytest.fixture(scope="module")
def first_years(standards: list[Standard], values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    return first_year_rows(standards, values, measures)


def test_no_floor_judges_its_own_baseline_year(standards: list[Standard], thresholds: pl.DataFrame) -> None:
    rules = [s for s in standards if s.rule is not None]
    assert rules, "no rule-based standards to check"
    for s in rules:
        judged = thresholds.filter(pl.col("standard") == s.key)["period"].to_list()
        assert judged, f"{s.key} judges no period with data"
        assert s.baseline_period not in judged, f"{s.key} judges its own baseline {s.baseline_period}"


def test_no_floor_judges_a_period_of_another_definition(
    standards: list[Standard], thresholds: pl.DataFrame, measures: pl.DataFrame
) -> None:
    """A floor's baseline and every period it judges lie between the same two breaks of the measure."""
    starts = dict(measures.select("id", "break_periods").iter_rows())
    for s in (s for s in standards if s.rule is not None):

        def segment(period: str, measure: str = s.measure) -> int:
            return sum(period >= b for b in starts[measure])

        judged = thresholds.filter(pl.col("standard") == s.key)["period"].to_list()
        assert {segment(p) for p in judged} == {segment(str(s.baseline_period))}, s.key


def test_first_years_of_the_adult_cld_and_framework_changes_have_no_floor(first_years: pl.DataFrame) -> None:
    got = set(first_years.select("measure", "period").iter_rows())
    assert ("ascof_sds_users", "2024-25") in got and ("ascof_sds_users", "2023-24") in got
    assert ("ascof_admissions_65", "2024-25") in got and ("ascof_feel_safe", "2023-24") in got
    assert ("ascof_feel_safe", "2024-25") not in got  # judged against the 2023-24 baseline
    assert first_years["threshold"].null_count() == first_years.height


def test_interval_and_value_only_verdicts_are_told_apart_by_code(
    values: pl.DataFrame, thresholds: pl.DataFrame, first_years: pl.DataFrame
) -> None:
    verdicts = floor_verdicts(values, thresholds, first_years)
    judged = verdicts.filter(pl.col("verdict").cast(pl.String).is_in(["below", "cannot_tell", "meets"]))
    assert set(judged["basis"].cast(pl.String)) == {"interval_998", "value_only"}
    assert judged["basis"].null_count() == 0
    assert (
        verdicts.filter(pl.col("verdict").cast(pl.String).is_in(["no_floor_yet", "no_data"]))["basis"].null_count() > 0
    )
    assert judged.filter(pl.col("verdict") == "cannot_tell")["basis"].cast(pl.String).unique().to_list() == [
        "interval_998"
    ]


def test_every_headline_measure_has_a_standard(standards: list[Standard]) -> None:
    assert {s.measure for s in standards} >= set(HEADLINE_MEASURES)


def test_every_standard_says_where_it_comes_from(standards: list[Standard]) -> None:
    assert standards
    for s in standards:
        assert len(s.source) > 40, s.key
        if s.basis == "rule":
            assert "No official floor is published" in s.source, s.key


def test_every_standard_resolves_to_a_period_with_council_data(
    standards: list[Standard], thresholds: pl.DataFrame, values: pl.DataFrame
) -> None:
    with_data = values.filter(pl.col("value").is_not_null()).select("measure", "period").unique()
    covered = thresholds.join(with_data, on=["measure", "period"], how="semi")
    missing = sorted({s.key for s in standards} - set(covered["standard"].to_list()))
    assert not missing, f"standards with no council data in any period they apply to: {missing}"


def test_rule_thresholds_equal_an_independent_quantile(standards: list[Standard], thresholds: pl.DataFrame) -> None:
    raw = pl.read_parquet(ROOT / "data" / "prepared" / "values.parquet")
    rules = [s for s in standards if s.rule is not None]
    assert rules
    for s in rules:
        base = raw.filter((pl.col("measure") == s.measure) & (pl.col("period") == s.baseline_period))
        sample = [v for v in base["value"].to_list() if v is not None]
        expected = float(np.percentile(sample, 100 * QUANTILE[s.polarity], method="linear"))
        resolved = thresholds.filter(pl.col("standard") == s.key)["threshold"].unique().to_list()
        assert resolved == [pytest.approx(expected, abs=1e-9)], s.key


def test_rule_polarity_picks_the_worst_quarter(standards: list[Standard], thresholds: pl.DataFrame) -> None:
    assert QUANTILE == {"higher_is_better": 0.25, "lower_is_better": 0.75}
    assert standards
    for s in standards:
        text = thresholds.filter(pl.col("standard") == s.key)["rule_text"][0]
        assert ("25th percentile" if s.polarity == "higher_is_better" else "75th percentile") in text


def test_the_latest_period_with_data_has_a_floor_for_every_standard_measure(
    standards: list[Standard], thresholds: pl.DataFrame, first_years: pl.DataFrame, values: pl.DataFrame
) -> None:
    """A new year of data must be reviewed and given a floor (by extending `periods.to`), unless it is
    the first year of a new definition, which no floor can judge yet (it says so)."""
    measured = {s.measure for s in standards}
    latest = (
        values.filter(pl.col("measure").is_in(measured) & pl.col("value").is_not_null())
        .group_by("measure")
        .agg(pl.col("period").max())
    )
    covered = pl.concat([thresholds, first_years]).select("measure", "period")
    uncovered = latest.join(covered, on=["measure", "period"], how="anti").sort("measure")
    assert uncovered.height == 0, f"latest periods with no floor: {uncovered.rows()}"


def test_verdicts_on_the_store_are_never_below_without_a_value(
    values: pl.DataFrame, thresholds: pl.DataFrame, first_years: pl.DataFrame
) -> None:
    verdicts = floor_verdicts(values, thresholds, first_years)
    assert verdicts.filter(pl.col("value").is_null() & (pl.col("verdict") != "no_data")).height == 0
    assert verdicts.filter(pl.col("value").is_not_null() & (pl.col("verdict") == "no_data")).height == 0
