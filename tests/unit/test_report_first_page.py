"""Reports people take into a meeting (issue 11, point 6; issue 12, points 3-4): a true one-page
summary (PDF and HTML) with the rest as an optional annex; national lists most severe first;
measures by label, never id; sources without empty "()"; spend per head and CQC (a compilation)."""

from __future__ import annotations

import re

import polars as pl
import pytest

from accountability.report import Analysis, Inputs, ReportContent, build_content, render, resolve_scope
from accountability.report.html import ANNEX_HEADERS, report_html
from accountability.report.tables import annex_table

BIRMINGHAM, BLACKPOOL, NORTH_WEST = "E08000025", "E06000009", "E12000002"
SCOPES = [("council", BIRMINGHAM), ("council", BLACKPOOL), ("region", NORTH_WEST), ("england", None)]


def _content(inputs: Inputs, analysis: Analysis, kind: str, code: str | None) -> ReportContent:
    return build_content(inputs, analysis, resolve_scope(inputs, kind, code))  # type: ignore[arg-type]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize(("kind", "code"), SCOPES)
def test_the_summary_alone_is_one_page_and_the_annex_follows_it(
    inputs: Inputs, analysis: Analysis, kind: str, code: str | None
) -> None:
    content = _content(inputs, analysis, kind, code)
    assert _pages(render(content, "pdf", annex=False)) == 1
    assert _pages(render(content, "pdf")) > 1
    html = render(content, "html").decode()
    assert html.index("Needs attention, most severe first") < html.index("Annex: the full report")
    alone = render(content, "html", annex=False).decode()
    assert "Needs attention" in alone and "Annex: the full report" not in alone
    assert "accessible version" in alone


def test_the_council_with_the_most_to_attend_to_still_fits_one_page(inputs: Inputs, analysis: Analysis) -> None:
    england = _content(inputs, analysis, "england", None)
    busiest = england.watch.group_by("code").len().sort("len", descending=True)["code"][0]
    content = _content(inputs, analysis, "council", busiest)
    assert content.one_page.attention  # not a vacuous check
    assert _pages(render(content, "pdf", annex=False)) == 1


def test_needs_attention_follows_the_watchlists_severity_order(inputs: Inputs, analysis: Analysis) -> None:
    england = _content(inputs, analysis, "england", None)
    severity = england.watch["severity"].to_list()
    assert severity and severity == sorted(severity)
    first = england.watch.row(0, named=True)
    assert england.one_page.attention[0].startswith(f"{first['council']}: {first['what']}")
    assert england.one_page.more == len(england.watch) + _unlisted(england) - len(england.one_page.attention)


def _unlisted(content: ReportContent) -> int:
    below = content.verdicts.filter(pl.col("verdict").cast(pl.String) == "below")
    listed = set(zip(content.watch["code"], content.watch["what"], strict=True))
    return sum((r["code"], r["label"]) not in listed for r in below.iter_rows(named=True))


def test_national_breaches_are_ranked_by_severity_not_alphabet(inputs: Inputs, analysis: Analysis) -> None:
    breaches = _content(inputs, analysis, "england", None).breaches
    assert breaches.height > 1
    keys = list(zip((breaches["basis"].cast(pl.String) == "value_only"), -breaches["below_run"], strict=True))
    assert keys == sorted(keys)
    assert breaches["council"].to_list() != sorted(breaches["council"].to_list())


@pytest.mark.parametrize(("kind", "code"), SCOPES)
def test_the_annex_names_measures_by_label_never_id(
    inputs: Inputs, analysis: Analysis, kind: str, code: str | None
) -> None:
    table = annex_table(_content(inputs, analysis, kind, code))
    measure = ANNEX_HEADERS.index("Measure")
    shown = {row[measure] for row in table.rows}
    assert shown and not shown & set(inputs.measures["id"])
    assert shown <= set(inputs.measures["label"])
    assert not {row[ANNEX_HEADERS.index("Verdict")] for row in table.rows} & {"below", "cannot tell", "no floor yet"}


def test_sources_never_show_an_empty_address(inputs: Inputs, analysis: Analysis) -> None:
    for kind, code in SCOPES:
        sources = _content(inputs, analysis, kind, code).sources
        assert sources and not [s for s in sources if "()" in s]


def test_a_council_report_has_spend_per_head_and_cqc_labelled_as_a_compilation(
    inputs: Inputs, analysis: Analysis
) -> None:
    blackpool = _content(inputs, analysis, "council", BLACKPOOL).one_page
    assert blackpool.cqc and "Inadequate" in blackpool.cqc and "compilation" in blackpool.cqc
    assert any(line.startswith("Adult social care spending per adult") and "£" in line for line in blackpool.money)
    assert any("England £" in line for line in blackpool.money)
    covered = set(inputs.table("cqc_assessments")["code"])
    absent = next(c for c in inputs.councils.filter(pl.col("valid_to").is_null())["code"] if c not in covered)
    other = _content(inputs, analysis, "council", absent).one_page
    assert other.cqc and "not in our data yet" in other.cqc and "compilation" in other.cqc
    html = report_html(_content(inputs, analysis, "council", BLACKPOOL), annex=False)
    assert "Rated Inadequate overall by CQC" in html and "Spend per head and adult care quality" in html


def test_a_long_label_is_cut_to_its_cell_in_the_pdf_and_a_short_one_kept() -> None:
    from accountability.report.pdf_layout import ReportPDF, fitted

    pdf = ReportPDF("t")
    pdf.add_page()
    pdf.set_font("Helvetica", size=7.5)
    long = "Children in long-term care living with the same carer for 2 years"
    cut = fitted(pdf, long, 30)
    assert cut.endswith("...") and pdf.get_string_width(cut) <= 30 and long.startswith(cut[:-3])
    assert fitted(pdf, "Feel safe", 30) == "Feel safe"


def test_every_page_of_the_annex_is_landscape(inputs: Inputs, analysis: Analysis) -> None:
    pdf = render(_content(inputs, analysis, "council", BLACKPOOL), "pdf")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    landscape = [float(w) > float(h) for w, h in boxes]
    assert landscape.count(True) >= 2  # the annex runs over more than one page here
    first, last = landscape.index(True), len(landscape) - 1 - landscape[::-1].index(True)
    assert all(landscape[first : last + 1])  # no portrait page inside the landscape annex
