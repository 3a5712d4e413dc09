"""The tables of the report's first page that the rest of the report does not have: each commitment's
status in one short row. Words from `labels`; the numbers are the commitment frame's. No drawing.
"""

from __future__ import annotations

from accountability.labels import PROGRESS_STATUS_LABELS, PROGRESS_STATUS_WORDS
from accountability.report.content import ReportContent
from accountability.report.tables import Table


def status_table(content: ReportContent, symbols: bool = True) -> Table:
    """Commitment, measure and status: the commitments at a glance (detail and targets in the annex).
    Without `symbols` the status is in words alone (the PDF's core font has no arrows)."""
    words = PROGRESS_STATUS_LABELS if symbols else PROGRESS_STATUS_WORDS
    rows = [
        [str(r["title"]), str(r["measure_label"]), words.get(str(r["status"]), str(r["status"])).capitalize()]
        for r in content.commitments.iter_rows(named=True)
    ]
    return Table(
        f"Commitments at a glance: {content.scope.name}", ["Commitment", "Measure", "Status"], rows, [3, 4, 1.4]
    )
