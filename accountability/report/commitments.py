"""The progress report's commitments: each commitment measure's status for the area, and for
England or a region how many of its councils are in each status (the shared assessment). Pure Polars.
"""

from __future__ import annotations

import polars as pl

from accountability.report.narrative import STATUS_ORDER
from accountability.report.scope import Scope, current_codes
from accountability.views.analyses import assessment
from accountability.views.store import Store


def commitment_frame(store: Store, scope: Scope) -> pl.DataFrame:
    """Each commitment measure's status for the area; for England and regions, councils by status."""
    area_type = "council" if scope.kind == "council" else scope.kind
    progress = store.derive(assessment, "current")
    own = progress.filter((pl.col("area_type").cast(pl.String) == area_type) & (pl.col("area_code") == scope.code))
    commitments = store.commitments()
    titles = pl.DataFrame({"commitment_id": [c.id for c in commitments], "title": [c.title for c in commitments]})
    info = store.measures.select(
        pl.col("id").alias("measure"),
        pl.col("label").alias("measure_label"),
        "unit",
        pl.col("polarity").cast(pl.String),
    )
    out = own.join(titles, on="commitment_id", how="left", maintain_order="left").join(
        info, on="measure", how="left", maintain_order="left"
    )
    if scope.kind == "council":
        return out
    spread = _status_spread(progress, current_codes(store, scope))
    return out.join(spread, on=["commitment_id", "measure"], how="left")


def _status_spread(progress: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """Councils in each status, per commitment measure (columns named after STATUS_ORDER)."""
    rows = progress.filter((pl.col("area_type").cast(pl.String) == "council") & pl.col("area_code").is_in(codes))
    return rows.group_by("commitment_id", "measure").agg(
        [(pl.col("status").cast(pl.String) == s).sum().alias(s) for s in STATUS_ORDER]
    )
