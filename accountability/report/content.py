"""What a progress report says, for England, a region or one council: the numbers, gathered once.

Pure Polars on the prepared tables (`Inputs`); no files, no Streamlit, no drawing. The floor numbers
come from the same functions, in the same order, as the Floor standards page (`floor_verdicts`,
`latest_verdicts`, `streaks`, `watchlist`), so the report and the page agree:
- England: every council; a region: the councils in it (the page's region filter);
- a council: its rows of the England-wide figures (the page with no filter).
Commitment statuses are `progress.assess`. A period cuts the data first: each measure is shown at
its latest period whose start year is at or before the requested financial year's ("2025", the
September 2025 workforce census, falls in 2025-26). "latest" cuts nothing, exactly as the page.
The narrative is plain English, polarity-aware, and hedged: "cannot tell" is never written as a
failure, and no sentence says why a figure is what it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

import polars as pl

from accountability.formatting import format_value
from accountability.methods.commitments import Commitment, period_start_year
from accountability.methods.definitions import first_year_rows
from accountability.methods.floors import floor_verdicts, streaks
from accountability.methods.progress import area_trends, assess
from accountability.methods.standards import Standard, resolve_thresholds
from accountability.views.floors import latest_verdicts, watchlist, worse_than_england_and_worsening
from accountability.views.provenance import ATTRIBUTIONS, OGL_TEXT

Kind = Literal["england", "region", "council"]
LATEST = "latest"
ENGLAND_CODE = "E92000001"
REASON_TEXT = {
    "below for 2+ periods": "below the floor for two or more periods in a row",
    "worse than England and worsening": "significantly worse than England and getting worse",
    "Ofsted Inadequate": "judged Inadequate by Ofsted",
}
STATUS_ORDER = ["achieved", "on track", "off track", "deteriorating", "not assessable"]


class ScopeError(ValueError):
    """An unknown council or region code, or a period with no data; the message names the value."""


@dataclass(frozen=True)
class Inputs:
    """The prepared tables and the two TOML files a report is built from."""

    measures: pl.DataFrame
    values: pl.DataFrame
    councils: pl.DataFrame
    benchmarks: pl.DataFrame
    inspections: pl.DataFrame
    standards: list[Standard]
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class Scope:
    """England, a region (E12 code) or a council (ONS code, current or former)."""

    kind: Kind
    code: str
    name: str
    region_code: str | None = None
    region: str | None = None
    ended: dt.date | None = None
    successors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything computed once per period and shared by every scope (a batch reuses it)."""

    period: str
    values: pl.DataFrame
    benchmarks: pl.DataFrame
    inspections: pl.DataFrame
    verdicts: pl.DataFrame
    progress: pl.DataFrame
    trends: pl.DataFrame  # the shared recent-trend result (councils, regions, England): one meaning of "worse"
    england_floors: tuple[pl.DataFrame, pl.DataFrame] = (pl.DataFrame(), pl.DataFrame())


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
    generated: dt.date = field(default_factory=dt.date.today)


def financial_years(values: pl.DataFrame) -> list[str]:
    """Financial-year labels with council data, newest first (the periods a report can be cut at)."""
    periods = values.filter(pl.col("value").is_not_null())["period"].unique().to_list()
    return sorted((p for p in periods if len(p) == 7), reverse=True)


def check_period(inputs: Inputs, period: str) -> str:
    """`latest` or a financial-year label with data; anything else is a ScopeError naming it."""
    if period == LATEST or period in financial_years(inputs.values):
        return period
    years = financial_years(inputs.values)
    raise ScopeError(f"period '{period}' has no data; use 'latest' or one of {years[-1]} to {years[0]}")


def _cut(frame: pl.DataFrame, period: str) -> pl.DataFrame:
    if period == LATEST:
        return frame
    return frame.filter(pl.col("period").str.slice(0, 4).cast(pl.Int32) <= period_start_year(period))


def _cut_inspections(inspections: pl.DataFrame, period: str) -> pl.DataFrame:
    """Ofsted judgements made by the end of the period; the latest of those is the council's latest."""
    if period == LATEST:
        return inspections
    end = dt.date(period_start_year(period) + 1, 3, 31)
    made = inspections.filter(pl.col("inspection_start") <= end)
    return made.with_columns(is_latest=pl.col("inspection_start") == pl.col("inspection_start").max().over("code"))


