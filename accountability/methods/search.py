"""Find a council by name: forgiving of case, punctuation, "City of" and typos; former names lead on.

Matching, best first: the whole name (or a published alias) equal to the query; a name starting
with it; a name containing it; then, only when none of those match, a typo-tolerant similarity
(difflib's ratio, at least 0.8) against each run of words in the name. Current councils come before
former ones of the same name. A council abolished in a reorganisation is returned with a note,
and its successors are returned right after it. Pure Python over the councils table; no Streamlit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import polars as pl

from accountability.state import capped

SIMILARITY = 0.8  # one typo in a five-letter name passes ("leads" ~ "leeds"); "south" ~ "southend" does not
_STOP = re.compile(r"\b(city of|county of|council|royal borough of|metropolitan borough of|borough of|city)\b")


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', 'St.' as 'St', no punctuation or 'City of'-style words."""
    text = text.lower().replace("&", " and ").replace("st.", "st ")
    text = _STOP.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    score: float
    matched: str
    note: str


def _score(query: str, candidate: str) -> float:
    if not candidate:
        return 0.0
    if candidate == query:
        return 3.0
    if candidate.startswith(query):
        return 2.5
    if query in candidate:
        return 2.0
    words = candidate.split()
    runs = [" ".join(words[i : i + n]) for n in range(1, len(words) + 1) for i in range(len(words) - n + 1)]
    best = max(difflib.SequenceMatcher(None, query, r).ratio() for r in runs)
    return best if best >= SIMILARITY else 0.0


def search_councils(query: str, councils: pl.DataFrame, limit: int = 8) -> list[Match]:
    """Councils matching `query`, best first; a former council is followed by its successors.

    The query is capped first (`state.capped`): similarity costs grow with its length, and no
    council's name is near the cap (a 60,000-character query took 23 s before).
    """
    q = normalise(capped(query) or "")
    if len(q) < 2:
        return []
    names = {row["code"]: row for row in councils.iter_rows(named=True)}
    scored: list[Match] = []
    for row in names.values():
        candidates = [row["name"], *(row.get("aliases") or [])]
        best = max(((_score(q, normalise(c)), c) for c in candidates), key=lambda t: t[0])
        if best[0] > 0:
            scored.append(Match(row["code"], row["name"], best[0], best[1], _note(row, names)))
    if any(m.score >= 2 for m in scored):  # a name matched as typed: typo guesses would only add noise
        scored = [m for m in scored if m.score >= 2]
    scored.sort(key=lambda m: (-m.score, names[m.code]["valid_to"] is not None, m.name, m.code))
    return _with_successors(scored, names)[:limit]


def _codes(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _note(row: dict[str, object], names: dict[str, dict[str, object]]) -> str:
    successors = _codes(row.get("successors"))
    if not row.get("valid_to") or not successors:
        return ""
    after = " and ".join(str(names[s]["name"]) for s in successors if s in names)
    return f"Abolished in {row['valid_to']:%B %Y}; replaced by {after}."


def _with_successors(matches: list[Match], names: dict[str, dict[str, object]]) -> list[Match]:
    out: list[Match] = []
    seen: set[str] = set()
    for m in matches:
        for item in [m, *_successor_matches(m, names)]:
            if item.code not in seen:
                seen.add(item.code)
                out.append(item)
    return out


def _successor_matches(match: Match, names: dict[str, dict[str, object]]) -> list[Match]:
    return [
        Match(code, str(names[code]["name"]), match.score, match.name, f"Took over from {match.name}.")
        for code in _codes(names[match.code].get("successors"))
        if code in names
    ]
