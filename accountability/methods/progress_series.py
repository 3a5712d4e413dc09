"""One series through the progress engine, for tests, examples and single-area callers.

`assess_series` builds the one-area frames `progress.build_progress` expects, with the area's trend
computed by `trends.trend_table` from the same points (values, and intervals where given), so a
single series gets exactly the status `progress.assess` would give it. No Streamlit, no files.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from accountability.methods.progress import build_progress
from accountability.methods.progress_notes import Side
from accountability.methods.trends import trend_table

AREA = "E92000001"


def _trend_input(periods: Sequence[str], values: Sequence[float | None], lows: list, highs: list) -> pl.DataFrame:
    n = len(periods)
    return pl.DataFrame(
        {
            "code": [AREA] * n,
            "measure": ["m"] * n,
            "period": list(periods),
            "value": list(values),
            "numerator": [None] * n,
            "denominator": [None] * n,
            "ci_low": lows,
            "ci_high": highs,
            "ci_method": ["none"] * n,
        },
        schema_overrides=dict.fromkeys(("value", "numerator", "denominator", "ci_low", "ci_high"), pl.Float64),
    )


def assess_series(
    periods: Sequence[str],
    values: Sequence[float | None],
    *,
    target_value: float | None = None,
    target_direction: str | None = None,
    target_period: str | None = None,
    baseline_period: str | None = None,
    break_period: str | None = None,
    polarity: str = "higher_is_better",
    ci_low: Sequence[float | None] | None = None,
    ci_high: Sequence[float | None] | None = None,
    side: Side = "current",
) -> dict[str, object]:
    """One series (England's code as the area) through the same engine as `assess`: the output row."""
    n = len(periods)
    lows, highs = list(ci_low or [None] * n), list(ci_high or [None] * n)
    trend_rows = _trend_input(periods, values, lows, highs)
    long = trend_rows.select(
        pl.lit("england").alias("area_type"), pl.col("code").alias("area_code"), pl.exclude("code")
    )
    measure = pl.DataFrame(
        {"id": ["m"], "polarity": [polarity], "value_type": ["score"], "multiplier": [1.0]},
    ).with_columns(break_period=pl.lit(break_period, pl.String))
    spec = pl.DataFrame(
        {
            "commitment_id": ["c"],
            "measure": ["m"],
            "baseline_period": [baseline_period],
            "target_value": [target_value],
            "target_direction": [target_direction],
            "target_period": [target_period],
            "polarity": [polarity],
            "break_period": [break_period],
            "order": [0],
        },
        schema_overrides={
            "target_value": pl.Float64,
            "baseline_period": pl.String,
            "target_direction": pl.String,
            "target_period": pl.String,
            "break_period": pl.String,
        },
    )
    return build_progress(long, spec, trend_table(trend_rows, measure), side).row(0, named=True)
