"""Council profile: orientation of the spread, verdicts and trends per measure, and honest summary wording."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.labels import COMPARISON_LABELS
from accountability.methods.profile import ORIENTED, UNORIENTED, build_profile, spread
from accountability.methods.trends import recent_trends
from accountability.views.profile_text import display_rows, spine_sentence, summary_paragraph
from components.figures.spine import spine_figure, spine_positions

MEASURES = pl.DataFrame(
    {
        "id": ["up", "down", "none"],
        "label": ["Good thing", "Bad thing", "Neutral count"],
        "domain": ["adults", "children", "children"],
        "unit": ["%", "%", "per 10,000"],
        "polarity": ["higher_is_better", "lower_is_better", "no_judgement"],
        "value_type": ["proportion", "proportion", "rate"],
        "multiplier": [100.0, 100.0, 10000.0],
        "break_period": [None, None, None],
    },
    schema_overrides={"break_period": pl.String},
)
CODES = ["A", "B", "C", "D", "E"]


def _values(rows: list[tuple[str, str, str, float, float | None, float | None]]) -> pl.DataFrame:
    """(code, period, measure, value, ci_low, ci_high) → a values table with 95% and 99.8% limits."""
    frame = pl.DataFrame(rows, schema=["code", "period", "measure", "value", "ci_low", "ci_high"], orient="row")
    return frame.with_columns(
        ci998_low=pl.col("ci_low"),
        ci998_high=pl.col("ci_high"),
        ci_method=pl.when(pl.col("ci_low").is_null()).then(pl.lit("none")).otherwise(pl.lit("survey_moe")),
        numerator=pl.lit(None, pl.Float64),
        denominator=pl.lit(None, pl.Float64),
    )


def _spread_values() -> pl.DataFrame:
    rows = [(c, "2024", m, float(v), None, None) for m in ["up", "down", "none"] for v, c in enumerate(CODES, start=1)]
    return _values(rows)


def _tables(values: pl.DataFrame, england: dict[str, float]) -> dict[str, pl.DataFrame]:
    benchmarks = pl.DataFrame(
        {
            "area_type": ["england"] * len(england),
            "area_code": ["E92000001"] * len(england),
            "area_name": ["England"] * len(england),
            "period": ["2024"] * len(england),
            "measure": list(england),
            "value": list(england.values()),
        }
    )
    councils = pl.DataFrame({"code": CODES, "name": CODES, "region_code": ["R"] * 5, "council_type": ["x"] * 5})
    peers = pl.DataFrame(schema={"model": pl.String, "code": pl.String, "rank": pl.Int64, "peer_code": pl.String})
    return {"values": values, "benchmarks": benchmarks, "councils": councils, "peers": peers, "measures": MEASURES}


def _by_measure(frame: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {row["measure"]: row for row in frame.iter_rows(named=True)}


def test_best_is_the_highest_value_when_higher_is_better() -> None:
    up = _by_measure(spread(_spread_values(), pl.DataFrame({"measure": ["up"], "period": ["2024"]}), MEASURES))["up"]
    assert (up["worst"], up["q25"], up["q75"], up["best"]) == (1.0, 2.0, 4.0, 5.0)
    assert up["range_kind"] == ORIENTED


def test_best_is_the_lowest_value_when_lower_is_better() -> None:
    keys = pl.DataFrame({"measure": ["down"], "period": ["2024"]})
    down = _by_measure(spread(_spread_values(), keys, MEASURES))["down"]
    assert (down["worst"], down["q25"], down["q75"], down["best"]) == (5.0, 4.0, 2.0, 1.0)


def test_no_judgement_range_runs_lowest_to_highest_and_says_so() -> None:
    keys = pl.DataFrame({"measure": ["none"], "period": ["2024"]})
    row = _by_measure(spread(_spread_values(), keys, MEASURES))["none"]
    assert (row["worst"], row["best"]) == (1.0, 5.0)
    assert row["range_kind"] == UNORIENTED


def test_profile_uses_each_measures_latest_period_and_tests_against_the_benchmark() -> None:
    rows = [(c, "2024", "up", float(v), v - 0.5, v + 0.5) for v, c in enumerate(CODES, start=1)]
    rows += [("E", "2023", "up", 1.0, 0.5, 1.5), ("E", "2023", "down", 3.0, None, None)]
    rows += [(c, "2023", "down", float(v), None, None) for v, c in enumerate(CODES[:4], start=1)]
    profile = _by_measure(build_profile("E", _tables(_values(rows), {"up": 3.0}), "england"))
    assert profile["up"]["period"] == "2024"
    assert COMPARISON_LABELS[profile["up"]["comparison"]] == "▲ Better"  # interval 4.5-5.5 wholly above England's 3.0
    assert profile["up"]["england"] == 3.0
    assert profile["down"]["period"] == "2023"
    assert COMPARISON_LABELS[profile["down"]["comparison"]] == "○ Not tested"  # no interval, no England figure
    assert profile["down"]["trend"] == "not enough data"


def test_profile_gives_the_interval_at_the_verdicts_level_and_the_shared_trend() -> None:
    rows = [
        (c, p, "up", float(v) + i, None, None)
        for v, c in enumerate(CODES, 1)
        for i, p in enumerate(["2022", "2023", "2024"])
    ]
    values = _values(rows).with_columns(
        ci_low=pl.col("value") - 0.5, ci_high=pl.col("value") + 0.5, ci998_low=pl.col("value") - 0.8,
        ci998_high=pl.col("value") + 0.8, ci_method=pl.lit("survey_moe"),
    )  # fmt: skip
    tables = _tables(values, {"up": 3.0})
    at998 = _by_measure(build_profile("E", tables, "england", level=0.998))["up"]
    assert (at998["level_low"], at998["level_high"], at998["ci_low"]) == (6.2, 7.8, 6.5)
    shared = recent_trends(values, MEASURES).filter(pl.col("code") == "E").row(0, named=True)
    assert (at998["trend"], at998["trend_method"]) == (shared["label"], shared["method"])
    assert at998["trend_p_value"] == shared["p_value"]


def test_profile_trend_never_crosses_a_break_in_the_measure_breaks_table() -> None:
    rows = [("E", str(2020 + i), "up", float(i + 1), None, None) for i in range(5)]
    tables = _tables(_values(rows), {"up": 3.0})
    assert _by_measure(build_profile("E", tables))["up"]["trend"] == "getting better"  # a perfect rise
    breaks = pl.DataFrame({"measure": ["up"], "period": ["2023"]})
    assert _by_measure(build_profile("E", {**tables, "measure_breaks": breaks}))["up"]["trend"] == "not enough data"


def _profile(rows: list[tuple[str, str, str, str, float | None]]) -> pl.DataFrame:
    """(label, domain, comparison, trend, trend p) → a profile frame with what the summary reads."""
    frame = pl.DataFrame(rows, schema=["label", "domain", "comparison", "trend", "trend_p_value"], orient="row")
    return frame.with_columns(benchmark_name=pl.lit("England"))


def test_summary_never_calls_a_measure_that_was_not_tested_a_strength_or_concern() -> None:
    text = summary_paragraph(
        _profile(
            [
                ("Untested good", "adults", "not tested", "no significant change", 0.9),
                ("Untested bad", "adults", "not tested", "no significant change", 0.9),
                ("Tested better", "adults", "better", "no significant change", 0.9),
            ]
        ),
        "Testshire",
    )
    assert "Untested" not in text
    assert "Strengths: significantly better than England on Tested better." in text
    assert "2 measures could not be tested" in text
    assert "Concerns" not in text


def test_summary_requires_significance_for_strengths_and_concerns() -> None:
    text = summary_paragraph(
        _profile(
            [
                ("Similar one", "adults", "similar", "no significant change", 0.5),
                ("Worse one", "children", "worse", "no significant change", 0.5),
                ("Neutral higher", "children", "higher", "increasing", 0.01),
            ]
        ),
        "Testshire",
    )
    assert "Similar one" not in text and "Neutral higher" not in text
    assert "Concerns: significantly worse than England on Worse one." in text
    assert "Strengths" not in text


def test_getting_worse_is_a_concern_only_when_the_trend_is_significant() -> None:
    text = summary_paragraph(
        _profile(
            [
                ("Falling for sure", "adults", "similar", "getting worse", 0.01),
                ("Falling maybe", "adults", "similar", "getting worse", 0.2),  # not significant: never said
            ]
        ),
        "Testshire",
    )
    assert "significantly getting worse on Falling for sure." in text
    assert "Falling maybe" not in text


@pytest.mark.parametrize("word", ["because", "due to", "caused", "led to", "result of"])
def test_summary_makes_no_causal_claim(word: str) -> None:
    text = summary_paragraph(
        _profile(
            [
                ("A", "adults", "better", "getting better", 0.01),
                ("B", "adults", "worse", "getting worse", 0.01),
                ("C", "adults", "not tested", "not enough data", None),
            ]
        ),
        "Testshire",
    )
    assert word not in text.lower()


def test_spine_puts_england_in_the_centre_and_best_on_the_right_for_both_polarities() -> None:
    rows = [(c, "2024", m, float(v), v - 0.1, v + 0.1) for m in ["up", "down"] for v, c in enumerate(CODES, start=1)]
    profile = build_profile("A", _tables(_values(rows), {"up": 2.0, "down": 2.0}), "england")
    positions = _by_measure(spine_positions(profile))
    for measure in ["up", "down"]:
        row = positions[measure]
        assert row["pos_england"] == 0.5
        assert row["pos_worst"] <= row["pos_q25"] <= row["pos_q75"] <= row["pos_best"]
    assert positions["up"]["pos_value"] < 0.5  # A has the lowest value: worse when higher is better
    assert positions["down"]["pos_value"] > 0.5  # and better when lower is better


def test_spine_marks_the_verdict_by_shape_and_leaves_out_an_england_outside_the_range() -> None:
    rows = [(c, "2024", "none", float(v), v - 0.1, v + 0.1) for v, c in enumerate(CODES, start=1)]
    profile = build_profile("A", _tables(_values(rows), {"none": 400.0}), "england")  # a total, not a rate
    assert spine_positions(profile)["pos_england"].to_list() == [None]
    figure = go.Figure(spine_figure(profile, "A"))  # written as a dict: the figure it describes
    council = [t for t in figure.data if t.name and t.name.startswith("A:")]
    assert [t.marker.symbol for t in council] == ["triangle-down"]  # ▼ Lower than England's 400
    assert "lower" in spine_sentence(profile, "A", "children")


def test_display_rows_write_each_number_with_its_unit() -> None:
    rows = [(c, "2024", "up", float(v), None, None) for v, c in enumerate(CODES, start=1)]
    shown = display_rows(build_profile("C", _tables(_values(rows), {"up": 3.0}), "england"))
    assert shown.row(0, named=True)["value"] == "3.0%"
