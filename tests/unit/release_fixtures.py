"""SYNTHETIC stores for the release, changes and feed tests: four made-up councils, one made-up measure.

Every number here is invented for the tests and says so; none is, or resembles, a published figure.
`tables(...)` gives a whole store (every table in `store.TABLES`; the ones the comparison does not
read are one-row stand-ins), with the test percentage's values as given.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from accountability import store
from accountability.methods.commitments import Commitment
from accountability.methods.standards import Standard
from accountability.store.measures import MEASURE_SCHEMA
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, STATUSES

ALPHA, BETA, GAMMA, DELTA = "E06000001", "E06000002", "E08000001", "E09000001"
NORTH_EAST, NORTH_WEST = "E12000001", "E12000002"
MEASURE = "test_pct"
PERIODS = ("2020-21", "2021-22", "2022-23")
CI = pl.Enum(["wilson", "byar", "exact_poisson", "survey_moe", "not_reproducible", "none"])
JUDGEMENT = pl.Enum(["Outstanding", "Good", "Requires improvement to be good", "Inadequate"])

# (code, period) -> value; the SYNTHETIC base every test edits.
BASE: dict[tuple[str, str], float | None] = {
    (ALPHA, "2020-21"): 60.0, (ALPHA, "2021-22"): 61.0, (ALPHA, "2022-23"): 62.0,
    (BETA, "2020-21"): 40.0, (BETA, "2021-22"): 41.0, (BETA, "2022-23"): 45.5,
    (GAMMA, "2020-21"): 70.0, (GAMMA, "2021-22"): 70.0, (GAMMA, "2022-23"): 70.0,
    (DELTA, "2020-21"): 55.0, (DELTA, "2021-22"): 54.0, (DELTA, "2022-23"): None,
}  # fmt: skip

STANDARD = Standard.model_validate(
    {
        "measure": MEASURE,
        "label": "Test floor (SYNTHETIC)",
        "polarity": "higher_is_better",
        "threshold": 50.0,
        "periods": {"from": "2020-21", "to": "2029-30"},
        "confidence": 0.95,
        "basis": "official",
        "source": "test fixture",
    }
)
COMMITMENT = Commitment(
    id="test-rising",
    title="Test commitment (SYNTHETIC)",
    measures=(MEASURE,),
    target_direction="rising",
    owner="test",
    source="test fixture",
    source_sentence="test fixture",
)


def councils() -> pl.DataFrame:
    rows = [
        (ALPHA, "Alpha", NORTH_EAST, "North East"),
        (BETA, "Beta", NORTH_EAST, "North East"),
        (GAMMA, "Gamma", NORTH_WEST, "North West"),
        (DELTA, "Delta", NORTH_WEST, "North West"),
    ]
    return pl.DataFrame(rows, schema=["code", "name", "region_code", "region"], orient="row")


def measures(extra: tuple[str, ...] = ()) -> pl.DataFrame:
    rows = []
    for measure in (MEASURE, *extra):
        row = dict.fromkeys(MEASURE_SCHEMA, "")
        row |= {"id": measure, "label": f"Label of {measure}", "domain": "adults", "unit": "%"}
        row |= {"value_type": "proportion", "polarity": "higher_is_better", "multiplier": 100.0}
        row |= {"break_period": None, "official": True}
        rows.append(row)
    return pl.DataFrame(rows, schema=MEASURE_SCHEMA)


def values(
    cells: dict[tuple[str, str], float | None], status: dict[tuple[str, str], str] | None = None
) -> pl.DataFrame:
    """Council values of the test percentage; 95% intervals of +-2 points (none for a missing value)."""
    status = status or {}
    rows = []
    for (code, period), value in sorted(cells.items()):
        ci = None if value is None else (value - 2.0, value + 2.0)
        rows.append(
            {
                "code": code, "period": period, "measure": MEASURE, "value": value, "numerator": None,
                "denominator": 1000.0, "moe": None,
                "status": status.get((code, period), "published" if value is not None else "suppressed"),
                "source_file": "synthetic.csv", "source_row": 1, "ci_method": "wilson" if ci else "none",
                "ci_low": ci[0] if ci else None, "ci_high": ci[1] if ci else None,
                "ci998_low": ci[0] - 1 if ci else None, "ci998_high": ci[1] + 1 if ci else None,
            }
        )  # fmt: skip
    schema = {"status": pl.Enum(STATUSES), "ci_method": CI, "numerator": pl.Float64, "moe": pl.Float64}
    return pl.DataFrame(rows, schema_overrides=schema, infer_schema_length=None)


def benchmarks(england: dict[str, float]) -> pl.DataFrame:
    rows = [
        {"area_type": "england", "area_code": ENGLAND_CODE, "area_name": "England", "period": p, "measure": MEASURE,
         "value": v, "status": "published", "ci_low": None, "ci_high": None}
        for p, v in sorted(england.items())
    ]  # fmt: skip
    schema = {**BENCHMARKS_SCHEMA, "ci_method": CI, "ci_low": pl.Float64(), "ci_high": pl.Float64()}
    return pl.DataFrame(rows, schema=schema)


def inspections(rows: list[tuple[str, dt.date, str]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["code", "inspection_start", "overall_effectiveness"], orient="row")
    return frame.with_columns(pl.lit("ILACS").alias("framework"), pl.col("overall_effectiveness").cast(JUDGEMENT))


def tables(
    cells: dict[tuple[str, str], float | None] | None = None,
    *,
    england: dict[str, float] | None = None,
    status: dict[tuple[str, str], str] | None = None,
    judgements: list[tuple[str, dt.date, str]] | None = None,
    extra_measures: tuple[str, ...] = (),
) -> dict[str, pl.DataFrame]:
    """A whole SYNTHETIC store."""
    made = {name: pl.DataFrame({"stand_in": [1]}) for name in store.TABLES}
    made |= {
        "councils": councils(),
        "measures": measures(extra_measures),
        "values": values(BASE if cells is None else cells, status),
        "benchmarks": benchmarks(england or {"2020-21": 56.0, "2021-22": 57.0, "2022-23": 58.0}),
        "inspections": inspections(judgements or [(BETA, dt.date(2022, 5, 9), "Requires improvement to be good")]),
    }
    return made


def edited(**changes: float | None) -> dict[tuple[str, str], float | None]:
    """BASE with cells replaced: edited(beta_2022_23=47.0)."""
    cells = dict(BASE)
    names = {"alpha": ALPHA, "beta": BETA, "gamma": GAMMA, "delta": DELTA}
    for key, value in changes.items():
        council, year = key.split("_", 1)
        cells[(names[council], year.replace("_", "-"))] = value
    return cells
