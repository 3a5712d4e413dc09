"""Rendering the report: accessible HTML whose annex equals the store, a PDF, SVG charts and the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

from accountability.report import Analysis, Inputs, ReportContent, build_content, render
from accountability.report import resolve_scope as scope_of
from accountability.report.__main__ import main as cli
from accountability.report.html import ANNEX_HEADERS, report_html
from accountability.report.svg import floor_bars_svg, trend_svg, verdict_strip_svg, wrap
from accountability.settings import ROOT

BIRMINGHAM = "E08000025"


@pytest.fixture(scope="module")
def council(inputs: Inputs, analysis: Analysis) -> ReportContent:
    return build_content(inputs, analysis, scope_of(inputs, "council", BIRMINGHAM))


class Tables(HTMLParser):
    """Collects every table's header and body cells, and the heading levels in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.headings: list[int] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _annex(html: str) -> pl.DataFrame:
    parser = Tables()
    parser.feed(html)
    table = next(t for t in parser.tables if t and t[0] == ANNEX_HEADERS)
    return pl.DataFrame(table[1:], schema=ANNEX_HEADERS, orient="row")


def _store_value(store: pl.DataFrame, code_col: str, row: dict[str, str], ids: dict[str, str]) -> dict[str, object]:
    """The store's row for an annex row; the annex names the measure by its label (`ids`: label -> id)."""
    measure = ids[row["Measure"]]
    found = store.filter(
        (pl.col(code_col) == row["Code"]) & (pl.col("measure") == measure) & (pl.col("period") == row["Period"])
    )
    assert found.height == 1, row
    return found.row(0, named=True)


@pytest.mark.parametrize(("kind", "code"), [("council", BIRMINGHAM), ("region", "E12000007"), ("england", None)])
def test_every_number_in_the_html_annex_equals_the_store(
    inputs: Inputs, analysis: Analysis, kind: str, code: str | None
) -> None:
    content = build_content(inputs, analysis, scope_of(inputs, kind, code))  # type: ignore[arg-type]
    annex = _annex(report_html(content))
    assert annex.height == content.annex.height > 0
    labels = inputs.measures["label"]
    assert labels.n_unique() == labels.len()  # so a label names one measure
    ids = dict(zip(labels, inputs.measures["id"], strict=True))
    for row in annex.iter_rows(named=True):
        council_row = row["Code"] in set(inputs.values["code"])
        store = _store_value(
            inputs.values if council_row else inputs.benchmarks, "code" if council_row else "area_code", row, ids
        )
        assert float(row["Value"]) == pytest.approx(store["value"], abs=5e-4)
        low, high = {"95%": ("ci_low", "ci_high"), "99.8%": ("ci998_low", "ci998_high")}.get(row["Interval"], ("", ""))
        if low:
            assert float(row["Interval low"]) == pytest.approx(store[low], abs=5e-4)
            assert float(row["Interval high"]) == pytest.approx(store[high], abs=5e-4)


def test_html_is_one_accessible_self_contained_file(council: ReportContent) -> None:
    html = report_html(council)
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    assert "<script" not in html and "http-equiv" not in html and "<img" not in html
    parser = Tables()
    parser.feed(html)
    assert parser.headings[0] == 1 and parser.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))
    assert html.count("<svg") == html.count('role="img"') == html.count("<title>") - 1 > 0
    assert html.count("<table>") == html.count("<caption>") and 'scope="col"' in html and 'scope="row"' in html
    for section in ("Summary", "Floor standards", "Commitments", "Data annex", "Sources and licence"):
        assert f"<h2>{section}</h2>" in html
    assert "Open Government Licence v3.0" in html


def test_pdf_renders_with_text_and_pages(council: ReportContent) -> None:
    pdf = render(council, "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 4


def test_verdicts_are_never_colour_alone_in_the_strip() -> None:
    svg = verdict_strip_svg([("Feel safe", "2023-24", "below"), ("Turnover", "2025", "cannot_tell")], "alt")
    assert "Below the floor" in svg and "Cannot tell" in svg and 'aria-label="alt"' in svg


def test_bar_chart_writes_each_count_as_text() -> None:
    svg = floor_bars_svg([("Feel safe", "2023-24", 36, 0, 151)], "36 of 151 below")
    assert "36 below, 0 cannot tell, of 151" in svg


def test_trend_lines_are_not_drawn_across_the_framework_break() -> None:
    periods = ["2021-22", "2022-23", "2023-24"]
    svg = trend_svg(periods, [("Area", [1.0, 2.0, 3.0])], "%", "alt", target=4.0, break_period="2023-24")
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 1 and len(lines[0].split()) == 2  # the post-break point stands alone
    assert "Framework change 2023-24" in svg and "Target 4.0%" in svg


def test_wrap_keeps_lines_within_width() -> None:
    assert all(len(line) <= 20 for line in wrap("Children in long-term care living with the same carer", 20))


def test_cli_writes_a_council_pdf(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    cmd = [sys.executable, "-m", "accountability.report", "--council", BIRMINGHAM, "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--council", "E08999999"], "E08999999"),
        (["--region", "E12000099"], "E12000099"),
        (["--england", "--period", "2040-41"], "2040-41"),
    ],
)
def test_cli_rejects_unknown_values_with_status_2(
    tmp_path: Path, args: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the command line's own entry point, in this process (the PDF test above runs `python -m` itself)
    with pytest.raises(SystemExit) as stopped:
        cli([*args, "--out", str(tmp_path / "x.html")])
    assert stopped.value.code == 2 and named in capsys.readouterr().err
