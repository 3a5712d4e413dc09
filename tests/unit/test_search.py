"""Council search: exact, partial, typos, aliases, former councils leading to their successors."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from accountability.methods.search import MAX_QUERY, capped, normalise, outward_code, search_councils, search_places

COUNCILS = pl.DataFrame(
    {
        "code": ["E10000006", "E06000063", "E06000064", "E08000035", "E06000023", "E08000013", "E06000033"],
        "name": [
            "Cumbria",
            "Cumberland",
            "Westmorland and Furness",
            "Leeds",
            "Bristol",
            "St. Helens",
            "Southend-on-Sea",
        ],
        "aliases": [[], [], [], [], ["Bristol, City of"], ["St Helens"], []],
        "valid_to": [date(2023, 4, 1), None, None, None, None, None, None],
        "successors": [["E06000063", "E06000064"], [], [], [], [], [], []],
    },
    schema_overrides={"valid_to": pl.Date},
)


def _names(query: str) -> list[str]:
    return [m.name for m in search_councils(query, COUNCILS)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Leeds", "Leeds"),
        ("leeds", "Leeds"),
        ("  LEEDS ", "Leeds"),
        ("leads", "Leeds"),
        ("Bristol, City of", "Bristol"),
        ("bristol city", "Bristol"),
        ("st helens", "St. Helens"),
        ("St. Helens", "St. Helens"),
        ("westmor", "Westmorland and Furness"),
        ("southend", "Southend-on-Sea"),
    ],
)
def test_finds_the_council_however_it_is_typed(query: str, first: str) -> None:
    assert _names(query)[0] == first


def test_a_former_council_leads_to_its_successors() -> None:
    matches = search_councils("Cumbria", COUNCILS)
    assert [m.name for m in matches] == ["Cumbria", "Cumberland", "Westmorland and Furness"]
    assert "replaced by Cumberland and Westmorland and Furness" in matches[0].note
    assert matches[1].note == "Took over from Cumbria."


def test_typo_guesses_are_not_added_when_a_name_matches_as_typed() -> None:
    assert _names("southend") == ["Southend-on-Sea"]


@pytest.mark.parametrize("query", ["", "x", "zzzz", "!!"])
def test_nothing_sensible_gives_no_matches(query: str) -> None:
    assert _names(query) == []


def test_normalise() -> None:
    assert normalise("Brighton & Hove") == "brighton and hove"
    assert normalise("Kingston upon Hull, City of") == "kingston upon hull"


@pytest.mark.parametrize(
    ("query", "district"),
    [
        ("EX4", "EX4"),
        ("ex4", "EX4"),
        (" ex4 ", "EX4"),
        ("EX4 4QJ", "EX4"),
        ("ex44qj", "EX4"),
        ("SW1A 1AA", "SW1A"),
        ("M1", "M1"),
        ("B1 1AA", "B1"),
        ("Exeter", None),
        ("EX", None),
        ("4QJ", None),
        ("EX4 4Q", None),
        ("", None),
    ],
)
def test_outward_code(query: str, district: str | None) -> None:
    assert outward_code(query) == district


def test_queries_are_capped() -> None:
    assert capped("x" * (MAX_QUERY + 1)) == ("x" * MAX_QUERY, True)
    assert capped("x" * MAX_QUERY) == ("x" * MAX_QUERY, False)
    assert outward_code(" " * 60_000 + "EX4") is None  # the cap comes first: the postcode is past it


PLACES = pl.DataFrame(
    {
        "name": ["Exeter", "Exeter City Council", "Exmouth", "Harrogate", "Kent County Council"],
        "code": ["E10000008", "E10000008", "E10000008", "E06000065", "E10000016"],
        "relation": ["district", "district", "town", "former_district", "council"],
    }
)


def test_places_best_match_first_then_the_clearest_relation() -> None:
    found = search_places("exeter", PLACES)
    assert [(score, row["name"]) for score, row in found] == [(3.0, "Exeter"), (3.0, "Exeter City Council")]
    assert [row["name"] for _, row in search_places("kent county council", PLACES)] == ["Kent County Council"]


def test_places_typos_only_when_nothing_matches_as_typed() -> None:
    assert [row["name"] for _, row in search_places("Harogate", PLACES)] == ["Harrogate"]
    assert [row["name"] for _, row in search_places("ex", PLACES)] == ["Exeter", "Exeter City Council", "Exmouth"]
