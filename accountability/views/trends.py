"""What the Trends page shows: the council, its predecessors, England and the chosen benchmark over time.

`trends_view(store, choice)` gives the points (one row each: series, role, period, value, interval,
and `segment`, the definition of the measure the point belongs to, between its breaks: ASCOF 2023-24,
the 2024-25 move to client-level data; so a chart draws each segment separately and never joins
points across a break), a marker for every break and reorganisation, and the recent-trend sentence
(the shared result, `analyses.trends`, the same one the profile, watchlist and progress read).
A council created in a reorganisation shows its predecessors as their own series, never merged.
Pure Polars; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from accountability.codes import BenchmarkKind
from accountability.labels import BENCHMARK_LABELS, BREAK_KIND_LABELS, IN_DEVELOPMENT, TREND_METHOD_LABELS
from accountability.methods.benchmarking import benchmark_rows
from accountability.methods.compare import MeasureInfo, measure_info
from accountability.methods.definitions import segment_label_expr
from accountability.views.analyses import measures_with_values, trends
from accountability.views.council_revisions import revision_notes
from accountability.views.store import Store

MEANS = ("neighbours", "custom")  # benchmarks computed as a mean of councils, not published
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
    """The chosen benchmark's series (`benchmarking.benchmark_rows`, the one switch on the kind); a mean
    of councils is named so. England is already drawn; a council's own benchmark needs a council."""
    if kind == "england" or (kind != "custom" and not code) or (kind == "custom" and not custom):
        return pl.DataFrame(schema=SCHEMA)
    rows = benchmark_rows(kind, tables, pl.col("measure") == measure, custom)
    if "code" in rows.columns:
        rows = rows.filter(pl.col("code") == code)
    mean = " (mean)" if kind in MEANS else ""
    return rows.select(
        (pl.col("benchmark_name") + mean).alias("series"),
        pl.lit(kind).alias("role"),
        "period",
        pl.col("benchmark_value").alias("value"),
        pl.lit(None, pl.Float64).alias("ci_low"),
        pl.lit(None, pl.Float64).alias("ci_high"),
    )


def with_segments(series: pl.DataFrame, breaks: str | Sequence[str] | None) -> pl.DataFrame:
    """Add the definition segment of each point (pass `break_periods`: a measure can have two breaks,
    e.g. ASCOF 2023-24 and the 2024-25 move to client-level data) and sort for drawing."""
    return series.with_columns(segment=_segment(breaks)).sort("series", "period")


REORGANISATION = ("2023-24", "Council reorganisation, April 2023")


@dataclass(frozen=True)
class TrendsChoice:
    council: str | None
    measure: str
    benchmark: BenchmarkKind = "england"


@dataclass(frozen=True)
class TrendsView:
    choice: TrendsChoice
    measure: MeasureInfo
    points: pl.DataFrame  # for the chart
    markers: tuple[tuple[str, str], ...]  # (period, label): vertical lines for breaks
    sentence: str  # the recent trend in words
    alt: str
    title: str
    source: str
    table: pl.DataFrame  # the points shown and downloaded
    stem: str
    revisions: tuple[str, ...] = ()  # the council's values of this measure the current release revised
    in_development: str | None = None  # "Official statistics in development" when a point shown is one


def trends_view(store: Store, choice: TrendsChoice) -> TrendsView:
    code = choice.council
    measure = measure_info(store.derive(measures_with_values), choice.measure)
    row = store.measures.filter(pl.col("id") == measure.id).row(0, named=True)
    tables = store.tables("values", "benchmarks", "councils", "peers")
    own = council_series(store.values, store.councils, code, measure.id) if code else pl.DataFrame()
    series = pl.concat([own, benchmark_series(choice.benchmark, tables, code, measure.id)], how="diagonal_relaxed")
    points = with_segments(series, row["break_periods"])
    council = store.councils.filter(pl.col("code") == (code or "")).rows(named=True)
    name = council[0]["name"] if council else "England"
    sentence = _trend_sentence(store, choice, measure, name)
    # England is always drawn: name the chosen benchmark only when it is another ("England and england")
    against = "" if choice.benchmark == "england" else f" and {BENCHMARK_LABELS[choice.benchmark].lower()}"
    return TrendsView(
        choice=choice,
        measure=measure,
        points=points,
        markers=_markers(store, measure.id, council[0] if council else None),
        sentence=sentence,
        alt=f"{measure.label}: {name} against England{against} by period. {sentence}",
        title=f"{measure.label}: {name}",
        source=f"{row['publisher']}, {row['source']}",
        table=points.select("series", "period", "value", "ci_low", "ci_high", "segment"),
        stem=f"trend_{measure.id}_{code or 'england'}",
        revisions=store.derive(revision_notes, code, (measure.id,)) if code else (),
        in_development=_in_development(store, code, measure.id),
    )


def _in_development(store: Store, code: str | None, measure: str) -> str | None:
    """Which periods shown are official statistics in development (CLD), or None."""
    rows = store.values.filter((pl.col("measure") == measure) & pl.col("in_development"))
    if code:
        rows = rows.filter(pl.col("code") == code)
    periods = sorted(rows["period"].unique().to_list())
    if not periods:
        return None
    return f"{IN_DEVELOPMENT}: {', '.join(periods)} (from client-level data, as the publisher labels it)."


def _markers(store: Store, measure: str, council: dict[str, object] | None) -> tuple[tuple[str, str], ...]:
    """Every break that is not comparable across (`measure_breaks`: the periods in `break_periods`), named
    by its kind on two short lines so adjacent breaks stay legible; and a reorganisation."""
    breaks = store.table("measure_breaks").filter((pl.col("measure") == measure) & ~pl.col("comparable"))
    markers = [
        (period, f"{BREAK_KIND_LABELS[str(kind)]}<br>{period}")
        for period, kind in breaks.sort("period").select("period", "kind").iter_rows()
    ]
    if council and (council["predecessors"] or council["successors"]):
        markers.append(REORGANISATION)
    return tuple(markers)


def _trend_sentence(store: Store, choice: TrendsChoice, measure: MeasureInfo, name: str) -> str:
    """The council's recent trend with its test, or why there is none."""
    if not choice.council:
        return f"{measure.label}: England's published figures. Choose a council to test its recent trend."
    mine = store.derive(trends).filter((pl.col("code") == choice.council) & (pl.col("measure") == measure.id))
    trend = mine.sort("period").tail(1)  # the trend at the council's newest published period
    spans = trend["periods"].to_list()
    single = bool(spans) and len(set(spans[0] or [])) < 2  # "2024-25 to 2024-25" says nothing
    if trend.height == 0 or single:
        return f"No recent trend for {name}: it needs three or more points on the same side of any framework break."
    label = trend.row(0, named=True)
    span = f"{label['periods'][0]} to {label['periods'][-1]}" if label["periods"] else ""
    method = TREND_METHOD_LABELS.get(str(label["method"]), str(label["method"]))
    tested = f" (p = {label['p_value']:.3f}, {method})" if label["p_value"] is not None else ""
    return f"Recent trend for {name}, {span}: {label['label']}{tested}."
