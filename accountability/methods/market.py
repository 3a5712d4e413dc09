"""Children's homes market measures per council, region and England, per year. Pure Polars.

From Ofsted's provider-level register at 31 March (children's homes only: the other provision types
count places differently, e.g. fostering agencies' places are approvals, not beds):
- homes and places by sector (local authority, private, voluntary, other) and the private share of places;
- concentration of places among owners: Herfindahl–Hirschman index (0-10,000) and the top-5 owners'
  share. Owners are legal entities as Ofsted names them: subsidiaries of one group count separately,
  so concentration is understated (the research compilation groups them; see `market_panel`).
  A region's or England's HHI is that of a regional or national market (England's is about 40, a
  council's 200 to 10,000): not comparable with a council's, so those rows say so
  (`comparable_with_councils` False) and carry the median council's HHI, which is what the
  `market_owner_hhi` measure publishes for regions and England;
- quality: share of homes with a judgement rated Good or Outstanding, and homes rated Inadequate, by sector;
- homes joining and leaving the register in the year to 31 March;
- places per 10,000 children aged 0-17 (ONS mid-year estimate of the year before the 31 March count).
Providers are counted where they are LOCATED, not by the council that places children there.
This module does not read files or draw anything.
"""

from __future__ import annotations

import polars as pl

from accountability.store.measures import Measure
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, Status, conform

HOME = "Children's home"
SECTORS = {"Local authority": "local_authority", "Private": "private", "Voluntary": "voluntary"}
GOOD = ["Outstanding", "Good"]
LEVELS = ("council", "region", "england")


