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

# --- data releases: what changed (accountability.store.changes) ---------------------------------
CHANGE_KIND_LABELS: dict[str, str] = {
    "first_release": "First release",
    "new_measure": "New measure",
    "withdrawn_measure": "Measure withdrawn",
    "new_period": "New figures",
    "withdrawn_period": "Figures withdrawn",
    "revised_value": "Value revised",
    "added_value": "Value newly published",
    "removed_value": "Value no longer published",
    "newly_below": "Newly below a floor",
    "recovered": "No longer below a floor",
    "status_changed": "Progress on a commitment changed",
    "new_inspection": "New Ofsted judgement",
    "revised_inspection": "Ofsted judgement revised",
}
# Floor verdicts in plain words, without symbols (for sentences: feeds, summaries).
VERDICT_WORDS: dict[str, str] = {
    "below": "below the floor",
    "cannot_tell": "cannot tell (the interval straddles the floor)",
    "meets": "meets the floor",
    "no_data": "no data",
}
