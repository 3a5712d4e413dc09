"""Quartile bands and rank intervals.

References: scipy.stats.rankdata(method="min") for competition ranks; numpy.percentile (linear,
R type 7) for the quartile cut points; an independent re-run of the simulation with scipy ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps

from accountability.methods.ranks import (
    DRAWS,
    RANK_SCHEMA,
    SEED,
    Z95,
    competition_ranks,
    quartile_expr,
    rank_intervals,
    rank_table,
)


def test_competition_ranks_match_scipy_min_ranks_with_ties() -> None:
    rng = np.random.default_rng(1)
    sims = rng.integers(0, 6, size=(40, 25)).astype(float)  # plenty of ties
    expected = np.column_stack([sps.rankdata(sims[:, j], method="min") for j in range(sims.shape[1])])
    np.testing.assert_array_equal(competition_ranks(sims), expected)


def _quartiles(values: Sequence[float | None], polarity: str) -> list[int | None]:
    frame = pl.DataFrame({"value": values}, schema={"value": pl.Float64})
    return frame.select(quartile_expr(pl.col("value"), polarity)).to_series().to_list()


@pytest.mark.parametrize("polarity", ["higher_is_better", "lower_is_better"])
def test_quartiles_match_numpy_type7_cut_points(polarity: str) -> None:
    values = [float(v) for v in np.random.default_rng(7).normal(50, 10, 153).round(1)]
    q1, q2, q3 = np.percentile(values, [25, 50, 75], method="linear")
    ascending = [1 if v <= q1 else 2 if v <= q2 else 3 if v <= q3 else 4 for v in values]
    descending = [1 if v >= q3 else 2 if v >= q2 else 3 if v >= q1 else 4 for v in values]
    expected = ascending if polarity == "lower_is_better" else descending
    assert _quartiles(values, polarity) == expected


def test_quartile_one_is_the_best_quarter_and_cut_points_go_to_the_better_band() -> None:
    values: list[float | None] = [0.0, 25.0, 50.0, 75.0, 100.0, None]  # cut points 25, 50, 75
    assert _quartiles(values, "lower_is_better") == [1, 1, 2, 3, 4, None]
    assert _quartiles(values, "higher_is_better") == [4, 3, 2, 1, 1, None]


def test_no_quartile_where_neither_direction_is_better() -> None:
    # cla_rate: "quartile 3 of 4, 1 = best" was printed for a measure with no better direction
    assert _quartiles([10.0, 60.0, 70.0, 120.0, None], "no_judgement") == [None] * 5


def test_no_rank_or_rank_interval_where_neither_direction_is_better() -> None:
    out = rank_intervals(_slice([10.0, 60.0, 70.0, 120.0], [1.0] * 4), "no_judgement")
    assert out.schema == pl.Schema(RANK_SCHEMA)
    assert out.select("rank", "rank_low", "rank_high", "quartile").null_count().row(0) == (4, 4, 4, 4)
    assert out["code"].to_list() == sorted(out["code"].to_list())


def _slice(values: Sequence[float | None], half_widths: Sequence[float | None]) -> pl.DataFrame:
    codes = [f"E06{i:06d}" for i in range(len(values))]
    lows = [None if v is None or h is None else v - h for v, h in zip(values, half_widths, strict=True)]
    highs = [None if v is None or h is None else v + h for v, h in zip(values, half_widths, strict=True)]
    return pl.DataFrame(
        {"code": codes, "value": list(values), "ci_low": lows, "ci_high": highs},
        schema={"code": pl.String, "value": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64},
    )


def test_output_schema_and_point_ranks_follow_polarity_with_min_ties() -> None:
    frame = _slice([10.0, 20.0, 20.0, 30.0, None], [1.0] * 5)
    higher = rank_intervals(frame, "higher_is_better")
    assert higher.schema == pl.Schema(RANK_SCHEMA)
    assert higher["rank"].to_list() == [4, 2, 2, 1, None]
    assert rank_intervals(frame, "lower_is_better")["rank"].to_list() == [1, 2, 2, 4, None]
    assert higher.row(4) == ("E06000004", None, None, None, None)


def test_tiny_intervals_give_a_rank_interval_of_the_rank_itself() -> None:
    out = rank_intervals(_slice([1.0, 2.0, 3.0, 4.0], [1e-9] * 4), "higher_is_better")
    assert out["rank_low"].to_list() == out["rank"].to_list() == out["rank_high"].to_list() == [4, 3, 2, 1]


def test_wide_intervals_overlapping_everyone_give_wide_rank_intervals() -> None:
    out = rank_intervals(_slice([float(v) for v in range(20)], [100.0] * 20), "higher_is_better")
    assert (out["rank_low"] <= 2).all()
    assert (out["rank_high"] >= 19).all()


def test_council_without_an_interval_has_a_rank_but_no_rank_interval() -> None:
    out = rank_intervals(_slice([1.0, 2.0, 3.0], [0.5, None, 0.5]), "higher_is_better")
    assert out.row(1) == ("E06000001", 2, None, None, 2)  # the median is a cut point: the better band


def test_rank_intervals_are_deterministic_and_independent_of_row_order() -> None:
    frame = _slice([float(v) for v in np.random.default_rng(3).normal(0, 1, 60)], [0.8] * 60)
    first = rank_intervals(frame, "lower_is_better")
    again = rank_intervals(frame.reverse(), "lower_is_better")
    assert first.equals(again)


def test_rank_intervals_match_an_independent_simulation() -> None:
    rng = np.random.default_rng(11)
    values = rng.normal(50, 5, 30).round(2)
    below, above = rng.uniform(0.5, 4, 30), rng.uniform(0.5, 4, 30)  # asymmetric intervals
    frame = pl.DataFrame(
        {
            "code": [f"E08{i:06d}" for i in range(30)],
            "value": values,
            "ci_low": values - below,
            "ci_high": values + above,
        }
    )
    z = np.random.default_rng(SEED).standard_normal((30, DRAWS))
    sims = values[:, None] + z * np.where(z < 0, (below / Z95)[:, None], (above / Z95)[:, None])
    ranks = np.column_stack([sps.rankdata(-sims[:, j], method="min") for j in range(DRAWS)])
    point = sps.rankdata(-values, method="min")
    low = np.minimum(np.percentile(ranks, 2.5, axis=1, method="lower"), point)
    high = np.maximum(np.percentile(ranks, 97.5, axis=1, method="higher"), point)
    out = rank_intervals(frame, "higher_is_better")
    np.testing.assert_allclose(out["rank_low"].to_numpy(), low, rtol=0, atol=1e-9)
    np.testing.assert_allclose(out["rank_high"].to_numpy(), high, rtol=0, atol=1e-9)
    assert (out["rank"].to_numpy() == point).all()


def test_a_value_at_a_bound_is_never_drawn_beyond_it() -> None:
    # 100% with a Wilson interval [96%, 100%]: draws never exceed 100, so it keeps a share of rank 1
    frame = pl.DataFrame({"code": ["A", "B"], "value": [100.0, 99.0], "ci_low": [96.0, 98.9], "ci_high": [100.0, 99.1]})
    out = rank_intervals(frame, "higher_is_better")
    assert out.row(0) == ("A", 1, 1, 2, 1)


def test_rank_table_covers_each_measure_and_period() -> None:
    values = pl.concat(
        [
            _slice([1.0, 2.0, 3.0], [0.1] * 3).with_columns(measure=pl.lit("m"), period=pl.lit(p))
            for p in ("2023-24", "2024-25")
        ]
    )
    measures = pl.DataFrame({"id": ["m"], "polarity": ["lower_is_better"]})
    out = rank_table(values, measures)
    assert out.columns == ["measure", "period", *RANK_SCHEMA]
    assert out.height == 6
    latest = pl.DataFrame({"measure": ["m"], "period": ["2024-25"]})
    assert rank_table(values, measures, latest)["period"].unique().to_list() == ["2024-25"]
