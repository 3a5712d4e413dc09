"""The actionable watchlist (issue 11, point 5; issue 12, point 4) on hand-built frames: most severe
first, then longest below, then widest gap; the gap in the measure's count noun; a run on the value
alone says so and ranks after one on an interval; CQC's Inadequate, from a compilation, beside Ofsted's."""

from __future__ import annotations

from datetime import date

import polars as pl

from accountability.views.watchlist import watchlist

COUNCILS = pl.DataFrame(
    {"code": ["A", "B", "C", "D", "E"], "name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], "region": ["R"] * 5}
)
NO_WORSE = pl.DataFrame(schema={"code": pl.String, "label": pl.String, "detail": pl.String})
NO_OFSTED = pl.DataFrame(
    schema={"code": pl.String, "is_latest": pl.Boolean, "overall_effectiveness": pl.String, "inspection_start": pl.Date}
)


def _runs(rows: list[tuple[str, int, int | None, float, str, str, str]]) -> pl.DataFrame:
    """(code, below_run, distance_people, distance_units, basis, count_noun, unit)."""
    frame = pl.DataFrame(
        rows,
        schema=["code", "below_run", "distance_people", "distance_units", "basis", "count_noun", "unit"],
        orient="row",
    )
    return frame.with_columns(label=pl.lit("Re-referrals"), period=pl.lit("2024-25"), measure=pl.lit("m"))


RUNS = _runs(
    [
        ("A", 2, 40, -2.0, "interval_998", "referrals", "%"),
        ("B", 4, 10, -1.0, "interval_998", "referrals", "%"),
        ("C", 2, 90, -3.0, "interval_998", "referrals", "%"),
        ("D", 5, None, -1.5, "value_only", "", "%"),  # longest run, but on the value alone
        ("E", 1, 500, -9.0, "interval_998", "referrals", "%"),  # one period: not on the list
    ]
)
CQC = pl.DataFrame(
    {"code": ["E", "A"], "overall_rating": ["inadequate", "good"], "assessed": [date(2025, 8, 1), date(2025, 1, 1)]}
)


def test_most_severe_first_then_longest_below_then_widest_gap() -> None:
    out = watchlist(RUNS, NO_WORSE, NO_OFSTED, COUNCILS, CQC)
    assert out.select("council", pl.col("reason").cast(pl.String)).rows() == [
        ("Epsilon", "cqc_inadequate"),
        ("Beta", "below_run"),  # 4 periods below
        ("Gamma", "below_run"),  # 2 periods, 90 referrals short
        ("Alpha", "below_run"),  # 2 periods, 40 referrals short
        ("Delta", "below_run"),  # value only: after every run on an interval
    ]
    assert out["severity"].to_list() == [1, 2, 2, 2, 3]
    assert out["periods_below"].to_list() == [None, 4, 2, 2, 5]


def test_the_latest_gap_is_in_the_measures_count_noun_or_else_its_unit() -> None:
    out = watchlist(RUNS, NO_WORSE, NO_OFSTED, COUNCILS, CQC)
    gaps = dict(zip(out["council"], out["latest_gap"], strict=True))
    assert gaps["Gamma"] == "90 referrals short of the floor"
    assert gaps["Delta"] == "1.5 percentage points short of the floor"  # no count: the gap in the unit
    assert gaps["Epsilon"] is None


def test_a_run_on_the_value_alone_says_so() -> None:
    out = watchlist(RUNS, NO_WORSE, NO_OFSTED, COUNCILS, CQC)
    detail = out.filter(pl.col("council") == "Delta")["detail"][0]
    assert detail.endswith("(value only: chance not allowed for)")
    assert "value only" not in out.filter(pl.col("council") == "Beta")["detail"][0]


def test_cqc_inadequate_is_a_reason_labelled_as_from_a_compilation_and_only_inadequate() -> None:
    out = watchlist(RUNS, NO_WORSE, NO_OFSTED, COUNCILS, CQC)
    cqc = out.filter(pl.col("reason") == "cqc_inadequate")
    assert cqc["council"].to_list() == ["Epsilon"]  # Alpha's "good" is no reason
    assert "from a compilation" in cqc["detail"][0] and "August 2025" in cqc["detail"][0]


def test_without_the_cqc_table_there_is_no_cqc_reason() -> None:
    out = watchlist(RUNS, NO_WORSE, NO_OFSTED, COUNCILS)
    assert out.height == 4 and "cqc_inadequate" not in out["reason"].cast(pl.String).to_list()
