"""The benchmark a user chose, as one value per council, and the significance verdicts against it.

England, regions and council types are the publishers' own figures; statistical neighbours (DfE
2025 model) and a custom group are unweighted means of councils, with the councils listed. Each
council's benchmark carries `benchmark_status`: "available", "withheld" (a neighbours' mean with
fewer than `significance.MIN_NEIGHBOURS` neighbours having a value: computable, but not shown) or
"not_published" (no figure exists). The compared table carries the interval the verdict used
(`level_low`, `level_high`: 95% or 99.8%) beside the 95% one, so a chart's whiskers can match the
verdict. This module only assembles `significance`'s builders for one measure and period; no
Streamlit here.
"""

from __future__ import annotations

import polars as pl

from accountability.methods import significance as sg

BENCHMARKS = {
    "england": "England",
    "region": "The council's region",
    "neighbours": "Statistical neighbours (DfE 2025 model)",
    "council_type": "Councils of the same type",
    "custom": "A group you choose",
}
COMPARISON_TEXT = {
    "better": "▲ Better",
    "similar": "● Similar",
    "worse": "▼ Worse",
    "higher": "▲ Higher",
    "lower": "▼ Lower",
    "not tested": "○ Not tested",
}


def benchmark_values(
    kind: str,
    tables: dict[str, pl.DataFrame],
    measure: str,
    period: str,
    custom: list[str] | None = None,
) -> pl.DataFrame:
    """code, benchmark_value, benchmark_name (and neighbours for `neighbours`) for every council."""
    keep = (pl.col("measure") == measure) & (pl.col("period") == period)
    codes = tables["councils"].select("code")
    if kind in {"region", "council_type"}:
        builder = sg.region_benchmark if kind == "region" else sg.council_type_benchmark
        rows = builder(tables["benchmarks"], tables["councils"]).filter(keep)
        return rows.select(
            "code", pl.col("value").alias("benchmark_value"), pl.col("area_name").alias("benchmark_name")
        ).with_columns(benchmark_status=_published_status())
    if kind == "neighbours":
        rows = sg.neighbour_benchmark(tables["values"].filter(keep), tables["peers"]).filter(keep)
        return rows.select(
            "code",
            pl.col("value").alias("benchmark_value"),
            pl.lit("Statistical neighbours").alias("benchmark_name"),
            "neighbours",
            "n_used",
            pl.when(pl.col("value").is_not_null())
            .then(pl.lit("available"))
            .when(pl.col("n_used") < sg.MIN_NEIGHBOURS)
            .then(pl.lit("withheld"))
            .otherwise(pl.lit("not_published"))
            .alias("benchmark_status"),
        )
    if kind == "custom":
        rows = sg.custom_group_benchmark(tables["values"].filter(keep), custom or []).filter(keep)
        value = rows["value"][0] if rows.height else None
        name = f"Your group of {len(custom or [])} councils"
    else:
        rows = sg.england_benchmark(tables["benchmarks"]).filter(keep)
        value, name = (rows["value"][0] if rows.height else None), "England"
    return codes.with_columns(benchmark_value=pl.lit(value, pl.Float64), benchmark_name=pl.lit(name)).with_columns(
        benchmark_status=_published_status()
    )


def _published_status() -> pl.Expr:
    return pl.when(pl.col("benchmark_value").is_not_null()).then(pl.lit("available")).otherwise(pl.lit("not_published"))


def with_comparison(table: pl.DataFrame, bench: pl.DataFrame, measures: pl.DataFrame, level: float) -> pl.DataFrame:
    """The ranked table plus benchmark value and the better / similar / worse verdict in words."""
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
        comparison=pl.col("comparison").cast(pl.String).fill_null("not tested").replace_strict(COMPARISON_TEXT),
        benchmark_status=pl.col("benchmark_status").fill_null("not_published"),
        level_low=pl.col(low),
        level_high=pl.col(high),
    )


def _neighbour_count(bench: pl.DataFrame) -> list[str]:
    """["n_used"] for a neighbours' benchmark (how many neighbours had a value), else nothing."""
    return ["n_used"] if "n_used" in bench.columns else []


def comparison_sentence(row: dict[str, object], level: float, unit_text: str) -> str:
    """'Compared with England (22.6%): ▼ worse, at 95% confidence.' for the chosen council."""
    name, value = row.get("benchmark_name"), row.get("benchmark_value")
    if value is None and row.get("benchmark_status") == "withheld":
        used = row.get("n_used")
        have = f"only {used} of the council's neighbours have" if used is not None else "too few neighbours have"
        return (
            f"The statistical neighbours' mean is withheld for this measure and period: {have} a value "
            f"(at least {sg.MIN_NEIGHBOURS} are needed), so it is not tested."
        )
    if value is None:
        return f"No {name or 'benchmark'} figure is published for this measure and period, so it is not tested."
    verdict = str(row.get("comparison", "○ Not tested"))
    words = verdict.split(" ", 1)[1].lower()
    if words == "not tested":
        return f"Compared with {name} ({unit_text}): not tested, because this figure has no confidence interval."
    level_text = "95%" if level == 0.95 else f"{level:.1%}"
    return f"Compared with {name} ({unit_text}): {words}, at {level_text} confidence."


def export_columns(table: pl.DataFrame) -> pl.DataFrame:
    """The benchmark columns of the compare table, for the download (council rows only)."""
    return table.select(
        "code", "benchmark_name", "benchmark_value", pl.col("comparison").alias("compared_with_benchmark")
    )
