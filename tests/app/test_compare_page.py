"""Compare page: URL state in and out, unknown values explained, numbers consistent with the store."""

from __future__ import annotations

import polars as pl

from accountability.store import read_table
from tests.app.conftest import assert_healthy, current_short, texts
from tests.app.conftest import open_page as _open_page
from tests.conftest import STORE_DIR

BIRMINGHAM = "E08000025"
COMPARE = "pages/compare.py"


def open_page(**params: str):  # type: ignore[no-untyped-def]
    return _open_page(COMPARE, **params)


def _some_measure_and_periods() -> tuple[str, list[str]]:
    values = read_table(STORE_DIR, "values").filter(pl.col("value").is_not_null())
    counts = values.group_by("measure").agg(pl.col("period").unique().sort()).sort("measure")
    row = counts.filter(pl.col("period").list.len() >= 2).row(0, named=True)
    return row["measure"], row["period"]


def test_url_parameters_set_council_measure_and_period() -> None:
    measure, periods = _some_measure_and_periods()
    at = open_page(council=BIRMINGHAM, measure=measure, period=periods[0])
    assert_healthy(at)
    assert at.selectbox(key="council").value == BIRMINGHAM
    assert at.selectbox(key="measure").value == measure
    assert at.selectbox(key="period").value == periods[0]
    assert "Birmingham" in texts(at)


def test_default_period_is_the_latest_with_data() -> None:
    measure, periods = _some_measure_and_periods()
    at = open_page(measure=measure)
    assert at.selectbox(key="period").value == periods[-1]


def test_unknown_council_in_url_gives_a_friendly_message() -> None:
    at = open_page(council="E99999999")
    assert_healthy(at)
    assert at.selectbox(key="council").value is None
    assert any("E99999999" in w.value for w in at.warning)


def test_unknown_measure_in_url_gives_a_friendly_message() -> None:
    at = open_page(measure="not_a_measure")
    assert_healthy(at)
    assert any("not_a_measure" in w.value for w in at.warning)


def test_unknown_period_in_url_gives_a_friendly_message() -> None:
    at = open_page(period="1066-67")
    assert_healthy(at)
    assert any("1066-67" in w.value for w in at.warning)


def test_summary_is_also_the_chart_alt_text() -> None:
    at = open_page(council=BIRMINGHAM)
    chart = at.get("plotly_chart")[0]
    assert chart.proto.alt and chart.proto.alt in texts(at)


def test_changing_the_council_changes_the_summary() -> None:
    at = open_page(council=BIRMINGHAM)
    before = at.get("plotly_chart")[0].proto.alt
    at.selectbox(key="council").select("E08000035").run()  # Leeds
    after = at.get("plotly_chart")[0].proto.alt
    assert "Leeds" in after and before != after


def test_table_has_every_council_with_a_row_and_the_published_comparators() -> None:
    measure, periods = _some_measure_and_periods()
    at = open_page(council=BIRMINGHAM, measure=measure, period=periods[-1], view="Table")
    shown = next(d.value for d in at.dataframe if "area_type" in d.value.columns)
    values = read_table(STORE_DIR, "values").filter((pl.col("measure") == measure) & (pl.col("period") == periods[-1]))
    assert (shown["area_type"] == "council").sum() == values.height
    assert "england" in set(shown["area_type"])


def test_readable_labels_in_the_url_work_too() -> None:
    at = open_page(council="Birmingham")
    assert at.selectbox(key="council").value == BIRMINGHAM
    assert not at.warning


def test_former_council_in_url_is_labelled_with_its_end() -> None:
    at = open_page(council="E10000006")  # Cumbria, abolished April 2023
    assert at.selectbox(key="council").value == "E10000006"
    assert "Cumbria (until March 2023)" in at.selectbox(key="council").options


def test_every_measure_renders_at_its_latest_period_for_a_council() -> None:
    measures = read_table(STORE_DIR, "values").filter(pl.col("value").is_not_null())["measure"].unique().sort()
    assert measures.len() > 10
    at = open_page(council=BIRMINGHAM)
    for measure in measures.to_list():
        at.selectbox(key="measure").select(measure).run()
        assert_healthy(at)
        assert at.get("plotly_chart"), measure


