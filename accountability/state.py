"""URL state and user text: which query parameters the app understands, how a bad one is explained,
and how anything a user typed or put in the address is shown back safely.

Widgets are bound to the URL with `bind="query-params"`, which silently drops a value that is not
one of the options. These pure functions let a page say so instead, in plain words.

User text is hostile until shown otherwise. Streamlit renders messages as Markdown, so an address
could make a warning show a heading, a link to another site or a remote image. `literal` turns any
text into Markdown that shows exactly its characters (as a code span), without the bidirectional
controls that can reverse the rest of a message, and no longer than a message needs. `capped`
bounds every free-text and URL value before any work is done with it (a 60,000-character search
took 23 s of server time).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from accountability.codes import COUNCIL_CODE

INPUT_LIMIT = 200  # characters kept of any free-text or URL value; no name or code comes close
ECHO_LIMIT = 40  # characters of user text shown back in a message
# Bidirectional formatting characters (Unicode's Bidi_Control property): U+202E reverses what follows.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ICON = re.compile(r":material/", re.IGNORECASE)


def capped(text: str | None, limit: int = INPUT_LIMIT) -> str | None:
    """At most `limit` characters of a free-text or URL value (None stays None)."""
    return text if text is None or len(text) <= limit else text[:limit]


def plain(text: str) -> str:
    """`text` without bidirectional controls or other control characters; line breaks and tabs become spaces."""
    kept = []
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in {"Cc", "Zl", "Zp"}:
            kept.append(" " if char.isspace() else "")
        else:
            kept.append(char)
    return "".join(kept)


def literal(text: str, limit: int = ECHO_LIMIT) -> str:
    """Markdown that shows exactly the characters of `text`, shortened to `limit` (with "…").

    The text goes in a code span, fenced by more backticks than it contains: backslash escapes were
    not enough, because Streamlit turns web addresses into links and `:streamlit:` into an image after
    escapes are read (checked in Chromium). Inside a code span nothing is a heading, link, image,
    HTML, emphasis, colour or icon. Bidi controls are removed and line breaks become spaces.
    """
    shown = plain(text).strip()
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    # said, so that "2022-23" with a hidden U+202E is not shown as if it were the real 2022-23
    note = " (with hidden characters removed)" if _has_hidden(text) else ""
    if not shown:
        return "(blank)" + note
    shown = _ICON.sub(lambda m: ":\u2060" + m.group(0)[1:], shown)  # Streamlit rewrites :material/x: even in code
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}{note}"


def _has_hidden(text: str) -> bool:
    """True when `plain` removes a character (rather than turning a line break or tab into a space)."""
    return any(c in BIDI_CONTROLS or (unicodedata.category(c) == "Cc" and not c.isspace()) for c in text)


def unrecognised(param: str, raw: str | None, options: Iterable[str], noun: str) -> str | None:
    """A friendly message when the URL asked for a value that is not available, else None."""
    if raw is None or raw == "" or raw in set(options):
        return None
    return (
        f"The link asked for {noun} {literal(raw)} (`{param}=` in the address), which this dashboard "
        f"does not have. Showing the default instead; choose another {noun} from the list."
    )


def unavailable_default(default: str, shown: str) -> str:
    """Names the DASHBOARD_DEFAULT_PERIOD setting when the period it sets has no figures for a measure."""
    # short: it sits in the period picker's narrow column
    return f"No figures for the default period {literal(default)} (setting DASHBOARD_DEFAULT_PERIOD): showing {shown}."


def share_link(base_url: str, page: str, params: dict[str, str | None]) -> str:
    """A stable link to a view: page path plus codes (never labels), empty values left out."""
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{origin}/{page}" + (f"?{query}" if query else "")


def selected_code(selection: object) -> str | None:
    """The council code of the first clicked point in a Plotly selection event, if any.

    Streamlit gives `{"points": [{"customdata": "E08000025", ...}], ...}`; customdata may also
    arrive as a one-item list. Anything else means nothing usable was clicked.
    """
    points = selection.get("points") if isinstance(selection, dict) else None
    if not points:
        return None
    data = points[0].get("customdata") if isinstance(points[0], dict) else None
    if isinstance(data, list):
        data = data[0] if data else None
    return data if isinstance(data, str) and re.match(COUNCIL_CODE, data) else None
