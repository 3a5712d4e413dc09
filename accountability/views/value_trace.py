"""Where each Value for money figure comes from: the published spend cells behind it.

`spend_variables` reads the RO3/RSX variable codes a spend measure is built from (its `source_codes`
formula); `trace` lists, for every council and period shown, each published cell (form, variable
code, description, value in GBP thousand, file, row and column) next to the figure derived from
it. Measures not built from revenue outturn lines (the S251 unit costs) have no spend cells: their
trace is the values table's own file and row. Pure Polars; no Streamlit, no words beyond headers.
"""

from __future__ import annotations

import re

import polars as pl

VARIABLE = re.compile(r"\b(?:RO3|RSX)-[a-z0-9-]+")


def spend_variables(source_codes: str | None) -> tuple[str, ...]:
    """The RO3/RSX variable codes named in a measure's formula, in order, without repeats."""
    found = VARIABLE.findall(source_codes or "")
    return tuple(dict.fromkeys(found))


def trace(values: pl.DataFrame, spend_lines: pl.DataFrame, variables: tuple[str, ...]) -> pl.DataFrame:
    """One row per derived figure and published cell: code, period, value, numerator, denominator, form,
    variable, description, cell_value (GBP thousand), cell_status, source_file, source_row, source_column.

    `values` holds the figures shown (code, period, value, numerator, denominator, source_file,
    source_row). Without spend variables the figure's own file and row are the trace."""
    shown = values.select("code", "period", "value", "numerator", "denominator", "source_file", "source_row")
    if not variables:
        return shown.with_columns(
            form=pl.lit(None, pl.String),
            variable=pl.lit(None, pl.String),
            description=pl.lit(None, pl.String),
            cell_value=pl.lit(None, pl.Float64),
            cell_status=pl.lit(None, pl.String),
            source_column=pl.lit(None, pl.String),
        ).select(TRACE_COLUMNS)
    cells = spend_lines.filter(pl.col("variable").is_in(list(variables))).select(
        "code",
        "period",
        pl.col("form").cast(pl.String),
        "variable",
        "description",
        pl.col("value").alias("cell_value"),
        pl.col("status").cast(pl.String).alias("cell_status"),
        "source_file",
        "source_row",
        "source_column",
    )
    order = {v: i for i, v in enumerate(variables)}
    return (
        shown.drop("source_file", "source_row")
        .join(cells, on=["code", "period"], how="left", maintain_order="left")
        .with_columns(_order=pl.col("variable").replace_strict(order, default=len(order), return_dtype=pl.Int64))
        .sort("code", "period", "_order")
        .select(TRACE_COLUMNS)
    )


TRACE_COLUMNS = [
    "code",
    "period",
    "value",
    "numerator",
    "denominator",
    "form",
    "variable",
    "description",
    "cell_value",
    "cell_status",
    "source_file",
    "source_row",
    "source_column",
]
