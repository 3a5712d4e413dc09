"""The Care market view on hand-built registers (test data, not real figures): England or a council, the
area's latest year, each tab's tables and texts, and the scatter's points and sentence."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from accountability.views.market import NO_COUNCIL, MarketChoice, MarketView, market_view, outcome_options
from accountability.views.store import Store
from tests.unit import store_frames as sf

HOME, FOSTERING = "Children's home", "Independent fostering agency"
# (code, year, type, sector, places, owner, judgement); Beta has homes in 2024 only
PROVIDERS = [
    (sf.ALPHA, 2025, HOME, "Private", 4, "Acme Ltd", "Good"),
    (sf.ALPHA, 2025, HOME, "Private", 2, "Acme Ltd", "Inadequate"),
    (sf.ALPHA, 2025, HOME, "Local authority", 4, "Council A", "Outstanding"),
    (sf.ALPHA, 2025, FOSTERING, "Private", 50, "IFA Ltd", "Good"),  # not a home: left out
    (sf.ALPHA, 2024, HOME, "Private", 3, "Acme Ltd", "Good"),
    (sf.BETA, 2024, HOME, "Voluntary", 10, "Charity", None),
    (sf.GAMMA, 2025, HOME, "Private", 6, "Big Group", "Good"),
    (sf.GAMMA, 2025, HOME, "Voluntary", 2, "Charity", "Good"),
    (sf.DELTA, 2025, HOME, "Private", 1, "Small Ltd", "Good"),
    (sf.DELTA, 2025, HOME, "Local authority", 9, "Council D", "Good"),
]


def _providers(rows: Sequence[tuple[object, ...]]) -> pl.DataFrame:
    columns = ["code", "year", "provision_type", "sector", "places", "owner", "latest_judgement"]
    frame = pl.DataFrame(rows, schema=columns, orient="row")
    return frame.with_columns(pl.col("year").cast(pl.Int16), pl.col("latest_judgement").cast(pl.String))


def _store(outcome: dict[str, float] | None = None, providers: Sequence[tuple[object, ...]] = PROVIDERS) -> Store:
    outcome = outcome if outcome is not None else {sf.ALPHA: 10.0, sf.GAMMA: 30.0, sf.DELTA: 5.0}
    values = sf.values(
        [{"code": c, "period": "2024-25", "measure": "waits", "value": v} for c, v in outcome.items()]
        + [{"code": sf.ALPHA, "period": "2024-25", "measure": "helped", "value": 50.0}]
    )
    changes = pl.DataFrame(
        {"year": [2025, 2025, 2024], "code": [sf.ALPHA] * 3, "provision_type": [HOME] * 3},
        schema_overrides={"year": pl.Int16},
    ).with_columns(change=pl.Series(["joined", "left", "joined"]))
    population = pl.DataFrame(
        {"code": [sf.ALPHA, sf.GAMMA, sf.DELTA], "year": [2024] * 3, "age_band": ["0-17"] * 3}
        | {"population": [20_000, 40_000, 10_000]},
        schema_overrides={"year": pl.Int16},
    )
    panel = pl.DataFrame(
        {"code": [sf.ALPHA, sf.ALPHA], "year": [2023, 2024], "measure": ["cla_placements_for_profit_pct"] * 2}
        | {"value": [40.0, 45.0]},
    )
    asc = pl.DataFrame(
        {"code": [sf.ALPHA, sf.ALPHA], "period": ["2014-15"] * 2, "unit": ["GBP thousand"] * 2}
        | {"provision": ["external", "in_house"], "value": [75.0, 25.0], "official": [True, True]},
    )
    return sf.from_frames(
        "test",
        councils=sf.COUNCILS,
        measures=sf.MEASURES,
        values=values,
        providers=_providers(providers),
        provider_changes=changes,
        population=population,
        market_panel=panel,
        asc_provision=asc,
        benchmarks=sf.benchmarks(
            [
                {"area_type": "england", "area_code": "E92000001", "area_name": "England"}
                | {"period": "2024-25", "measure": "waits", "value": 12.0}
            ]
        ),
    )


def _view(council: str | None = sf.ALPHA, x: str = "private_share", store: Store | None = None) -> MarketView:
    return market_view(store or _store(), MarketChoice(council, x, "waits"))  # type: ignore[arg-type]


def test_without_a_council_england_is_shown_and_the_view_says_so() -> None:
    view = _view(None)
    assert (view.area.code, view.area.name, view.no_council) == ("E92000001", "England", NO_COUNCIL)
    assert view.latest == 2025
    assert view.owners is None and view.supply.research.height == 0
    assert set(view.supply.share["area"]) == {"England"}
    assert view.supply.table["places"].to_list() == [13, 28]  # 2024, 2025: homes only, every council


def test_a_council_is_shown_with_its_region_and_england() -> None:
    view = _view()
    assert (view.area.name, view.no_council, view.area.names["region"]) == ("Alpha", None, "North East")
    assert set(view.supply.share["area"]) == {"council", "region", "England"}
    mine = view.supply.share.filter((pl.col("area") == "council") & (pl.col("year") == 2025))["value"]
    assert mine.to_list() == [pytest.approx(60.0)]  # 6 of 10 places private
    assert view.supply.share_alt == "Private share of children's home places, Alpha, its region and England, by year."
    assert sorted(view.concentration["area_code"]) == sorted([sf.ALPHA, "E12000001", "E92000001"])
    assert set(view.concentration["year"]) == {2025}


def test_the_latest_year_is_the_areas_own() -> None:
    view = _view(sf.BETA)  # Beta's homes are registered in 2024 only
    assert view.latest == 2024
    assert set(view.quality["area_type"]) <= {"council", "england"} and set(view.concentration["year"]) == {2024}
    assert view.owners is not None and view.owners["owner"].to_list() == ["Charity"]
    assert view.owners_heading == "Largest owners of children's home places in Beta, 2024"


def test_the_largest_owners_joining_leaving_research_and_adult_care_are_the_councils() -> None:
    view = _view()
    assert view.owners is not None
    assert view.owners.select("owner", "places").rows() == [("Acme Ltd", 6), ("Council A", 4)]
    assert view.moves.rows() == [(2024, 1, 0), (2025, 1, 1)]
    assert view.supply.research["year"].to_list() == [2023, 2024]
    assert view.supply.research_alt.startswith("Research compilation for Alpha")
    council = view.adult.filter(pl.col("area") == "council")
    assert council["external_pct"].to_list() == [75.0]


def test_the_scatter_joins_councils_with_both_values_and_names_its_axes() -> None:
    scatter = _view().scatter
    assert sorted(scatter.points["name"]) == ["Alpha", "Delta", "Gamma"]  # Beta has no 2025 homes
    assert (scatter.x_label, scatter.y_label) == ("Private share of places (%)", "Long waits (2024-25)")
    assert scatter.table.columns == ["name", "Private share of places (%)", "Long waits", "code"]
    assert scatter.title == "Private share of places (%) and Long waits"
    assert scatter.sentence.startswith("Too few councils have both")


def test_a_scatter_of_four_or_more_councils_describes_an_association_never_a_cause() -> None:
    beta_2025 = (sf.BETA, 2025, HOME, "Private", 5, "Acme Ltd", "Good")
    store = _store({sf.ALPHA: 10.0, sf.BETA: 12.0, sf.GAMMA: 30.0, sf.DELTA: 5.0}, [*PROVIDERS, beta_2025])
    scatter = _view(store=store).scatter
    assert scatter.points.height == 4
    assert scatter.sentence.startswith("Across 4 councils there is ")
    assert "private share of places (%) and long waits (2024-25) (r = " in scatter.sentence
    assert scatter.sentence.endswith("An association across councils does not show that one causes the other.")


@pytest.mark.parametrize(
    ("x", "alpha"),
    [("private_share", 60.0), ("hhi", 60.0**2 + 40.0**2), ("places_per_10k", 10 / 20_000 * 10_000)],
)
def test_each_market_measure_comes_from_its_own_table(x: str, alpha: float) -> None:
    points = _view(x=x).scatter.points
    assert points.filter(pl.col("code") == sf.ALPHA)["x"].to_list() == [pytest.approx(alpha)]


def test_outcome_options_put_childrens_measures_first() -> None:
    assert list(outcome_options(_store())) == ["waits", "helped"]
