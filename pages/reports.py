"""Progress reports: the headline and narrative for England, a region or a council, as HTML and PDF downloads."""

import polars as pl
import streamlit as st

from accountability.report import LATEST, ScopeError, analyse, build_content, load_inputs, render, resolve_scope
from accountability.report.content import Kind, financial_years
from components.data import load, settings_or_stop
from components.floors import load_standards_or_stop
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py
KINDS: dict[str, Kind] = {"england": "england", "region": "region", "council": "council"}


@st.cache_data(show_spinner="Writing the report…", max_entries=16)
def _report(kind: str, code: str | None, period: str, version: str) -> tuple[str, list[str], list[str], bytes, bytes]:
    """(headline, notes, narrative, HTML, PDF) for one scope and period; `version` busts the cache on a rebuild."""
    inputs = load_inputs(settings_or_stop())
    scope = resolve_scope(inputs, KINDS[kind], code)
    content = build_content(inputs, analyse(inputs, period), scope)
    return content.headline, content.notes, content.narrative, render(content, "html"), render(content, "pdf")


def _version() -> str:
    """Modification times of everything a report reads."""
    settings = settings_or_stop()
    paths = [
        settings.data_dir / f"{t}.parquet" for t in ("measures", "values", "councils", "benchmarks", "inspections")
    ]
    paths += [settings.standards_file, settings.commitments_file]
    return ",".join(f"{p.stat().st_mtime}" for p in paths if p.exists())


st.title("Progress reports")
st.caption(
    "A report for England, a region or one council: the headline, floor breaches, the watchlist, progress on "
    "each commitment, charts, a plain-English summary and a data annex, to download as a web page or a PDF."
)

# state and data
measures, councils = load("measures"), load("councils")
load_standards_or_stop()  # a bad standards file is reported here, naming its line
current = councils.filter(pl.col("valid_to").is_null()).sort("name")
names = dict(zip(councils["code"], councils["name"], strict=True))
regions = dict(current.select("region_code", "region").unique().sort("region").iter_rows())
left, middle, right = st.columns(3)
kind_label = left.radio(
    "Report for",
    ["England", "A region", "A council"],
    index=2 if st.session_state.get("council") else 0,  # a councillor who chose a council gets its report
    key="report_kind",
    horizontal=True,
)
kind = {"England": "england", "A region": "region", "A council": "council"}[kind_label]
code: str | None = None
if kind == "region":
    code = middle.selectbox("Region", list(regions), format_func=lambda c: regions.get(c, c), key="report_region")
elif kind == "council":
    codes = current["code"].to_list() + councils.filter(pl.col("valid_to").is_not_null())["code"].sort().to_list()
    chosen = st.session_state.get("council")
    index = codes.index(chosen) if chosen in codes else 0
    code = middle.selectbox("Council", codes, index=index, format_func=lambda c: names.get(c, c), key="report_council")
periods = [LATEST, *financial_years(load("values"))]
period = right.selectbox(
    "Period",
    periods,
    format_func=lambda p: "Latest published" if p == LATEST else f"Up to {p}",
    key="report_period",
    help="Each measure is shown at its latest period up to the one chosen.",
)

# derive
try:
    headline, notes, narrative, html_bytes, pdf_bytes = _report(kind, code, period, _version())
except ScopeError as exc:
    st.info(f"No report can be written for this choice: {exc}")
    st.stop()

# render
st.markdown(f"**{headline}**")
for note in notes:
    st.info(note)
st.subheader("Summary")
for paragraph in narrative:
    st.markdown(paragraph)
stem = f"progress-report-{code or 'england'}-{period}"
first, second = st.columns(2)
first.download_button(
    "Download the report (web page, HTML)", html_bytes, f"{stem}.html", mime="text/html", key="download_html"
)
second.download_button(
    "Download the report (PDF)", pdf_bytes, f"{stem}.pdf", mime="application/pdf", key="download_pdf"
)
st.caption(
    "The web page is a single accessible file with the charts, tables and data annex; the PDF has the same content. "
    "Also from the command line: `python -m accountability.report --council E08000025 --out report.pdf`."
)
