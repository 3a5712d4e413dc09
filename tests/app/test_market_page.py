"""Care market page: England and a council, every tab, the outcome scatter, no adult-quality data said plainly."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

MARKET = "pages/market.py"


def test_market_page_for_england_and_for_a_council() -> None:
    for params in ({}, {"council": "E08000025"}):
        at = open_page(MARKET, **params)
        assert_healthy(at)
        assert all(c.proto.alt for c in at.get("plotly_chart"))
    assert "Birmingham" in at.get("plotly_chart")[0].proto.alt


def test_adult_care_home_quality_is_shown_and_what_is_still_missing_said_plainly() -> None:
    # ASCOF 6B is now in the store: the page shows it with its interval, and says what adult data is not there
    at = open_page(MARKET, council="E08000025")
    assert "No national data on the quality of adult care providers" not in texts(at)
    assert "Not in our data yet: ratings of adult care providers other than care homes" in texts(at)
    quality = next(
        d.value
        for d in at.dataframe
        if "measure_id" in d.value.columns and "ascof_cqc_good_outstanding" in set(d.value["measure_id"])
    )
    row = quality.iloc[0]
    assert row["ci_low"] < row["value"] < row["ci_high"] and row["england"] > 0


def test_the_childrens_placement_market_care_leavers_and_the_s251_baseline_are_shown() -> None:
    at = open_page(MARKET, council="E08000025")
    ids = set()
    for d in at.dataframe:
        if "measure_id" in d.value.columns:
            ids |= set(d.value["measure_id"])
    assert {"placement_changes_provider_closed", "placements_far_from_home", "cla_placed_in_by_other_las"} <= ids
    assert {"care_leavers_eet_19_21", "care_leavers_suitable_19_21"} <= ids
    s251 = next(d.value for d in at.dataframe if "residential_private" in d.value.columns)
    assert set(s251["area"]) == {"Birmingham", "England"} and set(s251["period"]) >= {"2009-10", "2013-14"}
    assert "of children's home places in Birmingham are private" in texts(at)


def test_england_and_regions_show_the_median_councils_hhi() -> None:
    at = open_page(MARKET, council="E08000025")
    conc = next(d.value for d in at.dataframe if "hhi_is" in d.value.columns)
    wider = conc[conc["area_type"] != "council"]
    assert len(wider) == 2 and set(wider["hhi_is"]) == {"median council's"}
    assert (wider["hhi"] > 200).all()  # a median council's HHI, not England's own (about 42)


def test_the_scatter_describes_an_association_not_a_cause() -> None:
    at = open_page(MARKET, council="E08000025", market_y="placements_3plus")
    assert_healthy(at)
    assert "does not show that one causes the other" in texts(at)
    assert at.selectbox(key="market_y").value == "placements_3plus"


def test_the_market_measure_in_the_url_is_used_and_an_unknown_one_explained() -> None:
    at = open_page(MARKET, council="E08000025", market_x="Owner concentration (HHI)")
    assert_healthy(at)
    assert at.selectbox(key="market_x").value == "hhi"
    assert "owner concentration (hhi)" in texts(at)
    at = open_page(MARKET, market_x="Colour of the front door")
    assert_healthy(at)
    assert any("Colour of the front door" in w.value for w in at.warning)
