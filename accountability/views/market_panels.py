"""Care market tables read from published measures: adult care-home quality (ASCOF 6B, with its Wilson
intervals), the children's placement market and its stability, care leavers, and the 2009-14 split of
children's residential and fostering spend between councils' own, private and voluntary provision
(s251), the baseline of "opening children's services" shown beside today's private share of places.

`measure_panel` gives, per measure, the latest period with a figure: the area's value and interval,
its region's and England's published figures. `s251_baseline` gives the spend shares by year for the
area and England. Numbers stay numbers; labels come from the measures table. No Streamlit.
"""

from __future__ import annotations

import polars as pl

from accountability.views.store import Store

ENGLAND = "E92000001"
ADULT_QUALITY = ("ascof_cqc_good_outstanding",)
PLACEMENTS = (
    "placement_changes_provider_closed",
    "placements_far_from_home",
    "cla_placed_in_by_other_las",
    "cla_placed_outside_area",
    "cla_placement_net_gain",
)
CARE_LEAVERS = (
    "care_leavers_eet_19_21",
    "care_leavers_suitable_19_21",
    "care_leavers_eet_17_18",
    "care_leavers_suitable_17_18",
)
S251 = {  # column shown → measure id: councils' own, private and voluntary shares of spend, 2009-10 to 2013-14
    "residential_own": "s251_residential_own_share",
    "residential_private": "s251_residential_private_share",
    "residential_voluntary": "s251_residential_voluntary_share",
    "fostering_own": "s251_fostering_own_share",
    "fostering_private": "s251_fostering_private_share",
    "fostering_voluntary": "s251_fostering_voluntary_share",
}
# the value first: a phone shows only the first columns of a table
PANEL_COLUMNS = ["measure", "value", "england", "ci_low", "ci_high", "region", "period", "unit", "measure_id"]


def measure_panel(store: Store, ids: tuple[str, ...], code: str, region_code: str | None) -> pl.DataFrame:
    """One row per measure (in `ids` order): its latest period with a council or England figure, the
    area's value and 95% interval (England's own when the area is England), its region's and England's."""
    values = store.values.filter(pl.col("measure").is_in(ids) & (pl.col("code") == code))
    bench = store.benchmarks.filter(pl.col("measure").is_in(ids))
    rows = []
    for measure in ids:
        mine = values.filter((pl.col("measure") == measure) & pl.col("value").is_not_null())
        own = bench.filter((pl.col("measure") == measure) & pl.col("value").is_not_null())
        periods = sorted(set(mine["period"].to_list()) | set(own["period"].to_list()))
        if not periods:
            continue
        period = periods[-1]
        rows.append(_row(measure, period, mine, own, code, region_code))
    info = store.measures.select(pl.col("id").alias("measure_id"), pl.col("label").alias("measure"), "unit")
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    joined = frame.join(info, on="measure_id", how="left", maintain_order="left")
    return joined.with_columns(_at_precision(c) for c in NUMBERS).select(PANEL_COLUMNS)


NUMBERS = ["value", "ci_low", "ci_high", "region", "england"]


def _at_precision(column: str) -> pl.Expr:
    """A percentage to one decimal, as published; a count of children whole."""
    return pl.when(pl.col("unit") == "%").then(pl.col(column).round(1)).otherwise(pl.col(column).round(0))


_SCHEMA = {
    "measure_id": pl.String,
    "period": pl.String,
    "value": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "region": pl.Float64,
    "england": pl.Float64,
}


def _row(
    measure: str, period: str, mine: pl.DataFrame, own: pl.DataFrame, code: str, region_code: str | None
) -> tuple[str, str, float | None, float | None, float | None, float | None, float | None]:
    in_period = own.filter(pl.col("period") == period)
    england = in_period.filter(pl.col("area_type") == "england")
    region = in_period.filter(pl.col("area_code") == (region_code or ""))
    area = england if code == ENGLAND else mine.filter(pl.col("period") == period)
    first = area.row(0, named=True) if area.height else {}
    return (
        measure,
        period,
        first.get("value"),
        first.get("ci_low"),
        first.get("ci_high"),
        region["value"][0] if region.height else None,
        england["value"][0] if england.height else None,
    )


def s251_baseline(store: Store, code: str, name: str) -> pl.DataFrame:
    """period, area (the council's name, then England) and each own/private/voluntary share of s251 spend."""
    ids = list(S251.values())
    council = store.values.filter(pl.col("measure").is_in(ids) & (pl.col("code") == code)).select(
        "period", "measure", "value", area=pl.lit(name)
    )
    england = store.benchmarks.filter(pl.col("measure").is_in(ids) & (pl.col("area_type") == "england")).select(
        "period", "measure", "value", area=pl.lit("England")
    )
    both = pl.concat([council, england]) if code != ENGLAND else england
    if both.height == 0:
        return pl.DataFrame(schema={"period": pl.String, "area": pl.String, **dict.fromkeys(S251, pl.Float64)})
    wide = both.pivot(on="measure", index=["period", "area"], values="value")
    renamed = wide.rename({v: k for k, v in S251.items() if v in wide.columns})
    present = [c for c in S251 if c in renamed.columns]
    order = pl.when(pl.col("area") == "England").then(1).otherwise(0)  # the council first, then England
    return renamed.select("period", "area", *present).sort(order, "period").select("period", "area", *present)
