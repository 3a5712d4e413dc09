"""One council on one screen: every measure at the council's latest period, and a plain summary.

`build_profile` gives one row per measure with a council value: the value and its period, the
published England figure, the spread of councils at that period oriented by polarity (worst, the
edge of the worst quarter, the edge of the best quarter, best; for `no_judgement` measures lowest,
25th, 75th, highest, with `range_kind` saying so), the verdict against the chosen benchmark
(`benchmarking.with_comparison`) with the interval at the verdict's level (`level_low`, `level_high`:
95% or 99.8%, for the chart's whiskers), and the recent trend at the council's period from the one
trend result every page shares (`trends.trend_table`, passed in as `tables["trends"]` when the
caller has it; otherwise computed for this council alone, which gives the same rows).
Its words (the summary of strengths and concerns, the spine chart's alt text, the table) are in
`views.profile_text`. No Streamlit and no drawing here; no floor verdicts (see `floors`).
"""

from __future__ import annotations

import polars as pl

from accountability.methods import significance as sg
from accountability.methods.benchmarking import benchmark_rows, shared_name
from accountability.methods.trends import recent_trends

PROFILE_COLUMNS = [
    "measure",
    "label",
    "domain",
    "unit",
    "polarity",
    "period",
    "value",
    "ci_low",
    "ci_high",
    "england",
    "worst",
    "q25",
    "q75",
    "best",
    "range_kind",
    "n_councils",
    "benchmark_name",
    "benchmark_value",
    "comparison",
    "trend",
    "trend_p_value",
    "trend_method",
    "trend_dispersion",
    "level_low",
    "level_high",
]
ORIENTED = "worst to best"
UNORIENTED = "lowest to highest (neither direction is better)"
_VALUE_COLUMNS = ["code", "period", "measure", "value", "ci_low", "ci_high", "ci998_low", "ci998_high", "ci_method"]


def latest_council_rows(values: pl.DataFrame, code: str) -> pl.DataFrame:
    """The council's newest period with a value, per measure."""
    mine = values.filter((pl.col("code") == code) & pl.col("value").is_not_null())
    return mine.sort("measure", "period").group_by("measure", maintain_order=True).last().select(_VALUE_COLUMNS)


