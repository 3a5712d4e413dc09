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

# How a recent trend was tested (`methods.trends`, column `method`).
TREND_METHOD_LABELS: dict[str, str] = {
    "scaled_chi_squared_trend": "chi-squared test for trend, allowing for year-to-year variation beyond chance",
    "wls": "weighted least squares on the confidence intervals, allowing for year-to-year variation",
    "ols": "least squares (no intervals published)",
    "none": "no test (fewer than three points since any break)",
}

# Funnel plots (`methods.funnel_plot.Funnel`): the adjustment for overdispersion and where the centre comes from.
FUNNEL_ADJUSTMENT_LABELS: dict[str, str] = {
    "none": "No adjustment: limits allow for chance alone",
    "multiplicative": "Limits widened by the dispersion ratio φ (Spiegelhalter's multiplicative adjustment)",
    "additive": "Limits widened by the between-council variance τ² (Spiegelhalter's random-effects adjustment)",
}
FUNNEL_CENTRE_LABELS: dict[str, str] = {
    "england_counts": "England's figure from its published numerator and denominator",
    "council_counts": "the councils' pooled numerators and denominators (England's counts are not published)",
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
