"""The pieces of the Value for money view: ranking, change between years, scatter points, unit costs.

Each function is pure and takes the `Store` plus codes; `views/value.py` assembles them. Spend is
ranked highest first with no judgement (`no_judgement` polarity: the measures say why); England is
the publisher's own total, never an average of the councils shown. No Streamlit.
"""

from __future__ import annotations

import polars as pl

from accountability.formatting import format_value, ordinal
from accountability.methods.compare import periods_for
from accountability.views.market_tables import market_tables
from accountability.views.store import Store

FROM_PERIOD, TO_PERIOD = "2023-24", "2024-25"
ENGLAND = "E92000001"
UNIT_COSTS = ("unit_cost_residential", "unit_cost_fostering")


def england_values(store: Store, measure: str) -> dict[str, float | None]:
    """period -> England's published value of `measure`."""
    rows = store.benchmarks.filter((pl.col("area_code") == ENGLAND) & (pl.col("measure") == measure))
    return dict(zip(rows["period"], rows["value"], strict=True))


def ranked(store: Store, spend: str, period: str, council: str | None) -> pl.DataFrame:
    """rank, code, name, value, highlight: councils highest first with England among them (unranked)."""
    rows = store.values.filter((pl.col("measure") == spend) & (pl.col("period") == period))
    councils = rows.join(store.councils.select("code", "name"), on="code", how="inner")
    england = pl.DataFrame(
        {"code": [ENGLAND], "name": ["England"], "value": [england_values(store, spend).get(period)]},
        schema={"code": pl.String, "name": pl.String, "value": pl.Float64},
    )
    # ranked among councils only: England sits between them for reading, but takes no place
    councils = councils.select("code", "name", "value").with_columns(
        rank=pl.col("value").rank("min", descending=True).cast(pl.Int64)
    )
    both = pl.concat([councils, england.with_columns(rank=pl.lit(None, pl.Int64))])
    both = both.sort("value", descending=True, nulls_last=True)
    highlight = (
        pl.when(pl.col("code") == (council or ""))
        .then(pl.lit("council"))
        .when(pl.col("code") == ENGLAND)
        .then(pl.lit("england"))
        .otherwise(pl.lit("other"))
    )
    return both.with_columns(highlight=highlight).select("rank", "code", "name", "value", "highlight")


def ranked_sentence(table: pl.DataFrame, council: str | None, label: str, unit: str, period: str) -> str:
    """Where the council sits, highest first, beside England; says plainly when it did not publish."""
    england = table.filter(pl.col("code") == ENGLAND)["value"]
    in_england = f"England: {format_value(england[0] if england.len() else None, unit)}"
    row = table.filter(pl.col("code") == (council or ""))
    if row.height == 0:
        return f"{label}, {period}. {in_england}. Choose your council to see where it sits."
    if row["value"][0] is None:
        return f"{label}, {period}: {row['name'][0]} has no published figure. {in_england}."
    n = table.filter((pl.col("code") != ENGLAND) & pl.col("value").is_not_null()).height
    return (
        f"{label}, {period}: {row['name'][0]} {format_value(row['value'][0], unit)}, the "
        f"{ordinal(int(row['rank'][0]))} highest of {n} councils. {in_england}. Cash, not adjusted for inflation."
    )


def change(store: Store, spend: str) -> pl.DataFrame:
    """code, name, from_value, to_value, change, change_pct: FROM_PERIOD to TO_PERIOD, England first."""
    rows = store.values.filter(pl.col("measure") == spend).select("code", "period", "value")
    wide = (
        store.councils.select("code", "name")
        .join(rows.filter(pl.col("period") == FROM_PERIOD).select("code", from_value="value"), on="code", how="left")
        .join(rows.filter(pl.col("period") == TO_PERIOD).select("code", to_value="value"), on="code", how="left")
        .filter(pl.col("from_value").is_not_null() | pl.col("to_value").is_not_null())
    )
    eng = england_values(store, spend)
    england = pl.DataFrame(
        {
            "code": [ENGLAND],
            "name": ["England"],
            "from_value": [eng.get(FROM_PERIOD)],
            "to_value": [eng.get(TO_PERIOD)],
        },
        schema=wide.schema,
    )
    return (
        pl.concat([england, wide.sort("name")])
        .with_columns(change=pl.col("to_value") - pl.col("from_value"))
        .with_columns(change_pct=pl.col("change") / pl.col("from_value").abs() * 100)
    )


