"""Codes in the data, words on the screen: every label a code is shown with, in one place.

Frames and views hold codes (a status, a verdict, a polarity); pages, downloads and reports turn
them into words here, so rewording a label never changes what the code means.
"""

from __future__ import annotations

STATUS_LABELS: dict[str, str] = {
    "published": "Published",
    "suppressed": "Suppressed by the publisher (small numbers)",
    "not_available": "Not available from the publisher",
    "not_applicable": "Not applicable",
    "low": "Published as 'low' (rounds to zero, but is not zero)",
    "low_reliability": "Low reliability (publisher's flag)",
    "missing": "Not published",
}
