"""Find a council by what people type: its name, a district, a town, or a postcode district.

Names are matched forgiving case, punctuation, "City of" and typos. Best first: the whole name equal
to the query; a name starting with it; a name containing it; then, only when none of those match, a
typo-tolerant similarity (difflib's ratio, at least 0.8) against each run of words in the name.
- `search_councils`: council names and published aliases. Current councils come before former ones
  of the same name; a council abolished in a reorganisation is followed by its successors.
- `search_places`: the `places` table (districts, former districts, official names, name variants,
  post towns), each row leading to the council that runs social care there.
- `outward_code`: the postcode district ("EX4") of a query that is a postcode or the first half of one.
Every entry point caps the query at `MAX_QUERY` characters first (see `capped`). Pure Python over
the store's tables; no Streamlit, and no wording of results (see `views.find`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from accountability.state import capped as cap_text

SIMILARITY = 0.8  # one typo in a five-letter name passes ("leads" ~ "leeds"); "south" ~ "southend" does not
MAX_QUERY = 100  # longer than any council, place or postcode; caps the work a pasted text can cause
_STOP = re.compile(r"\b(city of|county of|council|royal borough of|metropolitan borough of|borough of|city)\b")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*[0-9][A-Z]{2})?$")
EXACT, STARTS, CONTAINS = 3.0, 2.5, 2.0
# Among equally good name matches, the clearest explanation first: a council's own name, then a district.
RELATION_RANK = {"council": 0, "district": 1, "former_district": 2, "former_council": 3, "town": 4}


def capped(query: str) -> tuple[str, bool]:
    """The query cut to MAX_QUERY characters (the shared cap, `state.capped`), and whether it was cut."""
    return cap_text(query, MAX_QUERY) or "", len(query) > MAX_QUERY


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', 'St.' as 'St', no punctuation or 'City of'-style words."""
    text = text.lower().replace("&", " and ").replace("st.", "st ")
    text = _STOP.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def outward_code(query: str) -> str | None:
    """'ex4 4qj', 'EX44QJ' or ' ex4 ' -> 'EX4'; None when the query is not shaped like a postcode."""
    found = _POSTCODE.match(" ".join(capped(query)[0].upper().split()))
    return found.group(1) if found else None


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    score: float
    matched: str
    note: str
    via_code: str = ""  # for a successor: the former council the query matched


def _direct_score(query: str, candidate: str) -> float:
    if not candidate:
        return 0.0
    if candidate == query:
        return EXACT
    if candidate.startswith(query):
        return STARTS
    return CONTAINS if query in candidate else 0.0


def _typo_score(query: str, candidate: str) -> float:
    """Best similarity of the query to any run of words in the candidate, if at least SIMILARITY."""
    words = candidate.split()
    best = 0.0
    for n in range(1, len(words) + 1):
        for i in range(len(words) - n + 1):
            matcher = difflib.SequenceMatcher(None, query, " ".join(words[i : i + n]))
            # the quick ratios are upper bounds: skip the full comparison when they already fall short
            if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY:
                best = max(best, matcher.ratio())
    return best if best >= SIMILARITY else 0.0


def _score(query: str, candidate: str) -> float:
    return _direct_score(query, candidate) or _typo_score(query, candidate)


def best_scores(query: str, candidates: Iterable[tuple[int, str]]) -> dict[int, tuple[float, str]]:
    """Row -> (score, candidate text) for rows that match; typo guesses only when nothing matches directly."""
    q = normalise(capped(query)[0])
    if len(q) < 2:
        return {}
    listed = [(row, text, normalise(text)) for row, text in candidates]
    for scorer in (_direct_score, _typo_score):
        found: dict[int, tuple[float, str]] = {}
        for row, text, key in listed:
            score = scorer(q, key)
            if score > found.get(row, (0.0, ""))[0]:
                found[row] = (score, text)
        if found:
            return found
    return {}


def search_councils(query: str, councils: pl.DataFrame, limit: int = 8) -> list[Match]:
    """Councils matching `query`, best first; a former council is followed by its successors."""
    names = {row["code"]: row for row in councils.iter_rows(named=True)}
    rows = list(names.values())
    candidates = [(i, text) for i, row in enumerate(rows) for text in [row["name"], *(row.get("aliases") or [])]]
    scored = [
        Match(rows[i]["code"], rows[i]["name"], score, text, _note(rows[i], names))
        for i, (score, text) in best_scores(query, candidates).items()
    ]
    scored.sort(key=lambda m: (-m.score, names[m.code]["valid_to"] is not None, m.name, m.code))
    return _with_successors(scored, names)[:limit]


def search_places(query: str, places: pl.DataFrame, limit: int = 8) -> list[tuple[float, dict[str, object]]]:
    """(score, row) of `places` rows matching `query`: best score first, then the best relation."""
    rows = places.to_dicts()
    found = best_scores(query, ((i, str(row["name"])) for i, row in enumerate(rows)))
    rank = [RELATION_RANK.get(str(row["relation"]), len(RELATION_RANK)) for row in rows]
    order = sorted(found, key=lambda i: (-found[i][0], rank[i], str(rows[i]["name"]), i))
    return [(found[i][0], rows[i]) for i in order][:limit]


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
        Match(code, str(names[code]["name"]), match.score, match.name, f"Took over from {match.name}.", match.code)
        for code in _codes(names[match.code].get("successors"))
        if code in names
    ]
