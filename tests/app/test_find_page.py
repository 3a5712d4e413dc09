"""Find your council: names, districts, former districts, official names, postcode districts, typos,
unknown and overlong queries; choosing a council makes it the council on every page."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_healthy, open_page
from tests.app.conftest import texts as markdown_texts

FIND = "pages/find.py"


def texts(at: AppTest) -> str:
    """The page's text as a reader sees it: Markdown's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown_texts(at))


def _choices(at: AppTest) -> list[str]:
    """Keys of the 'Choose …' buttons, one per council found, in order."""
    return [b.key for b in at.button if b.key and b.key.startswith("choose_")]


def test_a_district_leads_to_its_county_and_says_why() -> None:
    at = open_page(FIND, q="Exeter")
    assert_healthy(at)
    assert _choices(at)[0] == "choose_E10000008"  # Devon
    assert "Exeter is a district in Devon: Devon County Council runs its social care." in texts(at)


def test_a_postcode_district_leads_to_its_council_with_a_caveat_and_a_link() -> None:
    at = open_page(FIND, q="EX4")
    assert_healthy(at)
    assert _choices(at) == ["choose_E10000008"]
    assert "EX4 (Exeter) is in Devon" in texts(at)
    assert "can cross council boundaries" in texts(at)
    assert "https://www.gov.uk/find-local-council" in texts(at)


def test_a_former_district_leads_to_the_council_that_replaced_it() -> None:
    at = open_page(FIND, q="Harrogate")
    assert_healthy(at)
    assert _choices(at)[0] == "choose_E06000065"  # North Yorkshire (unitary since April 2023)
    assert "Harrogate district was abolished in April 2023" in texts(at)
    assert "North Yorkshire Council runs social care" in texts(at)


def test_an_official_name_finds_the_council() -> None:
    at = open_page(FIND, q="Kent County Council")
    assert_healthy(at)
    assert _choices(at)[0] == "choose_E10000016"


def test_a_misspelt_name_in_the_url_finds_the_council() -> None:
    at = open_page(FIND, q="Birmingam")
    assert_healthy(at)
    assert "**Birmingham**" in texts(at)
    assert _choices(at)[0] == "choose_E08000025"


def test_a_former_council_shows_its_successors() -> None:
    at = open_page(FIND, q="Cumbria")
    assert "Cumberland" in texts(at) and "Westmorland and Furness" in texts(at)
    assert "Cumbria County Council was abolished in April 2023" in texts(at)
    assert _choices(at) == ["choose_E10000006", "choose_E06000063", "choose_E06000064"]


def test_choosing_a_council_makes_it_the_council_on_every_page() -> None:
    at = open_page(FIND, q="Leeds")
    at.button(key="choose_E08000035").click().run()
    assert_healthy(at)
    assert at.selectbox(key="council").value == "E08000035"
    assert "Your council is Leeds" in texts(at)


def test_no_match_is_said_plainly() -> None:
    at = open_page(FIND, q="Atlantis")
    assert_healthy(at)
    assert not _choices(at)
    assert "No council, place or postcode district matches `Atlantis`" in texts(at)


def test_an_unknown_postcode_district_is_said_plainly() -> None:
    at = open_page(FIND, q="ZZ99")
    assert_healthy(at)
    assert not _choices(at)
    assert "ZZ99 is not a postcode district in England" in texts(at)


def test_a_query_of_60000_characters_is_cut_and_answered_with_a_message() -> None:
    at = open_page(FIND, q="x" * 60_000)
    assert_healthy(at)
    assert at.text_input(key="q").value == "x" * 100  # the box holds at most 100 characters
    assert not _choices(at)
    assert "No council, place or postcode district matches" in texts(at)


def test_markdown_in_a_query_is_shown_as_typed() -> None:
    at = open_page(FIND, q="**bold** [link](http://x)")
    assert_healthy(at)
    message = " ".join(i.value for i in at.info)
    # a code span (state.literal): backslash escapes let Chromium make a link of an address (tests/e2e)
    assert "`**bold** [link](http://x)`" in message
