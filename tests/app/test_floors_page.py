"""Floor standards page: renders, filters from the URL, what-if floors, a bad standards file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import assert_healthy, open_page, texts

FLOORS = "pages/floors.py"


def test_floor_page_shows_matrix_counts_and_watchlist() -> None:
    at = open_page(FLOORS)
    assert_healthy(at)
    assert "verdicts below the floor" in texts(at)
    matrix = at.dataframe[0].value
    assert len(matrix) == 153 and "Standards below" not in matrix.columns  # labels are display-only
    assert all(c.proto.alt for c in at.get("plotly_chart"))


def test_region_in_the_url_filters_the_councils() -> None:
    at = open_page(FLOORS, region="North East")
    assert_healthy(at)
    assert set(at.dataframe[0].value["region"]) == {"North East"}


def test_a_missing_figure_is_never_shown_as_below() -> None:
    at = open_page(FLOORS)
    matrix = at.dataframe[0].value
    cells = matrix.drop(columns=["council", "region", "council_type", "below_count", "code"])
    below = cells.apply(lambda col: col.str.startswith("▼")).sum(axis=1)
    assert (below == matrix["below_count"]).all()


def test_what_if_floor_changes_the_verdicts_for_this_session() -> None:
    at = open_page(FLOORS)
    before = at.markdown[1].value
    box = next(b for b in at.number_input if b.label.startswith("Re-referrals"))  # one floor for every period
    box.set_value(0.0).run()  # a ceiling of 0%: every council with a figure is now above it
    assert_healthy(at)
    assert "what-if floors" in texts(at)
    assert at.markdown[1].value != before
    assert at.number_input(key=box.key).value == 0.0


def test_a_bad_standards_file_is_a_message_naming_the_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "standards.toml"
    bad.write_text('[[standard]]\nmeasure = "ascof_feel_safe"\nconfidence = 0.9\n')
    monkeypatch.setenv("DASHBOARD_STANDARDS_FILE", str(bad))
    at = open_page(FLOORS)
    assert not at.exception
    assert any("line" in e.value and "standards.toml" in e.value for e in at.error)


def test_a_chosen_council_sees_its_distance_to_every_floor() -> None:
    at = open_page(FLOORS, council="E08000025")
    assert_healthy(at)
    assert "Birmingham against every floor" in [s.value for s in at.subheader]
    detail = at.dataframe[0].value
    assert {"people_to_reach_floor", "periods_below_in_a_row", "decided_on"} <= set(detail.columns)


def test_unknown_filters_in_the_url_give_messages() -> None:
    at = open_page(FLOORS, region="Atlantis", type="Parish", domain="Pets")
    assert_healthy(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "Atlantis" in warnings and "Parish" in warnings and "Pets" in warnings


def test_a_selection_with_no_council_says_so() -> None:
    at = open_page(FLOORS, region="London", type="County council")  # London has no county councils
    assert_healthy(at)
    assert any("No current council matches" in i.value for i in at.info)
