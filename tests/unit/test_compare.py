"""Ranking, comparators and the one-sentence summary, on hand-built frames."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.methods.compare import (
    MeasureInfo,
    comparators,
    export_frame,
    periods_for,
    ranked,
    summary_sentence,
)

COUNCILS = pl.DataFrame(
    {
        "code": ["E06000001", "E06000002", "E06000003", "E06000004"],
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "region": ["North East"] * 4,
        "region_code": ["E12000001"] * 4,
        "council_type": ["Unitary authority"] * 4,
    }
)


def _values(vals: list[float | None], period: str = "2023-24") -> pl.DataFrame:
    n = len(vals)
    return pl.DataFrame(
        {
            "code": COUNCILS["code"].to_list()[:n],
            "period": [period] * n,
            "measure": ["m"] * n,
            "value": vals,
            "numerator": [None] * n,
            "denominator": [None] * n,
            "ci_low": [None] * n,
            "ci_high": [None] * n,
            "ci998_low": [None] * n,
            "ci998_high": [None] * n,
            "ci_method": ["none"] * n,
            "status": ["published" if v is not None else "suppressed" for v in vals],
            "source_file": ["f.csv"] * n,
        },
        schema_overrides={
            "value": pl.Float64,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "ci998_low": pl.Float64,
            "ci998_high": pl.Float64,
        },
    )


def _measure(polarity: str) -> MeasureInfo:
    return MeasureInfo("m", "Share helped", "%", polarity, "proportion", "Higher means more people helped.")


def test_higher_is_better_ranks_highest_first() -> None:
    out = ranked(_values([10.0, 30.0, 20.0]), COUNCILS, _measure("higher_is_better"), "2023-24")
    assert out["name"].to_list() == ["Beta", "Gamma", "Alpha"]
    assert out["rank"].to_list() == [1, 2, 3]


def test_lower_is_better_ranks_lowest_first() -> None:
    out = ranked(_values([10.0, 30.0, 20.0]), COUNCILS, _measure("lower_is_better"), "2023-24")
    assert out["name"].to_list() == ["Alpha", "Gamma", "Beta"]


def test_ties_share_a_rank_and_missing_values_are_unranked_and_last() -> None:
    out = ranked(_values([20.0, None, 20.0, 5.0]), COUNCILS, _measure("higher_is_better"), "2023-24")
    assert out["rank"].to_list() == [1, 1, 3, None]
    assert out["name"][-1] == "Beta"
    assert out["ranked_of"][0] == 3


def test_periods_for_ignores_periods_with_only_missing_values() -> None:
    values = pl.concat([_values([1.0, 2.0]), _values([None, None], "2024-25")])
    assert periods_for(values, "m") == ["2023-24"]


BENCH = pl.DataFrame(
    {
        "area_type": ["england", "region", "region"],
        "area_code": ["E92000001", "E12000001", "E12000002"],
        "area_name": ["England", "North East", "North West"],
        "period": ["2023-24"] * 3,
        "measure": ["m"] * 3,
        "value": [15.0, 12.0, 18.0],
        "numerator": [None] * 3,
        "denominator": [None] * 3,
        "ci_low": [None] * 3,
        "ci_high": [None] * 3,
        "ci998_low": [None] * 3,
        "ci998_high": [None] * 3,
        "ci_method": ["none"] * 3,
        "status": ["published"] * 3,
        "source_file": ["f.csv"] * 3,
    },
    schema_overrides=dict.fromkeys(
        ["numerator", "denominator", "ci_low", "ci_high", "ci998_low", "ci998_high"], pl.Float64
    ),
)


def test_comparators_are_england_and_only_the_councils_region() -> None:
    out = comparators(BENCH, "m", "2023-24", "E12000001")
    assert out["area_name"].to_list() == ["England", "North East"]


def test_summary_names_rank_value_and_published_comparators() -> None:
    table = ranked(_values([10.0, 30.0, 20.0]), COUNCILS, _measure("higher_is_better"), "2023-24")
    text = summary_sentence(
        table,
        comparators(BENCH, "m", "2023-24", "E12000001"),
        _measure("higher_is_better"),
        "2023-24",
        "E06000003",
    )
    assert text == (
        "Share helped, 2023-24 (higher is better): Gamma 20.0%, ranked 2nd of 3 councils; "
        "England 15.0%, North East 12.0%."
    )


def test_summary_for_a_suppressed_council_says_why_and_claims_no_rank() -> None:
    table = ranked(_values([10.0, None]), COUNCILS, _measure("higher_is_better"), "2023-24")
    text = summary_sentence(
        table, comparators(BENCH, "m", "2023-24", None), _measure("higher_is_better"), "2023-24", "E06000002"
    )
    assert "no value for Beta" in text and "suppressed" in text and "ranked" not in text


def test_summary_without_polarity_says_highest_not_best() -> None:
    table = ranked(_values([10.0, 30.0]), COUNCILS, _measure("no_judgement"), "2023-24")
    text = summary_sentence(table, BENCH.clear(), _measure("no_judgement"), "2023-24", "E06000002")
    assert "1st highest of 2 councils" in text and "no published England figure" in text
    assert "neither higher nor lower is better" in text


@pytest.mark.parametrize("code", [None, "E06000001"])
def test_export_has_every_council_then_the_comparators(code: str | None) -> None:
    table = ranked(_values([10.0, 30.0, None]), COUNCILS, _measure("higher_is_better"), "2023-24")
    out = export_frame(table, comparators(BENCH, "m", "2023-24", "E12000001"), _measure("higher_is_better"))
    assert out["area_type"].to_list() == ["council", "council", "council", "england", "region"]
    assert out.filter(pl.col("code") == "E06000003")["status"][0] == "suppressed"


def test_headline_measures_come_first_then_the_rest_by_label() -> None:
    from accountability.methods.compare import in_display_order

    measures = pl.DataFrame(
        {
            "id": ["zeta", "ascof_dp_users", "alpha", "ascof_sds_users"],
            "domain": ["adults", "adults", "adults", "adults"],
            "label": ["Z", "Direct payments", "A", "Self-directed"],
        }
    )
    assert in_display_order(measures)["id"].to_list() == ["ascof_sds_users", "ascof_dp_users", "alpha", "zeta"]


def test_latest_inspection_is_none_for_a_council_never_inspected() -> None:
    from accountability.views.council import latest_inspection

    inspections = pl.DataFrame(
        {"code": ["E06000001", "E06000001"], "is_latest": [False, True], "overall": ["Good", "Inadequate"]}
    )
    assert latest_inspection(inspections, "E06000001")["overall"] == "Inadequate"  # type: ignore[index]
    assert latest_inspection(inspections, "E06000002") is None


def test_tied_councils_are_ranked_jointly() -> None:
    table = ranked(_values([20.0, 20.0, 5.0]), COUNCILS, _measure("higher_is_better"), "2023-24")
    text = summary_sentence(table, BENCH.clear(), _measure("higher_is_better"), "2023-24", "E06000002")
    assert "ranked joint 1st of 3 councils" in text
