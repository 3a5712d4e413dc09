"""Progress towards commitments: required versus actual rate of change, status and projected date.

Pure Polars, no Streamlit. Method (the product's credibility; every rule here is tested):

Series. One area (council, region or England) and one measure: published values by period, nulls
dropped. Time is the period's start year ("2017-18" -> 2017, "2017" -> 2017), used consistently for
the data, the baseline and the target period ("2012-13" -> 2012).

Breaks. A measure with `break_period` (ASCOF 2023-24) is never assessed across the break: only the
periods on the current side (>= break_period) are used, and the `note` says so. An area with no
value since the break (a council abolished before it) has nothing to assess: "not assessable".
`side="before_break"` assesses the previous framework (< break_period) instead, labelled as such.

Baseline and current. Baseline = the value at `baseline_period`, or the first value at/after it (the
period used is recorded, and the note says when it differs); with no baseline_period, the first
value. Current = the latest value.

Value targets (Statistics Canada method as used by Open SDG). With t in years:
    CAGR_actual   = (x_t / x_0) ** (1 / (t - t_0)) - 1
    CAGR_required = (target / x_0) ** (1 / (T - t_0)) - 1,  T = start year of target_period
    ratio         = CAGR_actual / CAGR_required
The wanted direction comes from the measure's polarity (from target versus baseline when it has none).
Status, first rule that applies:
  1. no value                                       -> not assessable
  2. current meets the target (>= rising, <= falling) -> achieved ("target achieved"), even from one point
  3. the latest period is at/after the target period -> off track, band "target missed": the date passed
  4. the baseline already met the target but current does not -> deteriorating ("deterioration")
  5. fewer than 2 periods, or baseline or target <= 0 (no growth rate) -> not assessable
  6. ratio >= 0.95 on track ("substantial progress"); 0.5 <= ratio < 0.95 off track ("moderate
     progress"); 0 <= ratio < 0.5 off track ("limited progress"); ratio < 0 deteriorating
     ("deterioration"). Open SDG's 0.95 / 0.5 / 0 cut-offs; Statistics Canada now uses 0.6 for
     the middle one. Boundaries are inclusive upwards, compared with a 1e-9 tolerance.
Projected year the target is met: t_0 + ln(target / x_0) / ln(1 + CAGR_actual) when moving the
right way and not yet achieved; `projected_period` is the first period whose start year is at or
after it. Otherwise null.

Direction targets (no number was set). CAGR over the last up to 5 points (first to last of them);
d = +1 rising, -1 falling: d*CAGR >= 0.5% a year on track ("improving"); |CAGR| < 0.5% off track
("little or no change"); d*CAGR <= -0.5% deteriorating ("worsening"); under 2 points not assessable.
A commitment's `min_periods` (default 2) raises that floor for both kinds of target: with fewer
points no rate of change is computed, the status is not assessable and the note says why.

`assess` applies this to every council (the `values` table) and to every region and England as
published (the `benchmarks` table), fully vectorised: one group_by/agg, then expressions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import polars as pl

from accountability.methods.commitments import Commitment, commitments_frame, period_start_year

STATUSES = ["achieved", "on track", "off track", "deteriorating", "not assessable"]
BANDS = [
    "target achieved",
    "substantial progress",
    "moderate progress",
    "limited progress",
    "deterioration",
    "target missed",
    "improving",
    "little or no change",
    "worsening",
    "not available",
]
STATUS = pl.Enum(STATUSES)
BAND = pl.Enum(BANDS)
AREA_TYPE = pl.Enum(["england", "region", "council"])
ON_TRACK_RATIO = 0.95  # Open SDG "substantial progress"
MODERATE_RATIO = 0.5  # Open SDG "moderate progress"; below it, down to 0, "limited progress"
DIRECTION_CAGR = 0.005  # 0.5% a year: the smallest change counted as movement for a direction target
DIRECTION_WINDOW = 5  # points used for a direction target
EPS = 1e-9  # tolerance so values on a boundary are not moved by rounding in the power
KEYS = ["commitment_id", "measure", "area_type", "area_code"]
Side = Literal["current", "before_break"]

OUTPUT_SCHEMA: dict[str, pl.DataType] = {
    "commitment_id": pl.String(),
    "measure": pl.String(),
    "area_type": AREA_TYPE,
    "area_code": pl.String(),
    "baseline_period": pl.String(),
    "baseline_value": pl.Float64(),
    "current_period": pl.String(),
    "current_value": pl.Float64(),
    "target_value": pl.Float64(),
    "target_direction": pl.String(),
    "target_period": pl.String(),
    "cagr_actual": pl.Float64(),
    "cagr_required": pl.Float64(),
    "ratio": pl.Float64(),
    "status": STATUS,
    "progress_band": BAND,
    "projected_period": pl.String(),
    "note": pl.String(),
}


def year_expr(period: pl.Expr) -> pl.Expr:
    """Start year of a period label as a float ("2017-18" -> 2017.0)."""
    return period.str.slice(0, 4).cast(pl.Float64)


def period_label_expr(year: pl.Expr, like: pl.Expr) -> pl.Expr:
    """Format a start year in the style of `like`: "2027-28" for financial years, "2027" otherwise."""
    y = year.cast(pl.Int32)
    financial = pl.concat_str(y.cast(pl.String), pl.lit("-"), ((y + 1) % 100).cast(pl.String).str.zfill(2))
    return pl.when(like.str.len_chars() == 7).then(financial).otherwise(y.cast(pl.String))


def _keep_expr(side: Side) -> pl.Expr:
    """Rows on the assessed side of the measure's break (all rows when it has none)."""
    bt = year_expr(pl.col("break_period"))
    return bt.is_null() | ((pl.col("t") >= bt) if side == "current" else (pl.col("t") < bt))


