"""URL state: which query parameters the app understands and how a bad one is explained.

Widgets are bound to the URL with `bind="query-params"`, which silently drops a value that is not
one of the options. These pure functions let a page say so instead, in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable


def unrecognised(param: str, raw: str | None, options: Iterable[str], noun: str) -> str | None:
    """A friendly message when the URL asked for a value that is not available, else None."""
    if raw is None or raw == "" or raw in set(options):
        return None
    shown = raw if len(raw) <= 40 else raw[:37] + "…"
    return (
        f"The link asked for {noun} “{shown}” (`{param}=` in the address), which this dashboard "
        f"does not have. Showing the default instead; choose another {noun} from the list."
    )


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
    return data if isinstance(data, str) and data.startswith("E") else None
