"""Children's homes market measures and Market page views, on hand-built registers."""

from __future__ import annotations

import math

import polars as pl
import pytest
from scipy import stats

from accountability.methods import market
from accountability.views.market_scatter import describe_correlation, pearson
from accountability.views.market_tables import adult_external_share, top_owners

COUNCILS = pl.DataFrame({"code": ["A", "B"], "region_code": ["R1", "R1"]})


def _providers(rows: list[tuple[str, str, str, int | None, str | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "year": [2025] * len(rows),
            "code": [r[0] for r in rows],
            "provision_type": [r[1] for r in rows],
            "sector": [r[2] for r in rows],
            "places": [r[3] for r in rows],
            "owner": [r[4] for r in rows],
            "latest_judgement": [r[5] for r in rows],
        },
        schema_overrides={"year": pl.Int16, "places": pl.Int64},
    )


PROVIDERS = _providers(
    [
        ("A", "Children's home", "Private", 4, "Acme Ltd", "Good"),
        ("A", "Children's home", "Private", 2, "Acme Ltd", "Inadequate"),
        ("A", "Children's home", "Local authority", 4, "Council A", "Outstanding"),
        ("B", "Children's home", "Voluntary", 10, "Charity", None),
        ("B", "Independent fostering agency", "Private", 50, "IFA Ltd", "Good"),  # not a home: left out
    ]
)


def _homes() -> pl.DataFrame:
    return market.homes(PROVIDERS, COUNCILS)


def test_only_childrens_homes_are_counted() -> None:
    mix = market.sector_mix(_homes())
    england = mix.filter(pl.col("area_type") == "england").row(0, named=True)
    assert (england["homes"], england["places"], england["places_private"]) == (4, 20, 6)
    assert england["private_share_places"] == pytest.approx(30.0)


def test_councils_and_regions_are_aggregated_separately() -> None:
    mix = market.sector_mix(_homes())
    assert mix.filter(pl.col("area_code") == "A")["places"][0] == 10
    assert mix.filter(pl.col("area_code") == "R1")["places"][0] == 20


def test_places_missing_in_a_year_are_null_not_zero() -> None:
    homes = market.homes(_providers([("A", "Children's home", "Private", None, None, None)]), COUNCILS)
    row = market.sector_mix(homes).filter(pl.col("area_code") == "A").row(0, named=True)
    assert row["places"] is None and row["places_private"] is None and row["private_share_places"] is None


def test_concentration_hhi_and_top5() -> None:
    conc = market.concentration(_homes()).filter(pl.col("area_code") == "A").row(0, named=True)
    # Acme 6 of 10 places, Council A 4 of 10: HHI = 60^2 + 40^2
    assert conc["hhi"] == pytest.approx(5200.0)
    assert conc["top5_share"] == pytest.approx(100.0)
    assert conc["owners"] == 2


def test_a_wider_markets_hhi_is_marked_not_comparable_and_the_median_council_is_given() -> None:
    conc = market.concentration(_homes())
    # A: 60/40 → 5,200; B: one owner → 10,000; the region's own market: 6, 4 and 10 of 20 places → 3,800
    england = conc.filter(pl.col("area_type") == "england").row(0, named=True)
    assert england["hhi"] == pytest.approx(30**2 + 20**2 + 50**2)
    assert (england["comparable_with_councils"], england["median_council_hhi"]) == (False, pytest.approx(7_600.0))
    region = conc.filter(pl.col("area_type") == "region").row(0, named=True)
    assert (region["comparable_with_councils"], region["median_council_hhi"]) == (False, pytest.approx(7_600.0))
    council = conc.filter(pl.col("area_code") == "A").row(0, named=True)
    assert (council["comparable_with_councils"], council["median_council_hhi"]) == (True, None)


def test_the_published_england_hhi_is_the_median_councils_not_the_national_markets() -> None:
    values, bench = market.as_published_tables(PROVIDERS, COUNCILS.with_columns(region=pl.lit("North")))
    hhi = bench.filter(pl.col("measure") == "market_owner_hhi")
    assert hhi.filter(pl.col("area_type") == "england")["value"].to_list() == [pytest.approx(7_600.0)]
    assert hhi.filter(pl.col("area_type") == "region")["value"].to_list() == [pytest.approx(7_600.0)]
    councils = values.filter(pl.col("measure") == "market_owner_hhi").sort("code")["value"].to_list()
    assert councils == [pytest.approx(5_200.0), pytest.approx(10_000.0)]


def test_quality_by_sector_ignores_homes_without_a_four_point_judgement() -> None:
    q = market.quality(_homes()).filter((pl.col("area_code") == "E92000001") & (pl.col("sector") == "private"))
    row = q.row(0, named=True)
    assert (row["judged"], row["good_or_outstanding_pct"], row["inadequate"]) == (2, 50.0, 1)


def test_top_owners_with_shares() -> None:
    owners = top_owners(_homes(), "A", 2025)
    assert owners["owner"].to_list() == ["Acme Ltd", "Council A"]
    assert owners["share_pct"].to_list() == [60.0, 40.0]


def test_adult_external_share_uses_official_rows_only() -> None:
    asc = pl.DataFrame(
        {
            "code": ["A", "A", "B"],
            "period": ["2015-16"] * 3,
            "unit": ["weeks"] * 3,
            "provision": ["external", "in_house", "external"],
            "value": [90.0, 10.0, 50.0],
            "official": [True, True, False],
        }
    )
    out = adult_external_share(asc, "A")
    assert out.filter(pl.col("area") == "council")["external_pct"][0] == 90.0


def test_pearson_matches_scipy_with_a_fisher_interval() -> None:
    xs, ys = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2.0, 1.0, 4.0, 3.0, 6.0, 5.0]
    c = pearson(xs, ys)
    assert c is not None
    assert c.r == pytest.approx(stats.pearsonr(xs, ys).statistic)
    se = 1 / math.sqrt(6 - 3)
    assert c.low == pytest.approx(math.tanh(math.atanh(c.r) - 1.959963984540054 * se))


@pytest.mark.parametrize(("xs", "ys"), [([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]), ([1.0] * 5, [1.0, 2.0, 3.0, 4.0, 5.0])])
def test_too_few_points_or_no_spread_gives_no_correlation(xs: list[float], ys: list[float]) -> None:
    assert pearson(xs, ys) is None


def test_the_words_never_claim_a_cause() -> None:
    c = pearson([1.0, 2.0, 3.0, 4.0, 5.0], [1.1, 1.9, 3.2, 3.9, 5.1])
    text = describe_correlation(c, "Private share", "Outcome")
    assert "strong positive association" in text and "does not show that one causes the other" in text
    assert "cause" not in text.replace("does not show that one causes the other", "")
