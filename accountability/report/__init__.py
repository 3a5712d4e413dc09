"""Progress reports for England, a region or one council: content, HTML and PDF, from the prepared store.

`load_inputs` reads the store and the two TOML files once; `analyse` (per period) and `build_content`
(per scope) gather the numbers (see `content`); `render` writes them as one self-contained HTML file
or a PDF. The command line is `python -m accountability.report` (see `__main__`). No Streamlit here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from accountability.methods.commitments import load_commitments
from accountability.methods.standards import load_standards
from accountability.report.content import (
    LATEST,
    Analysis,
    Inputs,
    Kind,
    ReportContent,
    Scope,
    ScopeError,
    analyse,
    build_content,
    resolve_scope,
)
from accountability.settings import Settings, get_settings
from accountability.store import read_table

Format = Literal["html", "pdf"]
__all__ = [
    "LATEST",
    "Analysis",
    "Format",
    "Inputs",
    "Kind",
    "ReportContent",
    "Scope",
    "ScopeError",
    "analyse",
    "build_content",
    "load_inputs",
    "render",
    "report_bytes",
    "resolve_scope",
    "start_batch_worker",
    "write_council_report",
]
_WORKER: dict[str, object] = {}


def load_inputs(settings: Settings | None = None) -> Inputs:
    """The prepared tables, the floor standards and the commitments, validated."""
    settings = settings or get_settings()
    measures = read_table(settings.data_dir, "measures")
    return Inputs(
        measures=measures,
        values=read_table(settings.data_dir, "values"),
        councils=read_table(settings.data_dir, "councils"),
        benchmarks=read_table(settings.data_dir, "benchmarks"),
        inspections=read_table(settings.data_dir, "inspections"),
        standards=load_standards(settings.standards_file, measures),
        commitments=load_commitments(settings.commitments_file, measures),
    )


def render(content: ReportContent, fmt: Format) -> bytes:
    """The report as HTML (UTF-8) or PDF bytes."""
    if fmt == "html":
        from accountability.report.html import report_html

        return report_html(content).encode("utf-8")
    from accountability.report.pdf import report_pdf

    return report_pdf(content)


def report_bytes(inputs: Inputs, kind: Kind, code: str | None, period: str, fmt: Format) -> bytes:
    """One report end to end: check the scope and period, gather the numbers, render."""
    scope = resolve_scope(inputs, kind, code)
    return render(build_content(inputs, analyse(inputs, period), scope), fmt)


def start_batch_worker(period: str) -> None:
    """In a batch worker process: load the inputs and analyse the period once."""
    inputs = load_inputs()
    _WORKER.update(inputs=inputs, analysis=analyse(inputs, period))


def write_council_report(code: str, out: Path, fmt: Format) -> str:
    """In a batch worker process: write `<out>/<code>.<fmt>` and return the code."""
    inputs, analysis = _WORKER["inputs"], _WORKER["analysis"]
    assert isinstance(inputs, Inputs) and isinstance(analysis, Analysis)  # noqa: S101 -- set by start_batch_worker
    content = build_content(inputs, analysis, resolve_scope(inputs, "council", code))
    (out / f"{code}.{fmt}").write_bytes(render(content, fmt))
    return code
