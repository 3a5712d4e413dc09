"""What needs attention for one council, and its strengths: one plain sentence each, most severe first.

`attention_items(...)` reads results other modules decide (it decides nothing itself):
- an inspection rated Inadequate (CQC's adult social care assessment, Ofsted's children's services);
- below a floor (`views.floors.council_detail`): verdicts on an interval first, then on the value
  alone, labelled so, longest run below first;
- significantly worse than the chosen benchmark (`methods.profile.build_profile`'s `comparison`);
- significantly getting worse (the shared trend result, as carried by the profile);
and as strengths: significantly better than the benchmark, significantly getting better.
Each item keeps its kind and measure as codes, so a page can link to that measure's Compare and
Trends views. `council_attention(store, ...)` assembles them for Home and the Council profile, so
both say the same. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.labels import IN_DEVELOPMENT
from accountability.methods.trends import ALPHA
from accountability.views.council import latest_inspection
from accountability.views.floor_selection import selection_for
from accountability.views.floors import council_detail
from accountability.views.store import Store

# Most severe first; the order items are listed in (codes; the page writes no words from them).
CONCERNS = ("inadequate", "below_interval", "below_value_only", "worse", "getting_worse")
STRENGTHS = ("better", "getting_better")


@dataclass(frozen=True)
class Item:
    kind: str  # one of CONCERNS or STRENGTHS
    measure: str | None  # the measure's id (links to Compare and Trends), None for an inspection
    sentence: str
    link: str | None = None  # an inspection's published report


@dataclass(frozen=True)
class Attention:
    concerns: tuple[Item, ...]
    strengths: tuple[Item, ...]
    heading: str  # "3 things need attention" / "Nothing tested needs attention"
    note: str  # what was tested and against what, in one line


def _v(value: object, unit: str) -> str:
    return format_value(float(value) if isinstance(value, int | float) else None, unit)


def _flag(row: dict[str, object]) -> str:
    return f" ({IN_DEVELOPMENT.lower()})" if row.get("in_development") else ""


def floor_items(detail: pl.DataFrame) -> list[Item]:
    """Below a floor: verdicts on an interval first, then on the value alone; longest run first.

    `detail` is `views.floors.council_detail` (plus `measure` and, optionally, `in_development`)."""
    below = detail.filter(pl.col("verdict") == "below").with_columns(value_only=pl.col("decided_on") == "value_only")
    items = []
    for row in below.sort(
        ["value_only", "periods_below_in_a_row", "standard"], descending=[False, True, False]
    ).iter_rows(named=True):
        run = row["periods_below_in_a_row"] or 1
        years = f", below for the last {run} periods" if run > 1 else ""
        basis = (
            "on the value alone: no interval is published, so chance cannot be allowed for"
            if row["value_only"]
            else f"the whole {'99.8' if row['decided_on'] == 'interval_998' else '95'}% interval is below it"
        )
        items.append(
            Item(
                "below_value_only" if row["value_only"] else "below_interval",
                row["measure"],
                f"Below the floor on {row['standard']} ({row['period']}{years}): {_v(row['value'], row['unit'])} "
                f"against a floor of {_v(row['floor'], row['unit'])}; {basis}{_flag(row)}.",
            )
        )
    return items


def _gap(profile: pl.DataFrame) -> pl.Expr:
    """How far from the benchmark, relative to it: the order within 'worse' and 'better'."""
    value, bench = pl.col("value").cast(pl.Float64), pl.col("benchmark_value").cast(pl.Float64)
    return ((value - bench) / bench.abs()).abs()


def comparison_items(profile: pl.DataFrame, verdict: str) -> list[Item]:
    """Significantly `verdict` ("worse" or "better") than the benchmark, furthest from it first."""
    rows = profile.filter(pl.col("comparison") == verdict).with_columns(gap=_gap(profile))
    return [
        Item(
            verdict,
            row["measure"],
            f"Significantly {verdict} than {row['benchmark_name']} on {row['label']} ({row['period']}): "
            f"{_v(row['value'], row['unit'])} against {_v(row['benchmark_value'], row['unit'])}{_flag(row)}.",
        )
        for row in rows.sort(["gap", "label"], descending=[True, False], nulls_last=True).iter_rows(named=True)
    ]


def trend_items(profile: pl.DataFrame, direction: str) -> list[Item]:
    """The recent trend is significantly `direction` ("getting worse" / "getting better"), surest first."""
    rows = profile.filter((pl.col("trend") == direction) & (pl.col("trend_p_value") < ALPHA))
    kind = direction.replace(" ", "_")
    return [
        Item(
            kind,
            row["measure"],
            f"Significantly {direction} on {row['label']}: the recent trend to {row['period']} "
            f"(p = {row['trend_p_value']:.3f}){_flag(row)}.",
        )
        for row in rows.sort("trend_p_value", "label").iter_rows(named=True)
    ]


def inspection_items(cqc: dict[str, object] | None, ofsted: dict[str, object] | None) -> list[Item]:
    """An Inadequate rating: CQC's (adult social care) and Ofsted's (children's services)."""
    items = []
    if cqc and cqc.get("overall_rating") == "inadequate":
        when = cqc.get("assessed")
        month = f", {when:%B %Y}" if when else ""
        items.append(
            Item("inadequate", None, f"Rated Inadequate by CQC for adult social care{month}.", str(cqc["report_url"]))
        )
    if ofsted and str(ofsted.get("overall_effectiveness", "")).lower() == "inadequate":
        when = ofsted.get("inspection_start")
        began = f" (inspection began {when:%B %Y})" if when else ""
        items.append(Item("inadequate", None, f"Judged Inadequate by Ofsted for children's services{began}."))
    return items


def attention(
    detail: pl.DataFrame, profile: pl.DataFrame, cqc: dict[str, object] | None, ofsted: dict[str, object] | None
) -> Attention:
    """Concerns most severe first, then strengths; see the module docstring."""
    floors = floor_items(detail)
    below = {item.measure for item in floors}  # said once, at its most severe: below the floor
    concerns = [
        *inspection_items(cqc, ofsted),
        *floors,
        *(item for item in comparison_items(profile, "worse") if item.measure not in below),
        *trend_items(profile, "getting worse"),
    ]
    strengths = [*comparison_items(profile, "better"), *trend_items(profile, "getting better")]
    n = len(concerns)
    heading = (
        f"{n} thing{'' if n == 1 else 's'} need{'s' if n == 1 else ''} attention"
        if n
        else ("Nothing tested needs attention")
    )
    named = profile["benchmark_name"].drop_nulls() if profile.height else pl.Series([], dtype=pl.String)
    benchmark = str(named[0]) if named.len() else "the benchmark"
    note = (
        f"Below a floor, significantly worse than {benchmark} (95% confidence), significantly getting worse "
        "(p < 0.05), or rated Inadequate. Measures without an interval are not called better or worse."
    )
    return Attention(tuple(concerns), tuple(strengths), heading, note)


def _in_development(store: Store, code: str) -> pl.DataFrame:
    """measure, period, in_development for the council's rows (flags CLD values in the sentences)."""
    return store.values.filter(pl.col("code") == code).select("measure", "period", "in_development")


def council_attention(store: Store, code: str, profile: pl.DataFrame) -> Attention:
    """`attention` for council `code` from the store, on its profile at the chosen benchmark (the
    caller's `views.profile.council_profile`): the floor engine's latest verdicts, CQC, Ofsted."""
    runs = store.derive(selection_for, (), None, None, None).latest_runs
    ids = store.measures.select(pl.col("id").alias("measure"), pl.col("label").alias("standard"))
    flags = _in_development(store, code)
    detail = council_detail(runs, store.measures, code).join(ids, on="standard", how="left")
    detail = detail.join(flags, on=["measure", "period"], how="left")
    cqc = store.table("cqc_assessments").filter(pl.col("code") == code)
    return attention(
        detail,
        profile.join(flags, on=["measure", "period"], how="left"),
        cqc.row(0, named=True) if cqc.height else None,
        latest_inspection(store.inspections, code),
    )
