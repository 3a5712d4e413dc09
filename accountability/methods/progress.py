"""Progress towards commitments: required versus actual rate of change, status and projected date.

Pure Polars, no Streamlit. Method (the product's credibility; every rule here is tested):

Series. One area (council, region or England) and one measure: published values by period, nulls
dropped. Time is the period's start year ("2017-18" -> 2017, "2017" -> 2017), used consistently for
the data, the baseline and the target period ("2012-13" -> 2012).

Breaks. A measure with `break_period` (ASCOF 2023-24) is never assessed across the break: only the
periods on the current side (>= break_period) are used, and the `note` says so. An area with no
value since the break (a council abolished before it) has nothing to assess: "not assessable".
`side="before_break"` assesses the previous framework (< break_period) instead, labelled as such,
and stops at the break before that one when a measure has two (ASCOF's 2023-24 framework change and
the 2024-25 move to client-level data): a series is never joined across any break.

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

Trend gate (one meaning of "improving" and "deteriorating"). Every area's recent trend at its
current period is the shared result of `trends.trend_table` (last 5 points on one side of every
break, tested allowing for year-to-year variation beyond chance). "Deteriorating" is said only when
that trend is significant (p < 0.05) and away from the target: where rules 4 and 6 above find a
deterioration without such a trend, the status is off track with band "no detectable change".

Direction targets (no number was set). The status is the trend's: significant towards the wanted
direction -> on track ("improving"); significant away -> deteriorating ("worsening"); otherwise off
track ("no detectable change"); no trend test (fewer than 3 points) -> not assessable.
A commitment's `min_periods` (default 2) raises the fewest points for both kinds of target: with
fewer, no rate of change is computed, the status is not assessable and the note says why.
`cagr_actual` is still reported, first to last of the last up to 5 points, as a description.

`assess` applies this to every council (the `values` table) and to every region and England as
published (the `benchmarks` table), fully vectorised: one group_by/agg, then expressions.
`progress_series.assess_series` runs one series through the same engine; the trajectory, carry-forward
and projection band drawn beside a commitment are in `projection` (`trajectory` and `projection` are
re-exported here for existing callers).
"""

from __future__ import annotations

import polars as pl

from accountability.methods.commitments import Commitment, commitments_frame
from accountability.methods.progress_notes import EPS, Side, note_expr
from accountability.methods.progress_status import (
    MODERATE_RATIO,
    ON_TRACK_RATIO,
    direction_status,
    value_status,
    year_expr,
)
from accountability.methods.projection import projection, trajectory
from accountability.methods.trends import trend_table

STATUSES = ["achieved", "on track", "off track", "deteriorating", "not assessable"]
BANDS = [
    "target achieved",
    "substantial progress",
    "moderate progress",
    "limited progress",
    "deterioration",
    "target missed",
    "improving",
    "no detectable change",
    "worsening",
    "not available",
]
STATUS = pl.Enum(STATUSES)
BAND = pl.Enum(BANDS)
AREA_TYPE = pl.Enum(["england", "region", "council"])
DIRECTION_WINDOW = 5  # points used for a direction target
KEYS = ["commitment_id", "measure", "area_type", "area_code"]

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
    "trend_label": pl.String(),
    "trend_p_value": pl.Float64(),
}


def period_label_expr(year: pl.Expr, like: pl.Expr) -> pl.Expr:
    """Format a start year in the style of `like`: "2027-28" for financial years, "2027" otherwise."""
    y = year.cast(pl.Int32)
    financial = pl.concat_str(y.cast(pl.String), pl.lit("-"), ((y + 1) % 100).cast(pl.String).str.zfill(2))
    return pl.when(like.str.len_chars() == 7).then(financial).otherwise(y.cast(pl.String))


def _keep_expr(side: Side) -> pl.Expr:
    """Rows on the assessed side of the measure's latest break (all rows when it has none). "Before the
    break" stops at the break before that one, if any: a series is never joined across any break."""
    bt, before = year_expr(pl.col("break_period")), year_expr(pl.col("previous_break"))
    if side == "current":
        return bt.is_null() | (pl.col("t") >= bt)
    return bt.is_null() | ((pl.col("t") < bt) & (before.is_null() | (pl.col("t") >= before)))


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


def _projected_period() -> pl.Expr:
    x0, target, cagr = pl.col("baseline_value"), pl.col("target_value"), pl.col("cagr_actual")
    moving = (pl.col("d") * cagr > 0) & (x0 > 0) & (target > 0) & (pl.col("status") != "achieved")
    year = pl.when(moving).then(pl.col("t0") + (target / x0).log() / (1.0 + cagr).log())
    year = pl.when(year.is_finite()).then((year - EPS).ceil())  # NaN/inf never reach the label
    return period_label_expr(year, pl.col("current_period"))


