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
    # money and markets (issue 12)
    "spend_lines",
    "s251_provision",
    "cqc_assessments",
    "cqc_statements",
    "measure_breaks",
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
    # money and markets (issue 12)
    "spend_lines": ["code", "period", "variable"],
    "s251_provision": ["code", "period", "line", "provision"],
    "cqc_assessments": ["code"],
    "cqc_statements": ["code", "statement"],
    "measure_breaks": ["measure", "period"],  # every change in how a series is produced (store.measures.MeasureBreak)
}

# Columns each table must have (the app, the reports and the checks read them); more are allowed.
COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(columns.split())
    for name, columns in {
        "councils": (
            "code name region_code region council_type dfe_la_code cassr_code valid_from "
            "valid_to predecessors successors aliases source_file former_codes"
        ),
        "measures": (
            "id label description domain unit value_type polarity source publisher "
            "framework_version source_codes multiplier break_period period_note source_url "
            "licence official note"
        ),
        "ascof_codes": "measure framework code first_period last_period published_description",
        "ascof_survey_base": "area_code period measure base source_file source_row",
        "values": (
            "code period measure value numerator denominator moe status source_file source_row "
            "ci_method ci_low ci_high ci998_low ci998_high"
        ),
        "benchmarks": (
            "area_type area_code area_name period measure value numerator denominator moe "
            "status source_file source_row ci_method ci_low ci_high ci998_low ci998_high"
        ),
        "peers": "model code rank peer_code closeness source_file source_row",
        "population": "code year age_band population status source_file source_row",
        "inspections": (
            "code la_name framework inspection_type inspection_start inspection_end "
            "published overall_effectiveness leaders help_and_protection children_in_care "
            "care_leavers is_latest source_file source_row"
        ),
        "boundaries": "vintage code name geometry source_file source_row",
        "providers": (
            "year urn provision_type sector places owner la_name code registration_status "
            "latest_inspection_date latest_judgement latest_judgement_published source_file "
            "source_row"
        ),
        "provider_changes": ("year urn change provision_type sector places la_name code date source_file source_row"),
        "market_panel": "code year measure value status unit source_file source_row",
        "asc_provision": (
            "code year period setting provision support_reason value status unit official source_file source_row"
        ),
        "row_accounts": "reader file folder sha256 outcome reason rows",
        "spend_lines": "code period form variable description value status marker source_file source_row",
        "s251_provision": "code period line provision value status source_file source_row",
        "cqc_assessments": "code overall_rating assessed score_percent rating_from_scores check source_file",
        "cqc_statements": "code statement statement_id score rating agrees",
        "measure_breaks": "measure period kind note",
        "places": "name code relation",
        "postcode_districts": "postcode_district code post_town method",
    }.items()
}
# The fewest rows a store built from the published files can have. Fewer means a build went wrong,
# and showing it would read as an all-clear ("0 councils ... 0 on the watchlist"). England has 153
# councils with social care duties; every other table holds at least one row.
MIN_ROWS: dict[str, int] = {"councils": 100, "measures": 10, "values": 1_000, "benchmarks": 100}


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
    # True where the publisher designates the figure "official statistics in development" (ASCOF's
    # client-level-data measures in 2024-25); readers that never publish such figures leave it null
    # and prepare writes False.
    "in_development": pl.Boolean(),
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
    "in_development": pl.Boolean(),  # as in VALUES_SCHEMA
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
