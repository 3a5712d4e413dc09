"""Periods that start a new definition of a measure, and the "no floor yet" rows floors give them.

A floor drawn from a year never judges that year (the standards loader enforces it), so the first
year of a new definition, such as the ASCOF 2023-24 framework or ASCOF's 2024-25 move to
client-level data, cannot be judged by any floor of that definition. `first_year_rows` lists, for
each measure with a floor standard, every such period with council data that no standard judges,
as rows shaped like `standards.resolve_thresholds`' with a null threshold; `floors.floor_verdicts`
turns them into the verdict "no_floor_yet" instead of leaving the period silently unjudged. The
periods come from the measures table's `break_periods` (or `break_period` where a table has only
that). `segment_label_expr` names the definition a period belongs to, for drawing each separately.
Nothing here decides a verdict.
"""

from __future__ import annotations

import itertools

import polars as pl

from accountability.methods.standards import THRESHOLD_SCHEMA, Standard

NO_FLOOR_TEXT = (
    "First year of this definition: no floor yet. A floor is drawn from one year of a definition and "
    "judges only later years of it, so the first year is never judged."
)


def definition_starts(measures: pl.DataFrame) -> pl.DataFrame:
    """measure, period: the first period of each definition after the first (every break)."""
    if "break_periods" in measures.columns:
        starts = measures.select(pl.col("id").alias("measure"), pl.col("break_periods").alias("period")).explode(
            "period"
        )
    else:
        starts = measures.select(pl.col("id").alias("measure"), pl.col("break_period").alias("period"))
    return starts.drop_nulls("period").unique().sort("measure", "period")


def first_year_rows(standards: list[Standard], values: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """THRESHOLD_SCHEMA rows, threshold null, for each unjudged first period of a definition with data."""
    polarity = {s.measure: s.polarity for s in standards}
    with_data = values.filter(pl.col("value").is_not_null()).select("measure", "period").unique()
    starts = definition_starts(measures).filter(pl.col("measure").is_in(list(polarity)))
    starts = starts.join(with_data, on=["measure", "period"], how="semi")
    keep = [
        (m, p) for m, p in starts.iter_rows() if not any(s.measure == m and s.periods.contains(p) for s in standards)
    ]
    info = measures.select(
        pl.col("id").alias("measure"), "label", "unit", pl.col("value_type").cast(pl.String), "multiplier"
    )
    rows = pl.DataFrame(keep, schema={"measure": pl.String, "period": pl.String}, orient="row").join(
        info, on="measure", how="left"
    )
    out = rows.with_columns(
        standard=pl.col("measure") + " " + pl.col("period") + " (first year)",
        threshold=pl.lit(None, pl.Float64),
        polarity=pl.col("measure").replace_strict(polarity, default=None),
        label=pl.col("label") + ": no floor in " + pl.col("period") + " (first year of a new definition)",
        rule_text=pl.lit(NO_FLOOR_TEXT),
        source=pl.lit(NO_FLOOR_TEXT),
    )
    typed = [pl.col(name).cast(dtype) for name, dtype in THRESHOLD_SCHEMA.items()]
    return (
        pl.concat([pl.DataFrame(schema=THRESHOLD_SCHEMA), out], how="diagonal_relaxed")
        .select(typed)
        .sort("measure", "period")
    )


def segment_label_expr(period: pl.Expr, break_periods: list[str]) -> pl.Expr:
    """Which definition a period belongs to: "all" with no breaks, else "before 2023-24",
    "2023-24 to 2024-25", "from 2024-25". Periods sort lexically ("2017-18" < "2023-24")."""
    starts = sorted(set(break_periods))
    if not starts:
        return pl.lit("all")
    label: pl.Expr = pl.lit(f"from {starts[-1]}")
    for start, end in reversed(list(itertools.pairwise(starts))):
        label = pl.when(period < end).then(pl.lit(f"{start} to {end}")).otherwise(label)
    return pl.when(period < starts[0]).then(pl.lit(f"before {starts[0]}")).otherwise(label)
