"""Hostile address values on Compare, Progress, Care market and Providers, as a table: page x parameter
x payload. Each gets a warning naming the parameter, with the value shown literally (a code span via
`state.literal`, cut by `state.capped`), and the page still works. A new parameter is one more row.

The payloads are a few of tests/payloads.py (Markdown heading and link, image, bidi override, a long
run): the whole list is checked against `state.literal` in tests/unit/test_user_text.py, and here we
check each parameter reaches it. Synthetic text, not published figures.
"""

from __future__ import annotations

import pytest

from accountability.state import capped, literal
from tests.app.conftest import assert_healthy, open_page, texts
from tests.payloads import PAYLOADS

BIRMINGHAM = "E08000025"
ROWS = [  # (page, parameter, other parameters the page needs to reach the widget)
    ("pages/compare.py", "view", {}),
    ("pages/compare.py", "level", {}),
    ("pages/compare.py", "funnel", {"view": "Funnel plot", "measure": "rereferral_pct"}),
    ("pages/progress.py", "framework", {}),
    ("pages/progress.py", "commitment", {}),
    ("pages/market.py", "market_x", {}),
    ("pages/market.py", "market_y", {}),
    ("pages/providers.py", "year", {"council": BIRMINGHAM}),
]
CHOSEN = [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], "abc\u202edef\u2066ghi", "x" * 80]
assert all(p in PAYLOADS for p in CHOSEN)


@pytest.mark.parametrize(("page", "param", "more"), ROWS, ids=[f"{p.split('/')[-1]}-{q}" for p, q, _ in ROWS])
@pytest.mark.parametrize("payload", CHOSEN, ids=["heading", "link", "image", "bidi", "long"])
def test_a_hostile_value_is_named_and_shown_literally(
    page: str, param: str, more: dict[str, str], payload: str
) -> None:
    at = open_page(page, **more, **{param: payload})
    assert_healthy(at)
    named = [w.value for w in at.warning if f"`{param}=` in the address" in w.value]
    assert len(named) == 1, (param, [w.value for w in at.warning])
    assert literal(capped(payload) or "") in named[0]
    assert "](https://evil.example" not in texts(at).replace(literal(capped(payload) or ""), "")


def test_the_providers_search_is_capped_and_echoed_literally() -> None:
    at = open_page("pages/providers.py", council=BIRMINGHAM)
    at.text_input(key="search").input("[click here](https://evil.example/x)").run()
    assert_healthy(at)
    summary = next(m.value for m in at.markdown if "providers located in" in m.value)
    assert literal("[click here](https://evil.example/x)") in summary
    assert at.text_input(key="search").proto.max_chars == 200
