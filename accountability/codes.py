"""The codes that frames, views, cache keys and addresses hold, as closed sets, and the shape of ONS codes.

A code never changes when its wording does: `labels` turns codes into words and symbols at render,
and nothing reads words back into codes. The sets below mirror the Polars Enums the methods write
(a unit test checks they agree), so a type checker can follow a code from a method to a page.
This module holds no words, reads nothing and computes nothing.
"""

from __future__ import annotations

from typing import Literal

# The ONS (GSS) code of an upper-tier English council (unitary, metropolitan district, London borough,
# county): one definition for every reader, check and clicked chart point.
COUNCIL_CODE = r"^E(06|08|09|10)\d{6}$"

Polarity = Literal["higher_is_better", "lower_is_better", "no_judgement"]
# The verdict against a benchmark (methods.significance.COMPARISONS).
Comparison = Literal["better", "similar", "worse", "higher", "lower", "not tested"]
# Which benchmark a council is compared with (methods.benchmarking.benchmark_values).
BenchmarkKind = Literal["england", "region", "neighbours", "council_type", "custom"]
# The three-way floor verdict, no data, and no floor yet (the first year of a measure's definition)
# (methods.floors.VERDICT).
FloorVerdict = Literal["below", "cannot_tell", "meets", "no_floor_yet", "no_data"]
# What a floor verdict rests on (methods.floors.BASIS): counted apart in every headline.
FloorBasis = Literal["interval_95", "interval_998", "value_only"]
# A change of floor verdict since the council's previous period with data.
FloorChange = Literal["newly_below", "recovered"]
# Why a council is on the zero-tolerance watchlist.
WatchReason = Literal["below_run", "worse_and_worsening", "ofsted_inadequate", "cqc_inadequate"]
# Progress towards a commitment (methods.progress.STATUSES).
ProgressStatus = Literal["achieved", "on track", "off track", "deteriorating", "not assessable"]
# Which side of a framework break progress is assessed on (methods.progress.Side).
FrameworkSide = Literal["current", "before_break"]
# The recent-trend label and the test behind it (methods.trends.LABELS, METHODS).
TrendLabel = Literal[
    "getting better", "getting worse", "increasing", "decreasing", "no significant change", "not enough data"
]
TrendMethod = Literal["scaled_chi_squared_trend", "wls", "ols", "none"]
# Where a council sits on a funnel plot (methods.funnel.POSITIONS).
FunnelPosition = Literal["inside", "above 95%", "above 99.8%", "below 95%", "below 99.8%", "not tested"]
# How a published value's interval was found (values.ci_method).
CiMethod = Literal["wilson", "byar", "exact_poisson", "survey_moe", "not_reproducible", "none"]

# Added for the pages converted in the second half of issue 10 (map, progress, market, methods).
# What the Map colours councils by (the bound radio keeps the label in ?colour=).
MapColouring = Literal["value", "floor_verdict"]
# The market measure on the Care market page's scatter (?market_x= keeps the label).
MarketMeasure = Literal["private_share", "places_per_10k", "hhi"]
# A measure's area of care (measures.domain).
Domain = Literal["adults", "children"]
# What a progress report covers (report.content.Kind).
ReportKind = Literal["england", "region", "council"]
