"""The Compare page's funnel plot: councils' percentages against their denominators, around England.

`funnel_view` gives the points, the 95% and 99.8% limits, the alt text and the table of each
council's position (codes from `methods.funnel.POSITIONS`), or None when no funnel can be drawn:
it needs a percentage, England's published figure and ten or more councils with published counts.
No Streamlit and no drawing here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.methods.compare import MeasureInfo
from accountability.methods.funnel import funnel_limits, funnel_positions
from accountability.views.store import Store

MIN_COUNCILS = 10
OUTSIDE_998 = ["above 99.8%", "below 99.8%"]
LIMITS = ("low95", "high95", "low998", "high998")


@dataclass(frozen=True)
class FunnelView:
    points: pl.DataFrame  # councils with a value and a denominator (code, name, value, denominator, ...)
    limits: pl.DataFrame  # n, target, low95, high95, low998, high998
    title: str
    alt: str  # also the caption's first sentence
    table: pl.DataFrame  # each council's limits and position, by name (shown and downloaded)
    stem: str  # download file name


def funnel_view(
    store: Store, table: pl.DataFrame, comps: pl.DataFrame, measure: MeasureInfo, period: str
) -> FunnelView | None:
    """The funnel plot of `table` (one measure and period, councils ranked) around England, if possible."""
    points = table.filter(pl.col("denominator").is_not_null() & pl.col("value").is_not_null())
    england = comps.filter(pl.col("area_type") == "england")["value"].to_list()
    if measure.value_type != "proportion" or points.height < MIN_COUNCILS or not (england and england[0]):
        return None
    p0 = float(england[0]) / 100
    limits = funnel_limits(p0, float(points["denominator"].min()), float(points["denominator"].max()))  # type: ignore[arg-type]
    positions = funnel_positions(points, p0)
    outside = int(positions["position"].cast(pl.String).is_in(OUTSIDE_998).sum())
    alt = (
        f"{measure.label}, {period}: funnel plot of {points.height} councils around England "
        f"({england[0]:.1f}%); {outside} outside the 99.8% limits."
    )
    shown = (
        positions.join(store.councils.select("code", "name"), on="code", how="left")
        .select("name", "value", "denominator", pl.col("position").cast(pl.String), *LIMITS, "code")
        .sort("name")
    )
    return FunnelView(
        points=points,
        limits=limits,
        title=f"{measure.label}, {period}: funnel plot around England",
        alt=alt,
        table=shown,
        stem=f"funnel_{measure.id}_{period}",
    )
