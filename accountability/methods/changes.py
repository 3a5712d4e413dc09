"""What changed in the published data between two releases of the store. Pure Polars.

`data_changes(old, new)` compares two stores' tables (dicts of frames: values, benchmarks, measures,
inspections) and returns the change rows of `store.changes.CHANGES_SCHEMA` except the release
columns, which the caller adds. The rules:

- a measure is new (withdrawn) when its id is in the new (old) `measures` table only;
- a period of a measure "has data" when at least one council or published comparator (England,
  region, council type) has a non-null value for it. A period with data now and not before is
  `new_period` (with the number of councils that have a value); the reverse is `withdrawn_period`.
  Values in new or withdrawn periods, or of new or withdrawn measures, are not listed one by one;
- in every other period, an area's value is `revised_value` when its value or its publication
  status differs (old -> new; exact comparison: any revision counts), `added_value` when the area
  had no row before and now has a value, `removed_value` when it had a value and now has no row;
- an Ofsted inspection (council, start date, framework) not in the old table is `new_inspection`;
  one whose overall judgement differs is `revised_inspection`.

Floor verdicts and commitment statuses are compared in `methods.change_verdicts`. This module does
not read files, date releases or word anything.
"""

from __future__ import annotations

import polars as pl

from accountability.store.schema import ENGLAND_CODE

Tables = dict[str, pl.DataFrame]
_VALUE_KEY = ["area_type", "area_code", "measure", "period"]


def data_changes(old: Tables, new: Tables) -> pl.DataFrame:
    """Measures, periods, values and inspections that differ between `old` and `new` (see module doc)."""
    frames = [
        measure_changes(old["measures"], new["measures"]),
        period_changes(old, new),
        value_changes(old, new),
        inspection_changes(old["inspections"], new["inspections"]),
    ]
    return pl.concat(frames, how="diagonal_relaxed")


def measure_changes(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """new_measure / withdrawn_measure rows, recorded against England (they concern every area)."""
    added = new.join(old, on="id", how="anti").select(
        pl.lit("new_measure").alias("kind"), pl.col("id").alias("measure")
    )
    gone = old.join(new, on="id", how="anti").select(
        pl.lit("withdrawn_measure").alias("kind"), pl.col("id").alias("measure")
    )
    return _national(pl.concat([added, gone]))


def _national(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(area_type=pl.lit("england"), area_code=pl.lit(ENGLAND_CODE))


def area_values(tables: Tables) -> pl.DataFrame:
    """Councils' values and the published comparators in one long frame: area_type, area_code,
    measure, period, value, status (as a string)."""
    councils = tables["values"].select(
        pl.lit("council").alias("area_type"), pl.col("code").alias("area_code"), "measure", "period", "value", "status"
    )
    published = tables["benchmarks"].select(
        pl.col("area_type").cast(pl.String), "area_code", "measure", "period", "value", "status"
    )
    return pl.concat([councils, published], how="vertical_relaxed").with_columns(pl.col("status").cast(pl.String))


def periods_with_data(long: pl.DataFrame) -> pl.DataFrame:
    """measure, period, councils: periods with at least one non-null value, and how many councils have one."""
    present = long.filter(pl.col("value").is_not_null())
    return present.group_by("measure", "period").agg(councils=(pl.col("area_type") == "council").sum().cast(pl.Int64))


def period_changes(old: Tables, new: Tables) -> pl.DataFrame:
    """new_period / withdrawn_period rows for measures in both releases, recorded against England."""
    both = new["measures"].join(old["measures"], on="id", how="semi").select(pl.col("id").alias("measure"))
    before = periods_with_data(area_values(old)).join(both, on="measure", how="semi")
    after = periods_with_data(area_values(new)).join(both, on="measure", how="semi")
    added = after.join(before, on=["measure", "period"], how="anti").with_columns(kind=pl.lit("new_period"))
    gone = before.join(after, on=["measure", "period"], how="anti").with_columns(
        kind=pl.lit("withdrawn_period"), councils=pl.lit(None, dtype=pl.Int64)
    )
    return _national(pl.concat([added, gone]))


def value_changes(old: Tables, new: Tables) -> pl.DataFrame:
    """revised_value / added_value / removed_value rows, in periods with data in both releases."""
    before, after = area_values(old), area_values(new)
    common = periods_with_data(before).join(periods_with_data(after), on=["measure", "period"], how="semi")
    shared = common.select("measure", "period")
    joined = (
        before.join(shared, on=["measure", "period"], how="semi")
        .join(after.join(shared, on=["measure", "period"], how="semi"), on=_VALUE_KEY, how="full", coalesce=True)
        .rename({"value": "old_value", "status": "old_code", "value_right": "new_value", "status_right": "new_code"})
    )
    was, now = pl.col("old_code").is_not_null(), pl.col("new_code").is_not_null()
    differs = pl.col("old_value").ne_missing(pl.col("new_value")) | pl.col("old_code").ne_missing(pl.col("new_code"))
    kind = (
        pl.when(was & now & differs)
        .then(pl.lit("revised_value"))
        .when(~was & pl.col("new_value").is_not_null())
        .then(pl.lit("added_value"))
        .when(~now & pl.col("old_value").is_not_null())
        .then(pl.lit("removed_value"))
    )
    return joined.with_columns(kind=kind).filter(pl.col("kind").is_not_null())


def inspection_changes(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """new_inspection / revised_inspection rows for councils, dated by the inspection's start."""
    key = ["code", "inspection_start", "framework"]
    judged = [*key, pl.col("overall_effectiveness").cast(pl.String)]
    joined = new.select(judged).join(old.select(judged), on=key, how="left", coalesce=True)
    previous, now = pl.col("overall_effectiveness_right"), pl.col("overall_effectiveness")
    in_old = old.select(key).with_columns(seen=pl.lit(True))
    kind = (
        pl.when(pl.col("seen").is_null())
        .then(pl.lit("new_inspection"))
        .when(previous.ne_missing(now))
        .then(pl.lit("revised_inspection"))
    )
    return (
        joined.join(in_old, on=key, how="left")
        .with_columns(kind=kind)
        .filter(pl.col("kind").is_not_null())
        .select(
            "kind",
            pl.lit("council").alias("area_type"),
            pl.col("code").alias("area_code"),
            pl.col("inspection_start").alias("date"),
            previous.alias("old_code"),
            now.alias("new_code"),
        )
    )
