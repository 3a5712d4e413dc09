"""Time series for the Trends page: the council, its predecessors, England and the chosen benchmark.

Each row is one point: series name, period, value, interval, and `segment`: the definition of the
measure the point belongs to, between its breaks (ASCOF 2023-24, the 2024-25 move to client-level
data), so a chart can draw each segment separately and never join points across a break. A council
created in a reorganisation shows its predecessors as their own series (never merged into it).
Pure Polars; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from accountability.methods import significance as sg
from accountability.methods.definitions import segment_label_expr

SCHEMA = {
    "series": pl.String,
    "role": pl.String,
    "period": pl.String,
    "value": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
}


def _segment(breaks: str | Sequence[str] | None) -> pl.Expr:
    """A single break period (as `measures.break_period`) or every break (`measures.break_periods`)."""
    periods = [breaks] if isinstance(breaks, str) else list(breaks or [])
    return segment_label_expr(pl.col("period"), periods)


def council_series(values: pl.DataFrame, councils: pl.DataFrame, code: str, measure: str) -> pl.DataFrame:
    """The council's own points, then each predecessor's as a separate series."""
    names = dict(zip(councils["code"], councils["name"], strict=True))
    row = councils.filter(pl.col("code") == code)
    predecessors = row["predecessors"][0].to_list() if row.height and row["predecessors"][0] is not None else []
    parts = []
    for c, role in [(code, "council"), *((p, "predecessor") for p in predecessors)]:
        label = names.get(c, c) + (" (former council)" if role == "predecessor" else "")
        rows = values.filter((pl.col("code") == c) & (pl.col("measure") == measure) & pl.col("value").is_not_null())
        parts.append(
            rows.select(
                pl.lit(label).alias("series"), pl.lit(role).alias("role"), "period", "value", "ci_low", "ci_high"
            )
        )
    return pl.concat(parts) if parts else pl.DataFrame(schema=SCHEMA)


def benchmark_series(
    kind: str, tables: dict[str, pl.DataFrame], code: str | None, measure: str, custom: list[str] | None = None
) -> pl.DataFrame:
    """England always; plus the chosen benchmark's published or computed figure for every period."""
    bench = tables["benchmarks"].filter(pl.col("measure") == measure)
    england = bench.filter(pl.col("area_type") == "england").select(
        pl.lit("England").alias("series"), pl.lit("england").alias("role"), "period", "value", "ci_low", "ci_high"
    )
    other = _chosen(kind, tables, code, measure, custom or [])
    return pl.concat([england, other], how="vertical_relaxed").filter(pl.col("value").is_not_null())


def _chosen(
    kind: str, tables: dict[str, pl.DataFrame], code: str | None, measure: str, custom: list[str]
) -> pl.DataFrame:
    empty = pl.DataFrame(schema=SCHEMA)
    keep = pl.col("measure") == measure
    if kind in {"region", "council_type"} and code:
        builder = sg.region_benchmark if kind == "region" else sg.council_type_benchmark
        rows = builder(tables["benchmarks"], tables["councils"]).filter(keep & (pl.col("code") == code))
        return rows.select(
            pl.col("area_name").alias("series"),
            pl.lit(kind).alias("role"),
            "period",
            "value",
            pl.lit(None, pl.Float64).alias("ci_low"),
            pl.lit(None, pl.Float64).alias("ci_high"),
        )
    if kind == "neighbours" and code:
        rows = sg.neighbour_benchmark(tables["values"].filter(keep), tables["peers"]).filter(pl.col("code") == code)
        return rows.select(
            pl.lit("Statistical neighbours (mean)").alias("series"),
            pl.lit(kind).alias("role"),
            "period",
            "value",
            pl.lit(None, pl.Float64).alias("ci_low"),
            pl.lit(None, pl.Float64).alias("ci_high"),
        )
    if kind == "custom" and custom:
        rows = sg.custom_group_benchmark(tables["values"].filter(keep), custom)
        return rows.select(
            pl.lit(f"Your group ({len(custom)} councils, mean)").alias("series"),
            pl.lit(kind).alias("role"),
            "period",
            "value",
            pl.lit(None, pl.Float64).alias("ci_low"),
            pl.lit(None, pl.Float64).alias("ci_high"),
        )
    return empty


def with_segments(series: pl.DataFrame, breaks: str | Sequence[str] | None) -> pl.DataFrame:
    """Add the definition segment of each point (pass `break_periods`: a measure can have two breaks,
    e.g. ASCOF 2023-24 and the 2024-25 move to client-level data) and sort for drawing."""
    return series.with_columns(segment=_segment(breaks)).sort("series", "period")
