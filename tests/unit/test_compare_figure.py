"""The committee-ready Compare chart: labels that never sit on each other, whiskers at the verdict's
level, and quarter bands only where a direction is better. Synthetic councils, made up for the test."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.methods.compare import MeasureInfo
from components.figures.compare import compare_figure

HELPED = MeasureInfo("m", "Share helped", "%", "higher_is_better", "proportion", "Higher is better.")
RATE = MeasureInfo("r", "Children in care", "per 10,000", "no_judgement", "rate", "No better direction.")
NO_COMPS = pl.DataFrame(
    {"area_type": [], "area_name": [], "value": []},
    schema={"area_type": pl.String, "area_name": pl.String, "value": pl.Float64},
)


def _table(n: int = 8) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [f"C{i}" for i in range(n)],
            "name": [f"Council {i}" for i in range(n)],
            "value": [40.0 - i for i in range(n)],
            "ci_low": [38.0 - i for i in range(n)],
            "ci_high": [42.0 - i for i in range(n)],
            "level_low": [36.0 - i for i in range(n)],
            "level_high": [44.0 - i for i in range(n)],
            "rank": list(range(1, n + 1)),
            "ranked_of": [n] * n,
            "region": ["North East"] * n,
            "quartile": [1 + i * 4 // n for i in range(n)],
        }
    )


def _anchor(fig, prefix: str) -> str:  # type: ignore[no-untyped-def]
    return next(a.yanchor for a in fig.layout.annotations if str(a.text).startswith(prefix))


@pytest.mark.parametrize(("floor", "neighbours"), [(24.0, 26.0), (26.0, 24.0), (25.0, 25.0)])
def test_the_floor_and_neighbours_labels_move_apart(floor: float, neighbours: float) -> None:
    fig = go.Figure(
        compare_figure(_table(), NO_COMPS, HELPED, None, ("Statistical neighbours", neighbours), ("Floor: x", floor))
    )
    above = "Floor" if floor >= neighbours else "Statistical neighbours"
    below = "Statistical neighbours" if above == "Floor" else "Floor"
    assert _anchor(fig, above) == "bottom"  # written above its line
    assert _anchor(fig, below) == "top"  # written below its line, away from the other label


def test_whiskers_are_the_interval_at_the_verdicts_level() -> None:
    at95 = go.Figure(compare_figure(_table(), NO_COMPS, HELPED, None))
    at998 = go.Figure(compare_figure(_table(), NO_COMPS, HELPED, None, level=0.998))
    assert list(at95.data[0].error_y.array) == pytest.approx([2.0] * 8)
    assert list(at998.data[0].error_y.array) == pytest.approx([4.0] * 8)
    assert list(at998.data[0].error_y.arrayminus) == pytest.approx([4.0] * 8)


def test_quarter_labels_are_centred_and_staggered() -> None:
    fig = go.Figure(compare_figure(_table(), NO_COMPS, HELPED, None))
    quarters = [a for a in fig.layout.annotations if "quarter" in str(a.text)]
    assert [a.text for a in quarters] == ["Best quarter", "2nd quarter", "3rd quarter", "Worst quarter"]
    ys = [a.y for a in quarters]
    assert all(ys[i] != ys[i + 1] for i in range(3))  # neighbours never on the same line
    assert all(a.xanchor == "center" for a in quarters)


def test_no_quarter_bands_where_no_direction_is_better() -> None:
    fig = go.Figure(compare_figure(_table(), NO_COMPS, RATE, None))
    assert not [a for a in fig.layout.annotations if "quarter" in str(a.text)]
    assert not [s for s in fig.layout.shapes if s.type == "rect"]
