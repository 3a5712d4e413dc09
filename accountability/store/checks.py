"""Is a prepared table usable? A pure check of its columns and size, run wherever a table is read.

An empty or cut-down store must be an error, not a result: with an empty councils table every page
read as an all-clear ("0 councils ... 0 on the watchlist"), and a renamed column gave the generic
"Sorry" message. `table_problems` names the table and the column (suggesting the new name when one
looks renamed) or the row count; `read_table` raises them, and prepare runs the same check before
it replaces the store. No I/O here.
"""

from __future__ import annotations

import difflib

import polars as pl

from accountability.store.schema import COLUMNS, MIN_ROWS


def table_problems(name: str, frame: pl.DataFrame) -> list[str]:
    """What makes table `name` unusable: missing columns, or fewer rows than a real store holds."""
    problems = []
    for column in COLUMNS.get(name, ()):
        if column not in frame.columns:
            spare = [c for c in frame.columns if c not in COLUMNS[name]]
            close = difflib.get_close_matches(column, spare, n=1, cutoff=0.8)
            hint = f" (found '{close[0]}': was it renamed?)" if close else ""
            problems.append(f"table '{name}' has no column '{column}'{hint}")
    least = MIN_ROWS.get(name, 1)
    if frame.height < least:
        size = "is empty" if frame.height == 0 else f"has only {frame.height:,} rows"
        problems.append(f"table '{name}' {size}; a store built from the published files has at least {least:,}")
    return problems
