"""Floor page views on hand-built verdicts: latest period, matrix, counts, watchlist, council detail."""

from __future__ import annotations

from datetime import date

import polars as pl

from accountability.labels import (
    BASIS_LABELS,
    FLOOR_CHANGE_LABELS,
    FLOOR_CHANGE_WORDS,
    FLOOR_VERDICT_LABELS,
    WATCH_REASON_LABELS,
)
from accountability.views.floors import (
    council_detail,
    latest_changes,
    latest_verdicts,
    matrix_in_words,
    status_matrix,
    verdict_counts,
)
from accountability.views.watchlist import watchlist, worse_than_england_and_worsening

COUNCILS = pl.DataFrame(
    {
        "code": ["A", "B", "C"],
        "name": ["Alpha", "Beta", "Gamma"],
        "region": ["North East", "North East", "London"],
        "council_type": ["Unitary authority"] * 3,
        "valid_to": [None, None, date(2023, 4, 1)],
    },
    schema_overrides={"valid_to": pl.Date},
)
MEASURES = pl.DataFrame({"id": ["m"], "label": ["Share helped"], "unit": ["%"], "count_noun": ["referrals"]})


def _verdicts(rows: list[tuple[str, ...]]) -> pl.DataFrame:
    """(code, period, verdict[, basis]); the basis defaults to what the floor engine gives: the 99.8%
    interval for a verdict, none for no data or no floor yet."""
    judged = {"below", "cannot_tell", "meets"}
    basis = [r[3] if len(r) > 3 else ("interval_998" if r[2] in judged else None) for r in rows]
    return pl.DataFrame(
        {"code": [r[0] for r in rows], "period": [r[1] for r in rows], "verdict": [r[2] for r in rows], "basis": basis},
        schema_overrides={"basis": pl.String},
    ).with_columns(measure=pl.lit("m"), label=pl.lit("Share helped floor"), polarity=pl.lit("higher_is_better"))


def test_latest_period_is_the_newest_with_any_data() -> None:
    v = _verdicts([("A", "2022-23", "below"), ("A", "2023-24", "no_data"), ("B", "2023-24", "no_data")])
    assert latest_verdicts(v)["period"].unique().to_list() == ["2022-23"]


def test_matrix_writes_verdicts_in_words_counts_below_and_leaves_out_former_councils() -> None:
    latest = _verdicts([("A", "2023-24", "below"), ("B", "2023-24", "meets"), ("C", "2023-24", "below")])
    matrix = status_matrix(latest, COUNCILS, MEASURES)
    assert matrix["council"].to_list() == ["Alpha", "Beta"]
    cells = [FLOOR_VERDICT_LABELS[code] for code in matrix["Share helped (2023-24)"]]
    assert cells == ["▼ Below the floor", "✓ Meets the floor"]
    assert matrix["below_count"].to_list() == [1, 0]


def test_a_council_without_a_row_shows_no_data_not_below() -> None:
    matrix = status_matrix(_verdicts([("A", "2023-24", "meets")]), COUNCILS, MEASURES)
    assert FLOOR_VERDICT_LABELS[matrix.filter(pl.col("code") == "B")["Share helped (2023-24)"][0]] == "– No data"


def test_counts_per_period() -> None:
    counts = verdict_counts(_verdicts([("A", "2023-24", "below"), ("B", "2023-24", "cannot_tell")]))
    row = counts.row(0, named=True)
    assert (row["below"], row["cannot_tell"], row["meets"], row["no_data"]) == (1, 1, 0, 0)


def test_counts_keep_interval_and_value_only_verdicts_apart() -> None:
    rows = [
        ("A", "2024-25", "below", "interval_998"),
        ("B", "2024-25", "below", "value_only"),
        ("C", "2024-25", "below", "value_only"),
        ("D", "2024-25", "meets", "interval_95"),
        ("E", "2024-25", "meets", "value_only"),
        ("F", "2024-25", "no_floor_yet"),
    ]
    row = verdict_counts(_verdicts(rows)).row(0, named=True)
    assert (row["below"], row["below_on_interval"], row["below_on_value_only"]) == (3, 1, 2)
    assert (row["meets"], row["meets_on_interval"], row["meets_on_value_only"]) == (2, 1, 1)
    assert (row["no_floor_yet"], row["no_data"], row["cannot_tell"]) == (1, 0, 0)


