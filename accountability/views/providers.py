"""What the Providers page shows: Ofsted's registered children's social care providers in one council.

`provider_options(store, council)` gives the pickers their choices (the years with providers, newest
first, and each year's types of provision and sectors); `providers_view(store, choice)` the list for
one year, filtered by type, sector and a search of owner, type and URN, with its summary sentence
(also the table's alt text) and the download's name. Providers are listed where they are located, as
Ofsted registers them. No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.state import literal
from accountability.views.store import Store

COLUMNS = [
    "urn",
    "provision_type",
    "sector",
    "places",
    "owner",
    "registration_status",
    "latest_judgement",
    "latest_judgement_published",
    "latest_inspection_date",
]


@dataclass(frozen=True)
class ProviderOptions:
    """What the pickers offer for one council."""

    council: str
    name: str
    years: tuple[int, ...]  # with at least one provider, newest first
    filters: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]  # year → (types of provision, sectors), sorted
    none: str | None  # says so when Ofsted lists no provider in the council


@dataclass(frozen=True)
class ProvidersChoice:
    """Everything the user chose on Providers; hashable, so it is the cache key of the view."""

    council: str
    year: int
    types: tuple[str, ...] = ()  # none chosen: every type
    sectors: tuple[str, ...] = ()  # none chosen: every sector
    query: str = ""  # as typed; matched without case against owner, type and URN


@dataclass(frozen=True)
class ProvidersView:
    choice: ProvidersChoice
    name: str
    table: pl.DataFrame  # the providers shown, by type, owner and URN: as shown and downloaded
    summary: str  # 'n of N providers located in <council> at 31 March <year>, p places.'
    stem: str  # the download's file name


def provider_options(store: Store, council: str) -> ProviderOptions:
    mine = _in_council(store, council)
    years = tuple(sorted(mine["year"].unique().to_list(), reverse=True))
    filters = {year: _filters(mine.filter(pl.col("year") == year)) for year in years}
    name = _name(store, council)
    return ProviderOptions(
        council, name, years, filters, None if years else f"Ofsted lists no providers located in {name}."
    )


def providers_view(store: Store, choice: ProvidersChoice) -> ProvidersView:
    in_year = _in_council(store, choice.council).filter(pl.col("year") == choice.year)
    shown = in_year.filter(
        (pl.lit(not choice.types) | pl.col("provision_type").is_in(list(choice.types)))
        & (pl.lit(not choice.sectors) | pl.col("sector").cast(pl.String).is_in(list(choice.sectors)))
    )
    needle = choice.query.strip().lower()
    if needle:
        shown = shown.filter(
            pl.col("owner").str.to_lowercase().str.contains(needle, literal=True).fill_null(False)
            | pl.col("provision_type").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("urn").cast(pl.String).str.contains(needle, literal=True)
        )
    table = shown.select(
        *(pl.col(c).cast(pl.String) if c in ("sector", "latest_judgement") else pl.col(c) for c in COLUMNS)
    ).sort("provision_type", "owner", "urn", nulls_last=True)
    name = _name(store, choice.council)
    places = f", {int(table['places'].sum()):,} places" if table["places"].count() else ""
    return ProvidersView(
        choice=choice,
        name=name,
        table=table,
        summary=f"{table.height} of {in_year.height} providers located in {name} at 31 March {choice.year}"
        f"{_matching(choice.query.strip())}{places}.",
        stem=f"providers_{choice.council}_{choice.year}",
    )


def _in_council(store: Store, council: str) -> pl.DataFrame:
    return store.table("providers").filter(pl.col("code") == council)


def _filters(rows: pl.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    types = tuple(sorted(rows["provision_type"].unique().to_list()))
    return types, tuple(sorted(rows["sector"].cast(pl.String).unique().to_list()))


def _name(store: Store, council: str) -> str:
    names = store.councils.filter(pl.col("code") == council)["name"].to_list()
    return names[0] if names else council


def _matching(needle: str) -> str:
    """' matching `text`' with the search shown exactly as typed (a code span: never Markdown), or ''."""
    return f" matching {literal(needle)}" if needle else ""
