"""What a progress report says, for England, a region or one council: gathered from the page views.

The floor numbers are the Floor standards view's (`views.floor_standards.selection_for`), on the
store cut at the report's period (`views.store.up_to`), so the report and the page agree:
- England: the page with no filter; a region: the page's region filter;
- a council: its rows of the England-wide selection (every standard, no data where it has no row).
Commitment statuses are the shared `analyses.assessment`. A period cuts the data first: each measure
is shown at its latest period whose start year is at or before the requested financial year's
("2025", the September 2025 workforce census, falls in 2025-26). "latest" cuts nothing, exactly as
the page. Sentences are in `narrative`, charts and the annex in `charts`. No files, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from accountability.report.charts import Trend, annex_frame, sources_text, trends
from accountability.report.commitments import commitment_frame
from accountability.report.floors import floor_frames, verdict_summary
from accountability.report.narrative import narrative_paragraphs
from accountability.report.scope import (
    Kind,
    Scope,
    ScopeError,
    check_period,
    current_codes,
    financial_years,
    resolve_scope,
)
from accountability.report.summary import OnePage, one_page
from accountability.views.analyses import assessment, floor_analysis
from accountability.views.provenance import OGL_TEXT
from accountability.views.store import LATEST, Store, up_to

Inputs = Store  # what a report is built from: the store, the standards and the commitments
__all__ = [
    "LATEST",
    "Analysis",
    "Inputs",
    "Kind",
    "ReportContent",
    "Scope",
    "ScopeError",
    "analyse",
    "build_content",
    "check_period",
    "financial_years",
    "resolve_scope",
]


@dataclass(frozen=True)
class Analysis:
    """The store cut at a period; its views are computed once and shared by every scope (a batch)."""

    period: str
    store: Store

    @property
    def values(self) -> pl.DataFrame:
        return self.store.values

    @property
    def verdicts(self) -> pl.DataFrame:
        return self.store.derive(floor_analysis, ())[0]

    @property
    def progress(self) -> pl.DataFrame:
        return self.store.derive(assessment, "current")


@dataclass(frozen=True)
class ReportContent:
    """The report for one scope and period: sentences, frames and charts' data."""

    scope: Scope
    period: str
    period_text: str
    title: str
    headline: str
    notes: list[str]
    n_councils: int
    n_standards: int
    below_now: int
    watch_councils: int
    verdicts: pl.DataFrame
    counts: pl.DataFrame
    breaches: pl.DataFrame
    watch: pl.DataFrame
    commitments: pl.DataFrame
    trends: list[Trend]
    narrative: list[str]
    annex: pl.DataFrame
    sources: list[str]
    licence: str
    one_page: OnePage  # the first page: needs attention, spend per head, CQC
    measure_labels: dict[str, str]  # measure id -> label: the annex names measures, never ids
    generated: dt.date = field(default_factory=dt.date.today)


def analyse(inputs: Store, period: str = LATEST) -> Analysis:
    """The store up to `period` (checked: 'latest' or a financial year with data)."""
    return Analysis(check_period(inputs, period), up_to(inputs, period))


def _notes(scope: Scope, period: str) -> list[str]:
    notes = []
    if scope.ended is not None:
        after = ", ".join(f"{name} ({code})" for code, name in scope.successors) or "its successor councils"
        notes.append(
            f"{scope.name} was abolished on {scope.ended.day} {scope.ended:%B %Y}; its area is now served by {after}. "
            "It has figures only for the periods before then: choose an earlier period to see them, and see the "
            "successor councils' reports for later years."
        )
    if period != LATEST:
        notes.append(
            f"Figures are cut at {period}: each measure is shown at its latest period up to {period}. "
            "Ofsted judgements are those made by the end of that year."
        )
    return notes


def _headline(
    scope: Scope, n_councils: int, n_standards: int, latest: pl.DataFrame, watch: pl.DataFrame, cm: pl.DataFrame
) -> str:
    """One sentence; verdicts below the floor on an interval and on the value alone are counted apart."""
    moving = int(cm["status"].cast(pl.String).is_in(["achieved", "on track"]).sum())
    commitments = f"{moving} of {cm.height} commitment measures are achieved or on track"
    below = latest.filter(pl.col("verdict") == "below")
    on_value = int((below["basis"].cast(pl.String) == "value_only").sum())
    split = f" ({below.height - on_value} on an interval, {on_value} on the published value alone)"
    if scope.kind == "council":
        reasons = f"on the watchlist for {watch.height} reason(s)" if watch.height else "not on the watchlist"
        return (
            f"{scope.name}: below the floor on {below.height} of {n_standards} floor standards at their latest "
            f"period{split if below.height else ''}; {reasons}; {commitments} for {scope.name}."
        )
    return (
        f"{scope.name}: {n_councils} councils, {n_standards} standards at their latest period: "
        f"{below.height} verdicts below the floor{split}; {watch['council'].n_unique()} councils on the "
        f"watchlist; {commitments} for {scope.name} as published."
    )


def build_content(inputs: Store, analysis: Analysis, scope: Scope) -> ReportContent:
    """The report's content for one scope, from an `analyse`d period."""
    latest, watch = floor_frames(analysis.store, scope)
    n_councils = len(current_codes(inputs, scope)) if scope.kind != "council" else 1
    n_standards = latest["measure"].n_unique()
    below = int((latest["verdict"] == "below").sum())
    cm = commitment_frame(analysis.store, scope)
    trend_list = trends(analysis.store, scope, cm)
    counts = verdict_summary(latest)
    period_text = "latest published figures" if analysis.period == LATEST else f"figures up to {analysis.period}"
    return ReportContent(
        scope=scope,
        period=analysis.period,
        period_text=period_text,
        title=f"Progress report: {scope.name}, {period_text}",
        headline=_headline(scope, n_councils, n_standards, latest, watch, cm),
        notes=_notes(scope, analysis.period),
        n_councils=n_councils,
        n_standards=n_standards,
        below_now=below,
        watch_councils=watch["council"].n_unique(),
        verdicts=latest,
        counts=counts,
        breaches=_by_severity(latest.filter(pl.col("verdict") == "below")),
        watch=watch,
        commitments=cm,
        trends=trend_list,
        narrative=narrative_paragraphs(scope, n_councils, latest, counts, watch, cm),
        annex=annex_frame(latest, trend_list, scope, analysis.store),
        sources=sources_text(inputs, set(latest["measure"].to_list()) | set(cm["measure"].to_list())),
        licence=OGL_TEXT,
        one_page=one_page(analysis.store, scope, latest, watch),
        measure_labels=dict(zip(inputs.measures["id"], inputs.measures["label"], strict=True)),
    )


def _by_severity(below: pl.DataFrame) -> pl.DataFrame:
    """Below the floor, most severe first (never by alphabet): verdicts on an interval before those on
    the value alone, then the longest run below, then the widest gap in what the measure counts."""
    on_value = pl.col("basis").cast(pl.String) == "value_only"
    return below.sort(
        [on_value, pl.col("below_run"), pl.col("distance_people"), pl.col("council"), pl.col("measure_label")],
        descending=[False, True, True, False, False],
        nulls_last=True,
    )
