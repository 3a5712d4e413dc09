"""The profile's spine chart and the Trends chart on a phone: nothing over the title, labels that
fit, every break labelled on its own level, whiskers at the verdict's level (test data)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures.spine import BAND, WRAP, spine_figure
from components.figures.trends import LABEL_STEP, trend_figure


def _profile(n: int = 3) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "measure": [f"m{i}" for i in range(n)],
            "label": [f"A measure with a rather long name that a phone cannot fit on one line {i}" for i in range(n)],
            "period": ["2024-25"] * n,
            "unit": ["%"] * n,
            "polarity": ["higher_is_better", "lower_is_better", "no_judgement"][:n],
            "value": [40.0, 60.0, 50.0][:n],
            "england": [50.0] * n,
            "worst": [20.0, 80.0, 20.0][:n],
            "q25": [40.0, 60.0, 40.0][:n],
            "q75": [60.0, 40.0, 60.0][:n],
            "best": [80.0, 20.0, 80.0][:n],
            "range_kind": ["worst to best"] * n,
            "benchmark_name": ["England"] * n,
            "benchmark_value": [50.0] * n,
            "comparison": ["worse", "similar", "not tested"][:n],
            "trend": ["not enough data"] * n,
            "level_low": [35.0, 55.0, None][:n],
            "level_high": [45.0, 65.0, None][:n],
        }
    )


def test_spine_names_each_row_above_its_bands_and_keeps_the_legend_off_the_title() -> None:
    fig = go.Figure(spine_figure(_profile(), "Alpha"))  # written as a dict: the figure it describes
    names = [a for a in fig.layout.annotations if a.xref == "paper" and a.x == 0]
    assert len(names) == 3
    assert all(max(len(line) for line in a.text.split("<br>")) <= WRAP for a in names)  # fits a phone
    assert [round(a.y, 2) for a in names] == [round(i - BAND / 2 - 0.04, 2) for i in range(3)]
    assert fig.layout.yaxis.showticklabels is False  # no names squeezing the bands beside them
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0  # at the foot, not over the title


def test_spine_draws_the_interval_at_the_verdicts_level_where_there_is_one() -> None:
    fig = go.Figure(spine_figure(_profile(), "Alpha"))  # written as a dict: the figure it describes
    (line,) = [t for t in fig.data if t.name == "Council's confidence interval"]
    # rows 0 and 1 have an interval, row 2 none; lower-is-better row 1 is drawn flipped, still one segment
    assert list(line.y) == [0, 0, None, 1, 1, None]
    assert all(x is None or 0 <= x <= 1 for x in line.x)


def test_adjacent_breaks_get_labels_on_their_own_levels_above_the_plot() -> None:
    periods = ["2021-22", "2022-23", "2023-24", "2024-25"]
    points = pl.DataFrame(
        {
            "series": ["Alpha"] * 4,
            "role": ["council"] * 4,
            "period": periods,
            "value": [1.0, 2.0, 3.0, 4.0],
            "ci_low": [None] * 4,
            "ci_high": [None] * 4,
            "segment": ["a", "a", "b", "c"],
        },
        schema_overrides={"ci_low": pl.Float64, "ci_high": pl.Float64},
    )
    markers = [("2023-24", "Framework change<br>2023-24"), ("2024-25", "New data source<br>2024-25")]
    fig = trend_figure(points, "Share", markers)
    labels = [a for a in fig.layout.annotations if a.text in dict(markers).values()]
    assert len(labels) == 2
    assert all(a.yref == "paper" and a.y == 1 and a.yanchor == "bottom" for a in labels)  # above the plot
    shifts = sorted(a.yshift for a in labels)
    assert shifts[1] - shifts[0] >= LABEL_STEP  # one above the other, never side by side
    assert fig.layout.margin.t >= 40 + LABEL_STEP * 2  # room for both under the title
    assert len(fig.layout.shapes) == 2  # every break drawn
