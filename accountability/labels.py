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

# What a floor verdict rests on (floors.BASIS): counted apart, because a verdict on the value alone
# cannot allow for chance.
BASIS_LABELS: dict[str, str] = {
    "interval_95": "95% interval",
    "interval_998": "99.8% interval",
    "value_only": "value only (no interval)",
}
BASIS_RULES: dict[str, str] = {
    "interval_95": "Below only when the whole 95% interval is on the wrong side of the floor; "
    "cannot tell when it straddles the floor.",
    "interval_998": "Below only when the whole 99.8% interval is on the wrong side of the floor; "
    "cannot tell when it straddles the floor.",
    "value_only": "No interval can be calculated, so the published value alone is compared with the "
    "floor: chance cannot be allowed for, and these verdicts are counted separately.",
}
NO_FLOOR_YET = "No floor yet: first year of this definition"
IN_DEVELOPMENT = "Official statistics in development"
# What kind of change a break in a series is (store.measures.MeasureBreak.kind), for chart markers.
BREAK_KIND_LABELS: dict[str, str] = {
    "framework": "Framework change",
    "source": "New data source",
    "publisher": "New publisher",
}