def _select_points(rows: pl.LazyFrame, side: Side) -> pl.LazyFrame:
    """The observations each assessment uses: one side of the break, from the baseline, last 5 for directions."""
    from_baseline = pl.col("baseline_period").is_null() | (pl.col("t") >= year_expr(pl.col("baseline_period")))
    recent = pl.col("t").rank("ordinal", descending=True).over(KEYS) <= DIRECTION_WINDOW
    return rows.filter(_keep_expr(side) & from_baseline).filter(pl.col("target_direction").is_null() | recent)


def _summarise(points: pl.LazyFrame) -> pl.LazyFrame:
    """Per series: number of points, first (baseline) and last (current) point, the current interval."""
    by_t = pl.col("t")
    return points.group_by(KEYS).agg(
        n=pl.len(),
        t0=by_t.min(),
        t1=by_t.max(),
        baseline_used=pl.col("period").sort_by(by_t).first(),
        baseline_value=pl.col("value").sort_by(by_t).first(),
        current_period=pl.col("period").sort_by(by_t).last(),
        current_value=pl.col("value").sort_by(by_t).last(),
        current_low=pl.col("ci_low").sort_by(by_t).last(),
        current_high=pl.col("ci_high").sort_by(by_t).last(),
    )


def _direction() -> pl.Expr:
    """+1 when higher is wanted, -1 when lower is wanted."""
    by_polarity = (
        pl.when(pl.col("polarity") == "higher_is_better")
        .then(1.0)
        .when(pl.col("polarity") == "lower_is_better")
        .then(-1.0)
        .when(pl.col("target_value") < pl.col("baseline_value"))
        .then(-1.0)
        .otherwise(1.0)
    )
    return (
        pl.when(pl.col("target_direction") == "rising")
        .then(1.0)
        .when(pl.col("target_direction") == "falling")
        .then(-1.0)
        .otherwise(by_polarity)
    )


