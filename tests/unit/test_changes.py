"""What changed between two releases: periods, values, measures, inspections, floors, commitments.

On SYNTHETIC stores (tests/unit/release_fixtures.py): four invented councils, one invented measure.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from accountability.methods.change_verdicts import commitment_changes, floor_changes
from accountability.methods.changes import data_changes
from tests.unit.release_fixtures import (
    ALPHA,
    BASE,
    BETA,
    COMMITMENT,
    DELTA,
    GAMMA,
    MEASURE,
    STANDARD,
    edited,
    tables,
)


def kinds(frame: pl.DataFrame) -> list[str]:
    return sorted(frame["kind"].cast(pl.String).to_list())


def test_identical_stores_have_no_changes() -> None:
    assert data_changes(tables(), tables()).height == 0
    assert floor_changes(tables(), tables(), [STANDARD]).height == 0
    assert commitment_changes(tables(), tables(), [COMMITMENT]).height == 0


def test_one_revised_value_is_one_row_with_old_and_new() -> None:
    found = data_changes(tables(), tables(edited(beta_2021_22=41.3)))
    assert found.height == 1
    row = found.row(0, named=True)
    assert (row["kind"], row["area_type"], row["area_code"], row["measure"], row["period"]) == (
        "revised_value", "council", BETA, MEASURE, "2021-22",
    )  # fmt: skip
    assert (row["old_value"], row["new_value"]) == (41.0, 41.3)
    assert (row["old_code"], row["new_code"]) == ("published", "published")


def test_a_change_in_the_last_decimal_counts_as_a_revision() -> None:
    found = data_changes(tables(), tables(edited(gamma_2020_21=70.0000001)))
    assert kinds(found) == ["revised_value"]


def test_a_newly_suppressed_value_is_revised_with_its_status() -> None:
    new = tables(edited(alpha_2020_21=None), status={(ALPHA, "2020-21"): "suppressed"})
    row = data_changes(tables(), new).row(0, named=True)
    assert (row["kind"], row["old_value"], row["new_value"]) == ("revised_value", 60.0, None)
    assert (row["old_code"], row["new_code"]) == ("published", "suppressed")


def test_a_missing_value_that_stays_missing_is_no_change() -> None:
    assert BASE[(DELTA, "2022-23")] is None
    assert data_changes(tables(), tables(dict(BASE))).height == 0


def test_a_new_period_is_one_national_row_not_one_per_council() -> None:
    cells = {**BASE, (ALPHA, "2023-24"): 63.0, (BETA, "2023-24"): 44.0}
    found = data_changes(tables(), tables(cells))
    assert kinds(found) == ["new_period"]
    row = found.row(0, named=True)
    assert (row["measure"], row["period"], row["councils"], row["area_type"]) == (MEASURE, "2023-24", 2, "england")


def test_a_period_with_only_missing_values_is_not_new() -> None:
    cells = {**BASE, (ALPHA, "2023-24"): None}
    assert "new_period" not in kinds(data_changes(tables(), tables(cells)))


def test_a_withdrawn_period_is_one_row() -> None:
    cells = {key: value for key, value in BASE.items() if key[1] != "2020-21"}
    england = {"2021-22": 57.0, "2022-23": 58.0}
    assert kinds(data_changes(tables(), tables(cells, england=england))) == ["withdrawn_period"]


def test_council_values_gone_from_a_period_england_still_has_are_removed_one_by_one() -> None:
    cells = {key: value for key, value in BASE.items() if key[1] != "2020-21"}
    found = data_changes(tables(), tables(cells))
    assert kinds(found) == ["removed_value"] * 4
    assert sorted(found["area_code"]) == sorted([ALPHA, BETA, GAMMA, DELTA])


def test_a_value_added_or_removed_in_a_known_period() -> None:
    added = {**BASE, (DELTA, "2022-23"): 53.0}
    assert kinds(data_changes(tables(), tables(added))) == ["revised_value"]  # the row existed, suppressed
    without_row = {k: v for k, v in BASE.items() if k != (DELTA, "2022-23")}
    assert data_changes(tables(without_row), tables(added))["kind"].to_list() == ["added_value"]
    removed = {k: v for k, v in BASE.items() if k != (GAMMA, "2021-22")}
    row = data_changes(tables(), tables(removed)).row(0, named=True)
    assert (row["kind"], row["area_code"], row["old_value"], row["new_value"]) == ("removed_value", GAMMA, 70.0, None)


def test_new_and_withdrawn_measures() -> None:
    assert kinds(data_changes(tables(), tables(extra_measures=("other",)))) == ["new_measure"]
    assert kinds(data_changes(tables(extra_measures=("other",)), tables())) == ["withdrawn_measure"]


def test_a_revised_england_figure_is_recorded_against_england() -> None:
    found = data_changes(tables(), tables(england={"2020-21": 56.0, "2021-22": 57.5, "2022-23": 58.0}))
    row = found.row(0, named=True)
    assert (row["kind"], row["area_type"], row["area_code"], row["old_value"], row["new_value"]) == (
        "revised_value", "england", "E92000001", 57.0, 57.5,
    )  # fmt: skip


def test_new_and_revised_inspection_judgements() -> None:
    before = [(BETA, dt.date(2022, 5, 9), "Requires improvement to be good")]
    after = [*before, (ALPHA, dt.date(2024, 1, 15), "Inadequate")]
    row = data_changes(tables(judgements=before), tables(judgements=after)).row(0, named=True)
    assert (row["kind"], row["area_code"], row["date"], row["new_code"]) == (
        "new_inspection", ALPHA, dt.date(2024, 1, 15), "Inadequate",
    )  # fmt: skip
    revised = [(BETA, dt.date(2022, 5, 9), "Good")]
    row = data_changes(tables(judgements=before), tables(judgements=revised)).row(0, named=True)
    assert (row["kind"], row["old_code"], row["new_code"]) == (
        "revised_inspection",
        "Requires improvement to be good",
        "Good",
    )


# --- floors: threshold 50, 95% interval of +-2 -------------------------------------------------


def test_newly_below_when_a_revision_puts_the_latest_interval_under_the_floor() -> None:
    # Beta 2022-23: 45.5 (interval 43.5-47.5, below) is below in both; Alpha 62 -> 47 is newly below
    found = floor_changes(tables(), tables(edited(alpha_2022_23=47.0)), [STANDARD])
    row = found.row(0, named=True)
    assert found.height == 1
    assert (row["kind"], row["area_code"], row["period"], row["old_code"], row["new_code"]) == (
        "newly_below", ALPHA, "2022-23", "meets", "below",
    )  # fmt: skip


def test_recovered_when_the_interval_reaches_the_floor() -> None:
    found = floor_changes(tables(), tables(edited(beta_2022_23=49.0)), [STANDARD])  # 47-51 straddles 50
    row = found.row(0, named=True)
    assert (row["kind"], row["area_code"], row["old_code"], row["new_code"]) == (
        "recovered",
        BETA,
        "below",
        "cannot_tell",
    )


def test_a_new_period_below_the_floor_is_newly_below_against_the_previous_latest() -> None:
    cells = {**BASE, (GAMMA, "2023-24"): 40.0}
    row = floor_changes(tables(), tables(cells), [STANDARD]).row(0, named=True)
    assert (row["kind"], row["area_code"], row["period"], row["old_period"]) == (
        "newly_below",
        GAMMA,
        "2023-24",
        "2022-23",
    )


def test_staying_below_is_not_newly_below() -> None:
    cells = {**BASE, (BETA, "2023-24"): 44.0}
    assert floor_changes(tables(), tables(cells), [STANDARD]).height == 0


def test_a_council_with_no_earlier_verdict_is_never_newly_below() -> None:
    before = {k: v for k, v in BASE.items() if k[0] != DELTA}
    after = {**before, (DELTA, "2022-23"): 30.0}
    assert floor_changes(tables(before), tables(after), [STANDARD]).height == 0


def test_a_suppressed_latest_value_falls_back_to_the_previous_verdict_with_data() -> None:
    # Beta's 2022-23 (below) is suppressed: its latest verdict with data is now 2021-22, also below
    new = tables(edited(beta_2022_23=None), status={(BETA, "2022-23"): "suppressed"})
    assert floor_changes(tables(), new, [STANDARD]).height == 0
    # Alpha's 2022-23 (meets) is suppressed and 2021-22 is revised below: newly below, in 2021-22
    new = tables(edited(alpha_2022_23=None, alpha_2021_22=45.0), status={(ALPHA, "2022-23"): "suppressed"})
    row = floor_changes(tables(), new, [STANDARD]).row(0, named=True)
    assert (row["kind"], row["period"], row["old_period"]) == ("newly_below", "2021-22", "2022-23")


# --- commitments: a rising direction target ----------------------------------------------------


def test_a_commitment_status_that_changes_is_listed_with_old_and_new() -> None:
    # Delta has two points (55, 54): not assessable; a third published value makes it assessable,
    # and with no significant rise it is off track. (A one-year jump in a flat series is not a status
    # change: "on track" for a direction needs a trend significant by the dispersion-aware test.)
    found = commitment_changes(tables(), tables(edited(delta_2022_23=53.0)), [COMMITMENT])
    delta = found.filter(pl.col("area_code") == DELTA).row(0, named=True)
    assert (delta["kind"], delta["commitment_id"], delta["old_code"], delta["new_code"]) == (
        "status_changed", COMMITMENT.id, "not assessable", "off track",
    )  # fmt: skip
    assert (delta["old_value"], delta["new_value"], delta["period"]) == (54.0, 53.0, "2022-23")


def test_a_one_year_jump_in_a_flat_series_is_not_a_status_change() -> None:
    # Gamma is flat (70, 70, 70); 75 in the latest year is not a significant trend over three points
    assert commitment_changes(tables(), tables(edited(gamma_2022_23=75.0)), [COMMITMENT]).height == 0
