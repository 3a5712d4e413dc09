"""The Providers view on a hand-built register (test data, not real providers): options by year,
filters, the search, the summary with and without places, the download name."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from accountability.views.providers import COLUMNS, ProvidersChoice, ProvidersView, provider_options, providers_view
from accountability.views.store import Store
from tests.unit import store_frames as sf

SECTOR = pl.Enum(["Local authority", "Private", "Voluntary", "Health authority", "Academy", "Other"])
HOME, FOSTERING = "Children's home", "Independent fostering agency"
ROWS = [  # (code, year, urn, type, sector, places, owner)
    (sf.ALPHA, 2025, "SC000001", HOME, "Private", 4, "Acme Care Ltd"),
    (sf.ALPHA, 2025, "SC000002", HOME, "Local authority", 3, "Alpha Council"),
    (sf.ALPHA, 2025, "SC000003", FOSTERING, "Voluntary", 20, None),
    (sf.ALPHA, 2024, "SC000001", HOME, "Private", 4, "Acme Care Ltd"),
    (sf.BETA, 2025, "SC000009", HOME, "Private", None, "Other Ltd"),
]


def _store() -> Store:
    frame = pl.DataFrame(
        ROWS, schema=["code", "year", "urn", "provision_type", "sector", "places", "owner"], orient="row"
    )
    frame = frame.with_columns(
        pl.col("year").cast(pl.Int16),
        pl.col("sector").cast(SECTOR),
        registration_status=pl.lit("Active"),
        latest_judgement=pl.lit("Good").cast(pl.Enum(["Outstanding", "Good"])),
        latest_judgement_published=pl.lit("Good"),
        latest_inspection_date=pl.lit(dt.date(2024, 6, 1)),
    )
    return sf.from_frames("test", councils=sf.COUNCILS, providers=frame)


def _view(**choice: object) -> ProvidersView:
    base: dict[str, object] = {"council": sf.ALPHA, "year": 2025}
    return providers_view(_store(), ProvidersChoice(**(base | choice)))  # type: ignore[arg-type]


def test_options_are_the_councils_years_newest_first_with_each_years_types_and_sectors() -> None:
    options = provider_options(_store(), sf.ALPHA)
    assert (options.name, options.years, options.none) == ("Alpha", (2025, 2024), None)
    assert options.filters[2025] == ((HOME, FOSTERING), ("Local authority", "Private", "Voluntary"))
    assert options.filters[2024] == ((HOME,), ("Private",))


def test_a_council_with_no_providers_is_told_so() -> None:
    options = provider_options(_store(), sf.GAMMA)
    assert options.years == () and options.none == "Ofsted lists no providers located in Gamma."


def test_every_provider_in_the_year_by_type_owner_and_urn_with_places_summed() -> None:
    view = _view()
    assert view.table.columns == COLUMNS
    assert view.table["urn"].to_list() == ["SC000001", "SC000002", "SC000003"]  # by type, then owner
    assert view.summary == "3 of 3 providers located in Alpha at 31 March 2025, 27 places."
    assert view.table.schema["sector"] == pl.String
    assert view.stem == f"providers_{sf.ALPHA}_2025"


@pytest.mark.parametrize(
    ("choice", "urns"),
    [
        ({"types": (FOSTERING,)}, ["SC000003"]),
        ({"sectors": ("Local authority", "Private")}, ["SC000001", "SC000002"]),
        ({"types": (HOME,), "sectors": ("Voluntary",)}, []),
        ({"query": "  ACME "}, ["SC000001"]),  # owner, without case or surrounding spaces
        ({"query": "fostering"}, ["SC000003"]),  # type; a provider with no owner is still searched by type
        ({"query": "000002"}, ["SC000002"]),  # URN
        ({"query": "no such owner"}, []),
    ],
)
def test_filters_and_search_narrow_the_list(choice: dict[str, object], urns: list[str]) -> None:
    view = _view(**choice)
    assert view.table["urn"].to_list() == urns
    assert view.summary.startswith(f"{len(urns)} of 3 providers located in Alpha")


def test_no_places_published_leaves_places_out_of_the_summary() -> None:
    view = _view(council=sf.BETA)
    assert view.summary == "1 of 1 providers located in Beta at 31 March 2025."
