"""Trends page: every benchmark, councils with predecessors, single points, no council; breaks marked."""

from __future__ import annotations

import json

import pytest

from accountability.labels import TREND_METHOD_LABELS
from tests.app.conftest import assert_healthy, open_page, texts

TRENDS = "pages/trends.py"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"council": "E08000025", "measure": "rereferral_pct"},
        {"council": "E06000063", "measure": "ascof_sds_users", "benchmark": "region"},  # Cumberland: 1 point
        {"council": "E06000063", "measure": "rereferral_pct", "benchmark": "neighbours"},  # predecessor Cumbria
        {"council": "E10000006", "measure": "ascof_dp_users", "benchmark": "council_type"},  # Cumbria, abolished
    ],
)
def test_trends_render_for_every_kind_of_council(params: dict[str, str]) -> None:
    at = open_page(TRENDS, **params)
    assert_healthy(at)
    assert all(c.proto.alt for c in at.get("plotly_chart"))


def test_a_significant_trend_is_named_with_its_test() -> None:
    # Hampshire's re-referrals rose every year (32.3% to 41.0%): significant once dispersion is allowed for
    at = open_page(TRENDS, council="E10000014", measure="rereferral_pct")
    assert "Recent trend for Hampshire, 2019-20 to 2024-25: getting worse" in texts(at)
    assert TREND_METHOD_LABELS["scaled_chi_squared_trend"] in texts(at)  # the method in words, not its code


def test_year_to_year_noise_is_no_significant_change() -> None:
    # Birmingham's re-referrals move up and down (φ about 13): no trend once that variation is allowed for
    at = open_page(TRENDS, council="E08000025", measure="rereferral_pct")
    assert "Recent trend for Birmingham, 2020-21 to 2024-25: no significant change" in texts(at)


def test_a_new_council_shows_its_predecessor_as_its_own_series_and_the_reorganisation() -> None:
    at = open_page(TRENDS, council="E06000063", measure="rereferral_pct")
    series = set(at.dataframe[0].value["series"])
    assert {"Cumberland", "Cumbria (former council)", "England"} <= series
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Council reorganisation, April 2023" in spec


def test_the_framework_break_is_marked_and_segments_are_separate() -> None:
    at = open_page(TRENDS, council="E08000025", measure="ascof_dp_users")
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    labels = {a["text"] for a in layout["annotations"]}
    assert {"Framework change<br>2023-24", "New data source<br>2024-25"} <= labels  # direct payments moved to CLD
    assert set(at.dataframe[0].value["segment"]) == {"before 2023-24", "2023-24 to 2024-25", "from 2024-25"}
