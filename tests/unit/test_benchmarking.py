"""The chosen benchmark per council and the verdict in words, on hand-built tables."""

from __future__ import annotations

import polars as pl

from accountability.methods.benchmarking import benchmark_values, comparison_sentence, with_comparison

F = pl.Float64
VALUES = pl.DataFrame(
    {
        "code": ["A", "B", "C"],
        "period": ["2024-25"] * 3,
        "measure": ["m"] * 3,
        "value": [10.0, 20.0, 30.0],
        "ci_low": [8.0, 18.0, None],
        "ci_high": [12.0, 22.0, None],
        "ci998_low": [7.0, 17.0, None],
        "ci998_high": [13.0, 23.0, None],
        "ci_method": ["wilson", "wilson", "none"],
    },
    schema_overrides=dict.fromkeys(["ci_low", "ci_high", "ci998_low", "ci998_high"], F),
)
BENCH = pl.DataFrame(
    {
        "area_type": ["england", "region"],
        "area_code": ["E92000001", "R1"],
        "area_name": ["England", "North"],
        "period": ["2024-25"] * 2,
        "measure": ["m"] * 2,
        "value": [15.0, 19.0],
    }
)
COUNCILS = pl.DataFrame({"code": ["A", "B", "C"], "region_code": ["R1"] * 3, "council_type": ["Unitary authority"] * 3})
MEASURES = pl.DataFrame({"id": ["m"], "polarity": ["higher_is_better"]})
TABLES = {
    "values": VALUES,
    "benchmarks": BENCH,
    "councils": COUNCILS,
    "peers": pl.DataFrame(schema={"model": pl.String, "code": pl.String, "rank": pl.Int8, "peer_code": pl.String}),
}


def test_england_is_the_published_figure_for_every_council() -> None:
    bench = benchmark_values("england", TABLES, "m", "2024-25")
    assert bench["benchmark_value"].to_list() == [15.0, 15.0, 15.0]


def test_verdicts_follow_polarity_and_untested_without_an_interval() -> None:
    bench = benchmark_values("england", TABLES, "m", "2024-25")
    out = with_comparison(VALUES, bench, MEASURES, 0.95).sort("code")
    assert out["comparison"].to_list() == ["▼ Worse", "▲ Better", "○ Not tested"]


def test_region_uses_the_published_regional_figure() -> None:
    bench = benchmark_values("region", TABLES, "m", "2024-25")
    out = with_comparison(VALUES, bench, MEASURES, 0.95).sort("code")
    assert out["benchmark_name"].to_list() == ["North"] * 3
    assert out["comparison"][1] == "● Similar"  # 18-22 contains 19


def test_custom_group_is_the_mean_of_the_chosen_councils() -> None:
    bench = benchmark_values("custom", TABLES, "m", "2024-25", ["A", "C"])
    assert bench["benchmark_value"][0] == 20.0 and "2 councils" in bench["benchmark_name"][0]


def test_sentences() -> None:
    row = {"benchmark_name": "England", "benchmark_value": 15.0, "comparison": "▼ Worse"}
    assert comparison_sentence(row, 0.95, "15.0%") == "Compared with England (15.0%): worse, at 95% confidence."
    assert "99.8%" in comparison_sentence(row, 0.998, "15.0%")
    untested = {"benchmark_name": "England", "benchmark_value": 15.0, "comparison": "○ Not tested"}
    assert "no confidence interval" in comparison_sentence(untested, 0.95, "15.0%")
    assert "not tested" in comparison_sentence({"benchmark_name": "X", "benchmark_value": None}, 0.95, "")
