"""Care market panels on hand-built frames (synthetic figures, not published ones): adult care-home
quality with its interval, the placement market, the s251 baseline, and HHI for England and regions
as the median council's, never beside councils as if comparable."""

from __future__ import annotations

import polars as pl

from accountability.views.market import _concentration
from accountability.views.market_panels import measure_panel, s251_baseline
from tests.unit import store_frames as sf

ENGLAND = "E92000001"
IDS = ("ascof_cqc_good_outstanding", "s251_residential_private_share", "s251_fostering_own_share")


def _store():  # type: ignore[no-untyped-def]
    measures = pl.concat([sf.MEASURES.head(1).with_columns(id=pl.lit(i), label=pl.lit(f"Label {i}")) for i in IDS])
    values = sf.values(
        [
            {"code": sf.ALPHA, "period": "2023-24", "measure": IDS[0], "value": 70.0, "ci_low": 60.0, "ci_high": 78.0},
            {"code": sf.ALPHA, "period": "2024-25", "measure": IDS[0], "value": 80.0, "ci_low": 71.0, "ci_high": 86.5},
            {"code": sf.ALPHA, "period": "2009-10", "measure": IDS[1], "value": 20.0},
            {"code": sf.ALPHA, "period": "2010-11", "measure": IDS[1], "value": 25.0},
            {"code": sf.ALPHA, "period": "2009-10", "measure": IDS[2], "value": 70.0},
        ]
    )
    area = [
        {"area_type": "england", "area_code": ENGLAND, "area_name": "England"},
        {"area_type": "region", "area_code": "E12000001", "area_name": "North East"},
    ]
    bench = [
        area[0] | {"period": "2024-25", "measure": IDS[0], "value": 81.7, "ci_low": 81.0, "ci_high": 82.4},
        area[1] | {"period": "2024-25", "measure": IDS[0], "value": 87.4},
        area[0] | {"period": "2009-10", "measure": IDS[1], "value": 30.0},
    ]
    return sf.from_frames(
        "test", councils=sf.COUNCILS, measures=measures, values=values, benchmarks=sf.benchmarks(bench)
    )


def test_adult_quality_is_the_latest_year_with_its_interval_region_and_england() -> None:
    panel = measure_panel(_store(), IDS[:1], sf.ALPHA, "E12000001")
    row = panel.row(0, named=True)
    assert (row["period"], row["value"], row["ci_low"], row["ci_high"]) == ("2024-25", 80.0, 71.0, 86.5)
    assert (row["region"], row["england"], row["measure"]) == (87.4, 81.7, f"Label {IDS[0]}")


def test_for_england_the_area_is_englands_own_published_figure() -> None:
    row = measure_panel(_store(), IDS[:1], ENGLAND, None).row(0, named=True)
    assert (row["value"], row["ci_low"], row["region"]) == (81.7, 81.0, None)


def test_a_measure_with_no_figure_is_left_out() -> None:
    assert measure_panel(_store(), ("no_such_measure",), sf.ALPHA, None).height == 0


def test_the_s251_baseline_is_the_council_by_year_then_england() -> None:
    table = s251_baseline(_store(), sf.ALPHA, "Alpha")
    assert table["area"].to_list() == ["Alpha", "Alpha", "England"]
    assert table["period"].to_list() == ["2009-10", "2010-11", "2009-10"]
    assert table["residential_private"].to_list() == [20.0, 25.0, 30.0]
    assert table["fostering_own"].to_list() == [70.0, None, None]
    assert s251_baseline(_store(), ENGLAND, "England")["area"].to_list() == ["England"]


def test_england_and_regions_show_the_median_councils_hhi_never_their_own() -> None:
    conc = pl.DataFrame(
        {
            "area_type": ["council", "region", "england"],
            "area_code": [sf.ALPHA, "E12000001", ENGLAND],
            "year": [2025] * 3,
            "hhi": [2500.0, 300.0, 41.6],
            "median_council_hhi": [None, 1800.0, 1500.0],
            "top5_share": [60.0, 20.0, 8.0],
            "owners": [10, 200, 1500],
            "comparable_with_councils": [True, False, False],
        }
    )
    shown = _concentration(conc)
    assert shown["hhi"].to_list() == [2500.0, 1800.0, 1500.0]  # England's own 41.6 never appears
    assert shown["hhi_is"].to_list() == ["own market", "median council's", "median council's"]
    assert shown["top5_share"].to_list() == [60.0, None, None]
