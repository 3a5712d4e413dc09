"""What needs attention, CQC's assessment, spending per head and revisions, on hand-built frames
(test data, not real figures): order by severity, labels for value-only verdicts, both polarities,
and the cases with nothing to say."""

from __future__ import annotations

import datetime as dt

import polars as pl

from accountability.labels import CQC_NOT_IN_DATA
from accountability.views.attention import attention, comparison_items, floor_items, inspection_items, trend_items
from accountability.views.council_cqc import cqc_card
from accountability.views.council_revisions import revision_notes, revision_sentences
from accountability.views.council_spend import council_spend
from tests.unit import store_frames as sf


def _detail(rows: list[tuple[str, str, str, int]]) -> pl.DataFrame:
    """(measure, verdict, decided_on, periods below in a row) → a `council_detail` frame."""
    return pl.DataFrame(
        {
            "standard": [f"Label {m}" for m, *_ in rows],
            "measure": [m for m, *_ in rows],
            "period": ["2024-25"] * len(rows),
            "value": [30.0] * len(rows),
            "floor": [25.0] * len(rows),
            "unit": ["%"] * len(rows),
            "verdict": [v for _, v, _, _ in rows],
            "decided_on": [d for _, _, d, _ in rows],
            "periods_below_in_a_row": [r for *_, r in rows],
        },
        schema_overrides={"value": pl.Float64, "floor": pl.Float64, "periods_below_in_a_row": pl.UInt32}
        | dict.fromkeys(["standard", "measure", "period", "unit", "verdict", "decided_on"], pl.String),
    )


def _profile(rows: list[tuple[str, str, str, float | None, float, float]]) -> pl.DataFrame:
    """(measure, comparison, trend, trend p, value, benchmark value) → a profile frame."""
    return pl.DataFrame(
        {
            "measure": [r[0] for r in rows],
            "label": [f"Label {r[0]}" for r in rows],
            "period": ["2024-25"] * len(rows),
            "unit": ["%"] * len(rows),
            "comparison": [r[1] for r in rows],
            "trend": [r[2] for r in rows],
            "trend_p_value": [r[3] for r in rows],
            "value": [r[4] for r in rows],
            "benchmark_value": [r[5] for r in rows],
            "benchmark_name": ["England"] * len(rows),
        },
        schema_overrides={"trend_p_value": pl.Float64, "value": pl.Float64, "benchmark_value": pl.Float64}
        | dict.fromkeys(["measure", "label", "period", "unit", "comparison", "trend", "benchmark_name"], pl.String),
    )


def test_floor_items_put_interval_verdicts_first_then_value_only_labelled_longest_run_first() -> None:
    items = floor_items(
        _detail(
            [
                ("a", "below", "value_only", 5),
                ("b", "below", "interval_95", 1),
                ("c", "below", "interval_998", 3),
                ("d", "meets", "interval_95", 0),
                ("e", "cannot_tell", "interval_95", 0),
            ]
        )
    )
    assert [i.measure for i in items] == ["c", "b", "a"]  # meets and cannot tell are not concerns
    assert [i.kind for i in items] == ["below_interval", "below_interval", "below_value_only"]
    assert "99.8% interval" in items[0].sentence and "last 3 periods" in items[0].sentence
    assert "value alone" in items[2].sentence and "chance cannot be allowed for" in items[2].sentence
    assert "30.0% against a floor of 25.0%" in items[1].sentence


def test_worse_and_better_follow_the_verdict_not_the_direction_of_the_number() -> None:
    # a lower-is-better measure judged better with a lower value, and a higher-is-better one judged worse
    profile = _profile(
        [
            ("low_good", "better", "no significant change", 0.4, 10.0, 20.0),
            ("high_good", "worse", "no significant change", 0.4, 10.0, 20.0),
            ("far", "worse", "no significant change", 0.4, 5.0, 20.0),
            ("same", "similar", "no significant change", 0.4, 20.0, 20.0),
            ("untested", "not tested", "not enough data", None, 1.0, 20.0),
        ]
    )
    worse = comparison_items(profile, "worse")
    assert [i.measure for i in worse] == ["far", "high_good"]  # furthest from the benchmark first
    assert worse[0].sentence.startswith("Significantly worse than England on Label far (2024-25): 5.0% against 20.0%")
    assert [i.measure for i in comparison_items(profile, "better")] == ["low_good"]


def test_only_a_significant_trend_counts_and_the_surest_comes_first() -> None:
    profile = _profile(
        [
            ("edge", "similar", "getting worse", 0.05, 1.0, 1.0),  # p = 0.05 is not below 0.05
            ("sure", "similar", "getting worse", 0.001, 1.0, 1.0),
            ("less", "similar", "getting worse", 0.03, 1.0, 1.0),
            ("up", "similar", "getting better", 0.01, 1.0, 1.0),
        ]
    )
    assert [i.measure for i in trend_items(profile, "getting worse")] == ["sure", "less"]
    assert [i.kind for i in trend_items(profile, "getting better")] == ["getting_better"]


