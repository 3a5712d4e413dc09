"""The progress report's plain English: floors, gaps in people, the watchlist, commitments, a caveat.

Polarity-aware and hedged: "cannot tell" is never written as a failure, a missing figure is never
below the floor, and no sentence says why a figure is what it is. Verdicts below the floor on an
interval and on the published value alone are counted apart, "no floor yet" (the first year of a new
definition) is named as such, and a gap is counted in what the measure counts (its count noun).
Reads the frames `content` gathers from the views (verdict and reason codes); words for codes come
from `labels`.
"""

from __future__ import annotations

import polars as pl

from accountability.labels import WATCH_REASON_PHRASES
from accountability.report.scope import Kind, Scope

STATUS_ORDER = ["achieved", "on track", "off track", "deteriorating", "not assessable"]


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
    noun = row.get("count_noun") or "counted"  # what the measure counts: referrals, children, people, ...
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
    items = [f"{r['n']} {WATCH_REASON_PHRASES[str(r['reason'])]}" for r in per.iter_rows(named=True)]
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
