"""Figure builders: pure functions of prepared frames."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from accountability.methods.compare import MeasureInfo, ranked
from components.figures.compare import compare_figure
from tests.unit.test_compare import BENCH, COUNCILS, _values

MEASURE = MeasureInfo("m", "Share helped", "%", "higher_is_better", "proportion", "Higher is better.")


def test_selected_council_is_its_own_labelled_trace() -> None:
    table = ranked(_values([10.0, 30.0, 20.0]), COUNCILS, MEASURE, "2023-24")
    fig = go.Figure(compare_figure(table, BENCH.filter(pl.col("area_type") == "england"), MEASURE, "E06000003"))
    names = [t.name for t in fig.data]
    assert names == ["Councils", "Gamma"]
    assert fig.data[1].marker.symbol == "diamond"
    assert any("Gamma" in a.text for a in fig.layout.annotations)


def test_percentage_axis_never_extends_beyond_100() -> None:
    table = ranked(_values([99.0, 100.0, 98.0]), COUNCILS, MEASURE, "2023-24")
    fig = go.Figure(compare_figure(table, BENCH.clear(), MEASURE, None))
    assert fig.layout.yaxis.range[1] <= 100.5
    assert fig.layout.yaxis.range[0] < 98.0


def test_comparator_labels_sit_on_opposite_sides_of_their_lines() -> None:
    table = ranked(_values([10.0, 30.0, 20.0]), COUNCILS, MEASURE, "2023-24")
    comps = BENCH.filter(pl.col("area_code").is_in(["E92000001", "E12000001"]))
    fig = go.Figure(compare_figure(table, comps, MEASURE, None))
    positions = {a.text.split(":")[0]: a.yanchor for a in fig.layout.annotations}
    assert positions["England"] != positions["North East"]


def test_councils_without_a_value_are_not_plotted() -> None:
    table = ranked(_values([10.0, None, 20.0]), COUNCILS, MEASURE, "2023-24")
    fig = go.Figure(compare_figure(table, BENCH.clear(), MEASURE, None))
    assert list(fig.data[0].x) == ["Gamma", "Alpha"]