def analyse(inputs: Inputs, period: str = LATEST) -> Analysis:
    """Floor verdicts and commitment progress for every area, on the data up to `period`."""
    period = check_period(inputs, period)
    values, benchmarks = _cut(inputs.values, period), _cut(inputs.benchmarks, period)
    thresholds = resolve_thresholds(inputs.standards, inputs.values, inputs.measures)
    trends = area_trends(values, inputs.measures, benchmarks)
    first_years = first_year_rows(inputs.standards, inputs.values, inputs.measures)
    analysis = Analysis(
        period=period,
        values=values,
        benchmarks=benchmarks,
        inspections=_cut_inspections(inputs.inspections, period),
        verdicts=floor_verdicts(values, thresholds, first_years),
        progress=assess(values, inputs.commitments, inputs.measures, benchmarks, trends=trends),
        trends=trends,
    )
    england = _page_floors(inputs, analysis.verdicts, analysis, inputs.councils["code"])
    return replace(analysis, england_floors=england)


def resolve_scope(inputs: Inputs, kind: Kind, code: str | None = None) -> Scope:
    """The scope for a kind and code, or a ScopeError naming the code that is not known."""
    if kind == "england":
        return Scope("england", ENGLAND_CODE, "England")
    code = (code or "").strip().upper()
    if kind == "region":
        rows = inputs.councils.filter(pl.col("region_code") == code)
        if rows.height == 0:
            known = ", ".join(sorted(inputs.councils["region_code"].unique().to_list()))
            raise ScopeError(f"region code '{code}' is not an English region (E12 code); known: {known}")
        return Scope("region", code, str(rows["region"][0]), code, str(rows["region"][0]))
    rows = inputs.councils.filter(pl.col("code") == code)
    if rows.height == 0:
        raise ScopeError(f"council code '{code}' is not an English council's ONS code in the prepared data")
    row = rows.row(0, named=True)
    names = dict(zip(inputs.councils["code"], inputs.councils["name"], strict=True))
    successors = tuple((c, names.get(c, c)) for c in row["successors"] or [])
    return Scope("council", code, row["name"], row["region_code"], row["region"], row["valid_to"], successors)


def scope_codes(inputs: Inputs, scope: Scope) -> pl.Series:
    """Council codes in the scope, former councils included (as the page's filter)."""
    if scope.kind == "region":
        return inputs.councils.filter(pl.col("region_code") == scope.code)["code"]
    return inputs.councils["code"]


def current_codes(inputs: Inputs, scope: Scope) -> list[str]:
    """Current councils the scope covers (one, none for a former council)."""
    current = inputs.councils.filter(pl.col("valid_to").is_null())
    if scope.kind == "council":
        return [scope.code] if scope.code in current["code"].to_list() else []
    return current.filter(pl.col("code").is_in(scope_codes(inputs, scope).implode()))["code"].to_list()


def floor_frames(inputs: Inputs, analysis: Analysis, scope: Scope) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(latest verdicts with runs, watchlist) exactly as the Floor standards page computes them."""
    if scope.kind == "council":  # the page with no filter, then the council's rows
        runs, watch = analysis.england_floors
        return _named(_council_rows(runs, scope.code), inputs), watch.filter(pl.col("code") == scope.code)
    if scope.kind == "england":
        runs, watch = analysis.england_floors
        return _named(runs, inputs), watch
    runs, watch = _page_floors(inputs, analysis.verdicts, analysis, scope_codes(inputs, scope))
    return _named(runs, inputs), watch


def _page_floors(
    inputs: Inputs, all_verdicts: pl.DataFrame, analysis: Analysis, codes: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The Floor standards page's derive step for a set of council codes."""
    verdicts = all_verdicts.filter(pl.col("code").is_in(codes.implode()))
    latest = latest_verdicts(verdicts)
    run_cols = ["code", "measure", "period", "below_run", "newly_below"]
    runs = latest.join(streaks(verdicts).select(run_cols), on=["code", "measure", "period"])
    watch = watchlist(
        runs,
        worse_than_england_and_worsening(latest, analysis.values, analysis.benchmarks, analysis.trends),
        analysis.inspections.filter(pl.col("code").is_in(codes.implode())),
        inputs.councils,
    )
    return runs, watch


def _council_rows(runs: pl.DataFrame, code: str) -> pl.DataFrame:
    """The council's row for every standard at its latest period; a standard it has no row for is no data."""
    standards = runs.select("measure", "standard", "period", "label", "polarity", "confidence", "threshold").unique(
        "measure"
    )
    own = runs.filter(pl.col("code") == code).drop("standard", "label", "polarity", "confidence", "threshold")
    return (
        standards.join(own, on=["measure", "period"], how="left")
        .with_columns(
            code=pl.lit(code),
            verdict=pl.col("verdict").fill_null("no_data"),
            below_run=pl.col("below_run").fill_null(0),
            newly_below=pl.col("newly_below").fill_null(False),
        )
        .select(runs.columns)
    )


