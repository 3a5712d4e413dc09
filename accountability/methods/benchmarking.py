"""The benchmark a user chose, as one value per council, and the significance verdicts against it.

England, regions and council types are the publishers' own figures; statistical neighbours (DfE
2025 model) and a custom group are unweighted means of councils, with the councils listed. Each
council's benchmark carries `benchmark_status`: "available", "withheld" (a neighbours' mean with
fewer than `significance.MIN_NEIGHBOURS` neighbours having a value: computable, but not shown) or
"not_published" (no figure exists). The compared table carries the interval the verdict used
(`level_low`, `level_high`: 95% or 99.8%) beside the 95% one, so a chart's whiskers can match the
verdict. This module only assembles `significance`'s builders; `benchmark_rows` is the one place
that chooses a builder by benchmark kind (Compare and Profile ask for one period, Trends for every
period). Verdicts are codes (`significance.COMPARISONS`); `labels` has their words. No Streamlit here.
"""

from __future__ import annotations

import polars as pl

from accountability.methods import significance as sg

BENCHMARK_STATUSES = ("available", "withheld", "not_published")


def shared_name(kind: str, custom: list[str] | None = None) -> str:
    """The name of a benchmark that is one figure for every council (England, a custom group)."""
    return f"Your group of {len(custom or [])} councils" if kind == "custom" else "England"


def published_status() -> pl.Expr:
    """available where the benchmark has a value, else not_published."""
    return pl.when(pl.col("benchmark_value").is_not_null()).then(pl.lit("available")).otherwise(pl.lit("not_published"))


def _neighbour_status() -> pl.Expr:
    """available; withheld when too few neighbours have a value (computable, but not shown); else not_published."""
    return (
        pl.when(pl.col("benchmark_value").is_not_null())
        .then(pl.lit("available"))
        .when(pl.col("n_used") < sg.MIN_NEIGHBOURS)
        .then(pl.lit("withheld"))
        .otherwise(pl.lit("not_published"))
    )


def benchmark_rows(kind: str, tables: dict[str, pl.DataFrame], keep: pl.Expr, custom: list[str] | None) -> pl.DataFrame:
    """The chosen benchmark for the measures and periods `keep` selects: measure, period, benchmark_value,
    benchmark_name, benchmark_status, and `code` first where each council has its own (region, council
    type, neighbours, which also give `neighbours` and `n_used`). England and a custom group have no `code`."""
    if kind in ("region", "council_type"):
        build = sg.region_benchmark if kind == "region" else sg.council_type_benchmark
        rows = build(tables["benchmarks"], tables["councils"]).filter(keep)
        return rows.select(
            "code",
            "measure",
            "period",
            pl.col("value").alias("benchmark_value"),
            pl.col("area_name").alias("benchmark_name"),
        ).with_columns(benchmark_status=published_status())
    if kind == "neighbours":
        rows = sg.neighbour_benchmark(tables["values"].filter(keep), tables["peers"]).filter(keep)
        return rows.select(
            "code",
            "measure",
            "period",
            pl.col("value").alias("benchmark_value"),
            pl.lit("Statistical neighbours").alias("benchmark_name"),
            "neighbours",
            "n_used",
        ).with_columns(benchmark_status=_neighbour_status())
    if kind == "custom":
        rows = sg.custom_group_benchmark(tables["values"].filter(keep), custom or []).filter(keep)
    else:
        rows = sg.england_benchmark(tables["benchmarks"]).filter(keep)
    return rows.select(
        "measure",
        "period",
        pl.col("value").alias("benchmark_value"),
        pl.lit(shared_name(kind, custom)).alias("benchmark_name"),
    ).with_columns(benchmark_status=published_status())


def benchmark_values(
    kind: str,
    tables: dict[str, pl.DataFrame],
    measure: str,
    period: str,
    custom: list[str] | None = None,
) -> pl.DataFrame:
    """code, benchmark_value, benchmark_name, benchmark_status (and neighbours, n_used for `neighbours`)
    for every council."""
    keep = (pl.col("measure") == measure) & (pl.col("period") == period)
    rows = benchmark_rows(kind, tables, keep, custom)
    if "code" in rows.columns:
        return rows.drop("measure", "period")
    value = rows["benchmark_value"][0] if rows.height else None
    return (
        tables["councils"]
        .select("code")
        .with_columns(benchmark_value=pl.lit(value, pl.Float64), benchmark_name=pl.lit(shared_name(kind, custom)))
        .with_columns(benchmark_status=published_status())
    )


def _neighbour_count(bench: pl.DataFrame) -> list[str]:
    """["n_used"] for a neighbours' benchmark (how many neighbours had a value), else nothing."""
    return ["n_used"] if "n_used" in bench.columns else []


def with_comparison(table: pl.DataFrame, bench: pl.DataFrame, measures: pl.DataFrame, level: float) -> pl.DataFrame:
    """The ranked table plus benchmark value, its status, the verdict code (`comparison`: better,
    similar, worse, higher, lower or not tested) and the interval the verdict used (level_low/high)."""
    verdicts = sg.compare_to_benchmark(
        table.select("code", "period", "measure", "value", "ci_low", "ci_high", "ci998_low", "ci998_high", "ci_method"),
        bench.select(
            "code",
            pl.lit(table["period"][0] if table.height else "").alias("period"),
            pl.lit(table["measure"][0] if table.height else "").alias("measure"),
            pl.col("benchmark_value").alias("value"),
        ),
        level,
        measures,
    )
    joined = table.join(verdicts.select("code", "comparison"), on="code", how="left").join(
        bench.select("code", "benchmark_value", "benchmark_name", "benchmark_status", *_neighbour_count(bench)),
        on="code",
        how="left",
    )
    low, high = ("ci_low", "ci_high") if level == 0.95 else ("ci998_low", "ci998_high")
    return joined.with_columns(
        comparison=pl.col("comparison").cast(pl.String).fill_null("not tested"),
        benchmark_status=pl.col("benchmark_status").fill_null("not_published"),
        level_low=pl.col(low),
        level_high=pl.col(high),
    )
