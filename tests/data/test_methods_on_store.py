"""Every statistical method run over the committed store: it runs, fast, and the results are coherent.

Reads only data/prepared. Prints a few counts (run with -s to see them) as a sanity record.
"""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.methods.funnel_plot import build_funnel
from accountability.methods.ranks import rank_table
from accountability.methods.significance import (
    COMPARISONS,
    MIN_NEIGHBOURS,
    TESTED_METHODS,
    compare_to_benchmark,
    council_type_benchmark,
    england_benchmark,
    neighbour_benchmark,
    region_benchmark,
)
from accountability.methods.trends import MIN_POINTS, period_year_expr, recent_trends

Tables = dict[str, pl.DataFrame]
SAMPLE_MEASURE = "rereferral_pct"


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> Tables:
    names = ("values", "measures", "benchmarks", "peers", "councils")
    return {name: store.read_table(store_dir, name) for name in names}


def _latest(values: pl.DataFrame, measure: str) -> str:
    return str(values.filter((pl.col("measure") == measure) & pl.col("value").is_not_null())["period"].max())


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_every_council_value_with_an_interval_and_england_figure_is_tested(tables: Tables, level: float) -> None:
    england = england_benchmark(tables["benchmarks"])
    out = compare_to_benchmark(tables["values"], england, level, tables["measures"])
    assert out.height == tables["values"].height
    assert set(out["comparison"].unique().to_list()) <= set(COMPARISONS)
    keyed = tables["values"].join(england.rename({"value": "eng"}), on=["period", "measure"], how="left")
    testable = keyed.filter(
        pl.col("ci_method").cast(pl.String).is_in(TESTED_METHODS) & pl.col("eng").is_not_null()
    ).height
    assert out.filter(pl.col("comparison") != "not tested").height == testable
    period = _latest(tables["values"], SAMPLE_MEASURE)
    sample = out.filter((pl.col("measure") == SAMPLE_MEASURE) & (pl.col("period") == period))
    counts = dict(sample.group_by("comparison").len().iter_rows())
    print(f"\n{SAMPLE_MEASURE} {period} vs England at {level}: {counts}")
    assert counts.get("better", 0) + counts.get("worse", 0) > 0


def test_neighbour_means_use_at_most_ten_and_are_withheld_below_five(tables: Tables) -> None:
    out = neighbour_benchmark(tables["values"], tables["peers"])
    assert out["n_used"].max() <= 10  # type: ignore[operator]
    assert out.filter(pl.col("value").is_null() != (pl.col("n_used") < MIN_NEIGHBOURS)).height == 0
    assert out["code"].n_unique() == tables["peers"].filter(pl.col("model") == "2025")["code"].n_unique()
    compared = compare_to_benchmark(tables["values"], out, 0.95, tables["measures"])
    assert compared.filter(pl.col("comparison").is_in(["better", "worse"])).height > 0


def test_every_current_council_has_a_published_region_and_council_type_group(tables: Tables) -> None:
    current = tables["councils"].filter(pl.col("valid_to").is_null())
    regions = region_benchmark(tables["benchmarks"], current)
    types = council_type_benchmark(tables["benchmarks"], current)
    assert set(regions["code"]) == set(current["code"])
    published_groups = set(tables["benchmarks"].filter(pl.col("area_type") == "council_type")["area_code"])
    assert set(types["area_code"]) <= published_groups
    assert types["code"].n_unique() == current.height


def test_trends_run_over_the_whole_store_and_label_every_series(tables: Tables) -> None:
    # how long this takes is measured in benchmarks/pages.py (cold first runs), not asserted here
    out = recent_trends(tables["values"], tables["measures"])
    print(f"\ntrends: {out.height} council-measures; {dict(out.group_by('label').len().iter_rows())}")
    assert out.filter(pl.col("label").is_null()).height == 0


def test_a_trend_label_for_every_council_measure_with_three_points_since_the_break(tables: Tables) -> None:
    # independent count: points in the latest framework segment of each council's series
    info = tables["measures"].select(pl.col("id").alias("measure"), period_year_expr(pl.col("break_period")).alias("b"))
    points = (
        tables["values"]
        .filter(pl.col("value").is_not_null())
        .join(info, on="measure")
        .with_columns(year=period_year_expr(pl.col("period")))
    )
    post = (pl.col("year") >= pl.col("b")).fill_null(False)
    enough = (
        points.with_columns(post=post)
        .filter(pl.col("post") == pl.col("post").sort_by("year").last().over("code", "measure"))
        .group_by("code", "measure")
        .len()
        .filter(pl.col("len") >= MIN_POINTS)
    )
    out = recent_trends(tables["values"], tables["measures"])
    labelled = out.filter(pl.col("label") != "not enough data")
    assert set(labelled.select("code", "measure").iter_rows()) == set(enough.select("code", "measure").iter_rows())
    assert (labelled["p_value"].is_between(0, 1)).all()


