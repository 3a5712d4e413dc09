"""What the Progress page shows, built from `progress.assess`. Pure Polars and arithmetic.

- `status_text`: a status in words with a symbol (never colour alone);
- `commitment_rows`: one row per commitment and measure, with labels, for pickers and tables;
- `area_table`: every council's assessment of one commitment-measure, worst first;
- `status_counts` / `counts_sentence`: how many councils are in each status;
- `national_series` and `projection_band`: England's published series on the assessed side of a
  framework break, and a projection with a 95% band (Student t) from a log-linear fit of the points used.
This module does not assess progress (see `progress`) or draw anything.
"""

from __future__ import annotations

import polars as pl

from accountability.methods.projection import projection_band as methods_projection_band

STATUS_SYMBOL = {
    "achieved": "✓ Achieved",
    "on track": "↗ On track",
    "off track": "→ Off track",
    "deteriorating": "↘ Deteriorating",
    "not assessable": "? Not assessable",
}
STATUS_ORDER = ["deteriorating", "off track", "on track", "achieved", "not assessable"]


def status_text(status: pl.Expr) -> pl.Expr:
    return status.cast(pl.String).replace_strict(STATUS_SYMBOL, default=status.cast(pl.String))


def commitment_rows(assessment: pl.DataFrame, measures: pl.DataFrame, titles: dict[str, str]) -> pl.DataFrame:
    """Distinct (commitment, measure) pairs with a readable key and label, in file order."""
    pairs = assessment.select("commitment_id", "measure").unique(maintain_order=True)
    labels = measures.select(pl.col("id").alias("measure"), pl.col("label").alias("measure_label"))
    return pairs.join(labels, on="measure", how="left", maintain_order="left").with_columns(
        key=pl.col("commitment_id") + ":" + pl.col("measure"),
        label=pl.col("commitment_id").replace_strict(titles, default=pl.col("commitment_id"))
        + " — "
        + pl.col("measure_label"),
    )


def area_table(assessment: pl.DataFrame, councils: pl.DataFrame, commitment_id: str, measure: str) -> pl.DataFrame:
    """Assessments of one commitment-measure for the given councils: worst status first, then by name."""
    rows = assessment.filter(
        (pl.col("area_type") == "council") & (pl.col("commitment_id") == commitment_id) & (pl.col("measure") == measure)
    )
    named = rows.join(
        councils.select(pl.col("code").alias("area_code"), pl.col("name").alias("council"), "region"),
        on="area_code",
        how="inner",  # only the councils given (the page passes the current ones)
    )
    order = pl.col("status").cast(pl.String).replace_strict({s: i for i, s in enumerate(STATUS_ORDER)}, default=9)
    return named.sort(order, "council").select(
        "council",
        "region",
        status_text(pl.col("status")).alias("status"),
        pl.col("progress_band").cast(pl.String),
        "baseline_period",
        "baseline_value",
        "current_period",
        "current_value",
        (pl.col("cagr_actual") * 100).round(2).alias("change_per_year_pct"),
        "projected_period",
        "note",
        pl.col("area_code").alias("code"),
    )


def status_counts(table: pl.DataFrame) -> dict[str, int]:
    """Councils per status label (symbol included), in STATUS_ORDER."""
    counts = dict(table.group_by("status").len().iter_rows())
    return {STATUS_SYMBOL[s]: int(counts.get(STATUS_SYMBOL[s], 0)) for s in STATUS_ORDER}


def counts_sentence(label: str, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = [f"{n} {name.split(' ', 1)[1].lower()}" for name, n in counts.items() if n]
    return f"{label}: of {total} councils, " + ", ".join(parts) + "."


def national_series(benchmarks: pl.DataFrame, measure: str, break_period: str | None, side: str) -> pl.DataFrame:
    """England's published values for the measure, on the assessed side of any framework break."""
    rows = benchmarks.filter((pl.col("area_type") == "england") & (pl.col("measure") == measure))
    if break_period:
        after = pl.col("period") >= break_period
        rows = rows.filter(after if side == "current" else ~after)
    return rows.filter(pl.col("value").is_not_null()).select("period", "value", "ci_low", "ci_high").sort("period")


def start_year(period: str) -> int:
    return int(period[:4])


def projection_band(series: pl.DataFrame, until_year: int) -> pl.DataFrame:
    """`methods.projection.projection_band`: a log-linear fit projected with a Student-t 95% band
    (year, fit, low, high for the fitted line; pred_low, pred_high for one year's value)."""
    return methods_projection_band(series, until_year)
