"""Spend ratios per council, region and England, on hand-built spend lines and populations."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from accountability.formatting import format_value
from accountability.methods import spend
from accountability.methods.spend_measures import MEASURES, RATIOS, Ratio

SHARE = Ratio("share", ("A",), ("B",), 100.0)
PER_HEAD = Ratio("per_head", ("A", "C"), "population:18+", 1000.0)
PER_CHILD = Ratio("per_child", ("A",), "children_looked_after", 1000.0)
NORTH, SOUTH = "E12000001", "E12000002"


def councils() -> pl.DataFrame:
    rows = [
        ("E06000001", NORTH, "North East", None, None),
        ("E06000002", NORTH, "North East", None, None),
        ("E06000003", SOUTH, "North West", None, None),
        ("E10000006", SOUTH, "North West", None, date(2023, 4, 1)),  # abolished before 2024-25
    ]
    schema = ["code", "region_code", "region", "valid_from", "valid_to"]
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(pl.col("valid_from").cast(pl.Date), pl.col("valid_to").cast(pl.Date))


def lines(rows: list[tuple[str, str, float | None, str]], period: str = "2024-25") -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["code", "variable", "value", "status"], orient="row")
    return frame.with_columns(
        period=pl.lit(period), source_file=pl.lit("RO3.ods"), source_row=pl.int_range(pl.len()).cast(pl.Int64) + 7
    )


def others(rows: list[tuple[str, str, float | None, str]], period: str = "2024-25") -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["code", "kind", "value", "status"], orient="row")
    return frame.with_columns(period=pl.lit(period))


NO_OTHERS = others([("E92000001", "population:18+", 1.0, "published")])


def one(frame: pl.DataFrame, **keys: str) -> dict[str, object]:
    rows = frame.filter(pl.all_horizontal(pl.col(k) == v for k, v in keys.items()))
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def test_a_share_is_numerator_over_denominator_in_percent() -> None:
    data = lines([("E06000001", "A", 25.0, "published"), ("E06000001", "B", 200.0, "published")])
    values, _ = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    row = one(values, code="E06000001")
    assert (row["value"], row["numerator"], row["denominator"], row["status"]) == (12.5, 25.0, 200.0, "published")
    assert row["source_file"] == "RO3.ods" and row["source_row"] == 7


def test_a_line_published_as_missing_makes_the_figure_missing_never_a_partial_sum() -> None:
    data = lines([("E06000001", "A", 5.0, "published"), ("E06000001", "C", None, "not_available")])
    pop = others([("E06000001", "population:18+", 100.0, "published")])
    values, _ = spend.ratio_tables(data, [PER_HEAD], councils(), pop)
    row = one(values, code="E06000001")
    assert row["value"] is None and row["numerator"] is None and row["status"] == "not_available"


def test_a_line_absent_from_the_file_is_missing() -> None:
    data = lines([("E06000001", "A", 5.0, "published")])
    pop = others([("E06000001", "population:18+", 100.0, "published")])
    values, _ = spend.ratio_tables(data, [PER_HEAD], councils(), pop)
    assert one(values, code="E06000001")["status"] == "missing"


def test_nothing_to_share_out_is_not_applicable_not_zero() -> None:
    data = lines([("E06000001", "A", 0.0, "published"), ("E06000001", "B", 0.0, "published")])
    values, _ = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    row = one(values, code="E06000001")
    assert row["value"] is None and row["status"] == "not_applicable"


def test_a_suppressed_denominator_keeps_its_status() -> None:
    data = lines([("E06000001", "A", 50.0, "published")])
    looked_after = others([("E06000001", "children_looked_after", None, "suppressed")])
    values, _ = spend.ratio_tables(data, [PER_CHILD], councils(), looked_after)
    row = one(values, code="E06000001")
    assert row["value"] is None and row["status"] == "suppressed"


def test_per_head_in_pounds_from_thousands() -> None:
    data = lines([("E06000001", "A", 3.0, "published"), ("E06000001", "C", 2.0, "published")])
    pop = others([("E06000001", "population:18+", 10.0, "published")])
    values, _ = spend.ratio_tables(data, [PER_HEAD], councils(), pop)
    assert one(values, code="E06000001")["value"] == pytest.approx(500.0)


def test_a_region_is_pooled_from_all_its_councils() -> None:
    data = lines(
        [("E06000001", "A", 30.0, "published"), ("E06000001", "B", 100.0, "published"),
         ("E06000002", "A", 10.0, "published"), ("E06000002", "B", 300.0, "published")]
    )  # fmt: skip
    _, bench = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    row = one(bench, area_code=NORTH)
    assert (row["value"], row["numerator"], row["denominator"]) == (10.0, 40.0, 400.0)  # not the mean of 30% and 3.3%
    assert row["area_type"] == "region" and row["area_name"] == "North East" and row["status"] == "published"


def test_a_region_with_a_council_missing_is_not_shown() -> None:
    data = lines(
        [("E06000001", "A", 30.0, "published"), ("E06000001", "B", 100.0, "published"),
         ("E06000002", "A", None, "not_available"), ("E06000002", "B", None, "not_available")]
    )  # fmt: skip
    _, bench = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    row = one(bench, area_code=NORTH)
    assert row["value"] is None and row["status"] == "not_available"


def test_an_abolished_council_is_not_expected_in_its_region() -> None:
    data = lines([("E06000003", "A", 1.0, "published"), ("E06000003", "B", 4.0, "published")])
    _, bench = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    assert one(bench, area_code=SOUTH)["value"] == 25.0  # Cumbria (gone by April 2024) is not waited for


def test_england_is_the_published_row_or_the_sum_of_councils() -> None:
    data = lines(
        [("E06000001", "A", 1.0, "published"), ("E06000001", "B", 4.0, "published"),
         ("E06000002", "A", 1.0, "published"), ("E06000002", "B", 4.0, "published"),
         ("E06000003", "A", 1.0, "published"), ("E06000003", "B", 4.0, "published"),
         ("E92000001", "A", 9.0, "published"), ("E92000001", "B", 10.0, "published")]
    )  # fmt: skip
    _, published = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    _, summed = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS, england="summed")
    assert one(published, area_type="england")["value"] == 90.0
    assert one(summed, area_type="england")["value"] == 25.0


def test_population_is_the_latest_estimate_not_after_the_year_start() -> None:
    population = pl.DataFrame(
        {
            "code": ["E06000001"] * 5,
            "year": [2020, 2020, 2023, 2024, 2025],
            "age_band": ["18-64", "65+", "0-17", "0-17", "0-17"],
            "population": [60, 40, 7, 8, 9],
            "status": ["published"] * 5,
        }
    )
    got = spend.heads(population, ["2024-25"])
    by_kind = dict(zip(got["kind"], got["value"], strict=True))
    expected = {"population:18+": 100.0, "population:18-64": 60.0, "population:65+": 40.0, "population:0-17": 8.0}
    assert by_kind == expected  # adults from 2020 (borrowed), children from 2024 (not 2025, after the start)


def test_every_ratio_has_a_registered_amount_measure() -> None:
    ids = {m.id: m for m in MEASURES}
    assert {r.measure for r in RATIOS} == set(ids)
    for measure in MEASURES:
        assert measure.value_type == "amount" and measure.polarity == "no_judgement" and not measure.official
        assert "cash" in measure.note.lower() and "legitimate local reasons" in measure.description


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(567.83, "£ per adult aged 18+", "£568 per adult aged 18+"), (-24.5, "£ per child looked after",
      "-£24 per child looked after"), (7385.0, "£ per child per week", "£7,385 per child per week")],
)  # fmt: skip
def test_money_is_written_in_whole_pounds_with_its_unit(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_a_council_that_spent_nothing_does_not_hold_back_its_region() -> None:
    data = lines(
        [("E06000001", "A", 30.0, "published"), ("E06000001", "B", 100.0, "published"),
         ("E06000002", "A", 0.0, "published"), ("E06000002", "B", 0.0, "published")]
    )  # fmt: skip
    values, bench = spend.ratio_tables(data, [SHARE], councils(), NO_OTHERS)
    assert one(values, code="E06000002")["status"] == "not_applicable"
    assert one(bench, area_code=NORTH)["value"] == 30.0
