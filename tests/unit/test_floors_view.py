"""The Floor standards view on hand-built frames: the summary, a council's floors, filters, what-if floors."""

from __future__ import annotations

import datetime as dt

import polars as pl

from accountability.methods.standards import Periods, Standard
from accountability.views.floor_standards import FloorsChoice, counts_panel, floors_view, what_if_options
from accountability.views.store import Store
from tests.unit import store_frames as sf

YEARS = ("2022-23", "2023-24")


def _standard(measure: str, polarity: str, threshold: float) -> Standard:
    return Standard(
        measure=measure,
        label=f"{measure} floor",
        polarity=polarity,  # type: ignore[arg-type]
        threshold=threshold,
        periods=Periods(from_=YEARS[0], to=YEARS[1]),
        confidence=0.95,
        basis="official",
        source="Test rule",
    )


def _store() -> Store:
    helped = {sf.ALPHA: (40.0, 42.0), sf.BETA: (60.0, 61.0), sf.GAMMA: (48.0, 45.0)}  # value only: no interval
    waits = {sf.ALPHA: (30.0, 30.0), sf.BETA: (50.0, 52.0), sf.GAMMA: (None, None)}
    rows = [
        {"code": code, "period": year, "measure": measure, "value": pair[i]}
        for measure, by_code in (("helped", helped), ("waits", waits))
        for code, pair in by_code.items()
        for i, year in enumerate(YEARS)
    ]
    inspections = pl.DataFrame(
        {
            "code": [sf.GAMMA],
            "is_latest": [True],
            "overall_effectiveness": ["Inadequate"],
            "inspection_start": [dt.date(2024, 5, 1)],
        }
    )
    england = [
        {"area_type": "england", "area_code": "E92000001", "area_name": "England", "period": y, "measure": m}
        | {"value": 50.0}
        for y in YEARS
        for m in ("helped", "waits")
    ]
    store = sf.store(sf.values(rows), sf.benchmarks(england), inspections=inspections)
    floors = [_standard("helped", "higher_is_better", 50.0), _standard("waits", "lower_is_better", 45.0)]
    return Store(store.version, store.read, lambda: floors)


def test_the_summary_counts_councils_standards_verdicts_below_and_the_watchlist() -> None:
    view = floors_view(_store(), FloorsChoice())
    # Alpha and Gamma below on helped (42, 45 < 50), Beta below on waits (52 > 45); Delta is a former council
    assert view.summary == (
        "3 councils, 2 standards at their latest period: 0 verdicts below the floor on an interval (chance "
        "allowed for) and 3 below on the published value alone (value only, chance not allowed for); "
        "3 councils on the watchlist."
    )
    reasons = set(view.selection.watch.select("council", pl.col("reason").cast(pl.String)).rows())
    # Gamma is there twice: Ofsted Inadequate and below the floor (on its value alone) two years running
    assert reasons == {
        ("Alpha", "below_run"),
        ("Beta", "below_run"),
        ("Gamma", "below_run"),
        ("Gamma", "ofsted_inadequate"),
    }


def test_a_missing_figure_is_no_data_never_below() -> None:
    matrix = floors_view(_store(), FloorsChoice()).selection.matrix
    gamma = matrix.filter(pl.col("council") == "Gamma").row(0, named=True)
    assert gamma["Long waits (2023-24)"] == "no_data" and gamma["below_count"] == 1


def test_the_chosen_council_sees_every_floor_with_codes() -> None:
    council = floors_view(_store(), FloorsChoice(council=sf.ALPHA)).council
    assert council is not None and council.heading == "Alpha against every floor"
    assert council.detail.select("standard", "verdict", "change").rows() == [
        ("Long waits", "meets", None),
        ("Share helped", "below", None),  # below in both periods: not newly below
    ]
    assert council.alt == "Alpha: below 0 of 2 floors on an interval and 1 on the value alone, with no floor yet on 0"
    assert floors_view(_store(), FloorsChoice(council=sf.DELTA)).council is None  # no row at the latest period


def test_a_what_if_floor_changes_the_verdicts_and_the_basis_table() -> None:
    store = _store()
    options = what_if_options(store)
    assert options.select("standard", "threshold").rows() == [
        ("helped 2022-23..2023-24", 50.0),
        ("waits 2022-23..2023-24", 45.0),
    ]
    lowered = floors_view(store, FloorsChoice(council=sf.ALPHA, what_if=(("helped 2022-23..2023-24", 40.0),)))
    assert lowered.council is not None
    assert dict(lowered.council.detail.select("standard", "verdict").rows())["Share helped"] == "meets"
    assert dict(lowered.basis.select("label", "threshold").rows())["helped floor"] == 40.0
    assert dict(floors_view(store, FloorsChoice()).basis.select("label", "threshold").rows())["helped floor"] == 50.0


def test_filters_keep_only_what_they_name_and_an_empty_selection_says_so() -> None:
    north_west = floors_view(_store(), FloorsChoice(region="North West"))
    assert north_west.selection.matrix["council"].to_list() == ["Gamma"]
    children = floors_view(_store(), FloorsChoice(domain="children"))
    assert set(children.selection.latest_runs["measure"]) == {"waits"}
    nobody = floors_view(_store(), FloorsChoice(region="North West", council_type="Unitary authority"))
    assert nobody.empty is not None and nobody.selection.matrix.height == 0


def test_counts_over_time_name_the_latest_period_in_the_alt_text() -> None:
    panel = counts_panel(floors_view(_store(), FloorsChoice()), "helped floor")
    assert panel.counts["period"].to_list() == list(YEARS)
    assert panel.alt == (
        "helped floor: councils below the floor by period; in 2023-24, 2 below, 0 cannot tell, 1 meet, 0 no data."
    )