def _named(runs: pl.DataFrame, inputs: Inputs) -> pl.DataFrame:
    info = inputs.measures.select(
        pl.col("id").alias("measure"), pl.col("label").alias("measure_label"), "unit", "multiplier", "count_noun"
    )
    names = inputs.councils.select("code", pl.col("name").alias("council"), "region")
    return (
        runs.join(info, on="measure", how="left")
        .join(names, on="code", how="left")
        .sort("measure_label", "council", maintain_order=True)
    )


def verdict_summary(latest: pl.DataFrame) -> pl.DataFrame:
    """Per standard at its latest period: councils below (all, on an interval, on the value alone),
    cannot tell, meeting, with no floor yet (first year of a definition), no data."""
    verdict, on_value = pl.col("verdict"), pl.col("basis").cast(pl.String) == "value_only"
    return (
        latest.group_by("measure", "label", "measure_label", "period")
        .agg(
            below=(verdict == "below").sum(),
            below_on_interval=((verdict == "below") & ~on_value).sum(),
            below_on_value_only=((verdict == "below") & on_value).sum(),
            cannot_tell=(verdict == "cannot_tell").sum(),
            meets=(verdict == "meets").sum(),
            no_floor_yet=(verdict == "no_floor_yet").sum(),
            no_data=(verdict == "no_data").sum(),
        )
        .sort("below", "label", descending=[True, False])
    )


def commitment_frame(inputs: Inputs, analysis: Analysis, scope: Scope) -> pl.DataFrame:
    """Each commitment measure's status for the area; for England and regions, councils by status."""
    area_type = "council" if scope.kind == "council" else scope.kind
    own = analysis.progress.filter(
        (pl.col("area_type").cast(pl.String) == area_type) & (pl.col("area_code") == scope.code)
    )
    titles = pl.DataFrame(
        {"commitment_id": [c.id for c in inputs.commitments], "title": [c.title for c in inputs.commitments]}
    )
    info = inputs.measures.select(
        pl.col("id").alias("measure"),
        pl.col("label").alias("measure_label"),
        "unit",
        pl.col("polarity").cast(pl.String),
    )
    out = own.join(titles, on="commitment_id", how="left", maintain_order="left").join(
        info, on="measure", how="left", maintain_order="left"
    )
    if scope.kind == "council":
        return out
    return out.join(_status_spread(analysis, current_codes(inputs, scope)), on=["commitment_id", "measure"], how="left")


def _status_spread(analysis: Analysis, codes: list[str]) -> pl.DataFrame:
    """Councils in each status, per commitment measure (columns named after STATUS_ORDER)."""
    rows = analysis.progress.filter(
        (pl.col("area_type").cast(pl.String) == "council") & pl.col("area_code").is_in(codes)
    )
    return rows.group_by("commitment_id", "measure").agg(
        [(pl.col("status").cast(pl.String) == s).sum().alias(s) for s in STATUS_ORDER]
    )


def _series(frame: pl.DataFrame, code_col: str, code: str, measure: str) -> dict[str, float | None]:
    rows = frame.filter((pl.col(code_col) == code) & (pl.col("measure") == measure))
    return dict(zip(rows["period"].to_list(), rows["value"].to_list(), strict=True))


def trends(inputs: Inputs, analysis: Analysis, scope: Scope, commitments: pl.DataFrame) -> list[Trend]:
    """One chart's data per commitment (its first measure): the area, England, target and break."""
    out: list[Trend] = []
    for commitment in inputs.commitments:
        row = commitments.filter(
            (pl.col("commitment_id") == commitment.id) & (pl.col("measure") == commitment.measures[0])
        )
        if row.height:
            out.append(_trend(inputs, analysis, scope, commitment, row.row(0, named=True)))
    return out


def _trend(inputs: Inputs, analysis: Analysis, scope: Scope, commitment: Commitment, row: dict[str, object]) -> Trend:
    measure = str(row["measure"])
    if scope.kind == "council":
        own = _series(analysis.values, "code", scope.code, measure)
    else:
        own = _series(
            analysis.benchmarks.filter(pl.col("area_type") != "council_type"), "area_code", scope.code, measure
        )
    england = _series(analysis.benchmarks.filter(pl.col("area_type") == "england"), "area_code", ENGLAND_CODE, measure)
    periods = sorted(set(own) | set(england))
    series = [(scope.name, [own.get(p) for p in periods])]
    if scope.kind != "england":
        series.append(("England", [england.get(p) for p in periods]))
    brk = inputs.measures.filter(pl.col("id") == measure)["break_period"][0]
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


