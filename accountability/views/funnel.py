"""The Compare page's funnel plot: each council from its own counts, around England's pooled figure.

`funnel_view` wraps `methods.funnel_plot.build_funnel` (Spiegelhalter's limits, the overdispersion
adjustment the user chose, Poisson funnels for rates) and adds what the page shows: the points with
names, the limits drawn and the chance-only limits, the caption (where the centre comes from, the
method, φ or τ²), the alt text and the table of each council's position against both sets of limits.
None when no funnel can be drawn (a score or count, or fewer than ten councils with counts).
No Streamlit and no drawing here; positions are codes (`methods.funnel.POSITIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.labels import FUNNEL_ADJUSTMENT_LABELS, FUNNEL_CENTRE_LABELS
from accountability.methods.compare import MeasureInfo
from accountability.methods.funnel_plot import ADJUSTMENTS, Funnel, build_funnel
from accountability.views.store import Store

MIN_COUNCILS = 10
DEFAULT_ADJUSTMENT = "additive"  # the first choice offered and the one a link leaves out
OUTSIDE_998 = ["above 99.8%", "below 99.8%"]
LIMITS = ("low95", "high95", "low998", "high998")
DENOMINATOR_TITLES = {"proportion": "People counted (denominator)", "rate": "Population (denominator)"}


@dataclass(frozen=True)
class FunnelView:
    points: pl.DataFrame  # councils with counts: code, name, numerator, denominator, value, position, ...
    limits: pl.DataFrame  # n, target, low95, high95, low998, high998: the limits drawn
    unadjusted: pl.DataFrame  # the same grid allowing for chance alone (drawn only when asked for)
    kind: str  # "proportion" (binomial funnel) or "rate" (Poisson funnel)
    applied: bool  # the adjustment widened the limits, so the chance-alone ones differ and are offered
    centre: float
    title: str
    alt: str  # also the caption's first sentence
    method: str  # where the centre comes from, the adjustment and φ or τ²: the caption's second part
    x_title: str
    table: pl.DataFrame  # each council's limits and positions, by name (shown and downloaded)
    stem: str  # download file name


def funnel_view(
    store: Store, table: pl.DataFrame, measure: MeasureInfo, period: str, adjustment: str = DEFAULT_ADJUSTMENT
) -> FunnelView | None:
    """The funnel plot of `table` (one measure and period, councils ranked) around England, if possible."""
    if adjustment not in ADJUSTMENTS:
        adjustment = DEFAULT_ADJUSTMENT  # the page has already named a bad ?funnel= value
    england = store.benchmarks.filter(
        (pl.col("area_type") == "england") & (pl.col("measure") == measure.id) & (pl.col("period") == period)
    )
    row = store.measures.filter(pl.col("id") == measure.id)
    funnel = build_funnel(table, england, row, adjustment) if row.height else None
    if funnel is None or funnel.n_councils < MIN_COUNCILS:
        return None
    named = funnel.points.join(table.select("code", "name"), on="code", how="left")
    outside = int(named["position"].cast(pl.String).is_in(OUTSIDE_998).sum())
    centre = format_value(funnel.centre, measure.unit)
    alt = (
        f"{measure.label}, {period}: funnel plot of {funnel.n_councils} councils around England ({centre}); "
        f"{outside} outside the 99.8% limits drawn."
    )
    shown = named.select(
        "name",
        "numerator",
        "denominator",
        "value",
        pl.col("position").cast(pl.String),
        pl.col("position_unadjusted").cast(pl.String).alias("position_chance_alone"),
        *LIMITS,
        "code",
    ).sort("name")
    return FunnelView(
        points=named,
        limits=funnel.limits,
        unadjusted=funnel.unadjusted,
        kind=funnel.kind,
        applied=funnel.applied,
        centre=funnel.centre,
        title=f"{measure.label}, {period}: {outside} of {funnel.n_councils} councils outside the 99.8% limits",
        alt=alt,
        method=method_text(funnel, centre),
        x_title=DENOMINATOR_TITLES[funnel.kind],
        table=shown,
        stem=f"funnel_{measure.id}_{period}_{adjustment}",
    )


def method_text(funnel: Funnel, centre: str) -> str:
    """The caption's method part: the centre's basis, the funnel's kind, the adjustment and φ or τ²."""
    kind = "binomial (a percentage)" if funnel.kind == "proportion" else "Poisson (a rate)"
    text = (
        f"The centre line is {centre}: {FUNNEL_CENTRE_LABELS[funnel.centre_basis]}. "
        f"Each council is plotted from its own numerator and denominator. Limits: {kind}; "
        f"{FUNNEL_ADJUSTMENT_LABELS[funnel.adjustment]}. "
    )
    dispersion = f"Dispersion ratio φ = {funnel.phi:.2f}; between-council variance τ² = {funnel.tau2:.4g}. "
    if funnel.adjustment != "none" and not funnel.applied:
        dispersion += "Councils vary no more than chance alone allows, so the limits are not widened. "
    return text + dispersion
