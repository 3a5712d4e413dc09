"""A funnel plot for one measure and period: councils from their own counts, limits around England's
pooled figure, and Spiegelhalter's overdispersion adjustments with φ and τ² reported.

Points: each council's exact numerator / denominator (never the rounded published value), in the
measure's units. Centre: England's published numerator / denominator (`centre_basis` "england_counts");
when England's counts are not published, the pooled counts of the councils plotted ("council_counts").

Unadjusted limits ("none"; always returned as `unadjusted`): proportions use Fingertips' Wilson-score
control limits (`funnel.wilson_limit_exprs`); rates are Poisson funnels with Byar's approximation to the
exact Poisson limits for the expected count E = denominator × centre (PHEindicatormethods' method for
rates; within 1% of the exact limits from about 5 expected events; `small_expected` flags E < 10).

Overdispersion (Spiegelhalter 2005, "Handling over-dispersion of performance indicators", Qual Saf
Health Care 14:347; as in NHS-R FunnelPlotR): on a variance-stabilising scale, y = asin(√p) with
s = 1/(2√n) for proportions and y = √(O/E) with s = 1/(2√E), target 1, for rates, each council's
z = (y − θ)/s is winsorised at the 10th and 90th percentiles (linear interpolation) and
φ = mean(z_w²). Multiplicative: limits θ ± z_α·√φ·s. Additive random effects (DerSimonian–Laird):
τ² = max(0, (Iφ − (I − 1)) / (Σw − Σw²/Σw)), w = 1/s², limits θ ± z_α·√(s² + τ²). Limits are turned
back to the measure's scale (sin² of the angle, kept within 0 to π/2; the square of the ratio).
An adjustment only ever widens: with φ <= 1 (or τ² = 0) the unadjusted limits are used and
`applied` is False. Positions are as `funnel.position_expr`; above/below is not better/worse.
This module draws nothing and decides no floor verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from accountability.methods.distributions import Z95, Z998
from accountability.methods.funnel import LIMIT_COLUMNS, denominator_grid, position_expr, wilson_limit_exprs

ADJUSTMENTS = ["none", "multiplicative", "additive"]
KINDS = {"proportion", "rate"}
WINSOR = 0.1
SMALL_EXPECTED = 10.0


@dataclass(frozen=True)
class Funnel:
    """Everything a funnel plot and its caption need for one measure and period."""

    kind: str  # "proportion" (binomial) or "rate" (Poisson)
    centre: float  # in the measure's units, e.g. 10.395 (%)
    centre_basis: str  # "england_counts" or "council_counts"
    adjustment: str  # what was asked for: "none", "multiplicative" or "additive"
    applied: bool  # the adjustment widened the limits (φ > 1, τ² > 0); False: the unadjusted limits are shown
    phi: float  # dispersion ratio φ (1 = what chance alone gives)
    tau2: float  # between-council variance τ² on the transformed scale
    n_councils: int
    points: pl.DataFrame  # code, numerator, denominator, value, expected, z, small_expected, limits drawn,
    # position (against the limits drawn) and position_unadjusted (against chance-only limits)
    limits: pl.DataFrame  # n, target, low95, high95, low998, high998: the limits drawn
    unadjusted: pl.DataFrame  # the same grid without adjustment


def centre_of(england: pl.DataFrame, counts: pl.DataFrame) -> tuple[float, str]:
    """(centre as a fraction or rate per unit of denominator, basis) from England's row or the councils."""
    if england.height and (england["numerator"][0] or 0) > 0 and (england["denominator"][0] or 0) > 0:
        return float(england["numerator"][0]) / float(england["denominator"][0]), "england_counts"
    return float(counts["numerator"].sum()) / float(counts["denominator"].sum()), "council_counts"


def _transform(kind: str, centre: float) -> tuple[float, pl.Expr, pl.Expr]:
    """(θ, s for a denominator column `n`, y of a council) on the variance-stabilising scale."""
    n = pl.col("n")
    if kind == "proportion":
        return math.asin(math.sqrt(centre)), 1 / (2 * n.sqrt()), (pl.col("numerator") / n).sqrt().arcsin()
    expected = n * centre
    return 1.0, 1 / (2 * expected.sqrt()), (pl.col("numerator") / expected).sqrt()


def _back(kind: str, y: pl.Expr, centre: float, multiplier: float) -> pl.Expr:
    """A limit on the transformed scale back in the measure's units."""
    if kind == "proportion":
        return y.clip(0.0, math.pi / 2).sin().pow(2) * multiplier
    return y.clip(lower_bound=0.0).pow(2) * centre * multiplier


def dispersion(z: pl.Series, s: pl.Series) -> tuple[float, float]:
    """(φ, τ²) from councils' z-scores and standard errors: winsorised mean square, DerSimonian–Laird."""
    lo, hi = z.quantile(WINSOR, "linear"), z.quantile(1 - WINSOR, "linear")
    phi = float((z.clip(lo, hi) ** 2).mean())  # type: ignore[arg-type]
    count = z.len()
    w = (1 / s**2).cast(pl.Float64)
    total, squares = float(w.sum()), float((w**2).sum())
    denom = total - squares / total
    tau2 = max(0.0, (count * phi - (count - 1)) / denom) if count * phi >= count - 1 and denom > 0 else 0.0
    return phi, tau2