def annex_frame(verdicts: pl.DataFrame, trend_list: list[Trend], scope: Scope, analysis: Analysis) -> pl.DataFrame:
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
    points = [_trend_points(t, scope, analysis) for t in trend_list]
    return pl.concat([pl.DataFrame(schema=ANNEX_SCHEMA), floors, *points], how="vertical_relaxed")


def _trend_points(trend: Trend, scope: Scope, analysis: Analysis) -> pl.DataFrame:
    if scope.kind == "council":
        rows = analysis.values.filter(pl.col("code") == scope.code)
    else:
        rows = analysis.benchmarks.filter(
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


def sources_text(inputs: Inputs, measure_ids: set[str]) -> list[str]:
    """Publisher attributions, then each measure used with its source and address."""
    used = inputs.measures.filter(pl.col("id").is_in(sorted(measure_ids))).sort("publisher", "label")
    lines = [f"{publisher}: {what}." for publisher, what in ATTRIBUTIONS]
    lines += [f"{r['label']}: {r['source']}, {r['publisher']} ({r['source_url']})." for r in used.iter_rows(named=True)]
    return lines


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


def build_content(inputs: Inputs, analysis: Analysis, scope: Scope) -> ReportContent:
    """The report's content for one scope, from an `analyse`d period."""
    latest, watch = floor_frames(inputs, analysis, scope)
    n_councils = len(current_codes(inputs, scope)) if scope.kind != "council" else 1
    n_standards = latest["measure"].n_unique()
    below = int((latest["verdict"] == "below").sum())
    cm = commitment_frame(inputs, analysis, scope)
    trend_list = trends(inputs, analysis, scope, cm)
    counts = verdict_summary(latest)
    breaches = latest.filter(pl.col("verdict") == "below").sort("council", "measure_label")
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
        breaches=breaches,
        watch=watch,
        commitments=cm,
        trends=trend_list,
        narrative=narrative_paragraphs(scope, n_councils, latest, counts, watch, cm),
        annex=annex_frame(latest, trend_list, scope, analysis),
        sources=sources_text(inputs, set(latest["measure"].to_list()) | set(cm["measure"].to_list())),
        licence=OGL_TEXT,
    )


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _named_rows(rows: pl.DataFrame) -> list[str]:
    return [f"{r['measure_label'].lower()} in {r['period']}" for r in rows.iter_rows(named=True)]


def _council_floor_paragraph(name: str, latest: pl.DataFrame) -> str:
    verdicts = ("below", "cannot_tell", "meets", "no_floor_yet", "no_data")
    by = {v: latest.filter(pl.col("verdict") == v) for v in verdicts}
    parts = [
        f"At the latest published period for each of the {latest.height} floor standards, {name} was "
        + (
            f"below the floor on {by['below'].height}: {_join(_named_rows(by['below']))}."
            if by["below"].height
            else "not below the floor on any of them."
        )
    ]
    if by["cannot_tell"].height:
        parts.append(
            f"On {by['cannot_tell'].height} ({_join(_named_rows(by['cannot_tell']))}), we cannot tell: the range of "
            "likely values around the figure includes the floor, so it is consistent with meeting it."
        )
    if by["meets"].height:
        parts.append(f"It met the floor on {by['meets'].height}.")
    on_value = int((by["below"]["basis"].cast(pl.String) == "value_only").sum())
    if on_value:
        parts.append(
            f"Of the verdicts below the floor, {on_value} rest on the published figure alone, with no interval to "
            "allow for chance."
        )
    if by["no_floor_yet"].height:
        parts.append(
            f"{by['no_floor_yet'].height} had no floor yet ({_join(_named_rows(by['no_floor_yet']))}): the first "
            "year of a new definition, which a floor drawn from that year cannot judge."
        )
    if by["no_data"].height:
        parts.append(f"{by['no_data'].height} had no published figure, which is never counted as below the floor.")
    return " ".join(parts)


def _gap_sentence(row: dict[str, object]) -> str:
    run = row["below_run"] if isinstance(row["below_run"], int) else 0
    text = f"{row['measure_label']} ({row['period']}): "
    text += f"below the floor for {run} periods in a row" if run > 1 else "below the floor in this period"
    text += ", having not been below in the previous one" if row["newly_below"] else ""
    people, denominator = row["distance_people"], row["denominator"]
    noun = row.get("count_noun") or "counted"
    if isinstance(people, int) and people > 0 and isinstance(denominator, float):
        more = "more" if row["polarity"] == "higher_is_better" else "fewer"
        text += (
            f"; reaching the floor would take about {people:,} {more} of the {denominator:,.0f} {noun} "
            "having this outcome"
        )
    return text + "."


