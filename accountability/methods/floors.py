"""The floor engine: three-way verdicts, distance to the floor, and runs of periods below it.

Pure Polars on the prepared `values` table and the thresholds from
`accountability.methods.standards.resolve_thresholds`. The rules, each tested exactly:

Verdict, with the interval at the standard's confidence (ci_low/ci_high at 0.95,
ci998_low/ci998_high at 0.998):
- a null value is "no_data", never "below";
- a period that starts a new definition of the measure and that no standard judges (rows from
  `definitions.first_year_rows`, threshold null) is "no_floor_yet": a floor drawn from a year never
  judges that year, so the first year of a definition has none;
- with an interval, higher-is-better: "below" iff ci_high < threshold, "meets" iff
  ci_low >= threshold, otherwise "cannot_tell" (an interval that touches the floor from below,
  ci_high == threshold, is "cannot_tell"). Lower-is-better mirrors it: "below" iff
  ci_low > threshold, "meets" iff ci_high <= threshold;
- with no interval (ci_method none / not_reproducible) the value alone decides: value >= threshold
  meets for higher-is-better (exactly on the floor meets), value <= threshold for lower-is-better.
  `basis` is a code saying which: "interval_95", "interval_998" or "value_only" (null with no data
  or no floor), so interval-based and value-only verdicts can be counted apart; words are in labels.

Distance: `distance_units` = value - threshold (higher-is-better) or threshold - value
(lower-is-better), so positive is the good side; null with no data. `distance_people`, for
proportions and rates with a denominator: the people who would need the outcome (or, for
lower-is-better, would need NOT to have it) to reach the floor, ceil(gap / multiplier * denominator)
where gap is how far the value is on the wrong side; 0 when the value meets; null otherwise.
It is computed from the published value, so a value the publisher rounded gives a rounded gap.

This module does not load files, pick colours or write sentences; it does not add councils that
have no row in `values` (join the councils table for that).
"""

from __future__ import annotations

import polars as pl

VERDICT = pl.Enum(["below", "cannot_tell", "meets", "no_floor_yet", "no_data"])
BASIS = pl.Enum(["interval_95", "interval_998", "value_only"])
BASIS_CODES = {0.95: "interval_95", 0.998: "interval_998"}
VALUE_ONLY = "value_only"
PEOPLE_TYPES = ["proportion", "rate"]
CEIL_TOLERANCE = 9  # decimals: (75 - 70) / 100 * 200 is 10.000000000000002 in floating point, not 11