def test_the_matrix_marks_a_verdict_on_the_value_alone() -> None:
    latest = _verdicts([("A", "2023-24", "below", "value_only"), ("B", "2023-24", "below", "interval_998")])
    matrix = matrix_in_words(status_matrix(latest, COUNCILS, MEASURES), latest, MEASURES)  # the table shown
    assert matrix.sort("code")["Share helped (2023-24)"].to_list() == [
        "▼ Below the floor (value only)",
        "▼ Below the floor",
    ]
    assert matrix["below_count"].to_list() == [1, 1]


def test_no_floor_yet_is_written_as_such_in_the_matrix_and_never_counted_below() -> None:
    latest = _verdicts([("A", "2024-25", "no_floor_yet"), ("B", "2024-25", "no_floor_yet")])
    matrix = status_matrix(latest, COUNCILS, MEASURES)
    assert matrix["Share helped (2024-25)"].to_list() == ["no_floor_yet"] * 2  # codes; words for people below
    shown = matrix_in_words(matrix, latest, MEASURES)["Share helped (2024-25)"]
    assert shown.to_list() == ["○ No floor yet: first year of this definition"] * 2
    assert matrix["below_count"].to_list() == [0, 0]


def test_watchlist_says_why_each_council_is_there() -> None:
    runs = _verdicts([("A", "2023-24", "below"), ("B", "2023-24", "below")]).with_columns(below_run=pl.Series([2, 1]))
    inspections = pl.DataFrame(
        {
            "code": ["B"],
            "is_latest": [True],
            "overall_effectiveness": ["Inadequate"],
            "inspection_start": [date(2024, 5, 1)],
        }
    )
    worse = pl.DataFrame(schema={"code": pl.String, "label": pl.String, "detail": pl.String})
    out = watchlist(runs, worse, inspections, COUNCILS)
    reasons = [(council, WATCH_REASON_LABELS[reason]) for council, reason in out.select("council", "reason").rows()]
    # most severe first (issue 11, point 5): a regulator's Inadequate before a run below a floor
    assert reasons == [("Beta", "Ofsted Inadequate"), ("Alpha", "below for 2+ periods")]
    assert out["detail"].to_list() == [
        "Judged Inadequate overall, inspected May 2024",
        "Below the floor for 2 periods in a row, up to 2023-24",
    ]


def _trend_rows(labels: dict[str, str], period: str = "2023-24") -> pl.DataFrame:
    """Shared trend results (the `trend_table` columns the watchlist reads) for measure m."""
    codes = list(labels)
    return pl.DataFrame(
        {
            "code": codes,
            "measure": ["m"] * len(codes),
            "period": [period] * len(codes),
            "periods": [["2019-20", "2020-21", "2021-22", "2022-23", period]] * len(codes),
            "p_value": [0.01 if lbl != "no significant change" else 0.4 for lbl in labels.values()],
            "label": list(labels.values()),
        }
    )


def _worse_case() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    latest = _verdicts([(c, "2023-24", "below") for c in "ABC"]).with_columns(value=pl.lit(40.0))
    values = pl.DataFrame(
        {
            "code": ["A", "A", "B", "B", "C", "C"],
            "measure": ["m"] * 6,
            "period": ["2022-23", "2023-24"] * 3,
            "value": [50.0, 40.0, 50.0, 40.0, 38.0, 40.0],
            "ci_low": [45.0, 38.0, 45.0, 30.0, 36.0, 38.0],
            "ci_high": [55.0, 42.0, 55.0, 61.0, 40.0, 42.0],
        }
    )
    bench = pl.DataFrame({"area_type": ["england"], "measure": ["m"], "period": ["2023-24"], "value": [60.0]})
    return latest, values, bench


def test_worse_than_england_needs_an_interval_wholly_on_the_wrong_side_and_a_trend_getting_worse() -> None:
    latest, values, bench = _worse_case()
    trends = _trend_rows({"A": "getting worse", "B": "getting worse", "C": "getting worse"})
    out = worse_than_england_and_worsening(latest, values, bench, trends)
    assert out["code"].to_list() == ["A", "C"]  # B's interval reaches England's 60
    assert out["detail"][0] == (
        "Significantly worse than England (60.0) in 2023-24, and getting worse from 2019-20 to 2023-24 "
        "(recent trend, p = 0.010)"
    )


