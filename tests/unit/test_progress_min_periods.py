"""A commitment's `min_periods`: no rate of change from fewer periods, and the note says why."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.methods.commitments import Commitment
from accountability.methods.progress import build_progress


def _run(values: list[float], min_periods: int | None) -> dict[str, object]:
    """England's progress on a SYNTHETIC rising value target (2.0 by 2029-30) from `values`.

    A value target, because a rate of change is read from two points (Statistics Canada's method); a
    direction target needs a significant trend, which takes three points whatever `min_periods` says.
    """
    periods = [f"{2020 + i}-{21 + i}" for i in range(len(values))]
    long = pl.DataFrame(
        {"area_type": "england", "area_code": "E92000001", "measure": "m", "period": periods, "value": values,
         "ci_low": None, "ci_high": None},
        schema_overrides={"ci_low": pl.Float64, "ci_high": pl.Float64},
    )  # fmt: skip
    spec = pl.DataFrame(
        {"commitment_id": ["c"], "measure": ["m"], "baseline_period": ["2020-21"], "target_value": [2.0],
         "target_direction": [None], "target_period": ["2029-30"], "polarity": ["higher_is_better"],
         "break_period": [None], "order": [0]},
        schema_overrides={"baseline_period": pl.String, "target_value": pl.Float64, "target_period": pl.String,
                          "break_period": pl.String, "target_direction": pl.String},
    )  # fmt: skip
    if min_periods is not None:
        spec = spec.with_columns(min_periods=pl.lit(min_periods, pl.Int32))
    trends = pl.DataFrame(
        schema={
            "code": pl.String,
            "measure": pl.String,
            "period": pl.String,
            "p_value": pl.Float64,
            "slope_per_year": pl.Float64,
            "label": pl.String,
        }
    )  # fmt: skip  (no trend results: these rows never reach the trend gate)
    return build_progress(long, spec, trends).row(0, named=True)


def test_two_periods_are_enough_by_default() -> None:
    row = _run([1.0, 1.2], None)
    assert (row["status"], row["progress_band"]) == ("on track", "substantial progress")


def test_fewer_periods_than_the_commitment_asks_for_are_not_assessable_and_say_so() -> None:
    row = _run([1.0, 1.2], 3)
    assert row["status"] == "not assessable" and row["cagr_actual"] is None
    assert "only 2 periods of data: this commitment is assessed from 3" in str(row["note"])


def test_enough_periods_are_assessed_as_usual() -> None:
    row = _run([1.0, 1.1, 1.2], 3)
    assert (row["status"], row["progress_band"]) == ("on track", "substantial progress")


@pytest.mark.parametrize("bad", [1, 11])
def test_min_periods_is_between_2_and_10(bad: int) -> None:
    with pytest.raises(ValueError, match="min_periods"):
        Commitment(id="c", title="t", measures=("m",), target_direction="rising", owner="o", source="s",
                   source_sentence="x", min_periods=bad)  # fmt: skip
