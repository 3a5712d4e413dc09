"""Floor standards page: renders, filters from the URL, what-if floors, a bad standards file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.floors import WHAT_IF_LABEL, WHAT_IF_OPEN
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


def open_what_if(at: AppTest) -> AppTest:
    """Open the what-if editor as a user's click does: its expander's state, then one rerun."""
    at.session_state[WHAT_IF_OPEN] = True
    return at.run()


def test_what_if_floor_changes_the_verdicts_for_this_session() -> None:
    at = open_page(FLOORS)
    before = at.markdown[1].value
    open_what_if(at)
    assert at.markdown[1].value == before  # opening the editor changes nothing by itself
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
    # a standard with no floor yet says so, and shows a dash where it was decided on, not a blank "None"
    first_year = detail[detail["verdict"].str.contains("No floor yet")]
    assert len(first_year) > 0 and (first_year["decided_on"] == "—").all()
    assert detail["decided_on"].notna().all()


def test_unknown_filters_in_the_url_give_messages() -> None:
    at = open_page(FLOORS, region="Atlantis", type="Parish", domain="Pets")
    assert_healthy(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "Atlantis" in warnings and "Parish" in warnings and "Pets" in warnings


def test_a_selection_with_no_council_says_so() -> None:
    at = open_page(FLOORS, region="London", type="County council")  # London has no county councils
    assert_healthy(at)
    assert any("No current council matches" in i.value for i in at.info)


def test_the_headline_gives_interval_and_value_only_verdicts_separately() -> None:
    """Issue 9, point 2, on the real store: two counts, never one mixed one, each matching the matrix."""
    import re

    at = open_page(FLOORS)
    assert_healthy(at)
    headline = at.markdown[1].value
    found = re.search(
        r"(\d+) verdicts below the floor on an interval .* and (\d+) below on the published value alone", headline
    )
    assert found, headline
    on_interval, on_value = int(found.group(1)), int(found.group(2))
    cells = at.dataframe[0].value.drop(columns=["council", "region", "council_type", "below_count", "code"])
    below = cells.apply(lambda col: col.str.startswith("▼"))
    value_only = cells.apply(lambda col: col.str.endswith("(value only)")) & below
    assert int(below.to_numpy().sum()) == on_interval + on_value > 0
    assert int(value_only.to_numpy().sum()) == on_value
    assert "Below only when the whole 95% interval" in texts(at)  # the legend says how each kind is decided
    assert "published value alone is compared" in texts(at)


@pytest.mark.parametrize("payload", ["Not a standard", "[click here](https://evil.example/x)", "# Notice: moved"])
def test_a_bad_standard_in_the_address_is_named_as_literal_text(payload: str) -> None:
    at = open_page(FLOORS, standard=payload)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    named = [w for w in warnings if "floor standard" in w]
    assert named, warnings
    assert payload in named[0] and "`" in named[0]  # echoed inside a code span (state.literal), never as Markdown


def test_a_known_standard_in_the_address_gives_no_warning() -> None:
    at = open_page(FLOORS)
    label = at.selectbox(key="standard").options[-1]
    at = open_page(FLOORS, standard=label)
    assert_healthy(at)
    assert not [w.value for w in at.warning if "floor standard" in w.value]
    assert at.selectbox(key="standard").value == label


def test_the_watchlist_lists_the_most_severe_first_with_periods_below_and_the_gap() -> None:
    at = open_page(FLOORS)
    assert_healthy(at)
    watch = next(d.value for d in at.dataframe if "periods_below" in d.value.columns)
    assert len(watch) > 0
    assert {"periods_below", "latest_gap", "severity"} <= set(watch.columns)
    severity = watch["severity"].tolist()
    assert severity == sorted(severity)  # most severe first
    for rank in set(severity):  # then longest below first within each rank
        below = watch.loc[watch["severity"] == rank, "periods_below"].dropna().tolist()
        assert below == sorted(below, reverse=True)
    runs = watch[watch["reason"] == "below for 2+ periods"]
    assert len(runs) > 0 and runs["latest_gap"].str.endswith("short of the floor").all()
    cqc = watch[watch["reason"].str.startswith("CQC Inadequate")]
    assert "Blackpool" in set(cqc["council"]) and cqc["detail"].str.contains("compilation").all()


def test_choosing_a_watchlist_row_opens_that_councils_profile() -> None:
    """The row's callback sets the council and asks for the profile (the browser test clicks the row)."""
    from components.floor_standards import OPEN_PROFILE

    at = open_page(FLOORS)
    at.session_state["council"] = "E06000009"
    at.session_state[OPEN_PROFILE] = True
    at.run()
    assert not at.exception
    assert "Blackpool" in " ".join(t.value for t in at.title)


def test_the_what_if_inputs_are_sent_only_while_their_expander_is_open() -> None:
    at = open_page(FLOORS)
    assert_healthy(at)
    assert [e.proto.label for e in at.expander if e.proto.label == WHAT_IF_LABEL] == [WHAT_IF_LABEL]
    assert len(at.number_input) == 0  # closed: its label only, none of its inputs
    open_what_if(at)
    assert_healthy(at)
    labels = [b.label for b in at.number_input]
    assert len(labels) >= 10 and any(label.startswith("Re-referrals") for label in labels)
    assert all(b.value == b.proto.default for b in at.number_input)  # the published floors, unchanged


def test_a_typed_floor_survives_closing_and_opening_the_editor() -> None:
    at = open_what_if(open_page(FLOORS))
    published = at.markdown[1].value
    box = next(b for b in at.number_input if b.label.startswith("Re-referrals"))
    floor = box.value  # the published floor
    box.set_value(0.0).run()
    changed = at.markdown[1].value
    assert changed != published
    at.session_state[WHAT_IF_OPEN] = False  # closed: the typed floor still applies
    at.run()
    assert_healthy(at)
    assert len(at.number_input) == 0
    assert at.markdown[1].value == changed and "what-if floors for 1 standard(s)" in texts(at)
    open_what_if(at)  # opened again: the typed floor is shown, the others are the published ones
    assert at.number_input(key=box.key).value == 0.0
    assert at.markdown[1].value == changed
    at.number_input(key=box.key).set_value(floor).run()  # typed back: the published verdicts
    assert at.markdown[1].value == published and "what-if floors" not in texts(at)
