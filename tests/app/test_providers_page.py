"""Providers page: needs a council, lists its providers, filters and search narrow the list."""

from __future__ import annotations

import polars as pl

from accountability.store import read_table
from tests.app.conftest import assert_healthy, open_page, texts
from tests.conftest import STORE_DIR

PROVIDERS = "pages/providers.py"


def test_without_a_council_the_page_asks_for_one() -> None:
    at = open_page(PROVIDERS)
    assert_healthy(at)
    assert any("Choose your council" in i.value for i in at.info)


def test_lists_every_provider_in_the_council_for_the_latest_year() -> None:
    at = open_page(PROVIDERS, council="E08000025")
    assert_healthy(at)
    store = read_table(STORE_DIR, "providers").filter(pl.col("code") == "E08000025")
    latest = store.filter(pl.col("year") == store["year"].max())
    assert len(at.dataframe[0].value) == latest.height


def test_search_and_sector_filter_narrow_the_list() -> None:
    at = open_page(PROVIDERS, council="E08000025")
    total = len(at.dataframe[0].value)
    at.multiselect(key="sectors").select("Local authority").run()
    assert 0 < len(at.dataframe[0].value) < total
    assert set(at.dataframe[0].value["sector"]) == {"Local authority"}
    at.text_input(key="search").input("zzzz-no-such-owner").run()
    assert len(at.dataframe[0].value) == 0
    assert "0 of" in texts(at)


def test_the_year_in_the_url_is_used_and_an_unknown_one_explained() -> None:
    store = read_table(STORE_DIR, "providers").filter(pl.col("code") == "E08000025")
    years = sorted(store["year"].unique().to_list())
    assert len(years) >= 2, "the store should hold more than one year of providers"
    at = open_page(PROVIDERS, council="E08000025", year=str(years[0]))
    assert_healthy(at)
    assert at.selectbox(key="year").value == years[0]
    assert len(at.dataframe[0].value) == store.filter(pl.col("year") == years[0]).height
    at = open_page(PROVIDERS, council="E08000025", year="1850")
    assert_healthy(at)
    assert any("1850" in w.value for w in at.warning)
