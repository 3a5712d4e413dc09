"""What the Map page shows: one measure and period on the council boundaries in force for that period.

`map_view(store, choice)` returns one `MapView`: every council's shape joined to its value, status,
value band (fifths of the councils shown) and, when the map is coloured by floor verdict, the verdict
code from `analyses.floor_analysis` (the Floor standards page's verdicts, never recomputed); the
summary (also the chart's alt text); the table and download of exactly what the map shows; the
chart's title and source; and the share link's parameters. A measure with no floor for the period is
coloured by value, and the view says so. No Streamlit; the shapes are drawn in components/.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import MapColouring
from accountability.labels import MAP_COLOURING_LABELS
from accountability.methods.compare import MeasureInfo, measure_info
from accountability.methods.geo import class_expr, value_classes, vintage_for
from accountability.views.analyses import floor_analysis, measures_with_values
from accountability.views.store import Store

SHOWS = ("Chart", "Table")  # the same "Show" choices as other pages, so a choice carries over; first is default
BOUNDARIES = "boundaries ONS (contains OS data © Crown copyright and database right 2024)"
NO_VERDICTS = pl.DataFrame(schema={"code": pl.String, "verdict": pl.String, "basis": pl.String})
NO_FLOOR = "This measure has no floor standard for this period, so councils are coloured by value."


@dataclass(frozen=True)
class MapChoice:
    """Everything the user chose on the Map; hashable, so it is the cache key of the view."""

    council: str | None
    measure: str
    period: str
    colour: MapColouring = "value"
    show: str = SHOWS[0]


@dataclass(frozen=True)
class MapView:
    """Everything the Map page, its download, alt text and link show for one choice."""

    choice: MapChoice
    measure: MeasureInfo
    by_verdict: bool  # coloured by floor verdict (False when a verdict colouring has no floor to use)
    no_floor: str | None  # why a verdict colouring fell back to values
    table: pl.DataFrame  # code, name, geometry, value, status, verdict (code or null), class (0-4 or null)
    class_labels: tuple[str, ...]  # the value bands' ranges, in class order
    summary: str  # the page's sentence, also the chart's alt text
    title: str
    source: str  # publisher's source and the boundaries' attribution, inside the chart
    download: pl.DataFrame  # what the map shows, by council name: verdicts as codes
    link: dict[str, str | None]


def map_view(store: Store, choice: MapChoice) -> MapView:
    measure = measure_info(store.derive(measures_with_values), choice.measure)
    vintage = vintage_for(choice.period)
    verdicts = _verdicts(store, measure.id, choice.period) if choice.colour == "floor_verdict" else NO_VERDICTS
    by_verdict = verdicts.height > 0
    rows = store.values.filter((pl.col("measure") == measure.id) & (pl.col("period") == choice.period))
    breaks, class_labels = value_classes(rows["value"], "{:,.1f}")
    shapes = store.table("boundaries").filter(pl.col("vintage") == vintage).select("code", "name", "geometry")
    table = (
        shapes.join(rows.select("code", "value", "status"), on="code", how="left")
        .join(verdicts, on="code", how="left")
        .with_columns(**{"class": class_expr(pl.col("value"), breaks)})
    )
    verdict_column = (
        [pl.col("verdict").alias("floor_verdict"), pl.col("basis").alias("decided_on")] if by_verdict else []
    )
    source = store.measures.filter(pl.col("id") == measure.id)["source"][0]
    return MapView(
        choice=choice,
        measure=measure,
        by_verdict=by_verdict,
        no_floor=NO_FLOOR if choice.colour == "floor_verdict" and not by_verdict else None,
        table=table,
        class_labels=tuple(class_labels),
        summary=_summary(measure, choice.period, table, breaks, vintage),
        title=f"{measure.label}, {choice.period}",
        source=f"{source}; {BOUNDARIES}",
        download=table.select("code", "name", "value", *verdict_column, "status").sort("name"),
        link=_link(choice, by_verdict),
    )


def _verdicts(store: Store, measure: str, period: str) -> pl.DataFrame:
    """code, verdict and what it rests on (basis: an interval or the value alone; codes) on the measure's
    floor in the period, under the published floors. The map draws the two kinds of "below" apart."""
    verdicts, _ = store.derive(floor_analysis, ())
    found = verdicts.filter((pl.col("measure") == measure) & (pl.col("period") == period))
    return found.select("code", pl.col("verdict").cast(pl.String), pl.col("basis").cast(pl.String))


def _summary(measure: MeasureInfo, period: str, table: pl.DataFrame, breaks: list[float], vintage: str) -> str:
    """'<measure>, <period>: n of N councils have a published value, from a to b <unit>; shapes …'."""
    n = int(table["value"].count())
    spread = f", from {breaks[0]:,.1f} to {breaks[-1]:,.1f} {measure.unit}" if breaks else ""
    return (
        f"{measure.label}, {period}: {n} of {table.height} councils have a published value{spread}; "
        f"shapes are the council boundaries of December {vintage[:4]}."
    )


def _link(choice: MapChoice, by_verdict: bool) -> dict[str, str | None]:
    """The address parameters that reproduce the view: codes, defaults left out. The colouring is kept
    as the bound radio writes it (its label), and only when the map is in fact coloured by verdict."""
    return {
        "council": choice.council,
        "measure": choice.measure,
        "period": choice.period,
        "colour": MAP_COLOURING_LABELS["floor_verdict"] if by_verdict else None,
        "view": None if choice.show == SHOWS[0] else choice.show,
    }
