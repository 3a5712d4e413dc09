"""`readable` without validated updates writes exactly what the validated updates wrote, on every
chart the app draws, and the figure it returns still validates what a caller changes next."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from components.export import with_title_and_source
from components.figures import maps, market, progress, theme, trends
from tests.unit.test_chart_contrast import FIGURES

BUILDERS = (maps, market, progress, trends)  # Compare and the spine write their dict: readable_layout, below


def _validated(fig: go.Figure) -> go.Figure:
    """`readable` as it was (round one): Plotly's validated updates, kept as the reference."""
    fig.update_layout(
        font={"color": theme.INK},
        title={"font": {"color": theme.INK}},
        paper_bgcolor=theme.BACKGROUND,
        plot_bgcolor=theme.BACKGROUND,
        legend={"font": {"color": theme.INK}, "title": {"font": {"color": theme.INK}}},
        hoverlabel={"bgcolor": theme.BACKGROUND, "bordercolor": theme.MUTED_INK, "font": {"color": theme.INK}},
    )
    fig.update_xaxes(title_font_color=theme.INK, tickfont_color=theme.MUTED_INK)
    fig.update_yaxes(title_font_color=theme.INK, tickfont_color=theme.MUTED_INK)
    return fig


def _json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)


@pytest.fixture
def unfinished(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builders return their figure before `readable`, so both versions can be applied to it."""
    for module in BUILDERS:
        monkeypatch.setattr(module, "readable", lambda fig: fig)


@pytest.mark.parametrize("name", sorted(set(FIGURES) - {"compare", "spine"}))
def test_the_same_figure_as_the_validated_updates(name: str, unfinished: None) -> None:
    before = FIGURES[name]()
    untouched = _json(before)
    fast, reference = theme.readable(go.Figure(before)), _validated(go.Figure(before))
    assert _json(fast) == _json(reference)
    assert _json(before) == untouched  # the figure it was given is left as it was
    framed = (with_title_and_source(f, "A title", "A publisher") for f in (fast, reference))
    assert _json(next(framed)) == _json(next(framed))


def test_every_axis_of_subplots_and_a_title_given_as_text() -> None:
    fig = make_subplots(rows=1, cols=3)
    fig.update_layout(title="Plain text title", xaxis3={"tickfont": {"size": 9}})
    assert _json(theme.readable(go.Figure(fig))) == _json(_validated(go.Figure(fig)))
    assert theme.readable(fig).layout.xaxis3.tickfont.to_plotly_json() == {"color": theme.MUTED_INK, "size": 9}


def test_later_changes_are_still_validated() -> None:
    fig = theme.readable(go.Figure(go.Scatter(x=[1], y=[1])))
    with pytest.raises(ValueError):
        fig.update_layout(paper_bgcolour="#FFFFFF")  # misspelt
    # Values too (a figure built with _validate=False would accept each of these silently):
    with pytest.raises(ValueError):
        fig.update_layout(paper_bgcolor=12345)
    with pytest.raises(ValueError):
        fig.layout.margin.t = "x"
    with pytest.raises(ValueError):
        fig.update_traces(marker_size="big")
    with pytest.raises(ValueError):
        fig.data[0].marker.color = "notacolour"


LAYOUTS = {
    "the spine's": {
        "barmode": "overlay",
        "margin": {"l": 10, "b": 150},
        "legend": {"orientation": "h", "yref": "container", "y": 0},
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
        "annotations": [{"align": "left", "font": {"color": "#0B0C0C", "size": 11}, "text": "A<br>b", "x": 0}],
        "yaxis": {"range": [2.5, -0.75], "showticklabels": False},
        "xaxis": {"range": [-0.03, 1.03], "tickvals": [0, 0.5, 1], "ticktext": ["W", "E", "B"]},
    },
    "the compare chart's": {
        "shapes": [{"layer": "below", "line": {"width": 0}, "type": "rect", "x0": -0.5, "x1": 3.5, "xref": "x"}],
        "annotations": [{"showarrow": False, "text": "Best quarter", "x": 1.5, "xref": "x", "y": 1, "yref": "paper"}],
        "height": 460,
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.15},
        "hovermode": "closest",
        "dragmode": False,
        "xaxis": {"title": {"text": "Councils"}, "categoryorder": "array", "categoryarray": ["A", "B"]},
        "yaxis": {"title": {"text": "Share (%)"}, "gridcolor": "#E5E5E5", "range": [0.0, 100.5]},
    },
    "no axes, no legend": {"height": 300},
    "a title": {"title": {"text": "T"}, "xaxis": {"tickfont": {"size": 9}}},
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_readable_layout_writes_what_readable_writes_for_that_layout(name: str) -> None:
    # byte for byte (key order included): a builder writing its dict must give the same JSON as the
    # validated figure it replaced, whose layout was set by update_layout (each property in the order given)
    layout = LAYOUTS[name]
    expected = theme.readable(go.Figure().update_layout(layout)).to_dict()["layout"]
    assert json.dumps(theme.readable_layout(json.loads(json.dumps(layout)))) == json.dumps(expected)


def test_readable_layout_refuses_a_second_pair_of_axes() -> None:
    # Plotly writes xaxis2, … after the rest and in its own order: not what readable_layout writes
    with pytest.raises(ValueError, match="xaxis3"):
        theme.readable_layout({"xaxis3": {"tickfont": {"size": 9}}})
