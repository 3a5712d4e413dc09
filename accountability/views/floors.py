"""The Floor standards tables, built from the floor engine's verdicts. Pure Polars; codes, not words.

- `latest_verdicts`: each standard at its newest period with data;
- `status_matrix`: councils × standards, each cell a verdict code (`labels` writes it as words with a
  symbol, never colour alone); `matrix_in_words` writes it for people, marking a verdict on the value
  alone "(value only)" so it is never read as one that allowed for chance;
- `verdict_counts`: how many councils are below / cannot tell / meet / have no floor yet, per standard
  and period, with verdicts on an interval and on the value alone counted apart;
- `council_detail` and `latest_changes`: one council against every floor, and who moved.
The zero-tolerance watchlist is in `views.watchlist`; `views.floor_selection` assembles them all for
one selection (the page and the reports).
This module does not decide verdicts (see `methods.floors`) or draw anything.
"""

from __future__ import annotations

import polars as pl

from accountability.labels import FLOOR_VERDICT_LABELS, words

# Codes (words in `labels`), in the order the changes are listed.
CHANGES = pl.Enum(["recovered", "newly_below"])
VALUE_ONLY_SUFFIX = " (value only)"
MATRIX_FIXED = ("council", "region", "council_type", "below_count", "code")


def latest_verdicts(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Each standard's verdicts at the newest period in which any council has a value."""
    newest = verdicts.filter(pl.col("verdict") != "no_data").group_by("measure").agg(latest=pl.col("period").max())
    return verdicts.join(newest, on="measure").filter(pl.col("period") == pl.col("latest")).drop("latest")


def status_matrix(latest: pl.DataFrame, councils: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """One row per current council, one column per standard ('<measure> (<period>)'), verdict codes;
    a council with no row for a standard has `no_data` there."""
    cells = _cells(latest, measures).with_columns(code_=pl.col("verdict").cast(pl.String))
    wide = cells.pivot(on="column", index="code", values="code_", sort_columns=True)
    named = councils.filter(pl.col("valid_to").is_null()).select(
        "code", pl.col("name").alias("council"), "region", pl.col("council_type").cast(pl.String)
    )
    out = named.join(wide, on="code", how="left")
    standard_columns = [c for c in out.columns if c not in {"code", "council", "region", "council_type"}]
    below = (  # no standard in the selection (e.g. a region with no council of the chosen type): none below
        pl.sum_horizontal((pl.col(c) == "below").fill_null(False) for c in standard_columns)
        if standard_columns
        else pl.lit(0, dtype=pl.UInt32)
    )
    return (
        out.with_columns(pl.col(standard_columns).fill_null("no_data"), below_count=below)
        .sort(["below_count", "council"], descending=[True, False])
        .select("council", "region", "council_type", "below_count", *standard_columns, "code")
    )


def _cells(latest: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """The latest verdicts with the matrix column each is shown in: '<measure> (<period>)'."""
    short = measures.select(pl.col("id").alias("measure"), pl.col("label").alias("measure_label"))
    return latest.join(short, on="measure").with_columns(column=pl.col("measure_label") + " (" + pl.col("period") + ")")


def matrix_in_words(matrix: pl.DataFrame, latest: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """`status_matrix` for people (the table shown and downloaded): each verdict in words with its symbol,
    and "(value only)" after one that rests on the published value alone ("▼ Below the floor (value
    only)"), so it is never read as one that allowed for chance."""
    on_value = _cells(latest, measures).filter(pl.col("basis").cast(pl.String) == "value_only")

    def cell(column: str) -> pl.Expr:
        text = words(column, FLOOR_VERDICT_LABELS)
        marked = pl.col("code").is_in(on_value.filter(pl.col("column") == column)["code"].implode())
        return pl.when(marked).then(text + pl.lit(VALUE_ONLY_SUFFIX)).otherwise(text).alias(column)

    return matrix.with_columns(cell(c) for c in matrix.columns if c not in MATRIX_FIXED)


def verdict_counts(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Per standard and period: councils below, cannot tell, meeting, with no floor yet, no data.

    `below` and `meets` are also split by what the verdict rests on (`*_on_interval`,
    `*_on_value_only`), because a verdict on the value alone cannot allow for chance.
    """
    verdict, on_value = pl.col("verdict"), pl.col("basis").cast(pl.String) == "value_only"
    return (
        verdicts.group_by("measure", "label", "period")
        .agg(
            below=(verdict == "below").sum(),
            below_on_interval=((verdict == "below") & ~on_value).sum(),
            below_on_value_only=((verdict == "below") & on_value).sum(),
            cannot_tell=(verdict == "cannot_tell").sum(),
            meets=(verdict == "meets").sum(),
            meets_on_interval=((verdict == "meets") & ~on_value).sum(),
            meets_on_value_only=((verdict == "meets") & on_value).sum(),
            no_floor_yet=(verdict == "no_floor_yet").sum(),
            no_data=(verdict == "no_data").sum(),
        )
        .sort("label", "period")
    )


def council_detail(latest_runs: pl.DataFrame, measures: pl.DataFrame, code: str) -> pl.DataFrame:
    """One council against every floor: value, floor, verdict (code) and its basis (code), distance, what
    the distance in people counts (the measure's count noun), run below, and the change since its
    previous period (`newly_below`, `recovered` or null)."""
    units = measures.select(pl.col("id").alias("measure"), pl.col("label").alias("measure_label"), "unit", "count_noun")
    rows = latest_runs.filter(pl.col("code") == code).join(units, on="measure", how="left")
    change = (
        pl.when(pl.col("newly_below")).then(pl.lit("newly_below")).when(pl.col("recovered")).then(pl.lit("recovered"))
    )
    return rows.sort("measure_label").select(
        pl.col("measure_label").alias("standard"),
        "period",
        "value",
        pl.col("threshold").alias("floor"),
        "unit",
        pl.col("verdict").cast(pl.String),
        pl.col("basis").cast(pl.String).alias("decided_on"),
        pl.col("distance_units").round(3).alias("distance_to_floor"),
        pl.col("distance_people").alias("people_to_reach_floor"),
        pl.col("count_noun").alias("counted"),  # what people_to_reach_floor counts: referrals, children, ...
        pl.col("below_run").alias("periods_below_in_a_row"),
        change.cast(CHANGES).alias("change"),
    )


def latest_changes(latest_runs: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Councils that newly fell below a floor, or recovered, at each standard's latest period."""
    moved = latest_runs.filter(pl.col("newly_below") | pl.col("recovered"))
    return (
        moved.join(councils.select("code", pl.col("name").alias("council"), "region"), on="code", how="left")
        .select(
            "council",
            "region",
            pl.when(pl.col("newly_below"))
            .then(pl.lit("newly_below"))
            .otherwise(pl.lit("recovered"))
            .cast(CHANGES)
            .alias("change"),
            pl.col("label").alias("standard"),
            "period",
            pl.col("previous_period").alias("compared_with"),
            "code",
        )
        .sort("change", "council", "standard")
    )
