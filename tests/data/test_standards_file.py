"""The committed data/standards.toml against the committed store: it loads, resolves and is current."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from accountability import store
from accountability.methods.compare import HEADLINE_MEASURES
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


def test_every_headline_measure_has_a_standard(standards: list[Standard]) -> None:
    assert {s.measure for s in standards} >= set(HEADLINE_MEASURES)


def test_every_standard_says_where_it_comes_from(standards: list[Standard]) -> None:
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
    for s in (s for s in standards if s.rule is not None):
        base = raw.filter((pl.col("measure") == s.measure) & (pl.col("period") == s.baseline_period))
        sample = [v for v in base["value"].to_list() if v is not None]
        expected = float(np.percentile(sample, 100 * QUANTILE[s.polarity], method="linear"))
        resolved = thresholds.filter(pl.col("standard") == s.key)["threshold"].unique().to_list()
        assert resolved == [pytest.approx(expected, abs=1e-9)], s.key


def test_rule_polarity_picks_the_worst_quarter(standards: list[Standard], thresholds: pl.DataFrame) -> None:
    assert QUANTILE == {"higher_is_better": 0.25, "lower_is_better": 0.75}
    for s in standards:
        text = thresholds.filter(pl.col("standard") == s.key)["rule_text"][0]
        assert ("25th percentile" if s.polarity == "higher_is_better" else "75th percentile") in text


def test_the_latest_period_with_data_has_a_floor_for_every_standard_measure(
    standards: list[Standard], thresholds: pl.DataFrame, values: pl.DataFrame
) -> None:
    """A new year of data must be reviewed and given a floor (by extending `periods.to`)."""
    measured = {s.measure for s in standards}
    latest = (
        values.filter(pl.col("measure").is_in(measured) & pl.col("value").is_not_null())
        .group_by("measure")
        .agg(pl.col("period").max())
    )
    uncovered = latest.join(thresholds, on=["measure", "period"], how="anti").sort("measure")
    assert uncovered.height == 0, f"latest periods with no floor: {uncovered.rows()}"


def test_verdicts_on_the_store_are_never_below_without_a_value(values: pl.DataFrame, thresholds: pl.DataFrame) -> None:
    verdicts = floor_verdicts(values, thresholds)
    assert verdicts.filter(pl.col("value").is_null() & (pl.col("verdict") != "no_data")).height == 0
    assert verdicts.filter(pl.col("value").is_not_null() & (pl.col("verdict") == "no_data")).height == 0
