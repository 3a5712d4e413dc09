"""Floor verdicts and commitment statuses that changed between two releases of the store. Pure Polars.

Both releases are judged by the same rules (today's standards and commitments files), through the
same functions the pages use (`standards.resolve_thresholds`, `floors.floor_verdicts`,
`progress.assess`), so a change listed here is a change in the data, never in the rules.

- Floors. For each council and measure with a floor, its latest verdict with data (the newest
  period whose verdict is not "no_data") in each release. `newly_below`: the new latest verdict is
  below and the old one was not; `recovered`: the old one was below and the new one meets or cannot
  be told. Like `floors.streaks`, a council with no earlier verdict is never "newly below". A
  standard that cannot be resolved on a release (its baseline period has no values there) gives
  that release no verdicts for it, so nothing is claimed about it.
- Commitments. For each commitment, measure and area (England, region, council) assessed in both
  releases, `status_changed` when the progress status differs.

This module does not read files or word anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from accountability.methods.commitments import Commitment
from accountability.methods.floors import floor_verdicts
from accountability.methods.progress import KEYS as PROGRESS_KEYS
from accountability.methods.progress import assess
from accountability.methods.standards import Standard, StandardsError, resolve_thresholds

Tables = dict[str, pl.DataFrame]


def resolvable_thresholds(standards: Sequence[Standard], tables: Tables) -> pl.DataFrame:
    """The thresholds of every standard that resolves on this release's values (others left out)."""
    frames = []
    for standard in standards:
        try:
            frames.append(resolve_thresholds([standard], tables["values"], tables["measures"]))
        except StandardsError:
            continue  # e.g. a baseline period this release does not have: no verdicts, no claims
    return resolve_thresholds([], tables["values"], tables["measures"]) if not frames else pl.concat(frames)


def latest_verdicts(tables: Tables, standards: Sequence[Standard]) -> pl.DataFrame:
    """code, measure, period, verdict: each council's newest verdict with data on each floor measure."""
    verdicts = floor_verdicts(tables["values"], resolvable_thresholds(standards, tables))
    with_data = verdicts.filter(pl.col("verdict") != "no_data")
    return with_data.group_by("code", "measure").agg(
        period=pl.col("period").max(),
        verdict=pl.col("verdict").sort_by("period").last().cast(pl.String),
    )


def floor_changes(old: Tables, new: Tables, standards: Sequence[Standard]) -> pl.DataFrame:
    """newly_below / recovered rows (see module doc), one per council and measure."""
    before = latest_verdicts(old, standards).rename({"period": "old_period", "verdict": "old_code"})
    after = latest_verdicts(new, standards).rename({"verdict": "new_code"})
    joined = after.join(before, on=["code", "measure"], how="inner")
    now, was = pl.col("new_code"), pl.col("old_code")
    kind = (
        pl.when((now == "below") & (was != "below"))
        .then(pl.lit("newly_below"))
        .when((was == "below") & now.is_in(["meets", "cannot_tell"]))
        .then(pl.lit("recovered"))
    )
    return (
        joined.with_columns(kind=kind)
        .filter(pl.col("kind").is_not_null())
        .select(
            "kind",
            pl.lit("council").alias("area_type"),
            pl.col("code").alias("area_code"),
            "measure",
            "period",
            "old_period",
            "old_code",
            "new_code",
        )
    )


def progress_of(tables: Tables, commitments: Sequence[Commitment]) -> pl.DataFrame:
    """Every area's progress on every commitment, on this release (current side of any break)."""
    return assess(tables["values"], list(commitments), tables["measures"], tables["benchmarks"])


def commitment_changes(old: Tables, new: Tables, commitments: Sequence[Commitment]) -> pl.DataFrame:
    """status_changed rows for every commitment, measure and area assessed in both releases."""
    cols = [*PROGRESS_KEYS, "current_period", "current_value", pl.col("status").cast(pl.String)]
    before = progress_of(old, commitments).select(cols)
    after = progress_of(new, commitments).select(cols)
    joined = after.join(before, on=PROGRESS_KEYS, how="inner", suffix="_old")
    return joined.filter(pl.col("status") != pl.col("status_old")).select(
        pl.lit("status_changed").alias("kind"),
        pl.col("area_type").cast(pl.String),
        "area_code",
        "measure",
        "commitment_id",
        pl.col("current_period").alias("period"),
        pl.col("current_period_old").alias("old_period"),
        pl.col("current_value_old").alias("old_value"),
        pl.col("current_value").alias("new_value"),
        pl.col("status_old").alias("old_code"),
        pl.col("status").alias("new_code"),
    )
