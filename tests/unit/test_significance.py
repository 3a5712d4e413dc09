"""Benchmark significance (Fingertips' method) and benchmark builders, on tiny hand-built frames.

References: intervals from scipy's Wilson interval (`binomtest(...).proportion_ci`); means by hand.
"""

from __future__ import annotations

import polars as pl
import pytest
from scipy import stats as sps

from accountability.methods.significance import (
    COMPARISON,
    MIN_NEIGHBOURS,
    compare_to_benchmark,
    council_type_benchmark,
    custom_group_benchmark,
    england_benchmark,
    neighbour_benchmark,
    region_benchmark,
)


def _values(
    low: float | None, high: float | None, polarity: str | None, method: str = "wilson", value: float | None = 50.0
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": ["E06000001"],
            "period": ["2024-25"],
            "measure": ["m"],
            "value": [value],
            "ci_method": [method],
            "ci_low": [low],
            "ci_high": [high],
            "ci998_low": [None if low is None else low - 5],
            "ci998_high": [None if high is None else high + 5],
            "polarity": [polarity],
        },
        schema_overrides={"value": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64, "polarity": pl.String},
    )


def _england(value: float | None) -> pl.DataFrame:
    return pl.DataFrame(
        {"period": ["2024-25"], "measure": ["m"], "value": [value]}, schema_overrides={"value": pl.Float64}
    )


def _one(values: pl.DataFrame, bench: pl.DataFrame, level: float = 0.95) -> str:
    return str(compare_to_benchmark(values, bench, level)["comparison"][0])


@pytest.mark.parametrize(
    ("low", "high", "polarity", "expected"),
    [
        (45.0, 55.0, "higher_is_better", "better"),  # wholly above 40
        (45.0, 55.0, "lower_is_better", "worse"),
        (45.0, 55.0, "no_judgement", "higher"),
        (25.0, 35.0, "higher_is_better", "worse"),  # wholly below 40
        (25.0, 35.0, "lower_is_better", "better"),
        (25.0, 35.0, "no_judgement", "lower"),
        (35.0, 45.0, "higher_is_better", "similar"),  # straddles 40
        (35.0, 45.0, "no_judgement", "similar"),
    ],
)
def test_interval_against_benchmark_value_mapped_through_polarity(
    low: float, high: float, polarity: str, expected: str
) -> None:
    assert _one(_values(low, high, polarity), _england(40.0)) == expected


@pytest.mark.parametrize(("low", "high"), [(40.0, 50.0), (30.0, 40.0)])
@pytest.mark.parametrize("polarity", ["higher_is_better", "lower_is_better", "no_judgement"])
def test_interval_exactly_touching_the_benchmark_is_similar(low: float, high: float, polarity: str) -> None:
    assert _one(_values(low, high, polarity), _england(40.0)) == "similar"


@pytest.mark.parametrize("method", ["none", "not_reproducible"])
def test_no_interval_is_not_tested(method: str) -> None:
    assert _one(_values(None, None, "higher_is_better", method), _england(40.0)) == "not tested"


def test_limits_present_but_method_none_is_still_not_tested() -> None:
    assert _one(_values(45.0, 55.0, "higher_is_better", "none"), _england(40.0)) == "not tested"


def test_missing_benchmark_is_not_tested() -> None:
    assert _one(_values(45.0, 55.0, "higher_is_better"), _england(None)) == "not tested"
    other_period = _england(40.0).with_columns(period=pl.lit("2023-24"))
    assert _one(_values(45.0, 55.0, "higher_is_better"), other_period) == "not tested"


def test_missing_value_or_polarity_is_not_tested() -> None:
    assert _one(_values(45.0, 55.0, "higher_is_better", value=None), _england(40.0)) == "not tested"
    assert _one(_values(45.0, 55.0, None), _england(40.0)) == "not tested"


def test_level_998_uses_the_wider_interval() -> None:
    values = _values(42.0, 55.0, "higher_is_better")  # 99.8% limits: 37 to 60
    assert _one(values, _england(40.0), 0.95) == "better"
    assert _one(values, _england(40.0), 0.998) == "similar"


def test_output_schema_and_level_column() -> None:
    out = compare_to_benchmark(_values(45.0, 55.0, "higher_is_better"), _england(40.0), 0.998)
    assert out.columns == ["code", "period", "measure", "benchmark_value", "comparison", "level"]
    assert out.schema["comparison"] == COMPARISON
    assert out["level"][0] == 0.998
    assert out["benchmark_value"][0] == 40.0


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="level"):
        compare_to_benchmark(_values(45.0, 55.0, "higher_is_better"), _england(40.0), 0.9)


def test_polarity_joined_from_measures_when_values_lack_it() -> None:
    values = _values(45.0, 55.0, "x").drop("polarity")
    measures = pl.DataFrame({"id": ["m"], "polarity": ["lower_is_better"]})
    out = compare_to_benchmark(values, _england(40.0), 0.95, measures)
    assert out["comparison"][0] == "worse"
    with pytest.raises(ValueError, match="polarity"):
        compare_to_benchmark(values, _england(40.0), 0.95)


@pytest.mark.parametrize(
    ("num", "den", "bench", "polarity", "expected"),
    [
        (30, 100, 20.0, "lower_is_better", "worse"),  # Wilson 95%: 21.9% to 39.6%
        (30, 100, 22.0, "lower_is_better", "similar"),
        (0, 12, 30.0, "lower_is_better", "better"),  # 0 events: 0% to 24.2%
        (12, 12, 70.0, "higher_is_better", "better"),  # n events: 75.8% to 100%
        (1, 2, 50.0, "higher_is_better", "similar"),  # tiny denominator
    ],
)
def test_against_scipy_wilson_interval(num: int, den: int, bench: float, polarity: str, expected: str) -> None:
    ci = sps.binomtest(num, den).proportion_ci(confidence_level=0.95, method="wilson")
    values = _values(100 * ci.low, 100 * ci.high, polarity, value=100 * num / den)
    assert _one(values, _england(bench)) == expected


