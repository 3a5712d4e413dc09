"""Progress reports for England, a region or one council: content, HTML and PDF, from the page views.

`load_inputs` is the store over the prepared folder and the two TOML files (each read once, derived
results shared); `analyse` (per period) and `build_content` (per scope) gather the numbers from the
views (see `content`); `render` writes them as one self-contained HTML file or a PDF. The command
line is `python -m accountability.report` (see `__main__`). No Streamlit here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

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
from accountability.views.store import from_dir

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
    """The store over the prepared tables, the floor standards and the commitments; the two files are
    checked here, so a mistake stops before any report is written (naming the file and line)."""
    settings = settings or get_settings()
    store = from_dir(settings.data_dir, settings.standards_file, settings.commitments_file)
    store.standards()
    store.commitments()
    return store


def render(content: ReportContent, fmt: Format, annex: bool = True) -> bytes:
    """The report as HTML (UTF-8) or PDF bytes: the one-page summary, then the annex unless `annex` is False."""
    if fmt == "html":
        from accountability.report.html import report_html

        return report_html(content, annex).encode("utf-8")
    from accountability.report.pdf import report_pdf

    return report_pdf(content, annex)


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
