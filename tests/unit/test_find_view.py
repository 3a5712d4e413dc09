"""The Find view on hand-built tables: which councils, in what order, why, and what is said."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from accountability.views.find import CHECK_URL, FindChoice, find_page_view, find_view
from accountability.views.store import from_frames

COUNCILS = pl.DataFrame(
    {
        "code": ["E10000008", "E06000065", "E10000023", "E10000006", "E06000063", "E06000064", "E08000035"],
        "name": [
            "Devon",
            "North Yorkshire",
            "North Yorkshire",
            "Cumbria",
            "Cumberland",
            "Westmorland and Furness",
            "Leeds",
        ],
        "aliases": [[], [], [], [], [], [], []],
        "valid_to": [None, None, date(2023, 4, 1), date(2023, 4, 1), None, None, None],
        "successors": [[], [], ["E06000065"], ["E06000063", "E06000064"], [], [], []],
    },
    schema_overrides={"valid_to": pl.Date},
)
PLACES = pl.DataFrame(
    {
        "name": [
            "Devon County Council",
            "North Yorkshire Council",
            "North Yorkshire County Council",
            "Exeter",
            "Harrogate",
            "Bootle",
            "Leeds City Council",
            "Leeds",
        ],
        "code": ["E10000008", "E06000065", "E06000065", "E10000008", "E06000065", "E06000063"] + ["E08000035"] * 2,
        "relation": ["council", "council", "former_council", "district", "former_district", "town", "council", "town"],
        "via_code": [None, None, "E10000023", "E07000041", "E07000165", None, None, None],
        "via_name": [None, None, "North Yorkshire", "Exeter", "Harrogate", None, None, None],
        "abolished": [None, None, date(2023, 4, 1), None, date(2023, 4, 1), None, None, None],
        "name_source": ["official_name"] * 3 + ["short_name"] * 2 + ["post_town", "official_name", "post_town"],
        "share": [None, None, None, None, None, 0.3, None, 1.0],
    },
    schema_overrides={"abolished": pl.Date},
)
POSTCODES = pl.DataFrame(
    {
        "postcode_district": ["EX4", "TR21"],
        "code": ["E10000008", "E10000008"],
        "post_town": ["Exeter", None],
        "method": ["centre", "area_name"],
    }
)
TABLES = {"councils": COUNCILS, "places": PLACES, "postcode_districts": POSTCODES}


def _found(query: str) -> list[tuple[str, str]]:
    return [(m.code, m.kind) for m in find_view(TABLES, query).matches]


def test_a_district_leads_to_its_county_and_says_why() -> None:
    view = find_view(TABLES, "exeter")
    assert [(m.code, m.kind, m.matched) for m in view.matches] == [("E10000008", "district", "Exeter")]
    assert view.matches[0].reason == "Exeter is a district in Devon: Devon County Council runs its social care."
    assert view.message == "" and view.check_url is None


def test_a_former_district_says_when_it_ended_and_who_runs_care_now() -> None:
    (match,) = find_view(TABLES, "Harrogate").matches
    assert match.code == "E06000065" and match.council == "North Yorkshire"
    assert match.reason == (
        "Harrogate district was abolished in April 2023; its area is now in North Yorkshire, "
        "where North Yorkshire Council runs social care."
    )


def test_a_former_councils_official_name_leads_to_its_successor() -> None:
    (match,) = find_view(TABLES, "North Yorkshire County Council").matches
    assert (match.code, match.kind) == ("E06000065", "successor")
    assert match.reason.startswith("North Yorkshire council was abolished in April 2023; North Yorkshire Council now")


def test_a_former_council_by_name_comes_with_its_successors_once_each() -> None:
    view = find_view(TABLES, "Cumbria")
    assert _found("Cumbria") == [
        ("E10000006", "former_council"),
        ("E06000063", "successor"),
        ("E06000064", "successor"),
    ]
    assert view.matches[0].council == "Cumbria (until March 2023)"
    assert "replaced by Cumberland council and Westmorland and Furness council" in view.matches[0].reason


def test_a_council_and_its_official_name_give_one_match() -> None:
    assert _found("Leeds") == [("E08000035", "council")]
    assert _found("Leeds City Council") == [("E08000035", "council")]


def test_a_town_split_between_councils_says_part() -> None:
    (match,) = find_view(TABLES, "Bootle").matches
    assert match.reason == "Part of the Bootle post town is in Cumberland: Cumberland council runs its social care."


def test_typo_guesses_are_dropped_when_a_name_matches_as_typed() -> None:
    assert _found("North Yorkshire") == [("E06000065", "council"), ("E10000023", "former_council")]
    assert _found("Harogate") == [("E06000065", "former_district")]


@pytest.mark.parametrize("query", ["EX4", "ex4 4qj", "  EX4"])
def test_a_postcode_district_gives_its_council_a_caveat_and_where_to_check(query: str) -> None:
    view = find_view(TABLES, query)
    assert [(m.code, m.kind, m.matched) for m in view.matches] == [("E10000008", "postcode", "EX4")]
    assert view.matches[0].reason.startswith("The centre of the postcode district EX4 (Exeter) is in Devon")
    assert "can cross council boundaries" in view.message and view.check_url == CHECK_URL


def test_a_postcode_district_placed_by_its_area_name_does_not_claim_a_centre() -> None:
    (match,) = find_view(TABLES, "TR21").matches
    assert match.reason == "The postcode district TR21 is in Devon: Devon County Council runs social care there."


def test_an_unknown_postcode_district_is_said_plainly() -> None:
    view = find_view(TABLES, "ZZ9 9ZZ")
    assert view.matches == () and view.check_url is None
    assert view.message.startswith("ZZ9 is not a postcode district in England")


@pytest.mark.parametrize("query", [None, "", "   "])
def test_no_query_says_nothing(query: str | None) -> None:
    view = find_view(TABLES, query)
    assert view.matches == () and view.message == "" and view.check_url is None


def test_no_match_is_said_plainly_and_a_long_query_is_cut() -> None:
    assert find_view(TABLES, "Atlantis").message.startswith("No council, place or postcode district matches `Atlantis`")
    view = find_view(TABLES, "Exeter" + "x" * 60_000)
    assert len(view.query) == 100 and view.matches == ()
    assert view.message.startswith("Only the first 100 characters of your search were used. No council")
    assert "xxxxxxxxxx…`" in view.message  # the query is repeated back shortened (state.literal)


# --- the page's view: the same matches, and the council already chosen ------------------------

STORE = from_frames(**TABLES)


def test_the_page_view_is_the_find_view_for_the_query() -> None:
    page = find_page_view(STORE, FindChoice("Exeter", None))
    assert page == find_view(TABLES, "Exeter")
    assert page.matches and page.chosen is None


def test_the_page_view_names_the_chosen_council_without_a_query() -> None:
    page = find_page_view(STORE, FindChoice(None, "E08000035"))
    assert page.matches == () and page.message == ""
    assert page.chosen == "Leeds"


def test_a_chosen_former_council_is_named_with_its_last_month() -> None:
    assert find_page_view(STORE, FindChoice("", "E10000023")).chosen == "North Yorkshire (until March 2023)"


def test_a_chosen_code_the_store_does_not_know_is_shown_as_the_code() -> None:
    assert find_page_view(STORE, FindChoice("", "E99999999")).chosen == "E99999999"
