"""The Trends view on hand-built frames: series, benchmarks, breaks and reorganisations, the sentence."""

from __future__ import annotations

import polars as pl

from accountability.views.store import from_frames
from accountability.views.trends import TrendsChoice, trends_view
from tests.unit import store_frames as sf

YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
# Gamma took over Delta's area in April 2023: Delta is Gamma's predecessor.
COUNCILS = sf.COUNCILS.with_columns(
    predecessors=pl.when(pl.col("code") == sf.GAMMA).then(pl.lit([sf.DELTA])).otherwise(pl.col("predecessors"))
)
MEASURES = sf.MEASURES.with_columns(
    break_period=pl.when(pl.col("id") == "waits").then(pl.lit("2022-23")).otherwise(pl.col("break_period")),
    break_periods=pl.when(pl.col("id") == "waits").then(pl.lit(["2022-23"])).otherwise(pl.col("break_periods")),
)
BREAKS = pl.DataFrame(  # the framework change on waits, as the store's measure_breaks table holds it
    {"measure": ["waits"], "period": ["2022-23"], "kind": ["framework"], "comparable": [False], "note": ["Test."]},
    schema=sf.MEASURE_BREAKS.schema,
)


def _store():  # type: ignore[no-untyped-def]
    rising = [
        {"code": sf.ALPHA, "period": y, "measure": m, "value": 40.0 + 5 * i, "numerator": (40.0 + 5 * i) * 10}
        | {"denominator": 1000.0, "ci_low": 38.0 + 5 * i, "ci_high": 42.0 + 5 * i}
        for i, y in enumerate(YEARS)
        for m in ("helped", "waits")
    ]
    others = [{"code": sf.DELTA, "period": y, "measure": "helped", "value": 30.0} for y in YEARS[:-1]] + [
        {"code": sf.GAMMA, "period": YEARS[-1], "measure": "helped", "value": 33.0}
    ]
    england = [
        {"area_type": "england", "area_code": "E92000001", "area_name": "England", "period": y, "measure": m}
        | {"value": 50.0}
        for y in YEARS
        for m in ("helped", "waits")
    ]
    region = [
        {"area_type": "region", "area_code": "E12000001", "area_name": "North East", "period": y, "measure": "helped"}
        | {"value": 45.0}
        for y in YEARS
    ]
    return from_frames(
        "test",
        councils=COUNCILS,
        measures=MEASURES,
        measure_breaks=BREAKS,
        peers=sf.PEERS,
        values=sf.values(rising + others),
        benchmarks=sf.benchmarks(england + region),
    )


def test_without_a_council_england_alone_is_shown_and_the_sentence_says_why() -> None:
    view = trends_view(_store(), TrendsChoice(None, "helped"))
    assert set(view.points["series"]) == {"England"}
    assert view.sentence == "Share helped: England's published figures. Choose a council to test its recent trend."
    assert view.markers == ()


def test_a_rising_share_is_getting_better_named_with_its_test() -> None:
    view = trends_view(_store(), TrendsChoice(sf.ALPHA, "helped", "region"))
    assert view.sentence.startswith("Recent trend for Alpha, 2019-20 to 2023-24: getting better (p = ")
    assert "chi-squared test for trend" in view.sentence
    assert set(view.points["series"]) == {"Alpha", "England", "North East"}
    assert view.alt.startswith("Share helped: Alpha against England and the council's region by period.")


def test_a_framework_break_is_marked_and_never_bridged() -> None:
    view = trends_view(_store(), TrendsChoice(sf.ALPHA, "waits"))
    assert view.markers == (("2022-23", "Framework change<br>2022-23"),)  # each break by its kind, on two lines
    segments = dict(view.points.filter(pl.col("series") == "Alpha").select("period", "segment").iter_rows())
    assert (segments["2021-22"], segments["2022-23"]) == ("before 2022-23", "from 2022-23")
    # rising on a lower-is-better measure, but only two points on the current side of the break: untested
    assert view.sentence == "Recent trend for Alpha, 2022-23 to 2023-24: not enough data."


def test_a_new_council_shows_its_predecessor_as_its_own_series_and_the_reorganisation() -> None:
    view = trends_view(_store(), TrendsChoice(sf.GAMMA, "helped"))
    assert {"Gamma", "Delta (former council)", "England"} <= set(view.points["series"])
    assert ("2023-24", "Council reorganisation, April 2023") in view.markers


def test_statistical_neighbours_are_named_as_a_mean() -> None:
    view = trends_view(_store(), TrendsChoice(sf.ALPHA, "helped", "neighbours"))
    assert view.table.columns == ["series", "period", "value", "ci_low", "ci_high", "segment"]
    # Alpha's three neighbours are fewer than five, so no neighbour mean is published: no such series
    assert "Statistical neighbours (mean)" not in set(view.points["series"])


def test_the_alt_text_names_england_once_and_the_chosen_benchmark_when_it_is_another() -> None:
    england = trends_view(_store(), TrendsChoice(sf.ALPHA, "helped", "england")).alt
    assert "against England by period" in england and "England and england" not in england
    region = trends_view(_store(), TrendsChoice(sf.ALPHA, "helped", "region")).alt
    assert "against England and " in region and "region" in region.split("by period")[0].lower()


def test_values_in_development_are_named_with_their_periods() -> None:
    plain = trends_view(_store(), TrendsChoice(sf.ALPHA, "helped"))
    assert plain.in_development is None
    store = _store()
    flagged = store.values.with_columns(in_development=pl.col("period") == "2023-24")
    view = trends_view(
        sf.store(flagged, store.benchmarks, measure_breaks=store.table("measure_breaks")),
        TrendsChoice(sf.ALPHA, "helped"),
    )
    assert view.in_development is not None
    assert view.in_development.startswith("Official statistics in development: 2023-24")
