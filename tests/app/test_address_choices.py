"""The address keeps what the page shows, and blames a link only when one asked.

Before: a custom group was left out of the share link, and `?group=` with council codes was ignored
(the bound multiselect read only names); after changing the measure the page said "The link asked
for period ..." although no link was followed; a DASHBOARD_DEFAULT_PERIOD with no figures for the
measure was silently ignored; an unknown `?standard=` on Floor standards said nothing.
"""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import DASHBOARD, TIMEOUT, assert_healthy, open_page, texts
from tests.conftest import STORE_DIR

COMPARE, PROFILE = "pages/compare.py", "pages/profile.py"
GROUP = ("E08000026", "E08000027", "E08000028")  # Coventry, Dudley, Sandwell


def _link(at: AppTest) -> str:
    links = [str(m.value) for m in at.markdown if "Link to this view" in str(m.value)]
    assert len(links) == 1, links
    return links[0]


@pytest.mark.parametrize("page", [COMPARE, PROFILE])
def test_a_group_of_codes_is_kept_and_its_share_link_reproduces_it(page: str) -> None:
    at = open_page(page, council="E08000025", benchmark="custom", group=",".join(reversed(GROUP)))
    assert_healthy(at)
    assert tuple(at.multiselect(key="group").value) == tuple(reversed(GROUP))
    assert at.query_params["group"] == ",".join(GROUP)  # sorted codes, one parameter
    assert f"group={'%2C'.join(GROUP)}" in _link(at)
    assert "Choose two or more councils" not in texts(at)


def test_a_group_named_by_councils_and_repeated_parameters_is_kept() -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    at.query_params["council"] = "E08000025"
    at.query_params["benchmark"] = "custom"
    at.query_params["group"] = ["coventry", "Bournemouth, Christchurch and Poole", "Dorset"]
    at.switch_page(COMPARE).run()
    assert_healthy(at)
    # today's Dorset (E06000059), not the county abolished in 2019, and a name with a comma kept whole
    assert set(at.multiselect(key="group").value) == {"E08000026", "E06000058", "E06000059"}
    assert not at.warning


def test_unknown_councils_in_a_group_are_named_and_the_others_kept() -> None:
    at = open_page(COMPARE, council="E08000025", benchmark="custom", group="E08000026,Atlantis,E08000027")
    assert_healthy(at)
    assert at.multiselect(key="group").value == ["E08000026", "E08000027"]
    assert any("`group=`" in w.value and "`Atlantis`" in w.value for w in at.warning)


def test_the_group_survives_choosing_another_benchmark_and_back() -> None:
    at = open_page(COMPARE, council="E08000025", benchmark="custom", group=",".join(GROUP))
    at.selectbox(key="benchmark").set_value("england").run()
    at.selectbox(key="benchmark").set_value("custom").run()
    assert_healthy(at)
    assert tuple(at.multiselect(key="group").value) == GROUP


def _measure_without(period: str) -> str:
    values = pl.read_parquet(STORE_DIR / "values.parquet").filter(pl.col("value").is_not_null())
    has = values.filter(pl.col("period") == period)["measure"].unique().to_list()
    return sorted(set(values["measure"].unique().to_list()) - set(has))[0]


def test_changing_the_measure_does_not_blame_a_link_for_the_period() -> None:
    at = open_page(COMPARE, council="E08000025", measure="rereferral_pct", period="2014-15")
    assert_healthy(at)
    at.selectbox(key="measure").set_value(_measure_without("2014-15")).run()
    at.run()  # and on the next rerun too
    assert_healthy(at)
    assert not any("The link asked for period" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_link_with_an_unavailable_period_is_still_explained() -> None:
    at = open_page(COMPARE, council="E08000025", measure=_measure_without("2014-15"), period="2014-15")
    assert any("The link asked for period `2014-15`" in w.value for w in at.warning)


def test_a_default_period_with_no_figures_for_the_measure_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", "2014-15")
    at = open_page(COMPARE, council="E08000025", measure=_measure_without("2014-15"))
    assert_healthy(at)
    assert any("DASHBOARD_DEFAULT_PERIOD" in i.value and "`2014-15`" in i.value for i in at.info)


def test_an_available_default_period_is_used_without_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", "2014-15")
    at = open_page(COMPARE, council="E08000025", measure="rereferral_pct")
    assert_healthy(at)
    assert at.selectbox(key="period").value == "2014-15"
    assert "DASHBOARD_DEFAULT_PERIOD" not in texts(at)


def test_an_unknown_standard_in_the_address_is_named() -> None:
    at = open_page("pages/floors.py", standard="Atlantis")
    assert_healthy(at)
    assert any("`standard=`" in w.value and "`Atlantis`" in w.value for w in at.warning)
