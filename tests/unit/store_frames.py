"""Hand-built prepared tables for view tests, typed like the real store (test data, not real figures).

Four councils in two regions, two measures of opposite polarity, and helpers that fill every column
a table has with nulls unless a test gives it, so a view test states only what it is about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from accountability.sources.cqc_la import ASSESSMENTS_SCHEMA, STATEMENTS_SCHEMA
from accountability.store.measures import BREAK_SCHEMA
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform
from accountability.views.store import Store, from_frames

CI_METHOD = pl.Enum(["wilson", "byar", "exact_poisson", "survey_moe", "not_reproducible", "none"])
INTERVALS: dict[str, pl.DataType] = {
    "ci_method": CI_METHOD,
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "ci998_low": pl.Float64(),
    "ci998_high": pl.Float64(),
}
COUNCIL_TYPE = pl.Enum(["London borough", "Metropolitan district", "Unitary authority", "County council"])

COUNCILS = pl.DataFrame(
    {
        "code": ["E06000001", "E06000002", "E08000001", "E08000002"],
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "region_code": ["E12000001", "E12000001", "E12000002", "E12000002"],
        "region": ["North East", "North East", "North West", "North West"],
        "council_type": ["Unitary authority", "Unitary authority", "Metropolitan district", "Metropolitan district"],
        "valid_to": [None, None, None, dt.date(2023, 3, 31)],
        "predecessors": [[], [], [], []],
        "successors": [[], [], [], ["E08000001"]],
    },
    schema_overrides={"council_type": COUNCIL_TYPE, "valid_to": pl.Date, "predecessors": pl.List(pl.String)},
).with_columns(pl.col("successors").cast(pl.List(pl.String)))
ALPHA, BETA, GAMMA, DELTA = COUNCILS["code"].to_list()

MEASURES = pl.DataFrame(
    {
        "id": ["helped", "waits"],
        "label": ["Share helped", "Long waits"],
        "description": ["People helped, of those asking.", "People waiting over a year."],
        "domain": ["adults", "children"],
        "unit": ["%", "%"],
        "value_type": ["proportion", "proportion"],
        "polarity": ["higher_is_better", "lower_is_better"],
        "source": ["Test source A", "Test source B"],
        "publisher": ["Publisher A", "Publisher B"],
        "multiplier": [100.0, 100.0],
        "break_period": [None, None],
        "count_noun": ["people", "children"],
        "break_periods": [[], []],
    },
    schema_overrides={
        "domain": pl.Enum(["adults", "children"]),
        "value_type": pl.Enum(["proportion", "rate", "score", "count"]),
        "polarity": pl.Enum(["higher_is_better", "lower_is_better", "no_judgement"]),
        "break_period": pl.String,
        "break_periods": pl.List(pl.String),
    },
)
# Every break in a measure's definition (none here; a test adds its own, as `measure_breaks` is stored).
MEASURE_BREAKS = pl.DataFrame(schema=BREAK_SCHEMA)


def values(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The values table: each row needs code, period, measure and value; the rest default to null
    (an interval, when given as ci_low/ci_high, is a Wilson interval unless ci_method says otherwise)."""
    frame = pl.DataFrame(rows)
    if "ci_method" not in frame.columns:
        has_ci = pl.col("ci_low").is_not_null() if "ci_low" in frame.columns else pl.lit(False)
        frame = frame.with_columns(ci_method=pl.when(has_ci).then(pl.lit("wilson")).otherwise(pl.lit("none")))
    if "status" not in frame.columns:
        frame = frame.with_columns(
            status=pl.when(pl.col("value").is_null()).then(pl.lit("suppressed")).otherwise(pl.lit("published"))
        )
    return conform(frame.with_columns(source_file=pl.lit("test.csv")), {**VALUES_SCHEMA, **INTERVALS})


def benchmarks(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The benchmarks table: area_type, area_code, area_name, period, measure, value (others null)."""
    frame = pl.DataFrame(rows).with_columns(status=pl.lit("published"), ci_method=pl.lit("none"))
    return conform(frame, {**BENCHMARKS_SCHEMA, **INTERVALS})


PEERS = pl.DataFrame(
    {
        "model": ["2025"] * 3,
        "code": [ALPHA] * 3,
        "rank": [1, 2, 3],
        "peer_code": [BETA, GAMMA, DELTA],
    },
    schema_overrides={"rank": pl.Int8},
)


def cqc_assessments(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """CQC's council assessments (a research compilation): code, assessed, overall_rating, check, ...;
    the rest null."""
    return conform(pl.DataFrame(rows, infer_schema_length=None), ASSESSMENTS_SCHEMA)


def cqc_statements(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """CQC's nine quality statements per council: code, statement, statement_id, score, rating."""
    return conform(pl.DataFrame(rows, infer_schema_length=None), STATEMENTS_SCHEMA)


# No council is in the CQC compilation unless a test adds its rows.
CQC_EMPTY = {
    "cqc_assessments": pl.DataFrame(schema=ASSESSMENTS_SCHEMA),
    "cqc_statements": pl.DataFrame(schema=STATEMENTS_SCHEMA),
}


def store(values_frame: pl.DataFrame, benchmarks_frame: pl.DataFrame, **more: Any) -> Store:
    """A store over the frames above and the given values and benchmarks."""
    frames = {
        "councils": COUNCILS,
        "measures": MEASURES,
        "peers": PEERS,
        "measure_breaks": MEASURE_BREAKS,
        **CQC_EMPTY,
        **more,
    }
    return from_frames("test", values=values_frame, benchmarks=benchmarks_frame, **frames)
