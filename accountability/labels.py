"""Codes in the data, words on the screen: every label a code is shown with, in one place.

Frames and views hold codes (a status, a verdict, a polarity, a benchmark kind); pages, downloads,
charts and reports turn them into words here, so rewording a label never changes what a code means
and nothing has to read words back into codes. Symbols (▲ ▼ ● ○ ◆ ✓) go with the words so that
colour never carries meaning alone. `words` applies a table of labels to a column. Each table's keys
are exactly one code set of `accountability.codes` (a unit test checks), typed `str` because codes
arrive from frames as strings.
This module only names things; it decides no verdict and formats no number.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

# The publisher's status of a value (values.status).
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
    "no_floor_yet": "no floor yet (first year of this definition)",
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
# The Compare page's funnel adjustment choice (?funnel=<code>), the default first (p2compare's block).
FUNNEL_ADJUSTMENT_CHOICES: dict[str, str] = {
    "additive": "Random effects (τ²)",
    "multiplicative": "Multiplicative (φ)",
    "none": "None: chance alone",
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
POLARITY_LABELS: dict[str, str] = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "no_judgement": "Neither higher nor lower is better in itself",
}
POLARITY_PHRASES: dict[str, str] = {  # inside a sentence
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "no_judgement": "neither higher nor lower is better",
}
CI_METHOD_LABELS: dict[str, str] = {
    "wilson": "Wilson score interval from the published numerator and denominator",
    "byar": "Byar's method from the published count and population",
    "exact_poisson": "Exact Poisson interval (fewer than 10 events)",
    "survey_moe": "The publisher's survey margin of error",
    "not_reproducible": "No interval: the published value cannot be reproduced from the published numerator "
    "and denominator, even allowing for counts rounded to the nearest 5 and values to one decimal place "
    "(for example the value was rounded to a whole number, or the counts leave out a council)",
    "none": "No interval: the publisher gives no numerator, denominator or margin of error",
}
LEVEL_LABELS: dict[float, str] = {0.95: "95%", 0.998: "99.8%"}

BENCHMARK_LABELS: dict[str, str] = {
    "england": "England",
    "region": "The council's region",
    "neighbours": "Statistical neighbours (DfE 2025 model)",
    "council_type": "Councils of the same type",
    "custom": "A group you choose",
}
COMPARISON_LABELS: dict[str, str] = {  # tables, legends, downloads
    "better": "▲ Better",
    "similar": "● Similar",
    "worse": "▼ Worse",
    "higher": "▲ Higher",
    "lower": "▼ Lower",
    "not tested": "○ Not tested",
}
COMPARISON_WORDS: dict[str, str] = {  # inside a sentence
    "better": "better",
    "similar": "similar",
    "worse": "worse",
    "higher": "higher",
    "lower": "lower",
    "not tested": "not tested",
}

FLOOR_VERDICT_LABELS: dict[str, str] = {  # the Floor standards page's cells
    "below": "▼ Below the floor",
    "cannot_tell": "◆ Cannot tell",
    "meets": "✓ Meets the floor",
    "no_data": "– No data",
    "no_floor_yet": f"○ {NO_FLOOR_YET}",
}
FLOOR_VERDICT_SHORT: dict[str, str] = {  # a report's table cells
    "below": "▼ Below",
    "cannot_tell": "◆ Cannot tell",
    "meets": "✓ Meets",
    "no_data": "– No data",
    "no_floor_yet": "○ No floor yet",
}
FLOOR_VERDICT_WORDS: dict[str, str] = {  # legends and charts, beside a symbol or pattern
    "below": "Below the floor",
    "cannot_tell": "Cannot tell",
    "meets": "Meets the floor",
    "no_data": "No data",
    "no_floor_yet": "No floor yet (first year of this definition)",
}
FLOOR_VERDICT_STRIP: dict[str, str] = {  # a report's verdict strip, in the room beside each symbol
    "below": "Below the floor",
    "cannot_tell": "Cannot tell",
    "meets": "Meets the floor",
    "no_data": "No data",
    "no_floor_yet": "No floor yet",
}
FLOOR_CHANGE_LABELS: dict[str, str] = {"newly_below": "▼ newly below", "recovered": "↑ recovered"}
FLOOR_CHANGE_WORDS: dict[str, str] = {"newly_below": "newly below", "recovered": "recovered"}
WATCH_REASON_LABELS: dict[str, str] = {  # the watchlist's "Why" column
    "below_run": "below for 2+ periods",
    "worse_and_worsening": "worse than England and worsening",
    "ofsted_inadequate": "Ofsted Inadequate",
    "cqc_inadequate": "CQC Inadequate (from a compilation)",
}
WATCH_REASON_PHRASES: dict[str, str] = {  # inside a report's sentence
    "below_run": "below the floor for two or more periods in a row",
    "worse_and_worsening": "significantly worse than England and getting worse",
    "ofsted_inadequate": "judged Inadequate by Ofsted",
    "cqc_inadequate": "rated Inadequate by CQC (from a compilation of CQC's reports, not an official dataset)",
}

PROGRESS_STATUS_LABELS: dict[str, str] = {
    "achieved": "✓ Achieved",
    "on track": "↗ On track",
    "off track": "→ Off track",
    "deteriorating": "↘ Deteriorating",
    "not assessable": "? Not assessable",
}


def words(column: str | pl.Expr, labels: Mapping[str, str]) -> pl.Expr:
    """A column of codes (String or Enum) as its labels; a code without a label is shown as itself."""
    codes = (pl.col(column) if isinstance(column, str) else column).cast(pl.String)
    return codes.replace_strict(dict(labels), default=codes, return_dtype=pl.String)


# Added for the pages converted in the second half of issue 10 (map, progress, market, methods).
MAP_COLOURING_LABELS: dict[str, str] = {"value": "Value", "floor_verdict": "Floor verdict"}
PROGRESS_STATUS_WORDS: dict[str, str] = {  # inside a sentence ("of 150 councils, 3 deteriorating, …")
    "achieved": "achieved",
    "on track": "on track",
    "off track": "off track",
    "deteriorating": "deteriorating",
    "not assessable": "not assessable",
}
FRAMEWORK_SIDE_LABELS: dict[str, str] = {  # which side of the ASCOF 2023-24 break adult trends use
    "current": "2023-24 onwards (current framework)",
    "before_break": "2017-18 to 2022-23 (previous framework)",
}
MARKET_MEASURE_LABELS: dict[str, str] = {  # the x axis of the Care market scatter
    "private_share": "Private share of places (%)",
    "places_per_10k": "Places per 10,000 children",
    "hhi": "Owner concentration (HHI)",
}
DOMAIN_LABELS: dict[str, str] = {"adults": "Adult social care", "children": "Children's social care"}
REPORT_KIND_LABELS: dict[str, str] = {"england": "England", "region": "A region", "council": "A council"}

# --- phones (round two, p2phones) ----------------------------------------------------------------
# Where the council picker is, in words a phone user can match to the screen: on a phone the sidebar
# is closed and its opener shows only », which screen readers announce as "Expand sidebar".
SIDEBAR_WHERE = "in the sidebar (on a phone, open it with the » button at the top left)"
# The format of the picture a chart's camera button downloads (components.export): Plotly's toolbar
# offers one format per chart, so the choice is the user's, for every chart in their session.
PICTURE_FORMAT_LABELS: dict[str, str] = {"png": "PNG (documents, slides)", "svg": "SVG (print, any size)"}
