"""User text shown back (`literal`) and bounded (`capped`): what a hostile address or query can do.

`tests/e2e/test_literal_text.py` checks the same payloads in Chromium: shown as typed, nothing
fetched, no link, image, heading or emphasis made.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from accountability.methods import search
from accountability.state import ECHO_LIMIT, INPUT_LIMIT, capped, literal, plain, unrecognised
from tests.payloads import PAYLOADS


def unfenced(markdown: str) -> str:
    """The text inside a code span as CommonMark reads it (one padding space stripped from each side)."""
    found = re.fullmatch(r"(`+)(.*?)\1", markdown, flags=re.DOTALL)
    assert found, markdown
    inner = found.group(2)
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner


HIDDEN = " (with hidden characters removed)"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_literal_is_one_code_span_holding_exactly_the_text(payload: str) -> None:
    shown = literal(payload, limit=500).removesuffix(HIDDEN)
    if not plain(payload).strip():
        assert shown == "(blank)"
        return
    assert "\n" not in shown
    assert unfenced(shown).replace("\u2060", "") == plain(payload).strip()


def test_the_fence_is_longer_than_any_run_of_backticks_inside() -> None:
    assert literal("a``b") == "```a``b```"
    assert literal("`x") == "`` `x ``"


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"])
def test_bidi_controls_are_removed_and_that_is_said(control: str) -> None:
    assert literal(f"abc{control}def") == f"`abcdef`{HIDDEN}"


def test_a_line_break_is_not_a_hidden_character() -> None:
    assert literal("a\nb") == "`a b`"


def test_line_breaks_and_tabs_become_spaces_and_other_controls_go() -> None:
    assert plain("a\nb\r\nc\td\x00e\u2028f") == "a b  c de f"


def test_streamlit_icon_shortcodes_are_broken_invisibly() -> None:
    assert literal(":material/home:") == "`:\u2060material/home:`"


def test_long_text_is_cut_to_the_echo_limit_with_an_ellipsis() -> None:
    shown = literal("x" * 500)
    assert unfenced(shown) == "x" * (ECHO_LIMIT - 1) + "…"


def test_blank_text_is_named_as_blank() -> None:
    assert literal("   ") == "(blank)"
    assert literal("  \u202e ") == f"(blank){HIDDEN}"


@pytest.mark.parametrize(("text", "kept"), [(None, None), ("", ""), ("abc", "abc"), ("x" * 1000, "x" * INPUT_LIMIT)])
def test_capped_keeps_at_most_the_input_limit(text: str | None, kept: str | None) -> None:
    assert capped(text) == kept


def test_an_unknown_url_value_is_echoed_literally() -> None:
    message = unrecognised("period", "# Notice\n[moved](https://evil.example)", ["2022-23"], "period")
    assert message is not None
    assert "`# Notice [moved](https://evil.example)`" in message
    assert "`period=`" in message


def test_search_works_on_the_capped_query(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = search.normalise

    def measuring(text: str) -> str:
        seen.append(len(text))
        return real(text)

    monkeypatch.setattr(search, "normalise", measuring)
    councils = pl.DataFrame(
        {"code": ["E08000025"], "name": ["Birmingham"], "aliases": [[]], "valid_to": [None], "successors": [[]]},
        schema_overrides={"valid_to": pl.Date, "aliases": pl.List(pl.String), "successors": pl.List(pl.String)},
    )
    found = search.search_councils("Birmingham" + " " * 60_000, councils)
    assert seen and seen[0] <= INPUT_LIMIT  # the 60,000-character query was cut before any work
    assert [m.code for m in found] == ["E08000025"]
