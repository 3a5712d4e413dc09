"""What the Find page shows for a query: the councils it leads to, each with why, and one message.

A query can be a council's name, an official name ("Kent County Council"), a district ("Exeter"),
a former district ("Harrogate"), a post town or a postcode district ("EX4"); see `methods.search`.
Each match names the council that runs adult and children's social care there and says in one
sentence why the query leads to it ("Exeter is a district in Devon: Devon County Council runs its
social care"). The sentences are chosen here from the codes in the store (`places.relation`,
`postcode_districts.method`). `find_page_view(store, choice)` is what the page asks: the same view,
plus the name of the council already chosen. Text is plain: the page escapes it for Markdown.
No Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import polars as pl

from accountability.methods.search import (
    CONTAINS,
    MAX_QUERY,
    Match,
    capped,
    outward_code,
    search_councils,
    search_places,
)
from accountability.state import literal
from accountability.views.store import Store

LIMIT = 8
CHECK_URL = "https://www.gov.uk/find-local-council"
TABLES = ("councils", "places", "postcode_districts")
__all__ = ["MAX_QUERY", "FindChoice", "FindMatch", "FindView", "find_page_view", "find_view"]


@dataclass(frozen=True)
class FindMatch:
    code: str  # ONS code of the council chosen by "Choose"
    council: str  # the council's name as the dashboard shows it
    kind: str  # council, former_council, successor, district, former_district, town, postcode
    matched: str  # the name or postcode district the query matched, as published
    reason: str  # one sentence: why this query leads to this council


@dataclass(frozen=True)
class FindView:
    query: str  # the query as searched (at most MAX_QUERY characters)
    matches: tuple[FindMatch, ...]
    message: str  # said above the matches; empty when nothing needs saying
    check_url: str | None  # where to check a full postcode, when a postcode district was found
    chosen: str | None = None  # the name of the council already chosen, for "Your council is …"


@dataclass(frozen=True)
class FindChoice:
    query: str | None  # as typed (the view caps it)
    council: str | None  # code of the council already chosen, if any


class _Names:
    """Council names for sentences: the dashboard's short name and the official one."""

    def __init__(self, councils: pl.DataFrame, places: pl.DataFrame) -> None:
        self.rows = {row["code"]: row for row in councils.iter_rows(named=True)}
        official = places.filter(pl.col("name_source") == "official_name")
        current = official.filter(pl.col("relation") == "council").select("code", "name")
        former = official.filter(pl.col("relation") == "former_council").select(code="via_code", name="name")
        both = pl.concat([current, former]).unique("code", keep="first", maintain_order=True)
        self.official = dict(zip(both["code"], both["name"], strict=True))

    def short(self, code: str) -> str:
        return str(self.rows[code]["name"]) if code in self.rows else code

    def formal(self, code: str) -> str:
        return self.official.get(code) or f"{self.short(code)} council"

    def label(self, code: str) -> str:
        ended = self.rows.get(code, {}).get("valid_to")
        last_month = f"{ended - dt.timedelta(days=1):%B %Y}" if isinstance(ended, dt.date) else ""
        return self.short(code) + (f" (until {last_month})" if last_month else "")


def _month(day: object) -> str:
    return f" in {day:%B %Y}" if isinstance(day, dt.date) else ""


def _place_reason(row: dict[str, object], n: _Names) -> str:
    code, via, relation = str(row["code"]), str(row["via_name"] or ""), str(row["relation"])
    where, who = n.short(code), n.formal(code)
    if relation == "district":
        return f"{via} is a district in {where}: {who} runs its social care."
    ended = _month(row["abolished"])
    if relation == "former_district":
        return f"{via} district was abolished{ended}; its area is now in {where}, where {who} runs social care."
    if relation == "former_council":
        return f"{via} council was abolished{ended}; {who} now runs social care for its area or part of it."
    if relation == "town":
        share = row["share"] if isinstance(row["share"], float) else 0.0
        part = "" if share >= 0.95 else ("Most of " if share >= 0.5 else "Part of ")
        town = f"{part}{'the ' if part else ''}{row['name']} post town"
        return f"{town[0].upper()}{town[1:]} is in {where}: {who} runs its social care."
    return f"{who} runs adult and children's social care in {where}."