def _rates() -> list[pl.Expr]:
    x0, x1, target = pl.col("baseline_value"), pl.col("current_value"), pl.col("target_value")
    t_target = year_expr(pl.col("target_period"))
    growth_ok = (pl.col("n") >= pl.col("min_periods")) & (x0 > 0) & (x1 >= 0)
    cagr_a = pl.when(growth_ok).then((x1 / x0).pow(1.0 / (pl.col("t1") - pl.col("t0"))) - 1.0)
    req_ok = target.is_not_null() & (x0 > 0) & (target > 0) & (t_target > pl.col("t0"))
    cagr_r = pl.when(req_ok).then((target / x0).pow(1.0 / (t_target - pl.col("t0"))) - 1.0)
    return [cagr_a.alias("cagr_actual"), cagr_r.alias("cagr_required")]


def _value_status() -> pl.Expr:
    """(status, band) for a value target, as a struct: rules 1-6 of the module docstring, in order."""
    d, x0, target, ratio = pl.col("d"), pl.col("baseline_value"), pl.col("target_value"), pl.col("ratio")
    achieved = (d * (pl.col("current_value") - target)) >= -EPS
    passed = pl.col("t1") >= year_expr(pl.col("target_period"))
    no_rate = (pl.col("n") < 2) | pl.col("cagr_actual").is_null() | pl.col("cagr_required").is_null()
    return (
        pl.when(pl.col("n").is_null())
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(achieved)
        .then(pl.struct(s=pl.lit("achieved"), b=pl.lit("target achieved")))
        .when(passed)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("target missed")))
        .when((d * (x0 - target)) >= -EPS)
        .then(pl.struct(s=pl.lit("deteriorating"), b=pl.lit("deterioration")))
        .when(no_rate)
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(ratio >= ON_TRACK_RATIO - EPS)
        .then(pl.struct(s=pl.lit("on track"), b=pl.lit("substantial progress")))
        .when(ratio >= MODERATE_RATIO - EPS)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("moderate progress")))
        .when(ratio >= -EPS)
        .then(pl.struct(s=pl.lit("off track"), b=pl.lit("limited progress")))
        .otherwise(pl.struct(s=pl.lit("deteriorating"), b=pl.lit("deterioration")))
    )


def _direction_status() -> pl.Expr:
    signed = pl.col("d") * pl.col("cagr_actual")
    return (
        pl.when(pl.col("cagr_actual").is_null())
        .then(pl.struct(s=pl.lit("not assessable"), b=pl.lit("not available")))
        .when(signed >= DIRECTION_CAGR - EPS)
        .then(pl.struct(s=pl.lit("on track"), b=pl.lit("improving")))
        .when(signed <= -DIRECTION_CAGR + EPS)
        .then(pl.struct(s=pl.lit("deteriorating"), b=pl.lit("worsening")))
        .otherwise(pl.struct(s=pl.lit("off track"), b=pl.lit("little or no change")))
    )


def _projected_period() -> pl.Expr:
    x0, target, cagr = pl.col("baseline_value"), pl.col("target_value"), pl.col("cagr_actual")
    moving = (pl.col("d") * cagr > 0) & (x0 > 0) & (target > 0) & (pl.col("status") != "achieved")
    year = pl.when(moving).then(pl.col("t0") + (target / x0).log() / (1.0 + cagr).log())
    year = pl.when(year.is_finite()).then((year - EPS).ceil())  # NaN/inf never reach the label
    return period_label_expr(year, pl.col("current_period"))