def test_a_tiny_p_value_is_written_as_below_one_in_a_thousand() -> None:
    latest, values, bench = _worse_case()
    trends = _trend_rows({"A": "getting worse"}).with_columns(p_value=pl.lit(2e-9))
    assert worse_than_england_and_worsening(latest, values, bench, trends)["detail"][0].endswith(
        "(recent trend, p < 0.001)"
    )


def test_a_one_year_fall_without_a_significant_trend_is_not_getting_worse() -> None:
    # A fell from 50 to 40 in a year (the old rule's "worsening"); its trend is not significant
    latest, values, bench = _worse_case()
    trends = _trend_rows({"A": "no significant change", "B": "getting worse", "C": "getting better"})
    assert worse_than_england_and_worsening(latest, values, bench, trends).is_empty()


def test_a_trend_at_another_period_does_not_count() -> None:
    latest, values, bench = _worse_case()
    trends = _trend_rows({"A": "getting worse"}, period="2022-23")
    assert worse_than_england_and_worsening(latest, values, bench, trends).is_empty()


def test_council_detail_and_changes() -> None:
    runs = _verdicts([("A", "2023-24", "below"), ("B", "2023-24", "meets")]).with_columns(
        value=pl.Series([40.0, 70.0]),
        threshold=pl.lit(50.0),
        basis=pl.lit("interval_95"),
        distance_units=pl.Series([-10.0, 20.0]),
        distance_people=pl.Series([12, 0]),
        below_run=pl.Series([1, 0]),
        newly_below=pl.Series([True, False]),
        recovered=pl.Series([False, True]),
        previous_period=pl.lit("2022-23"),
    )
    detail = council_detail(runs, MEASURES, "A")
    row = detail.row(0, named=True)
    assert (row["people_to_reach_floor"], row["counted"], BASIS_LABELS[row["decided_on"]]) == (
        12,
        "referrals",
        "95% interval",
    )
    assert [FLOOR_CHANGE_WORDS[c] for c in detail["change"]] == ["newly below"]
    changes = latest_changes(runs, COUNCILS)
    moved = [(council, FLOOR_CHANGE_LABELS[change]) for council, change in changes.select("council", "change").rows()]
    assert moved == [("Beta", "↑ recovered"), ("Alpha", "▼ newly below")]


def test_a_matrix_with_no_standards_or_councils_is_empty_not_an_error() -> None:
    no_verdicts = _verdicts([("A", "2023-24", "meets")]).clear()
    matrix = status_matrix(no_verdicts, COUNCILS, MEASURES)
    assert matrix["council"].to_list() == ["Alpha", "Beta"] and matrix["below_count"].to_list() == [0, 0]
    assert status_matrix(no_verdicts, COUNCILS.clear(), MEASURES).height == 0


def test_worsening_is_never_judged_across_a_break_into_a_first_year() -> None:
    latest = _verdicts([("A", "2024-25", "no_floor_yet"), ("B", "2024-25", "meets")]).with_columns(value=pl.lit(40.0))
    values = pl.DataFrame(
        {
            "code": ["A", "A", "B", "B"],
            "measure": "m",
            "period": ["2023-24", "2024-25", "2023-24", "2024-25"],
            "value": [60.0, 40.0, 60.0, 40.0],
            "ci_low": [None, 38.0, None, 38.0],
            "ci_high": [None, 42.0, None, 42.0],
        }
    )
    benchmarks = pl.DataFrame({"area_type": ["england"], "measure": ["m"], "period": ["2024-25"], "value": [50.0]})
    # both read "getting worse" in the shared trend table; only A is in the first year of a definition
    trends = pl.DataFrame(
        {
            "code": ["A", "B"],
            "measure": "m",
            "period": "2024-25",
            "label": "getting worse",
            "periods": [["2023-24", "2024-25"]] * 2,
            "p_value": 0.01,
        }
    )
    out = worse_than_england_and_worsening(latest, values, benchmarks, trends)
    assert out["code"].to_list() == ["B"]  # A's 2023-24 figure is another definition
