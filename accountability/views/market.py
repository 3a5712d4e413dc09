"""What the Care market page shows: children's homes in the chosen council (or England), its region and
England, adult care bought in, and a market measure against an outcome across councils.

`market_view(store, choice)` returns one `MarketView` with a part per tab: who provides (private share
series, places by sector, the research compilation, labelled as one), concentration and the largest
owners, quality by sector, homes joining and leaving, adult provision, and the scatter with Pearson's
r worded as an association, never a cause. Every table, alt text and title is written here; the
market tables are `store.derive`d once per store version (`market_tables`). No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import MarketMeasure
from accountability.methods.compare import in_display_order
from accountability.views.analyses import measures_with_values
from accountability.views.market_panels import ADULT_QUALITY, CARE_LEAVERS, PLACEMENTS, measure_panel, s251_baseline
from accountability.views.market_scatter import Scatter, scatter
from accountability.views.market_tables import (
    adult_external_share,
    compare_series,
    market_tables,
    research_table,
    top_owners,
)
from accountability.views.store import Store

ENGLAND = "E92000001"
NO_COUNCIL = "Choose your council in the sidebar to compare it with its region and England. Showing England."
SECTOR_COLUMNS = ["year", "homes", "places", "places_local_authority", "places_private", "places_voluntary"]


@dataclass(frozen=True)
class MarketChoice:
    """Everything the user chose on Care market; hashable, so it is the cache key of the view."""

    council: str | None
    x: MarketMeasure  # the market measure on the scatter
    y: str  # the outcome measure's id


@dataclass(frozen=True)
class Area:
    """The area shown: the chosen council, or England when none is chosen."""

    code: str
    name: str
    region_code: str | None
    names: dict[str, str]  # the chart's series names: council, region, England
    chosen: bool


@dataclass(frozen=True)
class Supply:
    """Who provides: the private share over time, places by sector, and the research compilation."""

    share: pl.DataFrame  # year, area (council / region / England), value
    share_title: str
    share_alt: str
    mix: pl.DataFrame  # the area's sector mix by year (the bars)
    mix_title: str
    mix_alt: str
    table: pl.DataFrame  # homes and places by sector, as shown and downloaded
    table_alt: str
    research: pl.DataFrame  # a research compilation, wide by year (empty without a council or data)
    research_alt: str


@dataclass(frozen=True)
class MarketView:
    """Everything the Care market page, its downloads and alt texts show for one choice."""

    choice: MarketChoice
    area: Area
    no_council: str | None  # England is shown because no council is chosen
    latest: int | None  # the area's latest year of Ofsted's provider data
    supply: Supply
    concentration: pl.DataFrame  # HHI, top-5 share and owners for the area, its region and England
    concentration_alt: str
    owners: pl.DataFrame | None  # the council's largest owners (None for England)
    owners_heading: str
    owners_alt: str
    quality: pl.DataFrame  # by sector, for the area and England
    quality_alt: str
    moves: pl.DataFrame  # homes joining and leaving, by year
    moves_alt: str
    adult: pl.DataFrame  # adult 65+ care bought from external providers
    adult_alt: str
    adult_quality: pl.DataFrame  # ASCOF 6B: care homes rated Good or Outstanding by CQC, with its interval
    placements: pl.DataFrame  # the children's placement market and its stability (`market_panels`)
    care_leavers: pl.DataFrame
    s251: pl.DataFrame  # 2009-14 shares of children's spend by provider (the baseline), area then England
    private_today: str  # today's private share of children's home places, the s251 table's comparison
    scatter: Scatter


def outcome_options(store: Store) -> dict[str, str]:
    """Outcome measures for the scatter, id → label: children's first (the market is children's homes)."""
    ordered = in_display_order(store.derive(measures_with_values))
    children_first = ordered.sort(pl.col("domain").cast(pl.String) != "children", maintain_order=True)
    return dict(zip(children_first["id"], children_first["label"], strict=True))


def market_view(store: Store, choice: MarketChoice) -> MarketView:
    tables = store.derive(market_tables)
    area = _area(store, choice.council)
    mix = tables["mix"]
    years = sorted(mix.filter(pl.col("area_code") == area.code)["year"].unique().to_list())
    latest = years[-1] if years else None
    in_latest = pl.col("year") == latest
    wanted = [area.code, area.region_code or "", ENGLAND]
    conc = tables["concentration"].filter(in_latest & pl.col("area_code").is_in(wanted))
    quality = tables["quality"].filter(in_latest & pl.col("area_code").is_in([area.code, ENGLAND]))
    moves = tables["entries_exits"].filter(pl.col("area_code") == area.code)
    name = area.name
    return MarketView(
        choice=choice,
        area=area,
        no_council=None if area.chosen else NO_COUNCIL,
        latest=latest,
        supply=_supply(store, mix, area),
        concentration=_concentration(conc),
        concentration_alt=f"Concentration of places among owners, {latest}",
        owners=top_owners(tables["homes"], area.code, latest) if area.chosen and latest else None,
        owners_heading=f"Largest owners of children's home places in {name}, {latest}",
        owners_alt=f"Largest owners in {name}",
        quality=quality.select(
            "area_type", "sector", "judged", pl.col("good_or_outstanding_pct").round(1), "inadequate"
        ),
        quality_alt=f"Quality of children's homes by sector, {latest}",
        moves=moves.select("year", "joined", "left").sort("year"),
        moves_alt=f"Children's homes joining and leaving the register, {name}",
        adult=adult_external_share(store.table("asc_provision"), area.code),
        adult_alt=f"Adult care bought from external providers, {name} and all councils",
        scatter=scatter(store, choice.x, choice.y, latest),
        adult_quality=measure_panel(store, ADULT_QUALITY, area.code, area.region_code),
        placements=measure_panel(store, PLACEMENTS, area.code, area.region_code),
        care_leavers=measure_panel(store, CARE_LEAVERS, area.code, area.region_code),
        s251=s251_baseline(store, area.code, area.name),
        private_today=_private_today(mix, area, latest),
    )


def _concentration(conc: pl.DataFrame) -> pl.DataFrame:
    """HHI for a council is its own; for a region or England it is the median council's (a wider
    market's own HHI is far lower and not comparable with a council's), and the table says which."""
    council = pl.col("comparable_with_councils")
    return conc.select(
        "area_type",
        "area_code",
        "year",
        pl.when(council).then(pl.col("hhi")).otherwise(pl.col("median_council_hhi")).round(0).alias("hhi"),
        pl.when(council).then(pl.lit("own market")).otherwise(pl.lit("median council's")).alias("hhi_is"),
        pl.when(council).then(pl.col("top5_share").round(1)).alias("top5_share"),  # councils only, as HHI
        "owners",
    )


def _private_today(mix: pl.DataFrame, area: Area, latest: int | None) -> str:
    rows = mix.filter((pl.col("area_code") == area.code) & (pl.col("year") == (latest or 0)))
    if rows.height == 0 or rows["private_share_places"][0] is None:
        return f"No figure for today's private share of children's home places in {area.name}."
    share = float(rows["private_share_places"][0])
    return f"Today: {share:.1f}% of children's home places in {area.name} are private (Ofsted, 31 March {latest})."


def _area(store: Store, code: str | None) -> Area:
    rows = store.councils.filter(pl.col("code") == (code or "")).rows(named=True)
    if not rows:
        return Area(ENGLAND, "England", None, {"council": "England", "region": "", "England": "England"}, False)
    row = rows[0]
    names = {"council": row["name"], "region": row["region"], "England": "England"}
    return Area(row["code"], row["name"], row["region_code"], names, True)


def _supply(store: Store, mix: pl.DataFrame, area: Area) -> Supply:
    rows = mix.filter(pl.col("area_code") == area.code).sort("year")
    name = area.name
    return Supply(
        share=compare_series(mix, "private_share_places", area.code, area.region_code),
        share_title=f"Private share of children's home places: {name}",
        share_alt=f"Private share of children's home places, {name}, its region and England, by year.",
        mix=rows,
        mix_title=f"Children's home places by sector: {name}",
        mix_alt=f"Children's home places by sector, {name}, by year.",
        table=rows.select(*SECTOR_COLUMNS, "places_other", pl.col("private_share_places").round(1)),
        table_alt=f"Homes and places by sector, {name}",
        research=research_table(store.table("market_panel"), area.code) if area.chosen else pl.DataFrame(),
        research_alt=f"Research compilation for {name}: placements and spend by ownership",
    )
