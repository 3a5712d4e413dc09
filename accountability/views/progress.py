"""What the Progress page shows: England and every council against each commitment, from `progress.assess`.

`progress_view(store, choice)` returns one `ProgressView`: England's status on every commitment and
measure (status codes, and the table shown in words), the chosen commitment's heading, England's
chart (`views.trajectory`) with its alt text, every current council's status worst first, the counts
sentence, the chosen council's status, the councils shown (all, or only those off track or
deteriorating) and the download stems. The assessment is `store.derive`d (`analyses.assessment`),
so Home, Profile and reports read the same one. Helpers shared with other pages:
- `status_text`: a status in words with a symbol (never colour alone);
- `commitment_rows`: one row per commitment and measure, with labels, for pickers and tables;
- `area_table`: every council's assessment of one commitment-measure, worst first (status codes);
- `status_counts` / `counts_sentence`: how many councils are in each status, counted on codes.
No Streamlit; nothing here assesses progress (see `methods.progress`).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import FrameworkSide
from accountability.labels import PROGRESS_STATUS_LABELS, PROGRESS_STATUS_WORDS, words
from accountability.views.analyses import assessment
from accountability.views.store import Store
from accountability.views.trajectory import Trajectory, england_trajectory, national_series

STATUS_SYMBOL = PROGRESS_STATUS_LABELS  # words for each status code live in `labels`
STATUS_ORDER = ["deteriorating", "off track", "on track", "achieved", "not assessable"]
OFF_TRACK = ("off track", "deteriorating")  # the councils an official is asked to look at first


@dataclass(frozen=True)
class ProgressChoice:
    """Everything the user chose on Progress; hashable, so it is the cache key of the view."""

    council: str | None
    side: FrameworkSide
    commitment: str  # "<commitment id>:<measure id>", as kept in ?commitment=
    only_off: bool = False


@dataclass(frozen=True)
class ProgressView:
    """Everything the Progress page, its downloads and alt text show for one choice."""

    choice: ProgressChoice
    england: pl.DataFrame  # every commitment and measure: label, status (code), progress_band, periods, note
    england_table: pl.DataFrame  # the same as shown and downloaded, in words
    england_alt: str
    heading: str  # the commitment, who made it and its source (Markdown)
    chart: Trajectory  # England's series, the path to the target and the projection
    chart_title: str
    chart_source: str
    y_title: str
    alt: str  # the chart's alt text, also its caption
    councils: pl.DataFrame  # every current council, worst status first (status codes)
    counts: str
    mine: str | None  # the chosen council's status, when it has one
    shown: pl.DataFrame  # the councils shown (all, or only OFF_TRACK), in words: the table and its download
    shown_alt: str
    stems: tuple[str, str]  # download file names: England's table, the councils'


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


def commitment_options(store: Store, side: FrameworkSide) -> dict[str, str]:
    """Key ("<commitment>:<measure>") → label, in file order: the commitment picker's options."""
    pairs = _pairs(store, side)
    return dict(zip(pairs["key"], pairs["label"], strict=True))


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
        pl.col("status").cast(pl.String),
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
    """Councils per status code, in STATUS_ORDER."""
    counts = dict(table.group_by("status").len().iter_rows())
    return {status: int(counts.get(status, 0)) for status in STATUS_ORDER}


def counts_sentence(label: str, counts: dict[str, int]) -> str:
    """'<commitment>: of 150 councils, 3 deteriorating, 40 on track.' from counts by status code."""
    parts = [f"{n} {PROGRESS_STATUS_WORDS[status]}" for status, n in counts.items() if n]
    return f"{label}: of {sum(counts.values())} councils, " + ", ".join(parts) + "."