def _council_reason(match: Match, n: _Names) -> tuple[str, str]:
    """(kind, reason) for a council found by its own name, a former council, or a former council's successor."""
    code, row = match.code, n.rows[match.code]
    if match.via_code:
        ended = _month(n.rows[match.via_code]["valid_to"])
        return "successor", (
            f"{n.formal(match.via_code)} was abolished{ended}; "
            f"{n.formal(code)} now runs social care for its area or part of it."
        )
    if row["valid_to"]:
        after = " and ".join(n.formal(s) for s in row["successors"] or [])
        return "former_council", (
            f"{n.formal(code)} was abolished{_month(row['valid_to'])} and replaced by {after}; "
            "choose it to see its figures until then."
        )
    return "council", f"{n.formal(code)} runs adult and children's social care in {n.short(code)}."


def _by_name(query: str, tables: dict[str, pl.DataFrame], n: _Names) -> list[FindMatch]:
    """Council names, then places, best score first; one match per council; no typo guesses if a name matched."""
    found: list[tuple[float, FindMatch]] = []
    for m in search_councils(query, tables["councils"], limit=LIMIT):
        kind, reason = _council_reason(m, n)
        found.append((m.score, FindMatch(m.code, n.label(m.code), kind, m.matched, reason)))
    for score, row in search_places(query, tables["places"], limit=4 * LIMIT):
        code = str(row["code"])
        kind = "successor" if row["relation"] == "former_council" else str(row["relation"])
        found.append((score, FindMatch(code, n.label(code), kind, str(row["name"]), _place_reason(row, n))))
    if any(score >= CONTAINS for score, _ in found):
        found = [(score, m) for score, m in found if score >= CONTAINS]
    found.sort(key=lambda pair: -pair[0])  # stable: council names before places of equal score
    unique: dict[str, FindMatch] = {}
    for _, match in found:
        unique.setdefault(match.code, match)
    return list(unique.values())[:LIMIT]


def _by_postcode(district: str, tables: dict[str, pl.DataFrame], n: _Names) -> list[FindMatch]:
    rows = tables["postcode_districts"].filter(pl.col("postcode_district") == district)
    if rows.height == 0:
        return []
    row = rows.row(0, named=True)
    code, town = str(row["code"]), f" ({row['post_town']})" if row["post_town"] else ""
    lies = "The centre of the postcode district" if row["method"] == "centre" else "The postcode district"
    reason = f"{lies} {district}{town} is in {n.short(code)}: {n.formal(code)} runs social care there."
    return [FindMatch(code, n.label(code), "postcode", district, reason)]


def find_view(tables: dict[str, pl.DataFrame], query: str | None) -> FindView:
    """Matches and message for `query` (tables: councils, places, postcode_districts)."""
    text, cut = capped(query or "")
    notes = [f"Only the first {MAX_QUERY} characters of your search were used."] if cut else []
    if not text.strip():
        return FindView(text, (), " ".join(notes), None)
    names = _Names(tables["councils"], tables["places"])
    district = outward_code(text)
    if district:
        matches = _by_postcode(district, tables, names)
        if matches:
            notes.append(
                "A postcode district can cross council boundaries: this is the council at its centre. "
                "If you live near a boundary, check your full postcode on GOV.UK."
            )
        else:
            notes.append(
                f"{district} is not a postcode district in England that this dashboard knows. Check it, or type "
                "your town or council instead. Councils in Scotland, Wales and Northern Ireland are not covered."
            )
        return FindView(text, tuple(matches), " ".join(notes), CHECK_URL if matches else None)
    matches = _by_name(text, tables, names)
    if not matches:
        notes.append(
            f"No council, place or postcode district matches {literal(text)}. Try part of a name (“York”), "
            "your town (“Northallerton”) or the first half of your postcode (“EX4”)."
        )
    return FindView(text, tuple(matches), " ".join(notes), None)


def find_page_view(store: Store, choice: FindChoice) -> FindView:
    """The Find page's view: `find_view` on the store's tables, and the chosen council's name."""
    tables = {name: store.table(name) for name in TABLES}
    view = find_view(tables, choice.query)
    if not choice.council:
        return view
    return replace(view, chosen=_Names(tables["councils"], tables["places"]).label(choice.council))