def _note(side: Side) -> pl.Expr:
    brk = pl.col("break_period")
    if side == "current":
        brk_text = pl.format("framework break at {}: only {} onwards used", brk, brk)
    else:
        brk_text = pl.format("previous framework only: periods before the {} break", brk)
    value_target = pl.col("target_value").is_not_null()
    interval_straddles = (pl.col("status") == "achieved") & (
        pl.col("d") * (pl.when(pl.col("d") > 0).then(pl.col("current_low")).otherwise(pl.col("current_high")))
        < pl.col("d") * pl.col("target_value")
    )
    pieces = [
        pl.when(pl.col("dropped_break")).then(brk_text),
        pl.when(pl.col("n").is_null()).then(pl.lit("no published value")),
        pl.when(value_target & (pl.col("baseline_used") != pl.col("baseline_period"))).then(
            pl.format("no value for baseline {}; {} used", pl.col("baseline_period"), pl.col("baseline_used"))
        ),
        pl.when(~value_target & (pl.col("n") >= 2)).then(
            pl.format("direction of travel {} to {} ({} points)", "baseline_used", "current_period", "n")
        ),
        pl.when(~value_target).then(pl.lit("no numeric target was set")),
        pl.when((pl.col("n") == 1) & (pl.col("status") == "not assessable")).then(
            pl.lit("only one period of data: a rate of change needs two")
        ),
        pl.when(
            (pl.col("n") >= 2) & (pl.col("n") < pl.col("min_periods")) & (pl.col("status") == "not assessable")
        ).then(pl.format("only {} periods of data: this commitment is assessed from {}", "n", "min_periods")),
        pl.when(pl.col("progress_band") == "target missed").then(
            pl.format("target date passed ({}) without the target being met", "target_period")
        ),
        pl.when(interval_straddles).then(
            pl.lit("the 95% interval of the current value includes values short of the target")
        ),
        pl.when(
            (pl.col("progress_band") == "deterioration")
            & (pl.col("d") * (pl.col("baseline_value") - pl.col("target_value")) >= -EPS)
        ).then(pl.lit("met the target at baseline but no longer does")),
        pl.when(pl.col("t1") < pl.col("latest_t")).then(
            pl.format("latest value is for {}; other areas have {}", "current_period", "latest_period")
        ),
    ]
    return pl.concat_str(pieces, separator="; ", ignore_nulls=True)


def build_progress(long: pl.DataFrame, spec: pl.DataFrame, side: Side = "current") -> pl.DataFrame:
    """Assess every (commitment, measure, area) series.

    `long`: area_type, area_code, measure, period, value, ci_low, ci_high (nulls allowed).
    `spec`: commitment_id, measure, baseline_period, target_value, target_direction, target_period,
    polarity, break_period, order (one row per commitment-measure).
    """
    if "min_periods" not in spec.columns:  # specs built before the field existed: the old rule, 2 periods
        spec = spec.with_columns(min_periods=pl.lit(2, pl.Int32))
    rows = long.lazy().join(spec.lazy(), on="measure").with_columns(t=year_expr(pl.col("period")))
    keys = rows.select(KEYS).unique()
    observed = rows.filter(pl.col("value").is_not_null())
    latest = observed.group_by("measure").agg(latest_t=pl.col("t").max(), latest_period=pl.col("period").max())
    summary = _summarise(_select_points(observed, side))
    dropped = observed.group_by(KEYS).agg(dropped_break=(~_keep_expr(side)).any())
    out = (
        keys.join(spec.lazy(), on="measure")
        .join(summary, on=KEYS, how="left")
        .join(dropped, on=KEYS, how="left")
        .join(latest, on="measure", how="left")
        .with_columns(d=_direction())
        .with_columns(_rates())
        .with_columns(ratio=pl.col("cagr_actual") / pl.col("cagr_required"))
        .with_columns(
            sb=pl.when(pl.col("target_value").is_not_null()).then(_value_status()).otherwise(_direction_status())
        )
        .with_columns(status=pl.col("sb").struct.field("s"), progress_band=pl.col("sb").struct.field("b"))
        .with_columns(projected_period=_projected_period())
        .with_columns(note=_note(side), baseline_period=pl.col("baseline_used"))
        .sort("order", pl.col("area_type").cast(AREA_TYPE), "area_code")
    )
    return out.select([pl.col(c).cast(t) for c, t in OUTPUT_SCHEMA.items()]).collect()