def progress_view(store: Store, choice: ProgressChoice) -> ProgressView:
    commitment_id, measure_id = choice.commitment.split(":", 1)
    commitment = next((c for c in store.commitments() if c.id == commitment_id), None)
    if commitment is None:
        raise KeyError(f"no commitment '{commitment_id}' in the commitments file")
    label = store.derive(commitment_options, choice.side)[choice.commitment]
    measure = store.measures.filter(pl.col("id") == measure_id).row(0, named=True)
    england = _england(store, choice.side)
    row = england.filter((pl.col("commitment_id") == commitment_id) & (pl.col("measure") == measure_id))
    baseline = row.row(0, named=True) if row.height else None
    series = national_series(store.benchmarks, measure_id, measure["break_period"], choice.side)
    current = store.councils.filter(pl.col("valid_to").is_null())
    councils = area_table(store.derive(assessment, choice.side), current, commitment_id, measure_id)
    shown = councils.filter(pl.col("status").is_in(OFF_TRACK)) if choice.only_off else councils
    source = commitment.source_sentence + (" (paraphrase)" if commitment.source_is_paraphrase else "")
    return ProgressView(
        choice=choice,
        england=england,
        england_table=_england_table(england),
        england_alt=f"England's status on {england.height} commitment measures",
        heading=f"**{commitment.title}.** {commitment.owner}: “{source}” — *{commitment.source}*.",
        chart=england_trajectory(series, commitment, baseline),
        chart_title=f"{commitment.title}: England",
        chart_source=f"{measure['publisher']}, {measure['source']}; target from {commitment.source}",
        y_title=f"{measure['label']} ({measure['unit']})",
        alt=_alt(label, series, baseline),
        councils=councils,
        counts=counts_sentence(label, status_counts(councils)),
        mine=_mine(councils, choice.council),
        shown=shown.with_columns(words("status", STATUS_SYMBOL)),
        shown_alt=f"{shown.height} councils' progress on {label}",
        stems=(f"progress_england_{choice.side}", f"progress_{commitment_id}_{measure_id}_{choice.side}"),
    )


def _pairs(store: Store, side: FrameworkSide) -> pl.DataFrame:
    titles = {c.id: c.title for c in store.commitments()}
    return commitment_rows(store.derive(assessment, side), store.measures, titles)


def _england(store: Store, side: FrameworkSide) -> pl.DataFrame:
    """England's assessment of every commitment and measure, labelled, in the commitments file's order."""
    rows = store.derive(assessment, side).filter(pl.col("area_type") == "england")
    pairs = _pairs(store, side).select("commitment_id", "measure", "label")
    return rows.join(pairs, on=["commitment_id", "measure"], maintain_order="left")


def _england_table(england: pl.DataFrame) -> pl.DataFrame:
    return england.select(
        pl.col("label").alias("Commitment and measure"),
        status_text(pl.col("status")).alias("Status"),
        pl.col("progress_band").cast(pl.String).alias("Detail"),
        pl.col("baseline_period").alias("From"),
        pl.col("current_period").alias("To"),
        pl.col("note").alias("Note"),
    )


def _alt(label: str, series: pl.DataFrame, baseline: dict[str, object] | None) -> str:
    if not (series.height and baseline):
        return f"{label}: England has no published figures on this side of the framework break."
    status = PROGRESS_STATUS_WORDS.get(str(baseline["status"]), str(baseline["status"]))
    note = str(baseline.get("note") or "").strip().rstrip(".")
    return (
        f"{label}: England's published figures from {series['period'][0]} to {series['period'][-1]}; "
        f"status {status}{f', {note}' if note else ''}."  # no dangling ", ." when there is no note
    )


def _mine(councils: pl.DataFrame, code: str | None) -> str | None:
    """'Birmingham: ↗ On track (<band>). <note>.' for the chosen council, if it has a row."""
    rows = councils.filter(pl.col("code") == (code or ""))
    if rows.height == 0:
        return None
    r = rows.row(0, named=True)
    return f"{r['council']}: {STATUS_SYMBOL.get(r['status'], r['status'])} ({r['progress_band']}). {r['note']}."
