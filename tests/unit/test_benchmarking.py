"""The chosen benchmark per council and the verdict in words, on hand-built tables."""

from __future__ import annotations

import polars as pl

from accountability.labels import COMPARISON_LABELS
from accountability.methods.benchmarking import benchmark_values, with_comparison
from accountability.views.compare_text import comparison_sentence

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
    assert [COMPARISON_LABELS[c] for c in out["comparison"]] == ["▼ Worse", "▲ Better", "○ Not tested"]


def test_region_uses_the_published_regional_figure() -> None:
    bench = benchmark_values("region", TABLES, "m", "2024-25")
    out = with_comparison(VALUES, bench, MEASURES, 0.95).sort("code")
    assert out["benchmark_name"].to_list() == ["North"] * 3
    assert COMPARISON_LABELS[out["comparison"][1]] == "● Similar"  # 18-22 contains 19


def test_custom_group_is_the_mean_of_the_chosen_councils() -> None:
    bench = benchmark_values("custom", TABLES, "m", "2024-25", ["A", "C"])
    assert bench["benchmark_value"][0] == 20.0 and "2 councils" in bench["benchmark_name"][0]


def test_sentences() -> None:
    row = {"benchmark_name": "England", "benchmark_value": 15.0, "comparison": "worse"}
    assert comparison_sentence(row, 0.95, "15.0%") == "Compared with England (15.0%): worse, at 95% confidence."
    assert "99.8%" in comparison_sentence(row, 0.998, "15.0%")
    untested = {"benchmark_name": "England", "benchmark_value": 15.0, "comparison": "not tested"}
    assert "no confidence interval" in comparison_sentence(untested, 0.95, "15.0%")
    assert "not tested" in comparison_sentence({"benchmark_name": "X", "benchmark_value": None}, 0.95, "")


PEERS = pl.DataFrame(
    {"model": ["2025"] * 6, "code": ["A"] * 3 + ["B"] * 3, "rank": [1, 2, 3] * 2, "peer_code": ["B", "C", "X"] * 2},
    schema_overrides={"rank": pl.Int8},
)


def test_a_withheld_neighbour_mean_is_not_called_unpublished() -> None:
    bench = benchmark_values("neighbours", {**TABLES, "peers": PEERS}, "m", "2024-25")
    row = bench.filter(pl.col("code") == "A").row(0, named=True)
    assert (row["benchmark_value"], row["benchmark_status"], row["n_used"]) == (None, "withheld", 2)
    compared = with_comparison(VALUES, bench, MEASURES, 0.95).filter(pl.col("code") == "A").row(0, named=True)
    sentence = comparison_sentence(compared, 0.95, "10.0%")
    assert "withheld" in sentence and "only 2 of the council's neighbours" in sentence
    assert "published" not in sentence


def test_a_missing_published_benchmark_is_not_published() -> None:
    tables = {**TABLES, "benchmarks": BENCH.filter(pl.col("area_type") != "england")}
    bench = benchmark_values("england", tables, "m", "2024-25")
    assert bench["benchmark_status"].unique().to_list() == ["not_published"]
    row = with_comparison(VALUES, bench, MEASURES, 0.95).row(0, named=True)
    assert comparison_sentence(row, 0.95, "") == (
        "No England figure is published for this measure and period, so it is not tested."
    )


def test_the_compared_table_carries_the_interval_at_the_verdicts_level() -> None:
    bench = benchmark_values("england", TABLES, "m", "2024-25")
    at95 = with_comparison(VALUES, bench, MEASURES, 0.95)
    at998 = with_comparison(VALUES, bench, MEASURES, 0.998)
    assert at95.select("level_low", "level_high").rows()[:2] == [(8.0, 12.0), (18.0, 22.0)]
    assert at998.select("level_low", "level_high").rows()[:2] == [(7.0, 13.0), (17.0, 23.0)]
    assert at998.select("ci_low", "ci_high").rows()[:2] == [(8.0, 12.0), (18.0, 22.0)]  # the 95% one stays
