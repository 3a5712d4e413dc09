"""Every chart carries its title, source and licence inside the figure, so a downloaded PNG does too."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import polars as pl

from components.export import LICENCE, file_name, finished_chart, with_title_and_source
from components.figures import layout
from components.figures.floors import counts_figure


def test_title_source_and_licence_are_in_the_figure() -> None:
    fig = with_title_and_source(go.Figure(), "Re-referrals, 2024-25", "Department for Education, Children in need")
    assert fig.layout.title.text == "Re-referrals, 2024-25"
    source = fig.layout.title.subtitle.text.replace("<br>", " ")  # broken into lines that fit a phone
    assert "Source: Department for Education, Children in need." in source
    assert LICENCE in source
    assert fig.layout.margin.t >= 80


def test_long_titles_and_source_lines_are_broken_to_fit_a_phone_with_room_made_for_them() -> None:
    title = "Re-referrals within 12 months, 2024-25: Birmingham is worse than England at 95% confidence"
    short = with_title_and_source(go.Figure(), "Re-referrals", "DfE")
    fig = with_title_and_source(go.Figure(), title, "Department for Education, Children in need")
    lines = fig.layout.title.text.split("<br>")
    sources = fig.layout.title.subtitle.text.split("<br>")
    assert len(lines) >= 2 and " ".join(lines) == title
    assert max(map(len, lines)) <= layout.TITLE_WIDTH and max(map(len, sources)) <= layout.SOURCE_WIDTH
    assert fig.layout.margin.t >= short.layout.margin.t + (len(lines) - 1) * layout.TITLE_LINE


def test_a_legend_below_the_plot_goes_to_the_bottom_of_the_figure_under_the_axis_title() -> None:
    fig = go.Figure(layout={"legend": {"orientation": "h", "y": -0.2}, "margin": {"b": 40}})
    framed = with_title_and_source(fig, "A chart", "A publisher")
    assert framed.layout.legend.yref == "container" and framed.layout.legend.y == 0
    assert framed.layout.margin.b == 40 + layout.LEGEND_ROOM and framed.layout.xaxis.automargin is True
    top = with_title_and_source(go.Figure(layout={"legend": {"orientation": "h", "y": 1.0}}), "A chart", "A publisher")
    assert top.layout.legend.yref is None  # a legend above the plot is left where its builder put it


def test_file_names_are_safe_and_say_what_the_chart_is() -> None:
    assert file_name("Re-referrals within 12 months, 2024-25: councils ranked") == (
        "re-referrals-within-12-months-2024-25-councils-ranked"
    )
    assert file_name("!!!") == "chart"


def _counts(below: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "period": ["2023-24", "2024-25"],
            "below": [3, below],
            "cannot_tell": [1, 1],
            "meets": [9, 9],
            "no_data": [0, 0],
        }
    )


def _as_streamlit_sends(figure: go.Figure) -> object:
    """What st.plotly_chart puts on the wire for a figure: its dict, then Plotly's JSON of that."""
    return json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(figure, True), validate=False))


def test_the_cached_chart_draws_exactly_the_figure_that_was_built() -> None:
    # render_chart sends the cached JSON as it is, without building the figure again: same figure
    built = with_title_and_source(go.Figure(counts_figure(_counts(4), "Period")), "Councils by verdict", "Published")
    chart = finished_chart(counts_figure, (_counts(4), "Period"), "Councils by verdict", "Published")
    assert json.loads(chart.spec) == _as_streamlit_sends(built)
    assert chart.height == built.layout.height  # Streamlit sizes the element from the layout's height


def test_missing_values_and_dates_survive_the_cached_json() -> None:
    # a gap (None/NaN) must stay a gap (null), not become 0 or the string "NaN"; dates stay ISO dates
    built = go.Figure(go.Scatter(x=[dt.date(2024, 3, 31), dt.date(2025, 3, 31), None], y=[1.5, float("nan"), None]))
    sent = json.loads(finished_chart(lambda: built, (), "t", "s").spec)
    assert isinstance(sent, dict)
    assert sent["data"][0]["x"] == ["2024-03-31", "2025-03-31", None]
    assert sent["data"][0]["y"] == [1.5, None, None]
