"""What the Floor standards page shows, built from the floor engine's verdicts. Pure Polars.

- `latest_verdicts`: each standard at its newest period with data;
- `status_matrix`: councils × standards, each cell a verdict in words with a symbol (never colour
  alone), marked "(value only)" when no interval could be used;
- `verdict_counts`: how many councils are below / cannot tell / meet, per standard and period;
- `watchlist`: the zero-tolerance list, each entry saying why it is there ("getting worse" is the shared
  recent-trend result, `methods.trends`, never a one-year change);
- `floor_selection`: all of these for one region, council type and area of care.
This module does not decide verdicts (see `floors`) or draw anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.labels import BASIS_LABELS, NO_FLOOR_YET
from accountability.methods.trends import trend_table

VERDICT_TEXT = {
    "below": "▼ Below the floor",
    "cannot_tell": "◆ Cannot tell",
    "meets": "✓ Meets the floor",
    "no_floor_yet": f"○ {NO_FLOOR_YET}",
    "no_data": "– No data",
}
VALUE_ONLY_SUFFIX = " (value only)"
WATCH_REASONS = pl.Enum(["below for 2+ periods", "worse than England and worsening", "Ofsted Inadequate"])


def verdict_text_expr() -> pl.Expr:
    """The verdict in words with its symbol; a verdict on the value alone says so ("▼ Below the floor
    (value only)"), so it is never read as one that allowed for chance."""
    text = pl.col("verdict").cast(pl.String).replace_strict(VERDICT_TEXT)
    on_value = pl.col("basis").cast(pl.String).eq_missing("value_only")
    return pl.when(on_value).then(text + pl.lit(VALUE_ONLY_SUFFIX)).otherwise(text)


def latest_verdicts(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Each standard's verdicts at the newest period in which any council has a value."""
    newest = verdicts.filter(pl.col("verdict") != "no_data").group_by("measure").agg(latest=pl.col("period").max())
    return verdicts.join(newest, on="measure").filter(pl.col("period") == pl.col("latest")).drop("latest")


def status_matrix(latest: pl.DataFrame, councils: pl.DataFrame, measures: pl.DataFrame) -> pl.DataFrame:
    """One row per current council, one column per standard ('<measure> (<period>)'), verdicts in words."""
    short = measures.select(pl.col("id").alias("measure"), pl.col("label").alias("measure_label"))
    cells = latest.join(short, on="measure").with_columns(
        column=pl.col("measure_label") + " (" + pl.col("period") + ")",
        text=verdict_text_expr(),
    )
    wide = cells.pivot(on="column", index="code", values="text", sort_columns=True)
    named = councils.filter(pl.col("valid_to").is_null()).select(
        "code", pl.col("name").alias("council"), "region", pl.col("council_type").cast(pl.String)
    )
    out = named.join(wide, on="code", how="left")
    standard_columns = [c for c in out.columns if c not in {"code", "council", "region", "council_type"}]
    below = (  # no standard in the selection (e.g. a region with no council of the chosen type): none below
        pl.sum_horizontal(pl.col(c).str.starts_with("▼").fill_null(False) for c in standard_columns)
        if standard_columns
        else pl.lit(0, dtype=pl.UInt32)
    )
    return (
        out.with_columns(pl.col(standard_columns).fill_null(VERDICT_TEXT["no_data"]), below_count=below)
        .sort(["below_count", "council"], descending=[True, False])
        .select("council", "region", "council_type", "below_count", *standard_columns, "code")
    )


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


def watchlist(
    latest_runs: pl.DataFrame,
    worse_and_worsening: pl.DataFrame,
    inspections: pl.DataFrame,
    councils: pl.DataFrame,
) -> pl.DataFrame:
    """Zero-tolerance list: council, reason, what, detail; one row per reason a council is there.

    `latest_runs`: latest verdicts with `below_run` (from `floors.streaks`); `worse_and_worsening`:
    rows from `worse_than_england_and_worsening`; `inspections`: the Ofsted table.
    """
    runs = latest_runs.filter(pl.col("below_run") >= 2).select(
        "code",
        pl.lit("below for 2+ periods").alias("reason"),
        pl.col("label").alias("what"),
        (
            pl.lit("Below the floor for ")
            + pl.col("below_run").cast(pl.String)
            + pl.lit(" periods in a row, up to ")
            + pl.col("period")
        ).alias("detail"),
    )
    worse = worse_and_worsening.select(
        "code",
        pl.lit("worse than England and worsening").alias("reason"),
        pl.col("label").alias("what"),
        pl.col("detail"),
    )
    inadequate = inspections.filter(pl.col("is_latest") & (pl.col("overall_effectiveness") == "Inadequate")).select(
        "code",
        pl.lit("Ofsted Inadequate").alias("reason"),
        pl.lit("Children's services inspection").alias("what"),
        (pl.lit("Judged Inadequate overall, inspected ") + pl.col("inspection_start").dt.strftime("%B %Y")).alias(
            "detail"
        ),
    )
    entries = pl.concat([runs, worse, inadequate]).with_columns(pl.col("reason").cast(WATCH_REASONS))
    named = entries.join(councils.select("code", pl.col("name").alias("council"), "region"), on="code", how="left")
    return named.select("council", "region", "reason", "what", "detail", "code").sort("reason", "council", "what")


def worse_than_england_and_worsening(
    latest: pl.DataFrame, values: pl.DataFrame, benchmarks: pl.DataFrame, trends: pl.DataFrame
) -> pl.DataFrame:
    """Councils whose 95% interval lies wholly on the wrong side of England's published value at the
    standard's latest period, and whose recent trend at that period is "getting worse": the shared
    result of `methods.trends.trend_table` (significant at 95%, allowing for year-to-year variation),
    the same one the Trends page, profile, Progress page and reports show. Needs an interval and a
    trend test: without either, no entry. Not in the first year of a definition ("no_floor_yet"):
    figures are never compared across a break.
    """
    england = benchmarks.filter(pl.col("area_type") == "england").select(
        "measure", "period", pl.col("value").alias("england")
    )
    trend = trends.select(
        "code",
        "measure",
        "period",
        pl.col("label").cast(pl.String).alias("trend"),
        pl.col("periods").list.first().alias("trend_from"),
        pl.col("p_value").alias("trend_p_value"),
    )
    keys = ["code", "measure", "period"]
    latest = latest.filter(pl.col("verdict").cast(pl.String) != "no_floor_yet")
    with_ci = (
        latest.join(values.select(*keys, "ci_low", "ci_high"), on=keys)
        .join(england, on=["measure", "period"])
        .join(trend, on=keys)
    )
    hib = pl.col("polarity").cast(pl.String) == "higher_is_better"
    worse = pl.when(hib).then(pl.col("ci_high") < pl.col("england")).otherwise(pl.col("ci_low") > pl.col("england"))
    return with_ci.filter(worse.fill_null(False) & (pl.col("trend") == "getting worse")).with_columns(
        detail=pl.format(
            "Significantly worse than England ({}) in {}, and getting worse from {} to {} (recent trend, {})",
            pl.col("england").round(1),
            "period",
            "trend_from",
            "period",
            _p_text(pl.col("trend_p_value")),
        )
    )


def _p_text(p: pl.Expr) -> pl.Expr:
    """'p = 0.012' to three decimals, or 'p < 0.001'."""
    thousandths = (p * 1000).round(0).cast(pl.Int64).cast(pl.String).str.zfill(3)
    return pl.when(p < 0.001).then(pl.lit("p < 0.001")).otherwise(pl.lit("p = 0.") + thousandths)


def council_detail(latest_runs: pl.DataFrame, measures: pl.DataFrame, code: str) -> pl.DataFrame:
    """One council against every floor: value, floor, verdict and its basis, distance, run below."""
    units = measures.select(pl.col("id").alias("measure"), pl.col("label").alias("measure_label"), "unit", "count_noun")
    rows = latest_runs.filter(pl.col("code") == code).join(units, on="measure", how="left")
    change = (
        pl.when(pl.col("newly_below"))
        .then(pl.lit("newly below"))
        .when(pl.col("recovered"))
        .then(pl.lit("recovered"))
        .otherwise(pl.lit(""))
    )
    return rows.sort("measure_label").select(
        pl.col("measure_label").alias("standard"),
        "period",
        "value",
        pl.col("threshold").alias("floor"),
        "unit",
        pl.col("verdict").cast(pl.String).replace_strict(VERDICT_TEXT).alias("verdict"),
        pl.col("basis").cast(pl.String).replace_strict(BASIS_LABELS, default=None).alias("decided_on"),
        pl.col("distance_units").round(3).alias("distance_to_floor"),
        pl.col("distance_people").alias("people_to_reach_floor"),
        pl.col("count_noun").alias("counted"),  # what people_to_reach_floor counts: referrals, children, ...
        pl.col("below_run").alias("periods_below_in_a_row"),
        change.alias("change"),
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
            .then(pl.lit("▼ newly below"))
            .otherwise(pl.lit("↑ recovered"))
            .alias("change"),
            pl.col("label").alias("standard"),
            "period",
            pl.col("previous_period").alias("compared_with"),
            "code",
        )
        .sort("change", "council", "standard")
    )


@dataclass(frozen=True)
class FloorSelection:
    """Everything the Floor standards page shows for one selection of councils and measures."""

    verdicts: pl.DataFrame  # every period, in scope
    latest_runs: pl.DataFrame  # latest period per standard, with runs below and changes
    matrix: pl.DataFrame
    counts: pl.DataFrame
    watch: pl.DataFrame
    changes: pl.DataFrame


def floor_selection(
    verdicts: pl.DataFrame,
    streaks: pl.DataFrame,
    tables: dict[str, pl.DataFrame],
    *,
    region: str | None = None,
    council_type: str | None = None,
    domain: str | None = None,
) -> FloorSelection:
    """The page's views for councils in `region` of `council_type`, on `domain` ('adults' or 'children')
    measures; None means all. `tables` needs measures, values, benchmarks, councils and inspections, and
    may hold `trends` (`methods.trends.trend_table`), the trend result every page shares."""
    measures, councils = tables["measures"], tables["councils"]
    domain_ids = measures.filter(pl.lit(domain is None) | (pl.col("domain").cast(pl.String) == (domain or "")))["id"]
    in_scope = councils.filter(
        (pl.lit(region is None) | (pl.col("region") == (region or "")))
        & (pl.lit(council_type is None) | (pl.col("council_type").cast(pl.String) == (council_type or "")))
    )
    scoped = verdicts.filter(
        pl.col("measure").is_in(domain_ids.implode()) & pl.col("code").is_in(in_scope["code"].implode())
    )
    latest = latest_verdicts(scoped)
    runs = latest.join(
        streaks.select("code", "measure", "period", "below_run", "previous_period", "newly_below", "recovered"),
        on=["code", "measure", "period"],
    )
    trends = tables.get("trends")
    if trends is None:  # the caller did not pass the shared trend table: the same result, computed here
        trends = trend_table(tables["values"], tables["measures"], tables.get("measure_breaks"), ends="latest")
    watch = watchlist(
        runs,
        worse_than_england_and_worsening(latest, tables["values"], tables["benchmarks"], trends),
        tables["inspections"].filter(pl.col("code").is_in(in_scope["code"].implode())),
        councils,
    )
    return FloorSelection(
        verdicts=scoped,
        latest_runs=runs,
        matrix=status_matrix(latest, in_scope, measures),
        counts=verdict_counts(scoped),
        watch=watch,
        changes=latest_changes(runs, councils),
    )
