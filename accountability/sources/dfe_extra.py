"""DfE children looked after files on the placement market and care leavers (childrens-social-care-extra/).

What it does: reads the four EES files named in `dfe_extra_measures.FILES` with the DfE reader
(`dfe.read_file`: same checks, markers, geography and row accounting as the other DfE files) and
returns council values and the published England and region rows as benchmarks.

What it does not do: read the folder's other files (health checks, school moves, plan durations:
not needed yet), derive rates DfE does not publish, or sum breakdowns ("Total ..." rows are the
denominators, as DfE publishes them).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import dfe
from accountability.sources.base import SourceOutput
from accountability.sources.dfe_extra_measures import FILES, MEASURES
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform

__all__ = ["FILES", "FOLDER", "MEASURES", "read"]

FOLDER = "childrens-social-care-extra"


def read(raw_dir: Path) -> SourceOutput:
    results = [dfe.read_file(raw_dir / FOLDER / spec.file, spec) for spec in FILES]
    rows = pl.concat([frame for frame, _ in results])
    council = rows.filter(pl.col("_level") == "council").rename({"_code": "code"})
    areas = rows.filter(pl.col("_level") != "council")
    areas = areas.rename({"_level": "area_type", "_code": "area_code", "_name": "area_name"})
    return SourceOutput(
        values=conform(council, VALUES_SCHEMA).sort("measure", "code", "period"),
        benchmarks=conform(areas, BENCHMARKS_SCHEMA).sort("measure", "area_type", "area_code", "period"),
        accounts=[account for _, account in results],
    )