def homes(providers: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Children's homes with a sector key and the area columns (code, region_code) for aggregation."""
    sector = pl.col("sector").cast(pl.String).replace_strict(SECTORS, default="other")
    return (
        providers.filter(pl.col("provision_type") == HOME)
        .with_columns(sector_key=sector)
        .join(councils.select("code", "region_code"), on="code", how="left")
    )


def _by_area(frame: pl.DataFrame, aggs: list[pl.Expr]) -> pl.DataFrame:
    """The same aggregation for councils, their regions and England, stacked with area_type/area_code."""
    parts = []
    for level, key in (("council", "code"), ("region", "region_code"), ("england", None)):
        grouped = frame.with_columns(area_code=pl.col(key) if key else pl.lit("E92000001"))
        parts.append(grouped.group_by("area_code", "year").agg(aggs).with_columns(area_type=pl.lit(level)))
    return pl.concat(parts, how="diagonal_relaxed")


def _places_sum(places: pl.Expr) -> pl.Expr:
    """Sum of places, null when none is published (2015's register has no places column): never 0."""
    return pl.when(places.count() > 0).then(places.sum())


def sector_mix(homes_frame: pl.DataFrame) -> pl.DataFrame:
    """Homes and places by sector, total places and the private share of places (%)."""
    places = pl.col("places")
    aggs: list[pl.Expr] = [pl.len().alias("homes"), _places_sum(places).alias("places")]
    for key in [*SECTORS.values(), "other"]:
        mine = pl.col("sector_key") == key
        any_places = places.count() > 0
        aggs += [
            mine.sum().alias(f"homes_{key}"),
            pl.when(any_places).then(places.filter(mine).sum()).alias(f"places_{key}"),
        ]
    out = _by_area(homes_frame, aggs)
    return out.with_columns(
        private_share_places=pl.when(pl.col("places") > 0).then(pl.col("places_private") / pl.col("places") * 100)
    )


def concentration(homes_frame: pl.DataFrame) -> pl.DataFrame:
    """HHI of places by owner (0-10,000) and the top-5 owners' share of places, where owners are named.

    Regions and England also get `median_council_hhi` (the median of their councils' HHIs) and every
    row `comparable_with_councils` (True only for councils: a wider market's own HHI is far lower).
    """
    named = homes_frame.filter(pl.col("owner").is_not_null() & (pl.col("places") > 0))
    parts = []
    for level, key in (("council", "code"), ("region", "region_code"), ("england", None)):
        area = pl.col(key) if key else pl.lit("E92000001")
        owners = named.with_columns(area_code=area).group_by("area_code", "year", "owner").agg(pl.col("places").sum())
        shares = owners.with_columns(share=pl.col("places") / pl.col("places").sum().over("area_code", "year") * 100)
        ranked = shares.with_columns(rank=pl.col("share").rank("ordinal", descending=True).over("area_code", "year"))
        parts.append(
            ranked.group_by("area_code", "year")
            .agg(
                # sorted before summing: float addition in a varying order would make rebuilds differ
                hhi=(pl.col("share") ** 2).sort().sum(),
                top5_share=pl.col("share").filter(pl.col("rank") <= 5).sort().sum(),
                owners=pl.len(),
            )
            .with_columns(area_type=pl.lit(level))
        )
    out = pl.concat(parts)
    return out.join(
        _median_council_hhi(out, homes_frame), on=["area_type", "area_code", "year"], how="left"
    ).with_columns(comparable_with_councils=pl.col("area_type") == "council")


def _median_council_hhi(conc: pl.DataFrame, homes_frame: pl.DataFrame) -> pl.DataFrame:
    """area_type, area_code, year, median_council_hhi for every region and England."""
    regions = homes_frame.select(pl.col("code").alias("area_code"), "region_code").unique()
    councils = conc.filter(pl.col("area_type") == "council").join(regions, on="area_code", how="left")
    by_region = councils.group_by(pl.col("region_code").alias("area_code"), "year").agg(
        median_council_hhi=pl.col("hhi").median()
    )
    england = councils.group_by("year").agg(median_council_hhi=pl.col("hhi").median())
    return pl.concat(
        [
            by_region.filter(pl.col("area_code").is_not_null()).with_columns(area_type=pl.lit("region")),
            england.with_columns(area_code=pl.lit("E92000001"), area_type=pl.lit("england")),
        ],
        how="diagonal",
    ).select("area_type", "area_code", "year", "median_council_hhi")


def quality(homes_frame: pl.DataFrame) -> pl.DataFrame:
    """Per sector: homes with a four-point judgement, the share Good or Outstanding, and Inadequate count."""
    judged = homes_frame.filter(pl.col("latest_judgement").is_not_null())
    aggs = [
        pl.len().alias("judged"),
        (pl.col("latest_judgement").cast(pl.String).is_in(GOOD).mean() * 100).alias("good_or_outstanding_pct"),
        (pl.col("latest_judgement").cast(pl.String) == "Inadequate").sum().alias("inadequate"),
    ]
    return pl.concat(
        [
            _by_area(judged.filter(pl.col("sector_key") == key), aggs).with_columns(sector=pl.lit(key))
            for key in [*SECTORS.values(), "other"]
        ]
    )


def entries_exits(changes: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Children's homes joining and leaving the register in each year to 31 March."""
    homes_only = changes.filter(pl.col("provision_type") == HOME).join(
        councils.select("code", "region_code"), on="code", how="left"
    )
    return _by_area(
        homes_only,
        [
            (pl.col("change").cast(pl.String) == "joined").sum().alias("joined"),
            (pl.col("change").cast(pl.String) == "left").sum().alias("left"),
        ],
    )


def places_per_10k_children(mix: pl.DataFrame, population: pl.DataFrame) -> pl.DataFrame:
    """Places per 10,000 children aged 0-17, using the mid-year estimate of the year before 31 March."""
    children = population.filter(pl.col("age_band") == "0-17").select(
        pl.col("code").alias("area_code"), (pl.col("year") + 1).cast(pl.Int16).alias("year"), "population"
    )
    joined = mix.join(children, on=["area_code", "year"], how="left")
    return joined.select(
        "area_type", "area_code", "year", (pl.col("places") / pl.col("population") * 10_000).alias("places_per_10k")
    )


# Two market measures joined to the outcome measures, so commitments and comparisons can use them.
# Calculated here from Ofsted's register (not published as such), so `official` is False.
# What both market measures share: where they come from and that this dashboard calculates them.
_FROM_REGISTER = {
    "domain": "children",
    "polarity": "no_judgement",
    "source": "Ofsted, Children's social care data in England (provider level)",
    "publisher": "Ofsted",
    "period_note": "At 31 March; the period is the financial year that ends then",
    "official": False,
    "note": "Calculated by this dashboard from Ofsted's provider-level register (children's homes).",
}
MEASURES = [
    Measure(
        id="market_la_share_places",
        label="Children's home places run by the council (%)",
        description="Share of children's home places in the area run by the local authority itself, at 31 March. "
        "A lower value means more places are provided by private and voluntary organisations.",
        unit="%",
        value_type="proportion",
        framework_version="Ofsted provider register, 2016 to 2025",
        source_codes="calculated from Places by Sector",
        multiplier=100.0,
        count_noun="places",
        **_FROM_REGISTER,  # type: ignore[arg-type]
    ),
    Measure(
        id="market_owner_hhi",
        label="Concentration of children's home ownership (HHI)",
        description="Herfindahl-Hirschman index of children's home places by owner in the area (0 to 10,000). "
        "A higher value means places are concentrated in fewer owners. Owners are legal entities, so "
        "companies in one group count separately and concentration is understated. The England and "
        "regional figures are the median council's index: the index of the national market (about 40) "
        "measures a different market and is not comparable with a council's.",
        unit="score",
        value_type="score",
        framework_version="Ofsted provider register, 2018 to 2025",
        source_codes="calculated from Organisation",
        **_FROM_REGISTER,  # type: ignore[arg-type]
    ),
]


def as_published_tables(providers: pl.DataFrame, councils: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The two market measures as rows of the values (councils) and benchmarks (regions, England) tables."""
    frame = homes(providers, councils)
    mix = sector_mix(frame).select(
        "area_type",
        "area_code",
        "year",
        pl.lit("market_la_share_places").alias("measure"),
        (pl.col("places_local_authority") / pl.col("places") * 100).alias("value"),
    )
    conc = concentration(frame).select(
        "area_type",
        "area_code",
        "year",
        pl.lit("market_owner_hhi").alias("measure"),
        # a region's or England's own HHI is of a wider market: publish the median council's instead
        pl.when(pl.col("comparable_with_councils")).then("hhi").otherwise("median_council_hhi").alias("value"),
    )
    rows = pl.concat([mix, conc]).filter(pl.col("value").is_not_null() & pl.col("area_code").is_not_null())
    rows = rows.with_columns(
        period=(pl.col("year") - 1).cast(pl.String) + "-" + (pl.col("year") % 100).cast(pl.String).str.zfill(2),
        status=pl.lit("published").cast(Status),
        source_file=pl.lit("provider_at_march_") + pl.col("year").cast(pl.String) + ".csv",
    )
    names = councils.select(pl.col("region_code").alias("area_code"), pl.col("region").alias("area_name")).unique()
    values = conform(rows.filter(pl.col("area_type") == "council").rename({"area_code": "code"}), VALUES_SCHEMA)
    bench = (
        rows.filter(pl.col("area_type") != "council")
        .join(names, on="area_code", how="left")
        .with_columns(
            area_name=pl.when(pl.col("area_type") == "england").then(pl.lit("England")).otherwise("area_name")
        )
    )
    return values.sort("code", "measure", "period"), conform(bench, BENCHMARKS_SCHEMA).sort(
        "area_type", "area_code", "measure", "period"
    )
