"""What the Compare page shows: one measure and period, every council ranked, against a chosen benchmark.

`compare_view(store, choice)` returns one `CompareView`: the ranked table (verdicts as codes), the
published comparators, the one-sentence summary (also the chart's alt text), the floor and benchmark
lines, the funnel plot when it is chosen (`views.funnel`), the download of exactly what is shown (with
words from `labels`, since a file is a rendering), the statistical neighbours listed, and the share
link's parameters. The page only renders it. No Streamlit here; rank intervals and floors are
`store.derive`d, so every page and report reads the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import BenchmarkKind
from accountability.formatting import format_value
from accountability.labels import COMPARISON_LABELS, LEVEL_LABELS, words
from accountability.methods import compare
from accountability.methods.benchmarking import benchmark_values, with_comparison
from accountability.methods.compare import (
    MeasureInfo,
    comparators,
    export_frame,
    measure_info,
    ranked,
)
from accountability.views.analyses import measures_with_values, rank_table, thresholds
from accountability.views.compare_text import chart_note, chart_title, in_development_note, summary
from accountability.views.funnel import DEFAULT_ADJUSTMENT, FunnelView, funnel_view
from accountability.views.store import Store

SHOWS = ("Chart", "Funnel plot", "Table")  # the "Show" choice, kept in ?view=; the first is the default
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


@dataclass(frozen=True)
class CompareChoice:
    """Everything the user chose on Compare; hashable, so it is the cache key of the view."""

    council: str | None
    measure: str
    period: str
    benchmark: BenchmarkKind = "england"
    group: tuple[str, ...] = ()  # a custom benchmark's councils, sorted
    level: float = 0.95
    show: str = SHOWS[0]
    adjustment: str = DEFAULT_ADJUSTMENT  # the funnel plot's overdispersion adjustment (code)


@dataclass(frozen=True)
class CompareView:
    """Everything the Compare page, its downloads, alt text and link show for one choice."""

    choice: CompareChoice
    measure: MeasureInfo
    summary: str  # the page's sentence, also the chart's alt text
    missing: str | None  # the chosen council has no row for this period
    table: pl.DataFrame  # councils ranked best first: value, interval, comparison (code), rank interval
    comparators: pl.DataFrame  # England and the council's region, as published
    benchmark_line: tuple[str, float] | None  # a benchmark that is neither England nor the region
    floor_line: tuple[str, float] | None
    chart_title: str
    chart_note: str
    in_development: str | None  # the "official statistics in development" note, when any value is one
    funnel: FunnelView | None  # built only when the funnel plot is chosen, None if it cannot be drawn
    download: pl.DataFrame  # exactly the numbers shown, with words
    neighbours: tuple[str, str] | None  # (heading, names) of the chosen council's statistical neighbours
    source: str  # publisher and source, inside the chart
    source_note: str  # the page's source and licence line
    link: dict[str, str | None]


def default_period(periods: list[str], setting: str) -> str:
    """The period shown first: the newest (setting 'latest') or the configured one."""
    return periods[-1] if setting == "latest" else setting


def periods_for(store: Store, measure: str) -> list[str]:
    """Periods with at least one published council value for the measure, oldest first (the picker's)."""
    return compare.periods_for(store.values, measure)


def compare_view(store: Store, choice: CompareChoice) -> CompareView:
    measure = measure_info(store.derive(measures_with_values), choice.measure)
    table, bench = _ranked_table(store, choice, measure)
    code = choice.council
    region = store.councils.filter(pl.col("code") == (code or ""))["region_code"].to_list()
    comps = comparators(store.benchmarks, measure.id, choice.period, region[0] if region else None)
    mine = table.filter(pl.col("code") == (code or ""))
    row = mine.row(0, named=True) if mine.height else None
    source = store.measures.filter(pl.col("id") == measure.id).row(0, named=True)
    return CompareView(
        choice=choice,
        measure=measure,
        summary=summary(table, comps, measure, choice.period, choice.level, row),
        missing=_missing(store, choice) if code and row is None else None,
        table=table,
        comparators=comps,
        benchmark_line=(str(row["benchmark_name"]), row["benchmark_value"])
        if row and choice.benchmark not in ("england", "region")
        else None,
        floor_line=_floor_line(store, measure, choice.period),
        chart_title=chart_title(table, measure, choice.period, row),
        chart_note=chart_note(table, choice.level),
        in_development=in_development_note(table),
        funnel=_funnel(store, table, measure, choice),
        download=_download(table, comps, measure),
        neighbours=_neighbours(store, bench, choice.council) if row and "neighbours" in bench.columns else None,
        source=f"{source['publisher']}, {source['source']}",
        source_note=f"Source: {source['source']}. {OGL}",
        link=_link(choice),
    )


def _ranked_table(store: Store, choice: CompareChoice, measure: MeasureInfo) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Councils ranked best first, with the benchmark, the verdict code and the 95% rank interval;
    and the benchmark's own frame (for neighbours, the councils in each group)."""
    tables = store.tables("values", "benchmarks", "councils", "peers")
    bench = benchmark_values(choice.benchmark, tables, measure.id, choice.period, list(choice.group))
    compared = with_comparison(
        ranked(store.values, store.councils, measure, choice.period), bench, store.measures, choice.level
    )
    ranks = store.derive(rank_table, measure.id, choice.period, measure.polarity)
    with_ranks = compared.join(
        ranks.select("code", "rank_low", "rank_high", "quartile"), on="code", how="left", maintain_order="left"
    )
    if measure.polarity == "no_judgement":  # no direction is better, so no quarter is the best one
        with_ranks = with_ranks.with_columns(quartile=pl.lit(None, dtype=with_ranks.schema["quartile"]))
    return with_ranks.sort(["rank", "name"], nulls_last=True), bench


def _missing(store: Store, choice: CompareChoice) -> str:
    name = store.councils.filter(pl.col("code") == choice.council)["name"].to_list()
    return (
        f"{name[0] if name else choice.council} has no figure for {choice.period}: it may not have existed then, "
        "or the publisher does not report it. Try another period."
    )


def _floor_line(store: Store, measure: MeasureInfo, period: str) -> tuple[str, float] | None:
    floors = store.derive(thresholds).filter((pl.col("measure") == measure.id) & (pl.col("period") == period))
    if floors.height == 0:
        return None
    floor = float(floors["threshold"][0])
    return f"Floor: {format_value(floor, measure.unit)}", floor  # the measure's own precision, as published


def _download(table: pl.DataFrame, comps: pl.DataFrame, measure: MeasureInfo) -> pl.DataFrame:
    """The export frame (councils, then comparators), with the benchmark, its verdict in words and ranks."""
    extra = table.select(
        "code",
        "benchmark_name",
        "benchmark_value",
        words("comparison", COMPARISON_LABELS).alias("compared_with_benchmark"),
        "rank_low",
        "rank_high",
        "quartile",
    )
    return export_frame(table, comps, measure).join(extra, on="code", how="left", maintain_order="left")


def _neighbours(store: Store, bench: pl.DataFrame, code: str | None) -> tuple[str, str]:
    """The chosen council's statistical neighbours, by name (the benchmark is their unweighted mean)."""
    listed = bench.filter(pl.col("code") == (code or ""))["neighbours"].to_list()
    names = dict(zip(store.councils["code"], store.councils["name"], strict=True))
    heading = f"Statistical neighbours of {names.get(code or '', code)} (DfE 2025 model)"
    return heading, ", ".join(names.get(c, c) for c in (listed[0] if listed and listed[0] else [])) or "None listed."


def _link(choice: CompareChoice) -> dict[str, str | None]:
    """The address parameters that reproduce the view: codes, defaults left out (the benchmark kept)."""
    return {
        "council": choice.council,
        "measure": choice.measure,
        "period": choice.period,
        "benchmark": choice.benchmark,
        "group": ",".join(choice.group) if choice.benchmark == "custom" else None,  # codes, as ?group= reads them
        "level": None if choice.level == 0.95 else LEVEL_LABELS[choice.level],
        "view": None if choice.show == SHOWS[0] else choice.show,
        "funnel": choice.adjustment if choice.show == "Funnel plot" and choice.adjustment != "additive" else None,
    }


def _funnel(store: Store, table: pl.DataFrame, measure: MeasureInfo, choice: CompareChoice) -> FunnelView | None:
    """The funnel plot, built only when it is the view chosen."""
    if choice.show != "Funnel plot":
        return None
    return funnel_view(store, table, measure, choice.period, choice.adjustment)
