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
    summary = headline(matrix.height, runs, watch["council"].n_unique())
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


def verdict_tally(runs: pl.DataFrame) -> dict[str, int]:
    """Latest verdicts counted by kind: below on an interval, below on the value alone, no floor yet.

    Never one mixed count: a verdict on the value alone cannot allow for chance (issue 9)."""
    verdict, on_value = pl.col("verdict").cast(pl.String), pl.col("basis").cast(pl.String) == "value_only"
    tally = runs.select(
        below_on_interval=((verdict == "below") & ~on_value).sum(),
        below_on_value_only=((verdict == "below") & on_value).sum(),
        no_floor_yet=(verdict == "no_floor_yet").sum(),
        standards_no_floor_yet=pl.col("measure").filter(verdict == "no_floor_yet").n_unique(),
    )
    return {k: int(v) for k, v in tally.row(0, named=True).items()}


def headline(councils: int, runs: pl.DataFrame, watched: int) -> str:
    """The page's headline: interval-based and value-only "below" verdicts given separately, and the
    standards in the first year of a definition apart from both."""
    tally = verdict_tally(runs)
    first = tally["no_floor_yet"]
    standards = tally["standards_no_floor_yet"]
    no_floor = (
        f"; {first} with no floor yet ({standards} standards in the first year of a new definition)" if first else ""
    )
    return (
        f"{councils} councils, {runs['measure'].n_unique()} standards at their latest period: "
        f"{tally['below_on_interval']} verdicts below the floor on an interval (chance allowed for) and "
        f"{tally['below_on_value_only']} below on the published value alone (value only, chance not allowed "
        f"for){no_floor}; {watched} councils on the watchlist."
    )


def _council(store: Store, runs: pl.DataFrame, code: str | None) -> CouncilFloors | None:
    if not code or runs.filter(pl.col("code") == code).height == 0:
        return None
    name = store.councils.filter(pl.col("code") == code)["name"][0]
    detail = council_detail(runs, store.measures, code)
    tally = verdict_tally(runs.filter(pl.col("code") == code))
    below = (
        f"below {tally['below_on_interval']} of {detail.height} floors on an interval and "
        f"{tally['below_on_value_only']} on the value alone, with no floor yet on {tally['no_floor_yet']}"
    )
    return CouncilFloors(
        heading=f"{name} against every floor",
        caption=f"{name} is {below}, at their latest period. Distance is positive on the good side of the floor; "
        "to reach the floor is how many more (in what the measure counts) would need the outcome.",
        alt=f"{name}: {below}",
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