def test_per_council_benchmark_joins_on_code() -> None:
    values = pl.concat([_values(45.0, 55.0, "higher_is_better"), _values(45.0, 55.0, "higher_is_better")])
    values = values.with_columns(code=pl.Series(["A", "B"]))
    bench = pl.DataFrame({"code": ["A", "B"], "period": ["2024-25"] * 2, "measure": ["m"] * 2, "value": [40.0, 60.0]})
    assert compare_to_benchmark(values, bench)["comparison"].to_list() == ["better", "worse"]


def _peers(n_peers: int = 10) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "model": ["2025"] * n_peers + ["2021"],
            "code": ["A"] * (n_peers + 1),
            "rank": [*range(1, n_peers + 1), 1],
            "peer_code": [f"P{i:02d}" for i in range(1, n_peers + 1)] + ["OLD"],
        },
        schema_overrides={"rank": pl.Int8},
    )


def _peer_values(with_value: int) -> pl.DataFrame:
    codes = [f"P{i:02d}" for i in range(1, 11)] + ["OLD"]
    vals = [float(i) if i <= with_value else None for i in range(1, 11)] + [1000.0]
    return pl.DataFrame({"code": codes, "period": ["2024-25"] * 11, "measure": ["m"] * 11, "value": vals})


def test_neighbour_mean_is_unweighted_and_leaves_out_missing_neighbours() -> None:
    out = neighbour_benchmark(_peer_values(7), _peers())
    row = out.row(0, named=True)
    assert row["value"] == pytest.approx(sum(range(1, 8)) / 7)
    assert row["n_used"] == 7
    assert row["neighbours"] == [f"P{i:02d}" for i in range(1, 11)]
    assert row["neighbours_used"] == [f"P{i:02d}" for i in range(1, 8)]


def test_neighbour_mean_is_withheld_below_five_neighbours() -> None:
    assert MIN_NEIGHBOURS == 5
    assert neighbour_benchmark(_peer_values(5), _peers())["value"][0] == pytest.approx(3.0)
    few = neighbour_benchmark(_peer_values(4), _peers()).row(0, named=True)
    assert few["value"] is None
    assert few["n_used"] == 4


def test_neighbour_mean_with_no_neighbour_values_has_a_row_with_zero_used() -> None:
    values = _peer_values(0).with_columns(pl.lit(None, pl.Float64).alias("value"))
    row = neighbour_benchmark(values, _peers()).row(0, named=True)
    assert (row["value"], row["n_used"], row["neighbours_used"]) == (None, 0, [])


def test_neighbour_model_is_chosen() -> None:
    assert neighbour_benchmark(_peer_values(10), _peers(), model="2021")["n_used"][0] == 1


def test_custom_group_mean_counts_used_and_selected() -> None:
    values = pl.DataFrame(
        {"code": ["A", "B", "C", "D"], "period": ["p"] * 4, "measure": ["m"] * 4, "value": [1.0, 2.0, None, 100.0]}
    )
    row = custom_group_benchmark(values, ["A", "B", "C", "A"]).row(0, named=True)
    assert row == {"period": "p", "measure": "m", "value": 1.5, "n_used": 2, "n_selected": 3}
    assert custom_group_benchmark(values, ["A", "B", "C"], min_used=3)["value"][0] is None


BENCHMARKS = pl.DataFrame(
    {
        "area_type": ["england", "region", "region", "council_type", "council_type", "council_type", "council_type"],
        "area_code": [
            "E92000001",
            "E12000007",
            "E12000001",
            "council_type:inner_london",
            "council_type:outer_london",
            "council_type:shire_county",
            "council_type:unitary_authority",
        ],
        "area_name": ["England", "London", "North East", "Inner London", "Outer London", "Shire Counties", "UAs"],
        "period": ["p"] * 7,
        "measure": ["m"] * 7,
        "value": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0],
    }
)
COUNCILS = pl.DataFrame(
    {
        "code": ["E09000007", "E09000003", "E10000003", "E06000065", "E06000001", "E08000001"],
        "region_code": ["E12000007", "E12000007", "E12000006", "E12000002", "E12000001", "E12000002"],
        "council_type": [
            "London borough",
            "London borough",
            "County council",
            "Unitary authority",
            "Unitary authority",
            "Metropolitan district",
        ],
    }
)


def test_england_is_the_published_figure() -> None:
    assert england_benchmark(BENCHMARKS).to_dicts() == [{"period": "p", "measure": "m", "value": 10.0}]


def test_region_is_the_published_figure_for_the_councils_region() -> None:
    out = region_benchmark(BENCHMARKS, COUNCILS)
    assert dict(zip(out["code"], out["value"], strict=True)) == {
        "E09000007": 20.0,
        "E09000003": 20.0,
        "E06000001": 30.0,
    }


def test_council_type_follows_the_publishers_groups() -> None:
    out = council_type_benchmark(BENCHMARKS, COUNCILS)
    got = dict(zip(out["code"], out["area_code"], strict=True))
    assert got == {
        "E09000007": "council_type:inner_london",  # Camden
        "E09000003": "council_type:outer_london",  # Barnet
        "E10000003": "council_type:shire_county",
        "E06000065": "council_type:shire_county",  # North Yorkshire, a 2023 unitary, still a shire county
        "E06000001": "council_type:unitary_authority",
    }  # no published metropolitan district figure here: no row
