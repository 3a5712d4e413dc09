"""Builders rewritten to skip Plotly's validation (round four, issue 14) give byte for byte the finished
chart the validated builders gave, on every choice the committed store offers: each one's old code is
kept here as it was at 9d6471a, and both are finished by `finished_chart` (title, source, framing).

Floor standards' counts chart: every standard x every selection (all councils, each region, each
council type, each domain, a region and a type together, a what-if) x a chosen council or none.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.labels import FLOOR_VERDICT_WORDS
from accountability.settings import Settings
from accountability.views.floor_standards import FloorsChoice, counts_panel, floors_view
from accountability.views.store import Store, from_dir
from components.export import finished_chart
from components.figures import floors
from components.figures.floors import COUNT_COLOURS, PATTERNS


def validated_counts_figure(counts: pl.DataFrame, label: str) -> go.Figure:
    """components/figures/floors.counts_figure at 9d6471a, through Plotly's validated objects."""
    fig = go.Figure()
    for verdict in (v for v in COUNT_COLOURS if v in counts.columns):
        fig.add_trace(
            go.Bar(
                x=counts["period"].to_list(),
                y=counts[verdict].to_list(),
                name=FLOOR_VERDICT_WORDS[verdict],
                marker={"color": COUNT_COLOURS[verdict], "pattern": {"shape": PATTERNS[verdict]}},
                text=counts[verdict].to_list(),
                textposition="inside",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": "Councils", "fixedrange": True},
        xaxis={"title": label, "fixedrange": True},
        dragmode=False,
    )
    return fig


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Store:
    settings = Settings(_env_file=None)
    return from_dir(store_dir, settings.standards_file, settings.commitments_file)


def _selections(store: Store) -> list[FloorsChoice]:
    councils = store.table("councils")
    regions = sorted(councils["region"].unique().to_list())
    types = sorted(councils["council_type"].unique().to_list())
    choices = [FloorsChoice()]
    choices += [FloorsChoice(region=r) for r in regions] + [FloorsChoice(council_type=t) for t in types]
    choices += [FloorsChoice(domain=d) for d in ("adults", "children")]
    choices += [FloorsChoice(region=r, council_type=t) for r, t in itertools.product(regions[:3], types[:2])]
    choices += [FloorsChoice(council="E08000025"), FloorsChoice(council="E06000001", region="North East")]
    return choices


def test_the_counts_chart_is_byte_identical_on_every_standard_and_selection(store: Store) -> None:
    compared = 0
    for choice in _selections(store):
        view = floors_view(store, choice)
        for label in view.selection.counts["label"].unique().sort().to_list():
            panel = counts_panel(view, label)
            args = (panel.counts, "Period")
            old = finished_chart(validated_counts_figure, args, panel.title, "A source")
            new = finished_chart(floors.counts_figure, args, panel.title, "A source")
            assert new == old, f"{choice}, {label}: the counts chart differs"
            compared += 1
    assert compared > 200, compared  # every standard under every selection, not a handful


def test_the_counts_chart_with_a_missing_count_and_no_first_year_column() -> None:
    # counts made before "no floor yet" existed lack its column; a missing count stays missing
    counts = pl.DataFrame({"period": ["2023-24", "2024-25"], "below": [3, None], "cannot_tell": [1, 0]})
    counts = counts.with_columns(meets=pl.lit(9), no_data=pl.Series([0, 2]))
    old = finished_chart(validated_counts_figure, (counts, "Year"), "T", "S")
    assert finished_chart(floors.counts_figure, (counts, "Year"), "T", "S") == old
