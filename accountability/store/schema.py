"""The prepared store's schema: its tables, their keys, and the column types readers must produce.

One module, so the pipeline, the contract tests and the app agree on what a table holds. No I/O here.
"""

from __future__ import annotations

import polars as pl

TABLES = (
    "councils",
    "measures",
    "ascof_codes",
    "ascof_survey_base",
    "values",
    "benchmarks",
    "peers",
    "population",
    "inspections",
    "boundaries",
    "providers",
    "provider_changes",
    "market_panel",
    "asc_provision",
    "places",
    "postcode_districts",
    "row_accounts",
)
# Keys that identify one row of each table; used for sorting (determinism) and uniqueness checks.
KEYS: dict[str, list[str]] = {
    "councils": ["code"],
    "measures": ["id"],
    "ascof_codes": ["measure", "framework", "code", "first_period"],
    "ascof_survey_base": ["area_code", "period", "measure"],
    "values": ["code", "period", "measure"],
    "benchmarks": ["area_type", "area_code", "period", "measure"],
    "peers": ["model", "code", "rank"],
    "population": ["code", "year", "age_band"],
    "inspections": ["code", "inspection_start", "framework"],
    "boundaries": ["vintage", "code"],
    "providers": ["year", "urn"],
    "provider_changes": ["year", "urn", "change"],
    "market_panel": ["code", "year", "measure"],
    "asc_provision": ["source_file", "code", "year", "setting", "provision", "support_reason"],
    "places": ["name", "code"],
    "postcode_districts": ["postcode_district"],
    "row_accounts": ["reader", "file", "outcome", "reason"],
}


# What a value's publication status can be (a published marker becomes null plus one of these).
STATUSES = [
    "published",
    "suppressed",
    "not_available",
    "not_applicable",
    "low",
    "low_reliability",
    "missing",
]
Status = pl.Enum(STATUSES)

# The tidy council-level values every reader returns (before intervals are added by prepare).
VALUES_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "period": pl.String(),
    "measure": pl.String(),
    "value": pl.Float64(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "moe": pl.Float64(),  # published survey margin of error (95%), in the value's units
    "status": Status,
    "source_file": pl.String(),
    "source_row": pl.Int64(),  # 1-based line (CSV) or row (spreadsheet) in the published file
}
# Published comparators: England, regions, council types. Never computed as a mean of councils.
BENCHMARKS_SCHEMA: dict[str, pl.DataType] = {
    "area_type": pl.Enum(["england", "region", "council_type"]),
    "area_code": pl.String(),
    "area_name": pl.String(),
    "period": pl.String(),
    "measure": pl.String(),
    "value": pl.Float64(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "moe": pl.Float64(),
    "status": Status,
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}
ENGLAND_CODE = "E92000001"


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Select and cast to a schema; columns the frame lacks are added as nulls."""
    cols = [
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in schema.items()
    ]
    return frame.select(cols)


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)
