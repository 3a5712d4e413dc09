"""What a simulated tab does with the page's choices: pick one selectbox or radio and a different
option for it, as a user clicking would (a query-bound widget's value also goes into the address,
as the frontend writes it there), and keep the values it has set in step with what the server sent
back, as the browser's widget manager does. Pure functions over the last run's elements.
"""

from __future__ import annotations

import random
import urllib.parse
from typing import Any

CHOICE_WIDGETS = ("selectbox", "radio")
SIDEBAR = 1  # an element's delta_path[0] in the sidebar (Streamlit's RootContainer.SIDEBAR)


def choice_widgets(elements: dict[tuple[int, ...], Any]) -> dict[str, Any]:
    """Widget id → the selectbox or radio proto, for every one on the page."""
    return {getattr(el, k).id: getattr(el, k) for k, el in elements.values() if k in CHOICE_WIDGETS}


def choose_change(
    elements: dict[tuple[int, ...], Any], values: dict[str, str], query: str, rng: random.Random
) -> tuple[str, str, str] | None:
    """(widget id, a different option, the address's new query string), or None if nothing can change."""
    widgets = [w for w in choice_widgets(elements).values() if not w.disabled and not w.form_id and len(w.options) > 1]
    if not widgets:
        return None
    w = rng.choice(widgets)
    default = w.options[w.default] if w.HasField("default") and 0 <= w.default < len(w.options) else None
    current = values.get(w.id, default)
    value = rng.choice([o for o in w.options if o != current])
    if w.query_param_key:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
        query = urllib.parse.urlencode(
            [(k, v) for k, v in pairs if k != w.query_param_key] + [(w.query_param_key, value)]
        )
    return w.id, value, query


def synced(elements: dict[tuple[int, ...], Any], values: dict[str, str]) -> dict[str, str]:
    """The values to keep sending: only widgets still on the page, and a value the server set (its
    options changed, or it was set through session state) replaces ours."""
    live = choice_widgets(elements)
    out = {}
    for wid, value in values.items():
        w = live.get(wid)
        if w is None:
            continue
        if not w.set_value:
            out[wid] = value
        elif w.HasField("raw_value"):
            out[wid] = w.raw_value
    return out


def _current(w: Any) -> str | None:
    """The option a choice widget shows now: the value the server set, else its default."""
    if w.set_value and w.HasField("raw_value"):
        return str(w.raw_value)
    if w.HasField("default") and 0 <= w.default < len(w.options):
        return str(w.options[w.default])
    return None


def kept_on_navigation(elements: dict[tuple[int, ...], Any], values: dict[str, str]) -> dict[str, str]:
    """What Chromium sends when a navigation link is followed: the value of every choice in the
    sidebar (the council picker, the picture format), changed by the user or not, and none of the
    page's own (seen in Chromium's websocket frames: benchmarks/RESULTS.md, "The load client on a
    change of page"). The council picker's value is what keeps the council chosen on the next page."""
    out = {}
    for path, (kind, el) in elements.items():
        if not path or path[0] != SIDEBAR or kind not in CHOICE_WIDGETS:
            continue
        w = getattr(el, kind)
        value = values.get(w.id) or _current(w)
        if value is not None:
            out[w.id] = value
    return out
