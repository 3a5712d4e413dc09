"""The Progress reports page: its view filled from the report package, its pickers, and its rendering.

`report_view(store, choice)` is the page's view function. It lives here, not in accountability/views,
because it calls the report package, which sits above views (it reads them). It is pure: the report's
input is the `Store` itself (so it is keyed on the store's version, never on file times), and it
writes the report for the choice as `report_bytes` does for the command line. The analysis of a
period is shared by every scope (`store.derive`), as in a command-line batch.
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from accountability.codes import ReportKind
from accountability.labels import REPORT_KIND_LABELS
from accountability.report import LATEST, Analysis, ScopeError, analyse, build_content, render, resolve_scope
from accountability.report.content import financial_years
from accountability.views.reports import ReportsChoice, ReportsView, report_scopes, report_stem
from accountability.views.store import Store

DOWNLOADS_NOTE = (
    "Each report opens with a one-page summary for a meeting: what needs attention, most severe first, spend per "
    "head, CQC's assessment, each floor's verdict and each commitment's status; the annex has the rest. "
    "**The web page (HTML) is the accessible version**: the PDF has the same content but is not tagged for screen "
    "readers (the PDF library cannot tag it). "
    "Also from the command line: `python -m accountability.report --council E08000025 --out report.pdf`."
)


def report_analysis(store: Store, period: str) -> Analysis:
    """Floor verdicts and commitment progress for every area, up to `period` (shared by every scope)."""
    return analyse(store, period)


def report_periods(store: Store) -> list[str]:
    """'latest', then every financial year with council data, newest first."""
    return [LATEST, *financial_years(store.values)]


def report_view(store: Store, choice: ReportsChoice) -> ReportsView:
    try:
        scope = resolve_scope(store, choice.kind, choice.code)
        content = build_content(store, store.derive(report_analysis, choice.period), scope)
    except ScopeError as exc:
        return ReportsView(choice, f"No report can be written for this choice: {exc}")
    return ReportsView(
        choice=choice,
        problem=None,
        headline=content.headline,
        notes=tuple(content.notes),
        narrative=tuple(content.narrative),
        html=render(content, "html", choice.annex),
        pdf=render(content, "pdf", choice.annex),
        stem=report_stem(choice),
    )


def render_report_pickers(store: Store, council: str | None) -> ReportsChoice:
    """Report for England, a region or a council (the chosen council's by default), and the period."""
    scopes = store.derive(report_scopes)
    left, middle, right = st.columns(3)
    kind = cast(
        ReportKind,
        left.radio(
            "Report for",
            list(REPORT_KIND_LABELS),
            format_func=lambda k: REPORT_KIND_LABELS.get(k, k),
            index=2 if council else 0,  # a councillor who chose a council gets its report
            key="report_kind",
            horizontal=True,
        ),
    )
    code: str | None = None
    if kind == "region":
        regions = scopes.regions
        code = middle.selectbox("Region", list(regions), format_func=lambda c: regions.get(c, c), key="report_region")
    elif kind == "council":
        names, codes = scopes.councils, list(scopes.councils)
        index = codes.index(council) if council in codes else 0
        code = middle.selectbox(
            "Council", codes, index=index, format_func=lambda c: names.get(c, c), key="report_council"
        )
    period = right.selectbox(
        "Period",
        store.derive(report_periods),
        format_func=lambda p: "Latest published" if p == LATEST else f"Up to {p}",
        key="report_period",
        help="Each measure is shown at its latest period up to the one chosen.",
    )
    annex = st.checkbox(
        "Include the annex (the full report after the one-page summary)", value=True, key="report_annex"
    )
    return ReportsChoice(kind, code, str(period), bool(annex))


def render_report(view: ReportsView) -> None:
    """The headline, notes and summary, and the report to download as a web page or a PDF."""
    if view.problem:
        st.info(view.problem)
        return
    st.markdown(f"**{view.headline}**")
    for note in view.notes:
        st.info(note)
    st.subheader("Summary")
    for paragraph in view.narrative:
        st.markdown(paragraph)
    first, second = st.columns(2)
    first.download_button(
        "Download the report (web page, HTML)", view.html, f"{view.stem}.html", mime="text/html", key="download_html"
    )
    second.download_button(
        "Download the report (PDF)", view.pdf, f"{view.stem}.pdf", mime="application/pdf", key="download_pdf"
    )
    st.caption(DOWNLOADS_NOTE)
