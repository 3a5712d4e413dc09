"""The zero-tolerance watchlist of the Floor standards page and the reports. Pure Polars; reason codes.

- `watchlist`: one row per reason a council is on the list (`below_run`: below a floor for two or more
  periods in a row; `worse_and_worsening`; `ofsted_inadequate`; `cqc_inadequate`, rated Inadequate
  by CQC in a compilation of its published reports, not an official dataset), with a detail in words,
  the periods below, the latest gap to the floor in what the measure counts, and a severity rank;
  listed most severe first, then longest below, then widest gap (see `SEVERITY`);
- `worse_than_england_and_worsening`: councils whose 95% interval is wholly on the wrong side of
  England's value and whose recent trend is "getting worse": the shared recent-trend result
  (`methods.trends`, via `analyses.trends`), never a one-year change, and never across a break into
  the first year of a new definition.
Words for the reason codes are in `labels`. This module decides no verdict and draws nothing.
"""

from __future__ import annotations

import polars as pl

# Codes (words in `labels`).
WATCH_REASONS = pl.Enum(["below_run", "worse_and_worsening", "ofsted_inadequate", "cqc_inadequate"])
# Severity, 1 most severe. A regulator's overall judgement of Inadequate is about the whole service;
# a run below a floor on an interval allows for chance, one on the value alone cannot (issue 9), so it
# ranks after; "worse than England and getting worse" is not yet below any floor.
SEVERITY = {"ofsted_inadequate": 1, "cqc_inadequate": 1, "below_run": 2, "below_run_value_only": 3}
LEAST_SEVERE = 4  # worse_and_worsening
COLUMNS = ("council", "region", "reason", "what", "detail", "periods_below", "latest_gap", "severity", "code")
EMPTY_CQC = pl.DataFrame(schema={"code": pl.String, "overall_rating": pl.String, "assessed": pl.Date})