def test_a_page_failure_is_a_plain_message_not_a_traceback(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import components.figures.compare

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(components.figures.compare, "compare_figure", broken)
    at = open_page(council=BIRMINGHAM)
    assert not at.exception
    assert any("could not be shown" in e.value for e in at.error)
    assert "boom" not in texts(at)


def test_benchmark_and_level_come_from_the_url_and_reach_the_summary() -> None:
    at = open_page(
        council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", benchmark="neighbours", level="99.8%"
    )
    assert_healthy(at)
    assert at.selectbox(key="benchmark").value == "neighbours"
    alt = at.get("plotly_chart")[0].proto.alt
    assert "Compared with Statistical neighbours" in alt and "99.8%" in alt
    at.radio(key="view").set_value("Table").run()
    shown = next(d.value for d in at.dataframe if "area_type" in d.value.columns)
    assert {"benchmark_value", "compared_with_benchmark"} <= set(shown.columns)


def test_every_benchmark_renders() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct")
    for kind in at.selectbox(key="benchmark").options:
        at.selectbox(key="benchmark").set_value(kind).run()
        assert_healthy(at)


def test_funnel_plot_for_a_percentage_with_denominators() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25")
    assert "rank interval" in at.get("plotly_chart")[0].proto.alt
    at.radio(key="view").set_value("Funnel plot").run()
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and "funnel plot" in charts[0].proto.alt


def test_no_funnel_without_denominators_says_why() -> None:
    at = open_page(measure="ascof_sds_users", period="2023-24", view="Funnel plot")
    assert_healthy(at)
    assert any("funnel plot needs" in i.value for i in at.info)


def test_an_unknown_confidence_level_in_the_url_gives_a_message() -> None:
    at = open_page(level="50%")
    assert_healthy(at)
    assert any("50%" in w.value for w in at.warning)
    assert at.radio(key="level").value == "95%"


def test_funnel_positions_are_also_a_table() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", view="Funnel plot")
    assert any("position" in d.value.columns for d in at.dataframe)


def test_only_the_chosen_view_is_built() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25")
    assert at.radio(key="view").value == "Chart"
    assert len(at.get("plotly_chart")) == 1 and not at.dataframe
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", view="Table")
    assert not at.get("plotly_chart") and at.dataframe


def test_an_unknown_view_in_the_url_gives_a_message_and_the_chart() -> None:
    at = open_page(council=BIRMINGHAM, view="Pie chart")
    assert_healthy(at)
    assert any("Pie chart" in w.value for w in at.warning)
    assert at.get("plotly_chart")


def test_the_share_link_uses_codes_and_keeps_the_view() -> None:
    at = open_page(council="Birmingham", measure="rereferral_pct", period="2024-25", view="Table", level="99.8%")
    link = next(m.value for m in at.markdown if "Link to this view" in m.value)
    target = link.split("](", 1)[1].split(")", 1)[0]
    assert target == (
        "/compare?council=E08000025&measure=rereferral_pct&period=2024-25&benchmark=england&level=99.8%25&view=Table"
        f"&release={current_short()}"  # the release it was made on (issue 13, point 5)
    )
    assert "rereferral\\_pct" in link  # shown literally, not as Markdown emphasis


def test_the_address_keeps_codes_after_a_link_is_opened() -> None:
    at = open_page(council="Birmingham", measure="rereferral_pct", benchmark="neighbours")
    assert at.query_params["council"] == "E08000025"  # a label in the link becomes the stable code
    assert at.query_params["measure"] == "rereferral_pct"
    assert at.query_params["benchmark"] == "neighbours"


def test_choosing_in_the_page_writes_codes_and_the_default_is_left_out() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", benchmark="neighbours")
    at.selectbox(key="council").select("E08000035").run()  # Leeds
    at.selectbox(key="benchmark").select("england").run()  # the default
    assert at.query_params["council"] == "E08000035"
    assert "benchmark" not in at.query_params


def test_the_region_as_benchmark_is_drawn_once() -> None:
    import json

    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", benchmark="region")
    labels = [a["text"] for a in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]]
    assert sum(text.startswith("West Midlands") for text in labels) == 1, labels
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", benchmark="neighbours")
    labels = [a["text"] for a in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]]
    assert any(text.startswith("Statistical neighbours") for text in labels), labels


def test_the_funnel_names_its_centre_method_and_adjustment_and_keeps_it_in_the_address() -> None:
    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", view="Funnel plot")
    assert_healthy(at)
    assert at.selectbox(key="funnel").value == "additive"  # random effects by default
    caption = " ".join(c.value for c in at.caption)
    assert "England's figure from its published numerator and denominator" in caption
    assert "τ²" in caption and "random-effects" in caption
    at.selectbox(key="funnel").select("multiplicative").run()
    assert at.query_params["funnel"] == "multiplicative"
    caption = " ".join(c.value for c in at.caption)
    assert "φ" in caption and "multiplicative" in caption
    link = next(m.value for m in at.markdown if "Link to this view" in m.value)
    assert "funnel=multiplicative" in link


def test_the_funnel_table_names_every_column_in_words() -> None:
    import json

    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", view="Funnel plot")
    table = at.dataframe[0]
    config = json.loads(table.proto.columns)
    shown = list(table.value.columns)
    assert shown and all(c in config for c in shown), (shown, sorted(config))
    labels = [config[c]["label"] for c in shown]
    assert "position_chance_alone" not in labels and "low998" not in labels
    assert "Position, chance alone" in labels and "99.8% limit: low" in labels


def test_a_rate_gets_a_poisson_funnel() -> None:
    at = open_page(measure="cla_rate", period="2024-25", view="Funnel plot")
    assert_healthy(at)
    assert len(at.get("plotly_chart")) == 1
    assert "Poisson" in " ".join(c.value for c in at.caption)


def test_an_unknown_funnel_adjustment_in_the_url_gives_a_message() -> None:
    at = open_page(measure="rereferral_pct", period="2024-25", view="Funnel plot", funnel="wobbly")
    assert_healthy(at)
    assert any("wobbly" in w.value for w in at.warning)
    assert at.selectbox(key="funnel").value == "additive"


def test_whiskers_follow_the_level_and_the_caption_says_so() -> None:
    import json

    at = open_page(council=BIRMINGHAM, measure="rereferral_pct", period="2024-25", level="99.8%")
    assert any("99.8% confidence intervals, the level the verdicts use" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Birmingham" in spec["layout"]["title"]["text"]  # the title states the chosen council's finding


def test_no_quartile_is_claimed_for_a_measure_with_no_better_direction() -> None:
    at = open_page(council=BIRMINGHAM, measure="cla_rate", period="2024-25")
    assert_healthy(at)
    assert "quartile" not in texts(at) and "1 = best" not in texts(at)


def test_official_statistics_in_development_are_labelled() -> None:
    at = open_page(measure="ascof_sds_users", period="2024-25")
    assert_healthy(at)
    assert any("Official statistics in development" in i.value for i in at.info)
    at = open_page(measure="rereferral_pct", period="2024-25")
    assert not any("Official statistics in development" in i.value for i in at.info)
