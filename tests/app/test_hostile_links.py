"""Hostile and careless links, as a table: every page x every address parameter it reads x a payload.

`READS` lists, for each page, the parameters it reads and the other parameters under which it reads
them (the custom group only when the benchmark is "custom"). It is checked against the pages
themselves: `test_the_table_lists_every_parameter_each_page_reads` runs every page and records each
parameter read through `st.query_params` and each widget bound to the address, so a new page or a
new parameter fails until it has its row here, and then every payload is tried on it.

Each case must show no exception and no error, keep everything else in the address (nothing lost),
and show a message that names the parameter and echoes the value through `state.literal`, which is
literal text by construction (a code span: no heading, link, image or HTML; bidi controls removed).
Find's search box is free text, so its message echoes the value without naming `q=`. An empty value
is no request at all (Streamlit's own convention for bound widgets): the default, and no message.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.runtime.state.query_params_proxy import QueryParamsProxy
from streamlit.testing.v1 import AppTest

from accountability.settings import ROOT
from accountability.state import capped, literal
from tests.app.conftest import assert_healthy, clear_every_cache, open_page
from tests.payloads import URL_PAYLOADS

COUNCIL = "E08000025"  # Birmingham: the council every case has chosen, so each page reads everything
CUSTOM = {"benchmark": "custom"}
FUNNEL = {"view": "Funnel plot"}  # the funnel's adjustment is read only when the funnel is shown
# page -> {parameter: the other parameters (besides the council) under which the page reads it}
READS: dict[str, dict[str, dict[str, str]]] = {
    "accessibility": {"council": {}},
    "compare": {
        "council": {},
        "measure": {},
        "period": {},
        "benchmark": {},
        "group": CUSTOM,
        "level": {},
        "view": {},
        "funnel": FUNNEL,
        "chart_only": {},
    },
    "find": {"council": {}, "q": {}},
    "floors": {"council": {}, "region": {}, "type": {}, "domain": {}, "standard": {}},
    "home": {"council": {}},
    "map": {"council": {}, "measure": {}, "period": {}, "colour": {}, "view": {}, "chart_only": {}},
    "market": {"council": {}, "market_x": {}, "market_y": {}},
    "methods": {"council": {}},
    "profile": {"council": {}, "benchmark": {}, "group": CUSTOM, "view": {}},
    "progress": {"council": {}, "framework": {}, "commitment": {}},
    "providers": {"council": {}, "year": {}},
    "reports": {"council": {}},
    "trends": {"council": {}, "measure": {}, "benchmark": {}, "chart_only": {}},
    "value": {"council": {}, "spend": {}, "outcome": {}},
    "whats_new": {"council": {}, "region": {}, "measure": {}, "kind": {}},
}
# dashboard.py runs before every page (a page opened directly runs it first): it reads ?release= for the
# notice that newer figures exist, so every page reads it
for _params in READS.values():
    _params["release"] = {}
FREE_TEXT = {"q"}  # searched, not chosen from a list: echoed, but there is no "unknown value"
CASES = [(page, param, kind) for page, params in READS.items() for param in params for kind in URL_PAYLOADS]


HOSTILE_CASE = "test_a_hostile_value_is_named_and_shown_as_literal_text"


@pytest.fixture(scope="module", autouse=True)
def caches_cleared_around_the_module() -> Iterator[None]:
    clear_every_cache()
    yield
    clear_every_cache()  # no test of another module sees what this module's cases left in the caches


@pytest.fixture(autouse=True)
def fresh_caches(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every cache cleared before and after each test, as tests/app/conftest.py does, except between
    the hostile cases. What a case checks is read from the address on every run, whatever the caches
    hold, and the caches are keyed on codes and values; so a case on warm caches checks the same thing
    as on cold ones, and the 576 cases no longer each read and derive the whole store again."""
    warm = request.node.originalname == HOSTILE_CASE
    if not warm:
        clear_every_cache()
    yield
    if not warm:
        clear_every_cache()


def _page(name: str) -> str:
    return f"pages/{name}.py"


def _bound(node: Any) -> set[str]:
    """The address parameters of every widget bound with bind="query-params" under `node`."""
    proto = getattr(node, "proto", None)
    found = {key} if (key := getattr(proto, "query_param_key", "")) else set()
    for child in getattr(node, "children", {}).values():
        found |= _bound(child)
    return found


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every parameter the app asks `st.query_params` about, while the test runs."""
    seen: set[str] = set()
    for name in ("get", "get_all", "__getitem__", "__contains__", "__getattr__"):
        original = getattr(QueryParamsProxy, name)

        def spy(self: QueryParamsProxy, key: str, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            seen.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryParamsProxy, name, spy)
    yield seen


def _contexts(page: str) -> list[dict[str, str]]:
    """The address contexts a page is read under: none, and each distinct one its rows need."""
    contexts = [{}, *READS[page].values()]
    return [dict(c) for c in {tuple(sorted(c.items())) for c in contexts}]


def test_every_page_has_a_row() -> None:
    pages = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert pages and set(READS) == pages


@pytest.mark.parametrize("page", sorted(READS))
def test_the_table_lists_every_parameter_each_page_reads(page: str, reads: set[str]) -> None:
    found: set[str] = set()
    for context in _contexts(page):
        at: AppTest = open_page(_page(page), council=COUNCIL, **context)
        assert_healthy(at)
        found |= _bound(at._tree)
    found |= reads
    assert found - set(READS[page]) == set(), f"{page} reads parameters the table does not list"
    assert set(READS[page]) - found == set(), f"the table lists parameters {page} does not read"


def _messages(at: AppTest) -> list[str]:
    return [str(m.value) for m in [*at.warning, *at.info, *at.error]]


@pytest.mark.parametrize(("page", "param", "kind"), CASES, ids=[f"{p}-{q}-{k}" for p, q, k in CASES])
def test_a_hostile_value_is_named_and_shown_as_literal_text(page: str, param: str, kind: str) -> None:
    payload = URL_PAYLOADS[kind]
    context = {"council": COUNCIL, **READS[page][param]}
    at = open_page(_page(page), **{**context, param: payload})
    assert_healthy(at)
    assert at.title, "the page still shows its heading"
    kept = {k: v for k, v in context.items() if k != param}
    assert {k: at.query_params.get(k) for k in kept} == kept, "the rest of the address is kept"
    if "council" in kept:
        assert at.session_state["council"] == COUNCIL
    named = [m for m in _messages(at) if param in FREE_TEXT or f"`{param}=`" in m]
    if not payload.strip():
        assert named == [] or param in FREE_TEXT, "an empty value is no request: nothing to explain"
        return
    echoed = literal(capped(payload) or "")
    assert any(echoed in m for m in named), (echoed, _messages(at))
