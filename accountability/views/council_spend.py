"""A council's spending per head against England, and how it changed from 2023-24 to 2024-25.

`council_spend(store, code)` gives, for adult social care per adult (18+), per person 65+ and
children's social care per child, the council's and England's figures in the two years MHCLG has
published (cash, not adjusted for inflation: said so) with the change in each, in words, and the
population each is per head of (named from the measure's own period note). Spending differs for
legitimate local reasons, so nothing here calls a figure better or worse. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.views.store import Store

SPEND = ("spend_asc_per_adult", "spend_asc_older_per_65", "spend_csc_per_child")
YEARS = ("2023-24", "2024-25")
COLUMNS = ("spending", "council_then", "council_now", "council_change", "england_then", "england_now", "england_change")
CASH = (
    "Cash in the year spent, not adjusted for inflation, so part of any rise is prices. Spending differs for "
    "legitimate local reasons (need, local costs, how services are organised): neither higher nor lower is "
    "better in itself."
)


@dataclass(frozen=True)
class CouncilSpend:
    table: pl.DataFrame  # one row per measure: spending, the council and England in each year, changes
    populations: tuple[str, ...]  # per measure, the population it is per head of (its period note)
    alt: str
    empty: str | None


def _change(old: float | None, new: float | None) -> str:
    if old is None or new is None or old == 0:
        return "–"
    return f"{(new - old) / abs(old) * 100:+.1f}%"


def _pairs(frame: pl.DataFrame, measure: str) -> tuple[float | None, float | None]:
    one = dict(frame.filter(pl.col("measure") == measure).select("period", "value").iter_rows())
    return one.get(YEARS[0]), one.get(YEARS[1])


def council_spend(store: Store, code: str) -> CouncilSpend:
    mine = store.values.filter((pl.col("code") == code) & pl.col("measure").is_in(SPEND))
    england = store.benchmarks.filter((pl.col("area_type") == "england") & pl.col("measure").is_in(SPEND))
    info = {r["id"]: r for r in store.measures.filter(pl.col("id").is_in(SPEND)).iter_rows(named=True)}
    known = [m for m in SPEND if m in info]  # a store without these measures has nothing to show
    rows = []
    for measure in known:
        unit = str(info[measure]["unit"])
        (c0, c1), (e0, e1) = _pairs(mine, measure), _pairs(england, measure)
        rows.append(
            {
                "spending": info[measure]["label"],
                "council_then": format_value(c0, unit),
                "council_now": format_value(c1, unit),
                "council_change": _change(c0, c1),
                "england_then": format_value(e0, unit),
                "england_now": format_value(e1, unit),
                "england_change": _change(e0, e1),
            }
        )
    table = pl.DataFrame(rows, schema=dict.fromkeys(COLUMNS, pl.String))
    populations = tuple(f"{info[m]['label']}: {info[m].get('period_note') or ''}" for m in known)
    has = mine.filter(pl.col("value").is_not_null()).height > 0
    name = store.councils.filter(pl.col("code") == code)["name"][0]
    return CouncilSpend(
        table=table,
        populations=populations,
        alt=f"{name}'s spending per head in {YEARS[0]} and {YEARS[1]} against England (cash)",
        empty=None if has else f"MHCLG has published no spending for {name} in {YEARS[0]} or {YEARS[1]}.",
    )