def spread(values: pl.DataFrame, keys: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """worst / q25 / q75 / best of councils per (measure, period) in `keys`, oriented by polarity."""
    have = values.filter(pl.col("value").is_not_null()).join(keys, on=["measure", "period"], how="semi")
    raw = have.group_by("measure", "period").agg(
        low=pl.col("value").min(),
        p25=pl.col("value").quantile(0.25, interpolation="linear"),
        p75=pl.col("value").quantile(0.75, interpolation="linear"),
        high=pl.col("value").max(),
        n_councils=pl.len().cast(pl.UInt32),
    )
    polarity = measures.select(pl.col("id").alias("measure"), pl.col("polarity").cast(pl.String))
    lower_better = pl.col("polarity") == "lower_is_better"
    return raw.join(polarity, on="measure", how="left").select(
        "measure",
        "period",
        pl.when(lower_better).then(pl.col("high")).otherwise(pl.col("low")).alias("worst"),
        pl.when(lower_better).then(pl.col("p75")).otherwise(pl.col("p25")).alias("q25"),
        pl.when(lower_better).then(pl.col("p25")).otherwise(pl.col("p75")).alias("q75"),
        pl.when(lower_better).then(pl.col("low")).otherwise(pl.col("high")).alias("best"),
        pl.when(pl.col("polarity") == "no_judgement")
        .then(pl.lit(UNORIENTED))
        .otherwise(pl.lit(ORIENTED))
        .alias("range_kind"),
        "n_councils",
    )


def _comparisons(
    rows: pl.DataFrame, tables: dict[str, pl.DataFrame], kind: str, custom: list[str] | None, level: float
) -> pl.DataFrame:
    """measure, benchmark_name, benchmark_value, comparison for each of the council's rows.

    One benchmark build and one verdict pass for all the council's measures at once (a build per
    measure cost about 0.3 s a council); the same rows as `benchmark_values` + `with_comparison`."""
    keys = rows.select("measure", "period")
    keep = pl.col("measure").is_in(keys["measure"].implode()) & pl.col("period").is_in(keys["period"].implode())
    bench = benchmark_rows(kind, tables, keep, custom).join(keys, on=["measure", "period"], how="semi")
    shared = "code" not in bench.columns  # England or a custom group: one figure, named even when missing
    if not shared:
        bench = bench.filter(pl.col("code").is_in(rows["code"].unique().implode())).drop("code")
    bench = bench.unique(["measure", "period"], keep="first", maintain_order=True)
    verdicts = sg.compare_to_benchmark(
        rows.select(_VALUE_COLUMNS),
        bench.select("period", "measure", pl.col("benchmark_value").alias("value")),
        level,
        tables["measures"],
    )
    name = pl.col("benchmark_name")
    return (
        keys.join(bench, on=["measure", "period"], how="left")
        .join(verdicts.select("measure", "period", "comparison"), on=["measure", "period"], how="left")
        .select(
            "measure",
            (name.fill_null(shared_name(kind, custom)) if shared else name).alias("benchmark_name"),
            pl.col("benchmark_value").cast(pl.Float64),
            pl.col("comparison").cast(pl.String).fill_null("not tested"),
        )
    )


def build_profile(
    code: str,
    tables: dict[str, pl.DataFrame],
    kind: str = "england",
    custom: list[str] | None = None,
    level: float = 0.95,
) -> pl.DataFrame:
    """One row per measure for council `code` (columns `PROFILE_COLUMNS`), adults first then children.

    `tables` holds values, benchmarks, councils, peers and measures, as the prepared store names them.
    """
    values, measures = tables["values"], tables["measures"]
    rows = latest_council_rows(values, code)
    england = (
        tables["benchmarks"]
        .filter(pl.col("area_type") == "england")
        .select("measure", "period", pl.col("value").alias("england"))
    )
    trends = council_trends(tables, code)
    info = measures.select(
        pl.col("id").alias("measure"),
        "label",
        pl.col("domain").cast(pl.String),
        "unit",
        pl.col("polarity").cast(pl.String),
    )
    keys = rows.select("measure", "period")
    out = (
        rows.join(info, on="measure", how="left")
        .join(england.unique(["measure", "period"], keep="first"), on=["measure", "period"], how="left")
        .join(spread(values, keys, measures), on=["measure", "period"], how="left")
        .join(_comparisons(rows, tables, kind, custom, level), on="measure", how="left")
        .join(trends, on=["measure", "period"], how="left")
    )
    return (
        out.with_columns(pl.col("trend").fill_null("not enough data"), *_level_limits(level))
        .select(PROFILE_COLUMNS)
        .sort("domain", "label")
    )


def council_trends(tables: dict[str, pl.DataFrame], code: str) -> pl.DataFrame:
    """measure, period, trend, trend_p_value, trend_method, trend_dispersion: the shared trend result."""
    shared = tables.get("trends")
    if shared is None:
        own = tables["values"].filter(pl.col("code") == code)
        shared = recent_trends(own, tables["measures"], tables.get("measure_breaks"))
    return shared.filter(pl.col("code") == code).select(
        "measure",
        "period",
        pl.col("label").cast(pl.String).alias("trend"),
        pl.col("p_value").alias("trend_p_value"),
        pl.col("method").cast(pl.String).alias("trend_method"),
        pl.col("dispersion").alias("trend_dispersion"),
    )


def _level_limits(level: float) -> list[pl.Expr]:
    """The interval the verdict used: 95% (ci_low/ci_high) or 99.8% (ci998_low/ci998_high)."""
    low, high = ("ci_low", "ci_high") if level == 0.95 else ("ci998_low", "ci998_high")
    return [pl.col(low).alias("level_low"), pl.col(high).alias("level_high")]