def watchlist(
    latest_runs: pl.DataFrame,
    worse_and_worsening: pl.DataFrame,
    inspections: pl.DataFrame,
    councils: pl.DataFrame,
    cqc: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Zero-tolerance list: council, region, reason (code), what, detail, periods_below, latest_gap,
    severity and code; one row per reason a council is there, most severe first.

    `latest_runs`: latest verdicts with `below_run` (from `floors.streaks`) and, where known, the
    measure's `count_noun` and `unit`; `worse_and_worsening`: rows from
    `worse_than_england_and_worsening`; `inspections`: the Ofsted table; `cqc`: the CQC compilation
    (`cqc_assessments`; None or empty: no CQC reason).
    """
    entries = pl.concat(
        [
            _runs(latest_runs),
            _worse(worse_and_worsening),
            _ofsted(inspections),
            _cqc(EMPTY_CQC if cqc is None else cqc),
        ],
        how="vertical_relaxed",
    ).with_columns(pl.col("reason").cast(WATCH_REASONS))
    named = entries.join(councils.select("code", pl.col("name").alias("council"), "region"), on="code", how="left")
    order = ["severity", "periods_below", "gap", "council", "what"]
    ranked = named.sort(order, descending=[False, True, True, False, False], nulls_last=True)
    return ranked.select(*COLUMNS)


def _runs(latest_runs: pl.DataFrame) -> pl.DataFrame:
    """Below a floor for two or more periods in a row; a run on the value alone says so and ranks lower."""
    runs = latest_runs.filter(pl.col("below_run") >= 2)
    for column, dtype in (("distance_people", pl.Int64), ("distance_units", pl.Float64), ("basis", pl.String)):
        if column not in runs.columns:  # a selection built without them (no gap known, on an interval)
            runs = runs.with_columns(pl.lit(None, dtype=dtype).alias(column))
    on_value = pl.col("basis").cast(pl.String) == "value_only"
    return runs.select(
        "code",
        pl.lit("below_run").alias("reason"),
        pl.col("label").alias("what"),
        (
            pl.lit("Below the floor for ")
            + pl.col("below_run").cast(pl.String)
            + pl.lit(" periods in a row, up to ")
            + pl.col("period")
            + pl.when(on_value).then(pl.lit(" (value only: chance not allowed for)")).otherwise(pl.lit(""))
        ).alias("detail"),
        pl.col("below_run").cast(pl.Int64).alias("periods_below"),
        _gap_text(runs).alias("latest_gap"),
        pl.col("distance_people").cast(pl.Float64).fill_null(-pl.col("distance_units")).alias("gap"),
        pl.when(on_value).then(SEVERITY["below_run_value_only"]).otherwise(SEVERITY["below_run"]).alias("severity"),
    )


def _gap_text(runs: pl.DataFrame) -> pl.Expr:
    """'120 referrals short of the floor' (the measure's count noun), else the gap in the measure's
    unit ('2.3 percentage points'), else nothing."""
    noun = pl.col("count_noun") if "count_noun" in runs.columns else pl.lit(None, dtype=pl.String)
    unit = pl.col("unit") if "unit" in runs.columns else pl.lit(None, dtype=pl.String)
    unit_words = pl.when(unit == "%").then(pl.lit("percentage points")).otherwise(unit.fill_null(""))
    in_people = pl.format("{} {} short of the floor", pl.col("distance_people"), noun.fill_null("")).str.replace(
        "  ", " "
    )
    in_units = pl.format("{} {} short of the floor", (-pl.col("distance_units")).round(1), unit_words).str.replace(
        "  ", " "
    )
    people = pl.col("distance_people").is_not_null() & (noun.fill_null("") != "")
    return pl.when(people).then(in_people).when(pl.col("distance_units").is_not_null()).then(in_units)


def _worse(worse_and_worsening: pl.DataFrame) -> pl.DataFrame:
    return worse_and_worsening.select(
        "code",
        pl.lit("worse_and_worsening").alias("reason"),
        pl.col("label").alias("what"),
        pl.col("detail"),
        pl.lit(None, dtype=pl.Int64).alias("periods_below"),
        pl.lit(None, dtype=pl.String).alias("latest_gap"),
        pl.lit(None, dtype=pl.Float64).alias("gap"),
        pl.lit(LEAST_SEVERE).alias("severity"),
    )


def _ofsted(inspections: pl.DataFrame) -> pl.DataFrame:
    inadequate = inspections.filter(pl.col("is_latest") & (pl.col("overall_effectiveness") == "Inadequate"))
    return inadequate.select(
        "code",
        pl.lit("ofsted_inadequate").alias("reason"),
        pl.lit("Children's services inspection").alias("what"),
        (pl.lit("Judged Inadequate overall, inspected ") + pl.col("inspection_start").dt.strftime("%B %Y")).alias(
            "detail"
        ),
        *_no_gap(SEVERITY["ofsted_inadequate"]),
    )


def _cqc(cqc: pl.DataFrame) -> pl.DataFrame:
    """Rated Inadequate overall by CQC, from a compilation of CQC's reports (said in the detail)."""
    inadequate = cqc.filter(pl.col("overall_rating").cast(pl.String) == "inadequate")
    return inadequate.select(
        "code",
        pl.lit("cqc_inadequate").alias("reason"),
        pl.lit("Adult social care assessment (CQC)").alias("what"),
        (
            pl.lit("Rated Inadequate overall by CQC, report of ")
            + pl.col("assessed").dt.strftime("%B %Y")
            + pl.lit(" (from a compilation of CQC's reports, not an official dataset)")
        ).alias("detail"),
        *_no_gap(SEVERITY["cqc_inadequate"]),
    )


def _no_gap(severity: int) -> list[pl.Expr]:
    return [
        pl.lit(None, dtype=pl.Int64).alias("periods_below"),
        pl.lit(None, dtype=pl.String).alias("latest_gap"),
        pl.lit(None, dtype=pl.Float64).alias("gap"),
        pl.lit(severity).alias("severity"),
    ]


def worse_than_england_and_worsening(
    latest: pl.DataFrame, values: pl.DataFrame, benchmarks: pl.DataFrame, trends: pl.DataFrame
) -> pl.DataFrame:
    """Councils whose 95% interval lies wholly on the wrong side of England's published value at the
    standard's latest period, and whose recent trend at that period is "getting worse": the shared
    result of `methods.trends.trend_table` (significant at 95%, allowing for year-to-year variation),
    the same one the Trends page, profile, Progress page and reports show. Needs an interval and a
    trend test: without either, no entry. Not in the first year of a definition ("no_floor_yet"):
    figures are never compared across a break.
    """
    england = benchmarks.filter(pl.col("area_type") == "england").select(
        "measure", "period", pl.col("value").alias("england")
    )
    trend = trends.select(
        "code",
        "measure",
        "period",
        pl.col("label").cast(pl.String).alias("trend"),
        pl.col("periods").list.first().alias("trend_from"),
        pl.col("p_value").alias("trend_p_value"),
    )
    keys = ["code", "measure", "period"]
    latest = latest.filter(pl.col("verdict").cast(pl.String) != "no_floor_yet")
    with_ci = (
        latest.join(values.select(*keys, "ci_low", "ci_high"), on=keys)
        .join(england, on=["measure", "period"])
        .join(trend, on=keys)
    )
    hib = pl.col("polarity").cast(pl.String) == "higher_is_better"
    worse = pl.when(hib).then(pl.col("ci_high") < pl.col("england")).otherwise(pl.col("ci_low") > pl.col("england"))
    return with_ci.filter(worse.fill_null(False) & (pl.col("trend") == "getting worse")).with_columns(
        detail=pl.format(
            "Significantly worse than England ({}) in {}, and getting worse from {} to {} (recent trend, {})",
            pl.col("england").round(1),
            "period",
            "trend_from",
            "period",
            _p_text(pl.col("trend_p_value")),
        )
    )


def _p_text(p: pl.Expr) -> pl.Expr:
    """'p = 0.012' to three decimals, or 'p < 0.001'."""
    thousandths = (p * 1000).round(0).cast(pl.Int64).cast(pl.String).str.zfill(3)
    return pl.when(p < 0.001).then(pl.lit("p < 0.001")).otherwise(pl.lit("p = 0.") + thousandths)
