"""The zero-tolerance watchlist of the Floor standards page and the reports. Pure Polars; reason codes.

- `watchlist`: one row per reason a council is on the list (`below_run`: below a floor for two or more
  periods in a row; `worse_and_worsening`; `ofsted_inadequate`), with a detail in words;
- `worse_than_england_and_worsening`: councils whose 95% interval is wholly on the wrong side of
  England's value and whose recent trend is "getting worse": the shared recent-trend result
  (`methods.trends`, via `analyses.trends`), never a one-year change, and never across a break into
  the first year of a new definition.
Words for the reason codes are in `labels`. This module decides no verdict and draws nothing.
"""

from __future__ import annotations

import polars as pl

# Codes (words in `labels`), in the order the watchlist is listed.
WATCH_REASONS = pl.Enum(["below_run", "worse_and_worsening", "ofsted_inadequate"])


def watchlist(
    latest_runs: pl.DataFrame,
    worse_and_worsening: pl.DataFrame,
    inspections: pl.DataFrame,
    councils: pl.DataFrame,
) -> pl.DataFrame:
    """Zero-tolerance list: council, reason (code), what, detail; one row per reason a council is there.

    `latest_runs`: latest verdicts with `below_run` (from `floors.streaks`); `worse_and_worsening`:
    rows from `worse_than_england_and_worsening`; `inspections`: the Ofsted table.
    """
    runs = latest_runs.filter(pl.col("below_run") >= 2).select(
        "code",
        pl.lit("below_run").alias("reason"),
        pl.col("label").alias("what"),
        (
            pl.lit("Below the floor for ")
            + pl.col("below_run").cast(pl.String)
            + pl.lit(" periods in a row, up to ")
            + pl.col("period")
        ).alias("detail"),
    )
    worse = worse_and_worsening.select(
        "code",
        pl.lit("worse_and_worsening").alias("reason"),
        pl.col("label").alias("what"),
        pl.col("detail"),
    )
    inadequate = inspections.filter(pl.col("is_latest") & (pl.col("overall_effectiveness") == "Inadequate")).select(
        "code",
        pl.lit("ofsted_inadequate").alias("reason"),
        pl.lit("Children's services inspection").alias("what"),
        (pl.lit("Judged Inadequate overall, inspected ") + pl.col("inspection_start").dt.strftime("%B %Y")).alias(
            "detail"
        ),
    )
    entries = pl.concat([runs, worse, inadequate]).with_columns(pl.col("reason").cast(WATCH_REASONS))
    named = entries.join(councils.select("code", pl.col("name").alias("council"), "region"), on="code", how="left")
    return named.select("council", "region", "reason", "what", "detail", "code").sort("reason", "council", "what")


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
