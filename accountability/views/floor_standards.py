"""What the Floor standards page shows: every council against every floor, and the watchlist.

`floors_view(store, choice)` is the page's selection (`views.floor_selection`, which the progress
reports read too, so a report cannot disagree with the page) and what the page says around it: the
summary, the chosen council against every floor, who moved, the floors and where they come from.
An official's what-if floors are part of the choice, in full. Frames hold codes; `labels` has words.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.views.analyses import WhatIf, thresholds
from accountability.views.floor_selection import FloorSelection, selection_for
from accountability.views.floors import council_detail, matrix_in_words
from accountability.views.store import Store


@dataclass(frozen=True)
class FloorsChoice:
    """Everything chosen on the Floor standards page; hashable, so it is the view's cache key."""

    council: str | None = None
    region: str | None = None  # a region's name; None: every region
    council_type: str | None = None
    domain: str | None = None  # "adults", "children"; None: both
    what_if: WhatIf = ()  # an official's changed floors, in full, sorted


@dataclass(frozen=True)
class CouncilFloors:
    """The chosen council against every floor at its latest period."""

    heading: str
    caption: str
    alt: str
    detail: pl.DataFrame  # verdict and change as codes
    stem: str


@dataclass(frozen=True)
class FloorsView:
    choice: FloorsChoice
    selection: FloorSelection
    matrix_shown: pl.DataFrame  # the selection's matrix in words, "(value only)" marked: shown and downloaded
    summary: str  # also the matrix's alt text
    empty: str | None  # no current council matches the filters
    council: CouncilFloors | None
    changes_note: str | None
    watch_alt: str
    basis: pl.DataFrame  # each floor: periods, threshold, interval used, basis, rule, source


def floors_view(store: Store, choice: FloorsChoice) -> FloorsView:
    scope = (choice.what_if, choice.region, choice.council_type, choice.domain)
    selection = store.derive(selection_for, *scope)
    runs, matrix, watch = selection.latest_runs, selection.matrix, selection.watch
    below_now = int((runs["verdict"] == "below").sum())
    summary = (
        f"{matrix.height} councils, {runs['measure'].n_unique()} standards at their latest period: "
        f"{below_now} verdicts below the floor; {watch['council'].n_unique()} councils on the watchlist."
    )
    return FloorsView(
        choice=choice,
        selection=selection,
        matrix_shown=matrix_in_words(matrix, runs, store.measures),
        summary=summary,
        empty="No current council matches this region and council type. Choose another region or type above."
        if matrix.height == 0
        else None,
        council=_council(store, runs, choice.council),
        changes_note=_changes_note(selection.changes),
        watch_alt=f"{watch.height} watchlist entries for {watch['council'].n_unique()} councils",
        basis=floor_basis(store.derive(thresholds, choice.what_if)),
    )


def _council(store: Store, runs: pl.DataFrame, code: str | None) -> CouncilFloors | None:
    if not code or runs.filter(pl.col("code") == code).height == 0:
        return None
    name = store.councils.filter(pl.col("code") == code)["name"][0]
    detail = council_detail(runs, store.measures, code)
    below = int((detail["verdict"] == "below").sum())
    return CouncilFloors(
        heading=f"{name} against every floor",
        caption=f"{name} is below {below} of {detail.height} floors at their latest period. Distance is positive on "
        "the good side of the floor; people to reach the floor is how many more people would need the outcome.",
        alt=f"{name}: {below} of {detail.height} floors below",
        detail=detail,
        stem=f"floors_{code}",
    )


def _changes_note(changes: pl.DataFrame) -> str | None:
    if changes.height == 0:
        return None
    change = changes["change"].cast(pl.String)
    newly, recovered = int((change == "newly_below").sum()), int((change == "recovered").sum())
    return f"At the latest period, {newly} newly below a floor and {recovered} recovered:"


def floor_basis(floors: pl.DataFrame) -> pl.DataFrame:
    """Each floor standard once: its periods, threshold, interval used, basis, rule and source."""
    return (
        floors.group_by("standard", "label")
        .agg(
            pl.col("period").min().alias("from"),
            pl.col("period").max().alias("to"),
            pl.col("threshold").first(),
            pl.col("confidence").first(),
            pl.col("basis").first(),
            pl.col("rule_text").first(),
            pl.col("source").first(),
        )
        .sort("label")
    )


def what_if_options(store: Store) -> pl.DataFrame:
    """standard, label and published floor of each standard, for the what-if editor."""
    published = store.derive(thresholds)
    return published.group_by("standard", "label").agg(pl.col("threshold").first()).sort("label")


@dataclass(frozen=True)
class CountsPanel:
    counts: pl.DataFrame  # one standard, every period
    title: str
    alt: str  # also the caption


def counts_panel(view: FloorsView, label: str) -> CountsPanel:
    """Councils by verdict over time for the standard named `label` (one of the view's counts)."""
    one = view.selection.counts.filter(pl.col("label") == label).sort("period")
    last = one.row(-1, named=True)
    first = last["no_floor_yet"]  # the first year of a new definition: counted, never as below or meeting
    first_year = f", {first} no floor yet (first year of a new definition)" if first else ""
    alt = (
        f"{label}: councils below the floor by period; in {last['period']}, {last['below']} below, "
        f"{last['cannot_tell']} cannot tell, {last['meets']} meet{first_year}, {last['no_data']} no data."
    )
    return CountsPanel(counts=one, title=f"{label}: councils by verdict", alt=alt)