def test_inadequate_ratings_are_items_and_other_ratings_are_not() -> None:
    cqc = {"overall_rating": "inadequate", "assessed": dt.date(2025, 3, 1), "report_url": "https://example.org/r"}
    ofsted = {"overall_effectiveness": "Inadequate", "inspection_start": dt.date(2024, 9, 2)}
    items = inspection_items(cqc, ofsted)
    assert [i.sentence for i in items] == [
        "Rated Inadequate by CQC for adult social care, March 2025.",
        "Judged Inadequate by Ofsted for children's services (inspection began September 2024).",
    ]
    assert items[0].link == "https://example.org/r" and items[0].measure is None
    good = inspection_items({**cqc, "overall_rating": "good"}, {**ofsted, "overall_effectiveness": "Good"})
    assert good == [] and inspection_items(None, None) == []


def test_concerns_run_most_severe_first_and_a_measure_below_its_floor_is_said_once() -> None:
    detail = _detail([("floor_hit", "below", "interval_95", 2), ("floor_guess", "below", "value_only", 1)])
    profile = _profile(
        [
            ("floor_hit", "worse", "no significant change", 0.5, 30.0, 20.0),
            ("worse_only", "worse", "getting worse", 0.01, 30.0, 20.0),
            ("good", "better", "getting better", 0.02, 10.0, 20.0),
        ]
    )
    ofsted = {"overall_effectiveness": "Inadequate", "inspection_start": dt.date(2024, 9, 2)}
    result = attention(detail, profile, None, ofsted)
    assert [(i.kind, i.measure) for i in result.concerns] == [
        ("inadequate", None),
        ("below_interval", "floor_hit"),
        ("below_value_only", "floor_guess"),
        ("worse", "worse_only"),
        ("getting_worse", "worse_only"),
    ]
    assert [i.kind for i in result.strengths] == ["better", "getting_better"]
    assert result.heading == "5 things need attention"


def test_nothing_to_say_is_said_plainly() -> None:
    empty = attention(_detail([]), _profile([]), None, None)
    assert empty.concerns == () and empty.strengths == ()
    assert empty.heading == "Nothing tested needs attention"
    one = attention(_detail([("a", "below", "interval_95", 1)]), _profile([]), None, None)
    assert one.heading == "1 thing needs attention"


def _store(**more: pl.DataFrame) -> sf.Store:
    rows = [{"code": sf.ALPHA, "period": "2023-24", "measure": "helped", "value": 50.0}]
    return sf.store(sf.values(rows), sf.benchmarks([]), **more)


def test_a_council_not_in_the_cqc_compilation_is_not_in_our_data_yet_never_not_assessed() -> None:
    card = cqc_card(_store(), sf.ALPHA)
    assert card.rating is None and card.sentence == f"{CQC_NOT_IN_DATA}."
    assert "not assessed" not in card.sentence
    assert "compilation" in card.coverage and "0 of 3 councils" in card.coverage  # Delta is a former council


def test_cqc_rating_with_its_month_statements_and_a_disagreement_shown_as_such() -> None:
    assessments = sf.cqc_assessments(
        [
            {"code": sf.ALPHA, "assessed": dt.date(2025, 5, 1), "overall_rating": "good", "check": "agrees"}
            | {"score_total": 27, "report_url": "https://example.org/a"},
            {
                "code": sf.BETA,
                "assessed": dt.date(2024, 11, 1),
                "overall_rating": "good",
                "check": "differs_from_scores",
            }
            | {"score_total": 17, "report_url": "https://example.org/b"},
        ]
    )
    statements = sf.cqc_statements(
        [
            {"code": sf.ALPHA, "statement": i, "statement_id": sid, "score": 3, "rating": "good"}
            for i, sid in ((2, "supporting_healthier_lives"), (1, "assessing_needs"))
        ]
    )
    store = _store(cqc_assessments=assessments, cqc_statements=statements)
    alpha = cqc_card(store, sf.ALPHA)
    assert alpha.sentence == "Good (assessed May 2025; the nine quality statements total 27 of 36)."
    assert alpha.check is None
    assert alpha.statements["statement"].to_list() == ["Assessing needs", "Supporting people to live healthier lives"]
    beta = cqc_card(store, sf.BETA)
    assert beta.check is not None and beta.check.startswith("The overall rating differs from the rating CQC's rule")
    assert "2 of 3 councils, assessed November 2024 to May 2025" in alpha.coverage


def test_spending_without_the_spend_measures_is_said_to_be_missing() -> None:
    spend = council_spend(_store(), sf.ALPHA)
    assert spend.table.height == 0 and spend.empty == "MHCLG has published no spending for Alpha in 2023-24 or 2024-25."


def test_revisions_name_the_measure_and_both_values_in_its_unit() -> None:
    revised = pl.DataFrame(
        {"measure": ["helped"], "period": ["2023-24"], "old_value": [12.0], "new_value": [12.34]},
    ).with_columns(old_code=pl.lit(None, pl.String), new_code=pl.lit(None, pl.String))
    assert revision_sentences(revised, sf.MEASURES) == (
        "Revised in this release: Share helped (2023-24) was 12.0%, now 12.3%.",
    )
    assert revision_notes(_store(), sf.ALPHA) == ()  # a store without a changes table has none
