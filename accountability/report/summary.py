"""The report's first page, for a meeting: what needs attention, most severe first, then spend per
head and CQC's assessment of adult social care, in sentences, from the same frames as the rest.

`one_page(store, scope, latest, watch)` returns a `OnePage`: the attention items (the watchlist's
entries in its severity order, then any other standard below its floor, each saying whether the
verdict rests on an interval or on the value alone), capped so the page fits, with how many more
are in the annex; spend per head beside England; CQC's overall rating for a council, labelled as
from a compilation, or "not in our data yet". It computes no verdict and draws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.labels import CQC_NOT_IN_DATA, CQC_RATING_LABELS
from accountability.report.scope import Scope
from accountability.store.schema import ENGLAND_CODE
from accountability.views.store import Store

MAX_ITEMS = 6  # what fits on one A4 page beside the verdicts and commitments; the rest are in the annex
SPEND = ("spend_asc_per_adult", "spend_asc_older_per_65", "spend_csc_per_child")
CQC_SOURCE = "from a compilation of CQC's published reports made by a private individual, not an official dataset"


@dataclass(frozen=True)
class OnePage:
    attention: list[str]  # most severe first, at most MAX_ITEMS
    more: int  # attention items left for the annex
    money: list[str]
    cqc: str | None  # a council's CQC assessment in words; None for England or a region


def one_page(store: Store, scope: Scope, latest: pl.DataFrame, watch: pl.DataFrame) -> OnePage:
    items = _attention(scope, latest, watch)
    return OnePage(
        attention=items[:MAX_ITEMS],
        more=max(len(items) - MAX_ITEMS, 0),
        money=_money(store, scope),
        cqc=_cqc(store, scope.code) if scope.kind == "council" else None,
    )


def _attention(scope: Scope, latest: pl.DataFrame, watch: pl.DataFrame) -> list[str]:
    """The watchlist's entries (already most severe first), then other standards below their floor."""
    who = scope.kind != "council"
    items = [
        f"{r['council'] + ': ' if who else ''}{r['what']}: {r['detail']}"
        + (f"; {r['latest_gap']}" if r["latest_gap"] else "")
        for r in watch.iter_rows(named=True)
    ]
    listed = set(zip(watch["code"], watch["what"], strict=True))
    below = latest.filter(pl.col("verdict").cast(pl.String) == "below").sort(
        pl.col("basis").cast(pl.String) == "value_only", pl.col("distance_people"), descending=[False, True]
    )
    for r in below.iter_rows(named=True):
        if (r["code"], r["label"]) in listed:
            continue
        basis = "on the value alone, chance not allowed for" if r["basis"] == "value_only" else "on an interval"
        gap = f", {r['distance_people']:,} {r['count_noun'] or ''} short".rstrip() if r["distance_people"] else ""
        items.append(
            f"{r['council'] + ': ' if who else ''}{r['measure_label']}: below the floor in {r['period']} ({basis}{gap})"
        )
    return items


def _money(store: Store, scope: Scope) -> list[str]:
    """Each spend-per-head measure at its latest period with a value, beside England's (cash, as published)."""
    measures = store.measures.filter(pl.col("id").is_in(SPEND))
    if scope.kind == "council":
        own = store.values.filter(pl.col("code") == scope.code).select("measure", "period", "value")
    else:
        own = store.benchmarks.filter(pl.col("area_code") == scope.code).select("measure", "period", "value")
    england = store.benchmarks.filter(pl.col("area_code") == ENGLAND_CODE).select(
        "measure", "period", pl.col("value").alias("england")
    )
    lines = []
    for m in measures.sort("label").iter_rows(named=True):
        rows = own.filter((pl.col("measure") == m["id"]) & pl.col("value").is_not_null()).sort("period")
        if rows.height == 0:
            lines.append(f"{m['label']}: not published for {scope.name}.")
            continue
        period, value = rows["period"][-1], rows["value"][-1]
        eng = england.filter((pl.col("measure") == m["id"]) & (pl.col("period") == period))["england"]
        beside = f" (England {format_value(eng[0], m['unit'])})" if eng.len() and eng[0] is not None else ""
        lines.append(f"{m['label']}: {format_value(value, m['unit'])} in {period}, cash{beside}.")
    return lines


def _cqc(store: Store, code: str | None) -> str:
    try:
        found = store.table("cqc_assessments").filter(pl.col("code") == code)
    except KeyError:  # a hand-built store without the compilation
        found = pl.DataFrame()
    if found.height == 0 or found["overall_rating"][0] is None:
        return f"CQC's assessment of adult social care: {CQC_NOT_IN_DATA} ({CQC_SOURCE})."
    row = found.row(0, named=True)
    rating = CQC_RATING_LABELS.get(str(row["overall_rating"]), str(row["overall_rating"]))
    return f"CQC's assessment of adult social care: {rating}, report of {row['assessed']:%B %Y} ({CQC_SOURCE})."
