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


# CQC's assessments of councils' adult social care (tables cqc_assessments, cqc_statements).
CQC_RATING_LABELS: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
CQC_STATEMENT_LABELS: dict[str, str] = {
    "assessing_needs": "Assessing needs",
    "supporting_healthier_lives": "Supporting people to live healthier lives",
    "equity_in_experience": "Equity in experiences and outcomes",
    "care_provision_integration": "Care provision, integration and continuity",
    "partnerships_communities": "Partnerships and communities",
    "safe_pathways": "Safe pathways, systems and transitions",
    "safeguarding": "Safeguarding",
    "governance_sustainability": "Governance, management and sustainability",
    "learning_improvement": "Learning, improvement and innovation",
}
CQC_CHECK_LABELS: dict[str, str] = {
    "agrees": "The overall rating agrees with the nine scores (CQC's rule) and with the second copy",
    "differs_from_scores": "The overall rating differs from the rating CQC's rule gives the nine scores",
    "copies_disagree": "The compilation's two copies of this assessment disagree",
    "not_rated_in_compilation": "The compilation shows no overall rating ('Not Rated') although the nine scores "
    "are there; the rating is not filled in here",
}
CQC_NOT_IN_DATA = "not in our data yet"
CQC_COMPILATION_NOTE = (
    "CQC's assessments of councils' adult social care, from a compilation of CQC's published reports made by a "
    "private individual (not an official CQC dataset): it covers {covered} of {councils} councils, assessed "
    "{first} to {last}. A council not in it is not in our data yet: that does not mean CQC has not assessed it."
)