def build_progress(
    long: pl.DataFrame, spec: pl.DataFrame, trends: pl.DataFrame, side: Side = "current"
) -> pl.DataFrame:
    """Assess every (commitment, measure, area) series.

    `long`: area_type, area_code, measure, period, value, ci_low, ci_high (nulls allowed).
    `spec`: commitment_id, measure, baseline_period, target_value, target_direction, target_period,
    polarity, break_period, order (one row per commitment-measure).
    `trends`: the shared trend results (`trends.trend_table`) for the same areas, with `code` the area code.
    """
    if "min_periods" not in spec.columns:  # specs built before the field existed: the old rule, 2 periods
        spec = spec.with_columns(min_periods=pl.lit(2, pl.Int32))
    if "previous_break" not in spec.columns:  # a spec from a measure with at most one break
        spec = spec.with_columns(previous_break=pl.lit(None, pl.String))
    trend_at = trends.lazy().select(
        pl.col("code").alias("area_code"),
        "measure",
        pl.col("period").alias("current_period"),
        pl.col("p_value").alias("trend_p"),
        pl.col("slope_per_year").alias("trend_slope"),
        pl.col("label").cast(pl.String).alias("trend_label"),
    )
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
        .join(trend_at, on=["area_code", "measure", "current_period"], how="left")
        .with_columns(d=_direction())
        .with_columns(_rates())
        .with_columns(ratio=pl.col("cagr_actual") / pl.col("cagr_required"))
        .with_columns(
            sb=pl.when(pl.col("target_value").is_not_null()).then(value_status()).otherwise(direction_status())
        )
        .with_columns(status=pl.col("sb").struct.field("s"), progress_band=pl.col("sb").struct.field("b"))
        .with_columns(projected_period=_projected_period())
        .with_columns(note=note_expr(side), baseline_period=pl.col("baseline_used"), trend_p_value=pl.col("trend_p"))
        .sort("order", pl.col("area_type").cast(AREA_TYPE), "area_code")
    )
    return out.select([pl.col(c).cast(t) for c, t in OUTPUT_SCHEMA.items()]).collect()


def _spec(commitments: tuple[Commitment, ...] | list[Commitment], measures: pl.DataFrame) -> pl.DataFrame:
    # the break before the latest one (break_periods lists every break, oldest first; older stores lack it)
    previous = (
        pl.col("break_periods").list.get(-2, null_on_oob=True)
        if "break_periods" in measures.columns
        else pl.lit(None, pl.String)
    )
    info = measures.select(
        measure=pl.col("id"),
        polarity=pl.col("polarity").cast(pl.String),
        break_period=pl.col("break_period"),
        previous_break=previous,
    )
    frame = commitments_frame(commitments).with_row_index("order")
    return frame.join(info, on="measure", how="left", maintain_order="left")


TREND_INPUT = ["code", "measure", "period", "value", "numerator", "denominator", "ci_low", "ci_high", "ci_method"]


def area_trends(
    values_long: pl.DataFrame, measures: pl.DataFrame, areas: pl.DataFrame, breaks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The shared trend results (`trends.trend_table`) for every council and every region and England, at
    the periods progress assesses: the newest of each segment between breaks (so either side of a break);
    `breaks` is the store's `measure_breaks` table (every break per measure) when it has one."""
    published = areas.filter(pl.col("area_type").cast(pl.String).is_in(["england", "region"]))
    parts = [published.rename({"area_code": "code"}), values_long]
    rows = pl.concat([r.select(TREND_INPUT) for r in parts], how="vertical_relaxed")
    return trend_table(rows, measures, breaks, ends="segment_ends")


def assess(
    values_long: pl.DataFrame,
    commitments: tuple[Commitment, ...] | list[Commitment],
    measures: pl.DataFrame,
    areas: pl.DataFrame,
    side: Side = "current",
    trends: pl.DataFrame | None = None,
    breaks: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Progress for every council (`values`) and every region and England (`benchmarks`, as published).

    `trends` is `area_trends(values_long, measures, areas, breaks)`, computed here when not given (pass
    the shared one to compute it once); `breaks` is the store's `measure_breaks` table (every break).
    Output columns and types: `OUTPUT_SCHEMA`; sorted by commitment (file order), measure, then
    England, regions, councils by code.
    """
    cols = ["measure", "period", "value", "ci_low", "ci_high"]
    councils = values_long.select(pl.lit("council").alias("area_type"), pl.col("code").alias("area_code"), *cols)
    published = areas.filter(pl.col("area_type").cast(pl.String).is_in(["england", "region"])).select(
        pl.col("area_type").cast(pl.String), "area_code", *cols
    )
    long = pl.concat([published, councils], how="vertical_relaxed")
    shared = area_trends(values_long, measures, areas, breaks) if trends is None else trends
    return build_progress(long, _spec(commitments, measures), shared, side)


__all__ = [
    "MODERATE_RATIO",
    "ON_TRACK_RATIO",
    "area_trends",
    "assess",
    "build_progress",
    "projection",
    "trajectory",
    "year_expr",
]
