"""One measure, one period, every council: ranking, published comparators and a plain summary.

Pure Polars on the prepared tables. Rank 1 is the best value given the measure's polarity (the
highest value where a measure has no polarity). No verdicts about significance are made here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value, ordinal
from accountability.labels import POLARITY_PHRASES, STATUS_LABELS


@dataclass(frozen=True)
class MeasureInfo:
    id: str
    label: str
    unit: str
    polarity: str
    value_type: str
    description: str

    @classmethod
    def from_row(cls, row: dict[str, object]) -> MeasureInfo:
        return cls(**{k: str(row[k]) for k in ("id", "label", "unit", "polarity", "value_type", "description")})


def measure_info(measures: pl.DataFrame, measure_id: str) -> MeasureInfo:
    rows = measures.filter(pl.col("id") == measure_id)
    if rows.height == 0:
        raise KeyError(measure_id)
    return MeasureInfo.from_row(rows.row(0, named=True))


def periods_for(values: pl.DataFrame, measure_id: str) -> list[str]:
    """Periods with at least one published council value for the measure, oldest first."""
    have = values.filter((pl.col("measure") == measure_id) & pl.col("value").is_not_null())
    return have["period"].unique().sort().to_list()


def rank_expr(polarity: str) -> pl.Expr:
    """Competition rank (1, 2, 2, 4) of `value`, best first; nulls are unranked."""
    descending = polarity != "lower_is_better"
    return pl.col("value").rank(method="min", descending=descending).cast(pl.Int32)


def ranked(values: pl.DataFrame, councils: pl.DataFrame, measure: MeasureInfo, period: str) -> pl.DataFrame:
    """Every council with a row for the measure and period, ranked best first, unpublished last."""
    rows = values.filter((pl.col("measure") == measure.id) & (pl.col("period") == period))
    named = rows.join(councils.select("code", "name", "region", "region_code", "council_type"), on="code", how="left")
    out = named.with_columns(rank=rank_expr(measure.polarity), ranked_of=pl.col("value").count())
    return out.sort(["rank", "name"], nulls_last=True)


def comparators(benchmarks: pl.DataFrame, measure_id: str, period: str, region_code: str | None) -> pl.DataFrame:
    """The published England figure and, when a region is given, that region's published figure."""
    rows = benchmarks.filter(
        (pl.col("measure") == measure_id)
        & (pl.col("period") == period)
        & ((pl.col("area_type") == "england") | (pl.col("area_code") == (region_code or "")))
    )
    return rows.sort("area_type")


def rank_phrase(rank: int, tied: int, n: int, polarity: str) -> str:
    """'ranked 3rd of 152 councils', 'ranked joint 1st of 152 councils', '12th highest of 150 councils'."""
    joint = "joint " if tied > 1 else ""
    if polarity == "no_judgement":
        return f"{joint}{ordinal(rank)} highest of {n} councils"
    return f"ranked {joint}{ordinal(rank)} of {n} councils"


def summary_sentence(
    table: pl.DataFrame,
    comps: pl.DataFrame,
    measure: MeasureInfo,
    period: str,
    code: str | None,
    rank_note: str = "",
) -> str:
    """One plain-English sentence: the direction, where the council stands, the published comparators.

    `rank_note` (e.g. " (95% rank interval 3rd to 9th; …)") follows the comparators when the council
    has a value; it is written into the sentence, never spliced into a finished one."""
    n = int(table["value"].count())
    england = comps.filter(pl.col("area_type") == "england")
    eng_text = (
        f"England {format_value(england['value'][0], measure.unit)}"
        if england.height and england["value"][0] is not None
        else "no published England figure"
    )
    direction = POLARITY_PHRASES.get(measure.polarity, measure.polarity)
    heading = f"{measure.label}, {period} ({direction})"
    selected = table.filter(pl.col("code") == code) if code else table.clear()
    if selected.height == 0:
        return f"{heading}: {n} councils have a published value; {eng_text}."
    row = selected.row(0, named=True)
    if row["value"] is None:
        status = STATUS_LABELS.get(str(row["status"]), "not published").lower()
        return f"{heading}: no value for {row['name']} ({status}); {eng_text}."
    region = comps.filter(pl.col("area_type") == "region")
    region_text = (
        f", {region['area_name'][0]} {format_value(region['value'][0], measure.unit)}"
        if region.height and region["value"][0] is not None
        else ""
    )
    tied = int((table["rank"] == row["rank"]).sum())
    return (
        f"{heading}: {row['name']} {format_value(row['value'], measure.unit)}, "
        f"{rank_phrase(int(row['rank']), tied, n, measure.polarity)}; {eng_text}{region_text}{rank_note}."
    )


