"""What the Progress reports page offers and shows: a report for England, a region or one council.

The page's content is the report itself, and the report package (`accountability.report`) sits a
layer above views, because it reads them. So this module holds what does not need the report: the
choice, the shape of what the page shows (`ReportsView`) and the scopes a report can cover
(`report_scopes`). `components/reports.py: report_view` fills a `ReportsView` from the report
package, as a pure function of the store and the choice, `store.derive`d like every view. No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import ReportKind
from accountability.views.store import Store


@dataclass(frozen=True)
class ReportsChoice:
    """Everything the user chose on Progress reports; hashable, so it is the cache key of the view."""

    kind: ReportKind
    code: str | None  # the region's or council's code; None for England
    period: str  # "latest", or the financial year the data are cut at
    annex: bool = True  # the full report after the one-page summary; False: the summary page alone


@dataclass(frozen=True)
class ReportsView:
    """What the page shows of one report, and the report itself as a web page and a PDF."""

    choice: ReportsChoice
    problem: str | None  # why no report can be written for this choice (then nothing else is set)
    headline: str = ""
    notes: tuple[str, ...] = ()
    narrative: tuple[str, ...] = ()  # the plain-English summary, paragraph by paragraph
    html: bytes = b""
    pdf: bytes = b""
    stem: str = ""  # the downloads' file name


@dataclass(frozen=True)
class ReportScopes:
    """What a report can cover: regions by name, and councils (current by name, then former by code)."""

    regions: dict[str, str]  # code → name
    councils: dict[str, str]  # code → name


def report_scopes(store: Store) -> ReportScopes:
    councils = store.councils
    current = councils.filter(pl.col("valid_to").is_null()).sort("name")
    former = councils.filter(pl.col("valid_to").is_not_null()).sort("code")
    regions = current.select("region_code", "region").unique().sort("region")
    names = dict(zip(councils["code"], councils["name"], strict=True))
    ordered = [*current["code"].to_list(), *former["code"].to_list()]
    return ReportScopes(
        regions=dict(zip(regions["region_code"], regions["region"], strict=True)),
        councils={code: names.get(code, code) for code in ordered},
    )


def report_stem(choice: ReportsChoice) -> str:
    """'progress-report-E08000025-latest': the code (England's word for England) and the period;
    '-summary' when the report is the one-page summary alone."""
    return f"progress-report-{choice.code or 'england'}-{choice.period}" + ("" if choice.annex else "-summary")