def change_sentence(table: pl.DataFrame, council: str | None, unit: str) -> str:
    """The council's change beside England's, in cash terms."""
    parts = []
    for code in (council, ENGLAND):
        row = table.filter(pl.col("code") == (code or ""))
        if row.height == 0:
            continue
        frm, to, pct = row["from_value"][0], row["to_value"][0], row["change_pct"][0]
        if frm is None or to is None or pct is None:
            parts.append(f"{row['name'][0]}: not published for both years")
        else:
            move = f"up {pct:.1f}%" if pct > 0 else f"down {-pct:.1f}%" if pct < 0 else "unchanged"
            parts.append(f"{row['name'][0]}: {format_value(frm, unit)} to {format_value(to, unit)} ({move})")
    return f"From {FROM_PERIOD} to {TO_PERIOD}, in cash: " + "; ".join(parts) + "."


def points(
    store: Store, spend: str, outcome: str, council: str | None, group: list[str]
) -> tuple[pl.DataFrame, str, str]:
    """(code, name, x, y, group) for councils with both, the spend period and the outcome period (latest each)."""
    x_period, y_period = periods_for(store.values, spend)[-1], periods_for(store.values, outcome)[-1]
    x = store.values.filter((pl.col("measure") == spend) & (pl.col("period") == x_period))
    y = store.values.filter((pl.col("measure") == outcome) & (pl.col("period") == y_period))
    role = (
        pl.when(pl.col("code") == (council or ""))
        .then(pl.lit("council"))
        .when(pl.col("code").is_in(group))
        .then(pl.lit("group"))
        .otherwise(pl.lit("other"))
    )
    joined = (
        store.councils.select("code", "name")
        .join(x.select("code", x="value"), on="code")
        .join(y.select("code", y="value"), on="code")
        .filter(pl.col("x").is_not_null() & pl.col("y").is_not_null())
        .with_columns(group=role)
        .sort("name")
    )
    return joined, x_period, y_period


def unit_costs(store: Store, council: str | None) -> pl.DataFrame:
    """code, name, measure, period, value: weekly unit costs for the council and England, every year."""
    rows = store.values.filter(pl.col("measure").is_in(UNIT_COSTS) & (pl.col("code") == (council or "")))
    rows = rows.join(store.councils.select("code", "name"), on="code").select(
        "code", "name", "measure", "period", "value"
    )
    eng = store.benchmarks.filter((pl.col("area_code") == ENGLAND) & pl.col("measure").is_in(UNIT_COSTS))
    eng = eng.select(pl.col("area_code").alias("code"), pl.lit("England").alias("name"), "measure", "period", "value")
    return pl.concat([rows, eng]).unique(["code", "measure", "period"], keep="first").sort("measure", "code", "period")


def private_share(store: Store, council: str | None) -> pl.DataFrame:
    """area_type, area_code, area_name, year, private_share_places: children's home places in the council's
    area and England, years with places only."""
    mix = store.derive(market_tables)["mix"]
    keep = (pl.col("area_type").cast(pl.String) == "england") | (pl.col("area_code") == (council or ""))
    rows = mix.filter(keep & pl.col("private_share_places").is_not_null())
    names = pl.concat([store.councils.select("code", "name"), pl.DataFrame({"code": [ENGLAND], "name": ["England"]})])
    return (
        rows.join(names.rename({"code": "area_code", "name": "area_name"}), on="area_code", how="left")
        .select("area_type", "area_code", "area_name", "year", "private_share_places")
        .sort("area_type", "year")
    )


def council_name(store: Store, code: str | None) -> str | None:
    """The council's name, or None for no council or an unknown code."""
    rows = store.councils.filter(pl.col("code") == (code or ""))
    return str(rows["name"][0]) if rows.height else None


def measure_labels(store: Store, ids: tuple[str, ...]) -> dict[str, str]:
    """id -> short label (before any colon) for the measures the store holds among `ids`."""
    rows = store.measures.filter(pl.col("id").is_in(ids))
    return {m: str(label).split(":")[0] for m, label in zip(rows["id"], rows["label"], strict=True)}
