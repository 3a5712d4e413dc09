"""The Map view on hand-built frames: boundaries by period, value bands, verdict codes, sentence, download, link."""

from __future__ import annotations

import json

import polars as pl
import pytest

from accountability.methods.standards import Periods, Standard
from accountability.views.map import NO_FLOOR, MapChoice, MapView, map_view
from accountability.views.store import Store
from tests.unit import store_frames as sf

NEW, OLD = "2023-24", "2021-22"  # either side of the April 2023 boundary change


def _square(x: float) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[[x, 52], [x + 1, 52], [x + 1, 53], [x, 52]]]})


def _boundaries() -> pl.DataFrame:
    """Delta (abolished in 2023) is drawn only on the old shapes."""
    old = [(sf.ALPHA, "Alpha"), (sf.BETA, "Beta"), (sf.GAMMA, "Gamma"), (sf.DELTA, "Delta")]
    rows = [{"vintage": "2022-12", "code": c, "name": n, "geometry": _square(i)} for i, (c, n) in enumerate(old)]
    rows += [{"vintage": "2024-12", "code": c, "name": n, "geometry": _square(i)} for i, (c, n) in enumerate(old[:3])]
    return pl.DataFrame(rows)


def _values() -> pl.DataFrame:
    rows = [
        {"code": sf.ALPHA, "period": NEW, "measure": "helped", "value": 60.0, "ci_low": 55.0, "ci_high": 65.0},
        {"code": sf.BETA, "period": NEW, "measure": "helped", "value": 40.0, "ci_low": 35.0, "ci_high": 45.0},
        {"code": sf.GAMMA, "period": NEW, "measure": "helped", "value": None},
        {"code": sf.DELTA, "period": OLD, "measure": "helped", "value": 30.0},
        {"code": sf.ALPHA, "period": OLD, "measure": "helped", "value": 50.0},
        {"code": sf.GAMMA, "period": "2024-25", "measure": "helped", "value": None},  # suppressed: no value
    ]
    return sf.values(rows)


FLOOR = Standard(
    measure="helped",
    label="Share helped floor",
    polarity="higher_is_better",
    threshold=50.0,
    periods=Periods.model_validate({"from": NEW, "to": NEW}),
    confidence=0.95,
    basis="official",
    source="Test rule",
)


def _store(*standards: Standard) -> Store:
    return sf.from_frames(
        "test",
        standards=standards,
        councils=sf.COUNCILS,
        measures=sf.MEASURES,
        values=_values(),
        boundaries=_boundaries(),
    )


def _view(store: Store | None = None, **choice: object) -> MapView:
    base: dict[str, object] = {"council": sf.ALPHA, "measure": "helped", "period": NEW}
    return map_view(store or _store(), MapChoice(**(base | choice)))  # type: ignore[arg-type]


def test_the_shapes_are_those_in_force_for_the_period() -> None:
    assert sorted(_view().table["name"]) == ["Alpha", "Beta", "Gamma"]
    assert sorted(_view(period=OLD).table["name"]) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert "boundaries of December 2024" in _view().summary
    assert "boundaries of December 2022" in _view(period=OLD).summary


def test_the_summary_counts_councils_with_a_value_and_gives_the_range() -> None:
    assert _view().summary == (
        "Share helped, 2023-24: 2 of 3 councils have a published value, from 40.0 to 60.0 %; "
        "shapes are the council boundaries of December 2024."
    )


def test_a_period_with_no_values_says_so_without_a_range() -> None:
    view = _view(period="2024-25")
    assert "2024-25: 0 of 3 councils have a published value; shapes" in view.summary
    assert view.class_labels == ()
    assert view.table["class"].null_count() == 3


def test_value_bands_put_the_lowest_and_highest_in_the_end_classes_and_a_missing_value_in_none() -> None:
    classes = dict(zip(_view().table["name"], _view().table["class"], strict=True))
    assert classes == {"Alpha": 4, "Beta": 0, "Gamma": None}
    assert len(_view().class_labels) == 5


def test_colouring_by_verdict_keeps_verdict_codes_in_the_table_and_the_download() -> None:
    view = _view(_store(FLOOR), colour="floor_verdict")
    assert view.by_verdict and view.no_floor is None
    verdicts = dict(zip(view.download["name"], view.download["floor_verdict"], strict=True))
    # Alpha's interval (55-65) is wholly above 50; Beta's (35-45) wholly below; Gamma has no value
    assert verdicts == {"Alpha": "meets", "Beta": "below", "Gamma": "no_data"}
    assert view.download.columns == ["code", "name", "value", "floor_verdict", "decided_on", "status"]
    assert view.link["colour"] == "Floor verdict"


def test_a_verdict_colouring_without_a_floor_falls_back_to_values_and_says_so() -> None:
    for store, period in ((_store(), NEW), (_store(FLOOR), OLD)):  # no standard; a standard not in force
        view = _view(store, period=period, colour="floor_verdict")
        assert not view.by_verdict and view.no_floor == NO_FLOOR
        assert "floor_verdict" not in view.download.columns
        assert view.table["verdict"].null_count() == view.table.height
        assert view.link["colour"] is None


def test_colouring_by_value_never_shows_verdicts() -> None:
    view = _view(_store(FLOOR))
    assert not view.by_verdict and view.no_floor is None
    assert "floor_verdict" not in view.download.columns


def test_the_download_is_what_the_map_shows_by_name_without_shapes() -> None:
    view = _view()
    assert view.download["name"].to_list() == ["Alpha", "Beta", "Gamma"]
    assert view.download.columns == ["code", "name", "value", "status"]
    assert view.download.filter(pl.col("name") == "Gamma")["status"].to_list() == ["suppressed"]


@pytest.mark.parametrize(
    ("choice", "link"),
    [
        ({}, {"council": sf.ALPHA, "measure": "helped", "period": NEW, "colour": None, "view": None}),
        ({"council": None, "show": "Table"}, {"council": None, "measure": "helped", "period": NEW, "colour": None}),
    ],
)
def test_the_link_keeps_codes_and_leaves_defaults_out(choice: dict[str, object], link: dict[str, object]) -> None:
    got = _view(None, **choice).link
    assert {k: got[k] for k in link} == link
    assert got["view"] == choice.get("show")


def test_title_and_source_name_the_measure_the_period_and_the_boundaries() -> None:
    view = _view()
    assert view.title == "Share helped, 2023-24"
    assert view.source.startswith("Test source A; boundaries ONS")


def test_the_maps_hover_gives_each_councils_value_and_verdict_in_words() -> None:
    from components.figures.maps import council_map

    view = _view(_store(FLOOR), colour="floor_verdict")
    fig = council_map(view.table, view.class_labels, view.by_verdict, None, view.measure.unit)
    hover = next(t for t in fig.data if t.name == "councils").hovertext
    assert sorted(hover) == [
        "Alpha: 60.0% · Meets the floor",
        "Beta: 40.0% · Below the floor",
        "Gamma: not published · No data",
    ]
    by_value = _view()
    fig = council_map(by_value.table, by_value.class_labels, False, sf.ALPHA, "%")
    assert sorted(next(t for t in fig.data if t.name == "councils").hovertext)[0] == "Alpha: 60.0%"