def _spec(commitments: tuple[Commitment, ...] | list[Commitment], measures: pl.DataFrame) -> pl.DataFrame:
    info = measures.select(
        measure=pl.col("id"), polarity=pl.col("polarity").cast(pl.String), break_period=pl.col("break_period")
    )
    frame = commitments_frame(commitments).with_row_index("order")
    return frame.join(info, on="measure", how="left", maintain_order="left")


def assess(
    values_long: pl.DataFrame,
    commitments: tuple[Commitment, ...] | list[Commitment],
    measures: pl.DataFrame,
    areas: pl.DataFrame,
    side: Side = "current",
) -> pl.DataFrame:
    """Progress for every council (`values`) and every region and England (`benchmarks`, as published).

    Output columns and types: `OUTPUT_SCHEMA`; sorted by commitment (file order), measure, then
    England, regions, councils by code.
    """
    cols = ["measure", "period", "value", "ci_low", "ci_high"]
    councils = values_long.select(pl.lit("council").alias("area_type"), pl.col("code").alias("area_code"), *cols)
    published = areas.filter(pl.col("area_type").cast(pl.String).is_in(["england", "region"])).select(
        pl.col("area_type").cast(pl.String), "area_code", *cols
    )
    long = pl.concat([published, councils], how="vertical_relaxed")
    return build_progress(long, _spec(commitments, measures), side)


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
    """One series through the same engine as `assess`: the single output row, as a dict."""
    n = len(periods)
    long = pl.DataFrame(
        {
            "area_type": ["england"] * n,
            "area_code": ["E92000001"] * n,
            "measure": ["m"] * n,
            "period": list(periods),
            "value": list(values),
            "ci_low": list(ci_low or [None] * n),
            "ci_high": list(ci_high or [None] * n),
        },
        schema_overrides={"value": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64},
    )
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
    return build_progress(long, spec, side).row(0, named=True)


def _label(year: int, like: str) -> str:
    return f"{year}-{(year + 1) % 100:02d}" if len(like) == 7 else str(year)


def trajectory(baseline_value: float, baseline_period: str, target_value: float, target_period: str) -> pl.DataFrame:
    """The required path, one row per period from baseline to target: x_0 * (1 + CAGR_required)^(t - t_0)."""
    t0, t_target = period_start_year(baseline_period), period_start_year(target_period)
    if t_target <= t0 or baseline_value <= 0 or target_value <= 0:
        raise ValueError("a trajectory needs positive values and a target period after the baseline")
    rate = (target_value / baseline_value) ** (1 / (t_target - t0)) - 1
    years = list(range(t0, t_target + 1))
    return pl.DataFrame(
        {
            "period": [_label(y, baseline_period) for y in years],
            "year": years,
            "value": [baseline_value * (1 + rate) ** (y - t0) for y in years],
        },
        schema={"period": pl.String, "year": pl.Int32, "value": pl.Float64},
    )


def projection(series: pl.DataFrame, cagr: float, until_period: str) -> pl.DataFrame:
    """The latest value of `series` (period, value) carried forward at `cagr` a year to `until_period`.

    The first row is the latest observed point, so a chart line joins the data.
    """
    observed = series.filter(pl.col("value").is_not_null())
    if observed.height == 0 or not math.isfinite(cagr):
        return pl.DataFrame(schema={"period": pl.String, "year": pl.Int32, "value": pl.Float64})
    last = observed.with_columns(t=year_expr(pl.col("period"))).sort("t").row(-1, named=True)
    t1 = period_start_year(last["period"])
    years = list(range(t1, max(t1, period_start_year(until_period)) + 1))
    return pl.DataFrame(
        {
            "period": [_label(y, last["period"]) for y in years],
            "year": years,
            "value": [last["value"] * (1 + cagr) ** (y - t1) for y in years],
        },
        schema={"period": pl.String, "year": pl.Int32, "value": pl.Float64},
    )
