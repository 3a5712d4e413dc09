"""The progress report's charts and annex: one commitment measure over time per chart, and every
number the report rests on, from the same store and views as the pages. Pure Polars; no drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.methods.commitments import Commitment
from accountability.report.scope import Scope
from accountability.store.schema import ENGLAND_CODE
from accountability.views.provenance import ATTRIBUTIONS
from accountability.views.store import Store


@dataclass(frozen=True)
class Trend:
    """One commitment measure over time: the area, England for comparison, the target and the break."""

    title: str
    measure: str
    label: str
    unit: str
    polarity: str
    periods: list[str]
    series: list[tuple[str, list[float | None]]]
    target: float | None
    target_text: str
    break_period: str | None
    alt: str


def _series(frame: pl.DataFrame, code_col: str, code: str, measure: str) -> dict[str, float | None]:
    rows = frame.filter((pl.col(code_col) == code) & (pl.col("measure") == measure))
    return dict(zip(rows["period"].to_list(), rows["value"].to_list(), strict=True))


def trends(store: Store, scope: Scope, commitments: pl.DataFrame) -> list[Trend]:
    """One chart's data per commitment (its first measure): the area, England, target and break."""
    out: list[Trend] = []
    for commitment in store.commitments():
        row = commitments.filter(
            (pl.col("commitment_id") == commitment.id) & (pl.col("measure") == commitment.measures[0])
        )
        if row.height:
            out.append(_trend(store, scope, commitment, row.row(0, named=True)))
    return out


def _trend(store: Store, scope: Scope, commitment: Commitment, row: dict[str, object]) -> Trend:
    measure = str(row["measure"])
    if scope.kind == "council":
        own = _series(store.values, "code", scope.code, measure)
    else:
        own = _series(store.benchmarks.filter(pl.col("area_type") != "council_type"), "area_code", scope.code, measure)
    england = _series(store.benchmarks.filter(pl.col("area_type") == "england"), "area_code", ENGLAND_CODE, measure)
    periods = sorted(set(own) | set(england))
    series = [(scope.name, [own.get(p) for p in periods])]
    if scope.kind != "england":
        series.append(("England", [england.get(p) for p in periods]))
    brk = store.measures.filter(pl.col("id") == measure)["break_period"][0]
    unit = str(row["unit"])
    target_text = (
        f"target {format_value(commitment.target_value, unit)} by {commitment.target_period}"
        if commitment.target_value is not None
        else f"no number set: the aim is a {commitment.target_direction} figure"
    )
    seen = [(p, v) for p, v in zip(periods, series[0][1], strict=True) if v is not None]
    where = (
        f"{format_value(seen[0][1], unit)} in {seen[0][0]} to {format_value(seen[-1][1], unit)} in {seen[-1][0]}"
        if seen
        else "no published values"
    )
    crossed = brk is not None and len(seen) > 1 and seen[0][0] < brk <= seen[-1][0]
    where += f" (the framework changed in {brk}, so the two sides are not comparable)" if crossed else ""
    alt = f"{row['measure_label']}, {scope.name}: {where}; {target_text}; status {row['status']}."
    return Trend(
        title=commitment.title,
        measure=measure,
        label=str(row["measure_label"]),
        unit=unit,
        polarity=str(row["polarity"]),
        periods=periods,
        series=series,
        target=commitment.target_value,
        target_text=target_text,
        break_period=brk,
        alt=alt,
    )


ANNEX_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "area": pl.String(),
    "measure": pl.String(),
    "period": pl.String(),
    "value": pl.Float64(),
    "interval_low": pl.Float64(),
    "interval_high": pl.Float64(),
    "interval": pl.String(),
    "floor": pl.Float64(),
    "verdict": pl.String(),
    "people_short": pl.Int64(),
}


def annex_frame(verdicts: pl.DataFrame, trend_list: list[Trend], scope: Scope, store: Store) -> pl.DataFrame:
    """Every number the report rests on: floor rows shown, then each chart's points (95% interval)."""
    shown = verdicts if scope.kind == "council" else verdicts.filter(pl.col("verdict") == "below")
    floors = shown.select(
        "code",
        pl.col("council").alias("area"),
        "measure",
        "period",
        "value",
        "interval_low",
        "interval_high",
        pl.when(pl.col("interval_low").is_null())
        .then(pl.lit("none"))
        .otherwise(pl.col("confidence").replace_strict({0.95: "95%", 0.998: "99.8%"}, return_dtype=pl.String))
        .alias("interval"),
        pl.col("threshold").alias("floor"),
        pl.col("verdict").cast(pl.String),
        pl.col("distance_people").alias("people_short"),
    )
    points = [_trend_points(t, scope, store) for t in trend_list]
    return pl.concat([pl.DataFrame(schema=ANNEX_SCHEMA), floors, *points], how="vertical_relaxed")


def _trend_points(trend: Trend, scope: Scope, store: Store) -> pl.DataFrame:
    if scope.kind == "council":
        rows = store.values.filter(pl.col("code") == scope.code)
    else:
        rows = store.benchmarks.filter(
            (pl.col("area_code") == scope.code) & (pl.col("area_type") != "council_type")
        ).rename({"area_code": "code"})
    rows = rows.filter((pl.col("measure") == trend.measure) & pl.col("value").is_not_null()).sort("period")
    return rows.select(
        "code",
        pl.lit(scope.name).alias("area"),
        "measure",
        "period",
        "value",
        pl.col("ci_low").alias("interval_low"),
        pl.col("ci_high").alias("interval_high"),
        pl.when(pl.col("ci_low").is_null()).then(pl.lit("none")).otherwise(pl.lit("95%")).alias("interval"),
        pl.lit(None, pl.Float64).alias("floor"),
        pl.lit(None, pl.String).alias("verdict"),
        pl.lit(None, pl.Int64).alias("people_short"),
    )


def sources_text(store: Store, measure_ids: set[str]) -> list[str]:
    """Publisher attributions, then each measure used with its source and address."""
    used = store.measures.filter(pl.col("id").is_in(sorted(measure_ids))).sort("publisher", "label")
    lines = [f"{publisher}: {what}." for publisher, what in ATTRIBUTIONS]
    lines += [  # no empty "()" where a measure has no address (issue 11: "Ofsted ()")
        f"{r['label']}: {r['source']}, {r['publisher']}" + (f" ({r['source_url']})." if r["source_url"] else ".")
        for r in used.iter_rows(named=True)
    ]
    return lines
