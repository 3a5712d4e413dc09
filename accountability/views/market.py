"""What the Market page shows: comparison series, top owners, adult provision, and correlations.

Pure Polars and arithmetic on `market` outputs and the store. Correlations are descriptive: the
page says plainly that an association across councils does not show that one thing causes another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

Z95 = 1.959963984540054


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


@dataclass(frozen=True)
class Correlation:
    r: float
    low: float
    high: float
    n: int


def pearson(xs: list[float], ys: list[float]) -> Correlation | None:
    """Pearson's r with a 95% interval from Fisher's z; None for fewer than 4 pairs or no spread."""
    pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None and y is not None]
    n = len(pairs)
    if n < 4:
        return None
    mx, my = sum(p[0] for p in pairs) / n, sum(p[1] for p in pairs) / n
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    sxx, syy = sum((x - mx) ** 2 for x, _ in pairs), sum((y - my) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    z, se = math.atanh(max(-0.999999, min(0.999999, r))), 1 / math.sqrt(n - 3)
    return Correlation(r, math.tanh(z - Z95 * se), math.tanh(z + Z95 * se), n)


def describe_correlation(c: Correlation | None, x_label: str, y_label: str) -> str:
    """Plain words for the association, never a causal claim."""
    if c is None:
        return f"Too few councils have both {x_label.lower()} and {y_label.lower()} to describe an association."
    size = abs(c.r)
    strength = "little or no" if size < 0.1 else "a weak" if size < 0.3 else "a moderate" if size < 0.5 else "a strong"
    direction = "" if abs(c.r) < 0.1 else (" positive" if c.r > 0 else " negative")
    certain = (
        "; the interval includes zero, so there may be no association at all"
        if c.low <= 0 <= c.high
        else "; the interval does not include zero"
    )
    return (
        f"Across {c.n} councils there is {strength}{direction} association between {x_label.lower()} and "
        f"{y_label.lower()} (r = {c.r:.2f}, 95% interval {c.low:.2f} to {c.high:.2f}{certain}). "
        "An association across councils does not show that one causes the other."
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
