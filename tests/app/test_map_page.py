"""Map page: renders by value and by verdict, URL state, clicking selects (via the callback)."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, current_short, open_page, texts

MAP = "pages/map.py"


def test_map_renders_with_alt_text_and_a_table() -> None:
    at = open_page(MAP, council="E08000025", measure="rereferral_pct")
    assert_healthy(at)
    chart = at.get("plotly_chart")[0]
    assert chart.proto.alt and "Re-referrals" in chart.proto.alt
    at.radio(key="view").set_value("Table").run()
    assert not at.get("plotly_chart")
    assert len(at.dataframe[0].value) == 153


def test_floor_verdict_colouring_from_the_url() -> None:
    at = open_page(MAP, measure="rereferral_pct", colour="Floor verdict", view="Table")
    assert_healthy(at)
    assert set(at.dataframe[0].value["floor_verdict"].dropna()) <= {"below", "cannot_tell", "meets", "no_data"}


def test_a_measure_without_a_floor_falls_back_to_values_with_a_message() -> None:
    at = open_page(MAP, measure="cla_rate", colour="Floor verdict")
    assert_healthy(at)
    assert "no floor standard" in texts(at)


def test_years_before_april_2023_use_the_old_boundaries() -> None:
    at = open_page(MAP, measure="rereferral_pct", period="2021-22", view="Table")
    assert "December 2022" in texts(at)
    assert "E10000006" in set(at.dataframe[0].value["code"])  # Cumbria


def test_an_unknown_colouring_in_the_url_gives_a_message() -> None:
    at = open_page(MAP, colour="Purple")
    assert_healthy(at)
    assert any("Purple" in w.value for w in at.warning)


def test_the_share_link_reproduces_the_view_with_codes() -> None:
    at = open_page(MAP, council="E08000025", measure="rereferral_pct", period="2021-22", colour="Floor verdict")
    link = next(m.value for m in at.markdown if "Link to this view" in m.value)
    release = f"&release={current_short()}"  # the release it was made on (issue 13, point 5)
    assert f"(/map?council=E08000025&measure=rereferral_pct&period=2021-22&colour=Floor+verdict{release})" in link
