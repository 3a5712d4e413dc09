"""The Care market page's scatter: a market measure against an outcome across councils, with Pearson's r.

`scatter` joins each council's market measure (children's homes, the area's latest year) to its
latest published value of the outcome and describes the association in words: the strength and
direction of r, its 95% interval, and that an association across councils does not show that one
causes the other. No Streamlit; the points are drawn by components/figures/market.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from accountability.codes import MarketMeasure
from accountability.labels import MARKET_MEASURE_LABELS
from accountability.methods.compare import periods_for
from accountability.views.market_tables import market_tables
from accountability.views.store import Store

Z95 = 1.959963984540054
MARKET_COLUMNS = {  # each market measure's table (of `market_tables`) and column
    "private_share": ("mix", "private_share_places"),
    "places_per_10k": ("places_per_10k", "places_per_10k"),
    "hhi": ("concentration", "hhi"),
}
OFSTED = "Ofsted, Children's social care data in England (providers at 31 March)"


@dataclass(frozen=True)
class Scatter:
    """The scatter, its sentence (also the alt text) and the table of its points."""

    points: pl.DataFrame  # code, name, x, y: councils with both
    x_label: str
    y_label: str  # the outcome and its period
    sentence: str
    title: str
    source: str
    table: pl.DataFrame  # name, <x label>, <outcome label>, code: as shown and downloaded


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


def scatter(store: Store, x: MarketMeasure, y: str, year: int | None) -> Scatter:
    """Councils' market measure `x` in `year` against their latest published value of outcome `y`."""
    x_label = MARKET_MEASURE_LABELS[x]
    outcome = str(store.measures.filter(pl.col("id") == y)["label"][0])
    market_x = _market_measure(store.derive(market_tables), x)
    market_x = market_x.filter((pl.col("area_type") == "council") & (pl.col("year") == year))
    y_period = periods_for(store.values, y)[-1]
    y_values = store.values.filter((pl.col("measure") == y) & (pl.col("period") == y_period))
    points = (
        market_x.select(pl.col("area_code").alias("code"), "x")
        .join(y_values.select("code", pl.col("value").alias("y")), on="code", maintain_order="left")
        .join(store.councils.select("code", "name"), on="code", maintain_order="left")
        .filter(pl.col("x").is_not_null() & pl.col("y").is_not_null())
    )
    y_label = f"{outcome} ({y_period})"
    sentence = describe_correlation(pearson(points["x"].to_list(), points["y"].to_list()), x_label, y_label)
    return Scatter(
        points=points,
        x_label=x_label,
        y_label=y_label,
        sentence=sentence,
        title=f"{x_label} and {outcome}",
        source=f"{OFSTED}; outcomes as published (Data and methods)",
        table=points.select("name", pl.col("x").alias(x_label), pl.col("y").alias(outcome), "code").sort("name"),
    )


def _market_measure(tables: dict[str, pl.DataFrame], x: MarketMeasure) -> pl.DataFrame:
    """area_type, area_code, year, x for one market measure."""
    if x == "places_per_10k":
        return tables["places_per_10k"].rename({"places_per_10k": "x"})
    frame, column = (
        (tables["mix"], "private_share_places") if x == "private_share" else (tables["concentration"], "hhi")
    )
    return frame.select("area_type", "area_code", "year", pl.col(column).alias("x"))