EXPORT_COLUMNS = [
    "area_type",
    "code",
    "name",
    "region",
    "period",
    "measure",
    "measure_label",
    "unit",
    "value",
    "ci95_low",
    "ci95_high",
    "ci998_low",
    "ci998_high",
    "ci_method",
    "numerator",
    "denominator",
    "rank",
    "ranked_of",
    "status",
    "source_file",
]


def export_frame(table: pl.DataFrame, comps: pl.DataFrame, measure: MeasureInfo) -> pl.DataFrame:
    """Exactly the numbers the Compare page shows: councils in rank order, then the comparators."""
    councils = _export_rows(
        table,
        measure,
        pl.lit("council"),
        pl.col("code"),
        pl.col("name"),
        pl.col("region"),
        pl.col("rank"),
        pl.col("ranked_of"),
    )
    published = _export_rows(
        comps,
        measure,
        pl.col("area_type").cast(pl.String),
        pl.col("area_code"),
        pl.col("area_name"),
        pl.lit(None, pl.String),
        pl.lit(None, pl.Int32),
        pl.lit(None, pl.UInt32),
    )
    return pl.concat([councils, published], how="vertical_relaxed").select(EXPORT_COLUMNS)


def _export_rows(
    frame: pl.DataFrame,
    measure: MeasureInfo,
    area_type: pl.Expr,
    code: pl.Expr,
    name: pl.Expr,
    region: pl.Expr,
    rank: pl.Expr,
    ranked_of: pl.Expr,
) -> pl.DataFrame:
    """Councils and comparators differ only in where their identity and rank come from."""
    return frame.select(
        area_type.alias("area_type"),
        code.alias("code"),
        name.alias("name"),
        region.alias("region"),
        "period",
        "measure",
        pl.lit(measure.label).alias("measure_label"),
        pl.lit(measure.unit).alias("unit"),
        "value",
        pl.col("ci_low").alias("ci95_low"),
        pl.col("ci_high").alias("ci95_high"),
        "ci998_low",
        "ci998_high",
        pl.col("ci_method").cast(pl.String),
        "numerator",
        "denominator",
        rank.alias("rank"),
        ranked_of.alias("ranked_of"),
        pl.col("status").cast(pl.String),
        "source_file",
    )


# The commitments this dashboard exists to hold councils to, first; everything else after, by label.
HEADLINE_MEASURES = [
    "ascof_sds_users",  # personal budgets for everyone eligible
    "ascof_dp_users",  # direct payments as the preferred form
    "ascof_admissions_65",  # prevention instead of residential care
    "ascof_admissions_18_64",
    "ascof_still_home_91",  # reablement
    "ascof_feel_safe",  # safeguarding
    "ascof_carer_qol",
    "placement_same_2yrs",  # children: placement stability
    "placements_3plus",
    "rereferral_pct",
    "cpp_repeat_pct",
    "sw_turnover_rate",  # workforce stability
]


def in_display_order(measures: pl.DataFrame) -> pl.DataFrame:
    """Headline measures in policy order, then the rest by domain and label."""
    position = pl.col("id").replace_strict(
        {m: i for i, m in enumerate(HEADLINE_MEASURES)}, default=len(HEADLINE_MEASURES), return_dtype=pl.Int32
    )
    return measures.sort(position, "domain", "label")
