"""What a progress report is about: England, a region or one council, and the period it is cut at.

`resolve_scope` turns a kind and a code into a `Scope` (names, a former council's end date and
successors), `check_period` accepts 'latest' or a financial year with data. Anything unknown is a
`ScopeError` whose message names the value. No numbers are computed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import polars as pl

from accountability.store.schema import ENGLAND_CODE
from accountability.views.store import LATEST, Store

Kind = Literal["england", "region", "council"]


class ScopeError(ValueError):
    """An unknown council or region code, or a period with no data; the message names the value."""


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


def financial_years(values: pl.DataFrame) -> list[str]:
    """Financial-year labels with council data, newest first (the periods a report can be cut at)."""
    periods = values.filter(pl.col("value").is_not_null())["period"].unique().to_list()
    return sorted((p for p in periods if len(p) == 7), reverse=True)


def check_period(store: Store, period: str) -> str:
    """`latest` or a financial-year label with data; anything else is a ScopeError naming it."""
    years = financial_years(store.values)
    if period == LATEST or period in years:
        return period
    raise ScopeError(f"period '{period}' has no data; use 'latest' or one of {years[-1]} to {years[0]}")


def resolve_scope(store: Store, kind: Kind, code: str | None = None) -> Scope:
    """The scope for a kind and code, or a ScopeError naming the code that is not known."""
    if kind == "england":
        return Scope("england", ENGLAND_CODE, "England")
    code = (code or "").strip().upper()
    councils = store.councils
    if kind == "region":
        rows = councils.filter(pl.col("region_code") == code)
        if rows.height == 0:
            known = ", ".join(sorted(councils["region_code"].unique().to_list()))
            raise ScopeError(f"region code '{code}' is not an English region (E12 code); known: {known}")
        return Scope("region", code, str(rows["region"][0]), code, str(rows["region"][0]))
    rows = councils.filter(pl.col("code") == code)
    if rows.height == 0:
        raise ScopeError(f"council code '{code}' is not an English council's ONS code in the prepared data")
    row = rows.row(0, named=True)
    names = dict(zip(councils["code"], councils["name"], strict=True))
    successors = tuple((c, names.get(c, c)) for c in row["successors"] or [])
    return Scope("council", code, row["name"], row["region_code"], row["region"], row["valid_to"], successors)


def current_codes(store: Store, scope: Scope) -> list[str]:
    """Current councils the scope covers (one, none for a former council)."""
    current = store.councils.filter(pl.col("valid_to").is_null())
    if scope.kind == "council":
        return [scope.code] if scope.code in current["code"].to_list() else []
    if scope.kind == "region":
        current = current.filter(pl.col("region_code") == scope.code)
    return current["code"].to_list()