def interval_exprs(confidence: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The interval limits at the standard's confidence level (null at an unknown level)."""
    low = pl.when(confidence == 0.95).then(pl.col("ci_low")).when(confidence == 0.998).then(pl.col("ci998_low"))
    high = pl.when(confidence == 0.95).then(pl.col("ci_high")).when(confidence == 0.998).then(pl.col("ci998_high"))
    return low, high


def verdict_expr(
    value: pl.Expr,
    low: pl.Expr,
    high: pl.Expr,
    threshold: pl.Expr,
    higher_is_better: pl.Expr,
    first_year: pl.Expr | None = None,
) -> pl.Expr:
    """below / cannot_tell / meets / no_floor_yet / no_data, by the rules in the module docstring."""
    first_year = pl.lit(False) if first_year is None else first_year.fill_null(False)
    has_interval = low.is_not_null() & high.is_not_null()
    interval_below = pl.when(higher_is_better).then(high < threshold).otherwise(low > threshold)
    interval_meets = pl.when(higher_is_better).then(low >= threshold).otherwise(high <= threshold)
    value_below = pl.when(higher_is_better).then(value < threshold).otherwise(value > threshold)
    verdict = (
        pl.when(value.is_null())
        .then(pl.lit("no_data"))
        .when(first_year)
        .then(pl.lit("no_floor_yet"))
        .when(threshold.is_null())
        .then(pl.lit("no_data"))
        .when(has_interval & interval_below)
        .then(pl.lit("below"))
        .when(has_interval & interval_meets)
        .then(pl.lit("meets"))
        .when(has_interval)
        .then(pl.lit("cannot_tell"))
        .when(value_below)
        .then(pl.lit("below"))
        .otherwise(pl.lit("meets"))
    )
    return verdict.cast(VERDICT)


def basis_expr(value: pl.Expr, low: pl.Expr, high: pl.Expr, confidence: pl.Expr, threshold: pl.Expr) -> pl.Expr:
    """What the verdict rests on (a BASIS code); null when there is no data or no floor."""
    level = confidence.replace_strict(BASIS_CODES, default=None, return_dtype=pl.String)
    has_interval = low.is_not_null() & high.is_not_null()
    basis = pl.when(value.is_null() | threshold.is_null()).then(None).when(has_interval).then(level)
    return basis.otherwise(pl.lit(VALUE_ONLY)).cast(BASIS)


def distance_units_expr(value: pl.Expr, threshold: pl.Expr, higher_is_better: pl.Expr) -> pl.Expr:
    """Signed distance from the floor in the measure's units; positive is the good side."""
    return pl.when(higher_is_better).then(value - threshold).otherwise(threshold - value)


def distance_people_expr(
    distance_units: pl.Expr, denominator: pl.Expr, multiplier: pl.Expr, value_type: pl.Expr
) -> pl.Expr:
    """People short of the floor: ceil(gap / multiplier * denominator); 0 when meeting by value."""
    gap = pl.max_horizontal(-distance_units, pl.lit(0.0))
    people = (gap / multiplier * denominator).round(CEIL_TOLERANCE).ceil()
    usable = distance_units.is_not_null() & denominator.is_not_null() & value_type.is_in(PEOPLE_TYPES)
    return pl.when(usable).then(people.cast(pl.Int64))


def floor_verdicts(
    values: pl.DataFrame, thresholds: pl.DataFrame, first_years: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per (code, period, measure) in `values` that has a standard, sorted by measure, period, code.

    `first_years` (from `definitions.first_year_rows`, optional) adds the first periods of new
    definitions, which no floor judges, as "no_floor_yet". Columns: code, period, measure, standard,
    value, status, ci_method, denominator, threshold, polarity, confidence, interval_low,
    interval_high (the limits used), verdict (VERDICT), basis (BASIS), distance_units (Float64),
    distance_people (Int64), standard_basis (official / rule), label.
    """
    floors = thresholds.with_columns(first_year=pl.lit(False))
    if first_years is not None:
        floors = pl.concat([floors, first_years.with_columns(first_year=pl.lit(True))], how="vertical_relaxed")
    joined = values.join(floors.rename({"basis": "standard_basis"}), on=["measure", "period"], how="inner")
    low, high = interval_exprs(pl.col("confidence"))
    hib = pl.col("polarity").cast(pl.String) == "higher_is_better"
    value, threshold = pl.col("value"), pl.col("threshold")
    with_limits = joined.with_columns(interval_low=low, interval_high=high)
    lo, hi = pl.col("interval_low"), pl.col("interval_high")
    out = with_limits.with_columns(
        verdict=verdict_expr(value, lo, hi, threshold, hib, pl.col("first_year")),
        basis=basis_expr(value, lo, hi, pl.col("confidence"), threshold),
        distance_units=distance_units_expr(value, threshold, hib),
    ).with_columns(
        distance_people=distance_people_expr(
            pl.col("distance_units"), pl.col("denominator"), pl.col("multiplier"), pl.col("value_type")
        )
    )
    columns = [
        "code", "period", "measure", "standard", "value", "status", "ci_method", "denominator", "threshold", "polarity",
        "confidence", "interval_low", "interval_high", "verdict", "basis", "distance_units", "distance_people",
        "standard_basis", "label",
    ]  # fmt: skip
    return out.select(columns).sort("measure", "period", "code")


def streaks(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Runs below the floor, per (code, measure, period) of `verdicts` (code, measure, period, verdict).

    - A measure's periods are its own list of periods in which at least one council has data
      (sorted lexically: "2017-18" < "2018-19"); "consecutive" means adjacent in that list, so a
      biennial survey's waves are consecutive and a year nobody published is skipped, not a gap.
    - `below_run`: periods below in a row, up to and including this one. A council's no_data (or
      missing row) in a period of that list BREAKS the run: we cannot say it stayed below.
    - `previous_period` / `previous_verdict`: the council's latest earlier period with data.
    - `newly_below`: below now and the previous verdict is not below (False with no earlier data).
    - `recovered`: meets or cannot_tell now, and the previous verdict is below.
    - With a `standard` column (as `floor_verdicts` gives), nothing crosses from one standard to
      the next: a new floor (e.g. after the ASCOF 2023-24 framework break) starts afresh.
    Columns: code, measure, standard, period, verdict, below_run (Int64), previous_period,
    previous_verdict, newly_below, recovered. Sorted by measure, code, period.
    """
    keys = _keys(verdicts)
    series = ["code", "measure", "standard"]
    grid = (
        keys.select(series)
        .unique()
        .join(_measure_periods(keys), on=["measure", "standard"])
        .join(keys, on=[*series, "period"], how="left")
        .with_columns(pl.col("verdict").fill_null("no_data"))
    )
    runs = grid.with_columns(run_id=_run_id_expr(series)).with_columns(below_run=_run_expr(series))
    out = (
        keys.join(runs.select(*series, "period", "below_run"), on=[*series, "period"], how="left")
        .with_columns(pl.col("below_run").fill_null(0))
        .join(_previous(keys, series), on=[*series, "period"], how="left")
    )
    is_below, prev = pl.col("verdict") == "below", pl.col("previous_verdict")
    return out.with_columns(
        newly_below=(is_below & prev.is_not_null() & (prev != "below")).fill_null(False),
        recovered=(pl.col("verdict").is_in(["meets", "cannot_tell"]) & (prev == "below")).fill_null(False),
    ).sort("measure", "code", "period")


def _keys(verdicts: pl.DataFrame) -> pl.DataFrame:
    """The columns streaks need; without a `standard` column, one standard per measure."""
    standard = pl.col("standard") if "standard" in verdicts.collect_schema().names() else pl.col("measure")
    return verdicts.select("code", "measure", standard.alias("standard"), "period", pl.col("verdict").cast(VERDICT))


def _measure_periods(keys: pl.DataFrame) -> pl.DataFrame:
    """Each measure's (and standard's) periods with any data, numbered 1, 2, ... in lexical order."""
    with_data = keys.filter(pl.col("verdict") != "no_data").select("measure", "standard", "period").unique()
    return with_data.with_columns(step=pl.col("period").rank("dense").over("measure", "standard").cast(pl.Int64))


def _run_id_expr(series: list[str]) -> pl.Expr:
    """A counter that steps up at every period not below, so each run of "below" shares one id."""
    not_below = (pl.col("verdict") != "below").cast(pl.Int64)
    return not_below.cum_sum().over(series, order_by="step")


def _run_expr(series: list[str]) -> pl.Expr:
    """Length of the current run of "below", ordered by the measure's period step."""
    below = (pl.col("verdict") == "below").cast(pl.Int64)
    return below.cum_sum().over([*series, "run_id"], order_by="step") * below


def _previous(keys: pl.DataFrame, series: list[str]) -> pl.DataFrame:
    """For each period with data, the council's previous period with data and its verdict."""
    with_data = keys.filter(pl.col("verdict") != "no_data")
    return with_data.select(
        *series,
        "period",
        previous_period=pl.col("period").shift(1).over(series, order_by="period"),
        previous_verdict=pl.col("verdict").shift(1).over(series, order_by="period"),
    )