def test_rank_intervals_for_the_latest_period_of_every_measure(tables: Tables) -> None:
    values = tables["values"]
    latest = values.filter(pl.col("value").is_not_null()).group_by("measure").agg(pl.col("period").max())
    start = time.perf_counter()
    out = rank_table(values, tables["measures"], latest)
    print(f"\nranks: {out.height} rows, {latest.height} measure-periods in {time.perf_counter() - start:.2f}s")
    ranked = out.filter(pl.col("rank").is_not_null())
    assert ranked["quartile"].is_in([1, 2, 3, 4]).all()
    with_interval = ranked.filter(pl.col("rank_low").is_not_null())
    assert with_interval.height > 0
    assert with_interval.filter(
        (pl.col("rank_low") > pl.col("rank")) | (pl.col("rank") > pl.col("rank_high"))
    ).is_empty()


def test_funnel_positions_for_the_sample_measure_against_england(tables: Tables) -> None:
    period = _latest(tables["values"], SAMPLE_MEASURE)
    rows, england, measure = _funnel_inputs(tables, SAMPLE_MEASURE, period)
    funnel = build_funnel(rows, england, measure)
    assert funnel is not None
    out = funnel.points
    print(f"\nfunnel {SAMPLE_MEASURE} {period}: {dict(out.group_by('position').len().iter_rows())}")
    with_counts = rows.filter((pl.col("denominator") > 0) & pl.col("numerator").is_not_null()).height
    assert with_counts > 0 and out.filter(pl.col("position") != "not tested").height == with_counts
    assert funnel.limits.height > 10


def _funnel_inputs(tables: Tables, measure: str, period: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    keep = (pl.col("measure") == measure) & (pl.col("period") == period)
    england = tables["benchmarks"].filter(keep & (pl.col("area_type") == "england"))
    return tables["values"].filter(keep), england, tables["measures"].filter(pl.col("id") == measure)


def test_rereferral_funnel_allows_for_overdispersion(tables: Tables) -> None:
    unadjusted = build_funnel(*_funnel_inputs(tables, "rereferral_pct", "2024-25"), adjustment="none")
    additive = build_funnel(*_funnel_inputs(tables, "rereferral_pct", "2024-25"), adjustment="additive")
    assert unadjusted is not None and additive is not None
    outside = [
        f.points.filter(pl.col("position").cast(pl.String).str.contains("99.8")).height for f in (unadjusted, additive)
    ]
    print(
        f"\nrereferrals 2024-25 outside 99.8%: {outside[0]} unadjusted, {outside[1]} additive (phi {additive.phi:.1f})"
    )
    assert outside[0] == 105  # the count: 105 of 153 under pure chance
    assert outside[1] < 10
    assert additive.applied and additive.phi > 10 and additive.tau2 > 0
    assert additive.n_councils == 153


def test_funnel_centre_is_englands_pooled_counts_not_its_rounded_value(tables: Tables) -> None:
    funnel = build_funnel(*_funnel_inputs(tables, "placements_3plus", "2024-25"), adjustment="none")
    assert funnel is not None
    assert (funnel.centre_basis, funnel.centre) == ("england_counts", pytest.approx(100 * 8_500 / 81_770))


def test_rate_measures_get_a_poisson_funnel(tables: Tables) -> None:
    funnel = build_funnel(*_funnel_inputs(tables, "cla_rate", "2024-25"), adjustment="multiplicative")
    assert funnel is not None
    assert funnel.kind == "rate" and funnel.applied
    assert funnel.points.filter(pl.col("position").cast(pl.String).str.contains("99.8")).height < 10


def test_every_survey_interval_is_the_published_margin_to_1e6(tables: Tables) -> None:
    from scipy import stats as sps

    survey = tables["values"].filter(pl.col("ci_method") == "survey_moe")
    assert survey.height > 100
    scale = sps.norm.ppf(0.999) / sps.norm.ppf(0.975)
    for column, sign, factor in (
        ("ci_low", -1, 1.0),
        ("ci_high", 1, 1.0),
        ("ci998_low", -1, scale),
        ("ci998_high", 1, scale),
    ):
        expected = (survey["value"] + sign * factor * survey["moe"]).to_numpy()
        assert survey[column].to_numpy() == pytest.approx(expected, abs=1e-6)