def _unadjusted(kind: str, centre: float, multiplier: float) -> list[pl.Expr]:
    n = pl.col("n")
    if kind == "proportion":
        pairs = [wilson_limit_exprs(centre, n, level) for level in (0.95, 0.998)]
        limits = [pairs[0][0], pairs[0][1], pairs[1][0], pairs[1][1]]
    else:
        e = n * centre
        limits = []
        for z in (Z95, Z998):
            low = e * (1 - 1 / (9 * e) - z / (3 * e.sqrt())).clip(lower_bound=0.0) ** 3
            high = (e + 1) * (1 - 1 / (9 * (e + 1)) + z / (3 * (e + 1).sqrt())) ** 3
            limits += [pl.when(n > 0).then(low / n), pl.when(n > 0).then(high / n)]
    return [(e * multiplier).alias(c) for e, c in zip(limits, LIMIT_COLUMNS, strict=True)]


def _adjusted(kind: str, centre: float, multiplier: float, spread_sq: pl.Expr) -> list[pl.Expr]:
    theta, _, _ = _transform(kind, centre)
    out = []
    for z in (Z95, Z998):
        half = z * spread_sq.sqrt()
        out += [_back(kind, theta - half, centre, multiplier), _back(kind, theta + half, centre, multiplier)]
    return [e.alias(c) for e, c in zip(out, LIMIT_COLUMNS, strict=True)]


def limit_exprs(kind: str, centre: float, multiplier: float, adjustment: str, phi: float, tau2: float) -> list[pl.Expr]:
    """low95, high95, low998, high998 for a denominator column `n`, with the adjustment if it widens."""
    _, s, _ = _transform(kind, centre)
    if adjustment == "multiplicative" and phi > 1:
        return _adjusted(kind, centre, multiplier, phi * s**2)
    if adjustment == "additive" and tau2 > 0:
        return _adjusted(kind, centre, multiplier, s**2 + tau2)
    return _unadjusted(kind, centre, multiplier)


def build_funnel(
    values: pl.DataFrame, england: pl.DataFrame, measure: pl.DataFrame, adjustment: str = "additive", points: int = 200
) -> Funnel | None:
    """The funnel for one measure and period, or None when it cannot be drawn.

    `values`: the councils' rows for the measure and period (code, numerator, denominator);
    `england`: England's row from `benchmarks` (numerator, denominator; may be empty);
    `measure`: its row from `measures` (value_type, multiplier). None for scores and counts, or
    with fewer than 3 councils with usable counts.
    """
    if adjustment not in ADJUSTMENTS:
        raise ValueError(f"adjustment must be one of {ADJUSTMENTS}, not {adjustment!r}")
    kind, multiplier = str(measure["value_type"][0]), float(measure["multiplier"][0])
    usable = pl.col("numerator").is_not_null() & (pl.col("denominator") > 0) & (pl.col("numerator") >= 0)
    if kind == "proportion":
        usable = usable & (pl.col("numerator") <= pl.col("denominator"))
    counts = values.filter(usable).select("code", "numerator", "denominator").sort("code")
    if kind not in KINDS or counts.height < 3:
        return None
    centre, basis = centre_of(england, counts)
    theta, s, y = _transform(kind, centre)
    scored = counts.with_columns(n=pl.col("denominator")).with_columns(s=s, z=(y - theta) / s)
    phi, tau2 = dispersion(scored["z"], scored["s"])
    chosen = limit_exprs(kind, centre, multiplier, adjustment, phi, tau2)
    plotted = scored.with_columns(
        value=pl.col("numerator") / pl.col("denominator") * multiplier,
        expected=pl.col("n") * centre,
        small_expected=(pl.col("n") * centre) < SMALL_EXPECTED if kind == "rate" else pl.lit(value=False),
    ).with_columns(chosen)
    plotted = plotted.with_columns(position=position_expr(pl.col("value")))
    chance_only = plotted.select("code", "value", "n").with_columns(_unadjusted(kind, centre, multiplier))
    plotted = plotted.join(
        chance_only.select("code", position_unadjusted=position_expr(pl.col("value"))), on="code", how="left"
    ).drop("n", "s")
    grid = pl.DataFrame({"n": denominator_grid(counts["denominator"].min(), counts["denominator"].max(), points)})  # type: ignore[arg-type]
    grid = grid.with_columns(target=pl.lit(centre * multiplier))
    return Funnel(
        kind=kind,
        centre=centre * multiplier,
        centre_basis=basis,
        adjustment=adjustment,
        applied=(adjustment == "multiplicative" and phi > 1) or (adjustment == "additive" and tau2 > 0),
        phi=phi,
        tau2=tau2,
        n_councils=counts.height,
        points=plotted,
        limits=grid.with_columns(chosen),
        unadjusted=grid.with_columns(_unadjusted(kind, centre, multiplier)),
    )