def _area_floor_paragraph(name: str, n_councils: int, latest: pl.DataFrame, counts: pl.DataFrame) -> str:
    below = latest.filter(pl.col("verdict") == "below")
    on_value = int((below["basis"].cast(pl.String) == "value_only").sum())
    text = (
        f"Across the {n_councils} current councils in {name} and {counts.height} floor standards at their "
        f"latest period, {below.height - on_value} verdicts were below the floor on their interval and "
        f"{on_value} on the published figure alone (no interval to allow for chance), in "
        f"{below['code'].n_unique()} councils."
    )
    first = counts.filter(pl.col("no_floor_yet") > 0)
    if first.height:
        items = [f"{r['measure_label'].lower()} ({r['period']})" for r in first.iter_rows(named=True)]
        text += f" No floor yet, as it is the first year of a new definition: {_join(items)}."
    top = counts.filter(pl.col("below") > 0).head(3)
    if top.height:
        most = [
            f"{r['measure_label'].lower()} ({r['below']} councils, {r['period']})" for r in top.iter_rows(named=True)
        ]
        text += f" Most often below: {_join(most)}."
    unsure = int((latest["verdict"] == "cannot_tell").sum())
    if unsure:
        text += (
            f' A further {unsure} verdicts were "cannot tell": the figure\'s likely range includes the floor, '
            "so it is consistent with meeting it."
        )
    return text


def _watch_paragraph(kind: Kind, name: str, watch: pl.DataFrame) -> str:
    if watch.height == 0:
        who = f"{name} is not" if kind == "council" else f"No council in {name} is"
        return f"{who} on the zero-tolerance watchlist."
    if kind == "council":
        items = [f"{r['what']} ({r['detail']})" for r in watch.iter_rows(named=True)]
        return f"{name} is on the zero-tolerance watchlist for {watch.height} reason(s): {_join(items)}."
    per = watch.group_by("reason").agg(pl.col("code").n_unique().alias("n")).sort("reason")
    items = [f"{r['n']} {REASON_TEXT.get(r['reason'], r['reason'])}" for r in per.iter_rows(named=True)]
    return f"{watch['code'].n_unique()} councils in {name} are on the zero-tolerance watchlist: {_join(items)}."


def _commitment_paragraph(name: str, cm: pl.DataFrame) -> str:
    status = cm["status"].cast(pl.String)
    counts = [f"{int((status == s).sum())} {s}" for s in STATUS_ORDER if int((status == s).sum())]
    text = f"Of the {cm.height} commitment measures tracked for {name}: {_join(counts) if counts else 'none'}."
    worse = cm.filter(pl.col("status").cast(pl.String).is_in(["off track", "deteriorating"]))
    if worse.height:
        items = [f"{r['measure_label'].lower()} ({r['progress_band']})" for r in worse.iter_rows(named=True)]
        text += f" Not on track: {_join(items)}."
    if (status == "not assessable").any():
        text += (
            ' "Not assessable" means there is not yet enough comparable data (for adult measures, the framework '
            "changed in 2023-24 and a rate of change needs two years on the new basis); it is not a missed target."
        )
    return text


CAVEAT = (
    "These figures show what was published and how it compares with the floor, England and the commitments; "
    "they do not show why. A floor verdict rests on the 99.8% interval where one can be calculated, otherwise "
    "on the published value alone, and a missing figure is never counted as below the floor."
)


def narrative_paragraphs(
    scope: Scope, n_councils: int, latest: pl.DataFrame, counts: pl.DataFrame, watch: pl.DataFrame, cm: pl.DataFrame
) -> list[str]:
    """Plain-English paragraphs: floors, gaps (councils), the watchlist, commitments, the caveat."""
    kind, name = scope.kind, scope.name
    if kind == "council":
        paragraphs = [_council_floor_paragraph(name, latest)]
        gaps = [_gap_sentence(r) for r in latest.filter(pl.col("verdict") == "below").iter_rows(named=True)]
        paragraphs += [" ".join(gaps)] if gaps else []
    else:
        paragraphs = [_area_floor_paragraph(name, n_councils, latest, counts)]
    return [*paragraphs, _watch_paragraph(kind, name, watch), _commitment_paragraph(name, cm), CAVEAT]
