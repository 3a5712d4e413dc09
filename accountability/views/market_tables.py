"""The Care market page's tables: children's homes and the market measures, comparison series, top
owners, adult provision and the research compilation.

`market_tables(store)` computes children's homes and the market measures (`methods.market`) once per
store version (views ask for it with `store.derive`); the rest is pure Polars and arithmetic on them.
The page's view is `views.market`; the scatter is `views.market_scatter`; nothing here is drawn.
"""

from __future__ import annotations

import polars as pl

from accountability.methods import market
from accountability.views.store import Store


def market_tables(store: Store) -> dict[str, pl.DataFrame]:
    """Children's homes and the market measures, by area and year (`methods.market`)."""
    councils = store.councils
    homes = market.homes(store.table("providers"), councils)
    mix = market.sector_mix(homes)
    return {
        "homes": homes,
        "mix": mix,
        "concentration": market.concentration(homes),
        "quality": market.quality(homes),
        "entries_exits": market.entries_exits(store.table("provider_changes"), councils),
        "places_per_10k": market.places_per_10k_children(mix, store.table("population")),
    }


def compare_series(frame: pl.DataFrame, column: str, code: str, region_code: str | None) -> pl.DataFrame:
    """`column` by year for the council, its region and England, long: year, area, value."""
    wanted = [code, region_code or "", "E92000001"]
    names = {code: "council", region_code or "": "region", "E92000001": "England"}
    rows = frame.filter(pl.col("area_code").is_in(wanted))
    return rows.select(
        "year", pl.col("area_code").replace_strict(names, default="").alias("area"), pl.col(column).alias("value")
    ).sort("area", "year")


def top_owners(homes_frame: pl.DataFrame, code: str, year: int, n: int = 10) -> pl.DataFrame:
    """The council's largest owners of children's home places in a year, with their share."""
    rows = homes_frame.filter((pl.col("code") == code) & (pl.col("year") == year) & pl.col("owner").is_not_null())
    owners = rows.group_by("owner").agg(
        homes=pl.len(), places=pl.col("places").sum(), sector=pl.col("sector").cast(pl.String).first()
    )
    total = owners["places"].sum()
    return (
        owners.with_columns(share_pct=(pl.col("places") / total * 100).round(1) if total else pl.lit(None))
        .sort(["places", "owner"], descending=[True, False])
        .head(n)
    )


def adult_external_share(asc: pl.DataFrame, code: str) -> pl.DataFrame:
    """Share of 65+ residential and nursing care bought from external providers, per official source."""
    official = asc.filter(pl.col("official") & pl.col("value").is_not_null())
    per_area = pl.concat(
        [
            official.filter(pl.col("code") == code).with_columns(area=pl.lit("council")),
            official.with_columns(area=pl.lit("sum of all councils")),
        ]
    )
    return (
        per_area.group_by("area", "period", "unit")
        .agg(
            external=pl.col("value").filter(pl.col("provision").cast(pl.String) == "external").sum(),
            total=pl.col("value").sum(),
        )
        .with_columns(external_pct=(pl.col("external") / pl.col("total") * 100).round(1))
        .sort("period", "area")
    )


RESEARCH_MEASURES = {
    "cla_placements_for_profit_pct": "Looked-after children placed with for-profit providers (%)",
    "cla_placements_third_sector_pct": "Looked-after children placed with third-sector providers (%)",
    "cla_spend_private_provision": "Spend on looked-after children: private provision (GBP)",
    "cla_spend_la_own_provision": "Spend on looked-after children: council's own provision (GBP)",
    "childrens_home_places_investment_owned": "Children's home places owned by investment firms",
}


def research_table(panel: pl.DataFrame, code: str) -> pl.DataFrame:
    """The council's research-compilation series, wide by year, labelled measure names."""
    rows = panel.filter((pl.col("code") == code) & pl.col("measure").is_in(list(RESEARCH_MEASURES)))
    if rows.height == 0:
        return pl.DataFrame()
    labelled = rows.with_columns(pl.col("measure").replace_strict(RESEARCH_MEASURES)).sort("year")
    return labelled.pivot(on="measure", index="year", values="value", sort_columns=True).sort("year")
