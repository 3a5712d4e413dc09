"""Find your council: URL query, typo tolerance, former councils, choosing sets the council everywhere."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, open_page, texts

FIND = "pages/find.py"


def test_a_misspelt_name_in_the_url_finds_the_council() -> None:
    at = open_page(FIND, q="Birmingam")
    assert_healthy(at)
    assert "**Birmingham**" in texts(at)


def test_a_former_council_shows_its_successors() -> None:
    at = open_page(FIND, q="Cumbria")
    assert "Cumberland" in texts(at) and "Westmorland and Furness" in texts(at)
    assert "Abolished in April 2023" in texts(at)


def test_choosing_a_council_makes_it_the_council_on_every_page() -> None:
    at = open_page(FIND, q="Leeds")
    at.button(key="choose_E08000035").click().run()
    assert_healthy(at)
    assert at.selectbox(key="council").value == "E08000035"
    assert "Your council is Leeds" in texts(at)


def test_no_match_is_said_plainly() -> None:
    at = open_page(FIND, q="Atlantis")
    assert any("No council matches" in i.value for i in at.info)
