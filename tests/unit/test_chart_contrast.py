"""Every figure builder, on frames that draw every styled element, meets WCAG contrast in its own colours.

Text 4.5:1 and lines and markers 3:1 against every background they can sit on, with every text
colour set in the figure itself (so Streamlit's chart theme cannot replace it). The rules are in
tests/contrast.py; the last tests show the check fails on the colours the charts used before.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.methods.compare import MeasureInfo
from accountability.methods.profile import build_profile
from components.export import with_title_and_source
from components.figures.compare import COMPARISON_STYLE, compare_figure
from components.figures.funnel import funnel_figure
from components.figures.maps import map_figure
from components.figures.market import lines_figure, scatter_figure, sector_bars
from components.figures.progress import trajectory_figure
from components.figures.spine import spine_figure
from components.figures.trends import trend_figure
from tests.contrast import GRAPHIC, TEXT, figure_contrast, parse, ratio
from tests.unit.test_profile import CODES, _tables, _values

MEASURE = MeasureInfo("m", "Share helped", "%", "higher_is_better", "proportion", "Higher is better.")
NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
VERDICTS = list(COMPARISON_STYLE)


def _compare() -> go.Figure:
    n = len(NAMES)
    table = pl.DataFrame(
        {
            "code": [f"E0600000{i}" for i in range(n)],
            "name": NAMES,
            "value": [80.0 - 5 * i for i in range(n)],
            "ci_low": [78.0 - 5 * i for i in range(n)],
            "ci_high": [82.0 - 5 * i for i in range(n)],
            "rank": list(range(1, n + 1)),
            "ranked_of": [n] * n,
            "region": ["North East"] * n,
            "comparison": [VERDICTS[i % len(VERDICTS)] for i in range(n)],
            "quartile": [1, 1, 2, 2, 3, 3, 4, 4],
        }
    )
    comps = pl.DataFrame(
        {
            "area_type": ["england", "region", "council_type"],
            "area_name": ["England", "North East", "Unitary authorities"],
            "value": [60.0, 55.0, 50.0],
        }
    )
    return go.Figure(
        compare_figure(table, comps, MEASURE, "E06000002", ("Statistical neighbours", 65.0), ("Floor", 45.0))
    )


def _funnel() -> go.Figure:
    points = pl.DataFrame({"code": ["A", "B"], "name": ["Alpha", "Beta"], "denominator": [100.0, 900.0]})
    points = points.with_columns(value=pl.Series([40.0, 55.0]))
    n = [50.0, 500.0, 5000.0]
    limits = pl.DataFrame(
        {"n": n, "low998": [20.0, 40.0, 48.0], "high998": [80.0, 60.0, 52.0], "target": [50.0] * 3}
    ).with_columns(low95=pl.col("low998") + 5, high95=pl.col("high998") - 5)
    wider = limits.with_columns(low998=pl.col("low998") - 3, high998=pl.col("high998") + 3)  # draws both sets
    return funnel_figure(points, wider, limits, MEASURE, "B")


def _trends() -> go.Figure:
    rows = []
    for series, role in [("Cumbria", "predecessor"), ("Cumberland", "council"), ("England", "england")]:
        rows += [(series, role, p, 50.0 + i, 48.0 + i, 52.0 + i) for i, p in enumerate(["2021-22", "2022-23"])]
    rows += [("North West", "region", p, 45.0, None, None) for p in ["2021-22", "2022-23", "2023-24"]]
    points = pl.DataFrame(rows, schema=["series", "role", "period", "value", "ci_low", "ci_high"], orient="row")
    points = points.with_columns(segment=pl.lit("all"))
    return trend_figure(points, "Share helped (%)", [("2023-24", "Framework change 2023-24")])


def _spine() -> go.Figure:
    rows = [(c, "2024", m, float(v), v - 0.1, v + 0.1) for m in ["up", "down"] for v, c in enumerate(CODES, start=1)]
    profile = build_profile("A", _tables(_values(rows), {"up": 2.0, "down": 2.0}), "england")
    profile = pl.concat(
        [profile] * 3
    ).with_columns(  # one row per verdict, so every marker style is drawn
        comparison=pl.Series(VERDICTS[: profile.height * 3]),
        label=pl.Series([f"Measure {i}" for i in range(profile.height * 3)]),
    )
    return go.Figure(spine_figure(profile, "Alpha"))  # written as a dict: the figure it describes


SQUARE = '{"type":"Polygon","coordinates":[[[0,50],[1,50],[1,51],[0,51],[0,50]]]}'


def _map(by_verdict: bool) -> go.Figure:
    verdicts = ["below", "cannot_tell", "meets", None, "below", "meets"]
    table = pl.DataFrame(
        {
            "code": list("ABCDEF"),
            "name": NAMES[:6],
            "geometry": [SQUARE] * 6,
            "hover": list("abcdef"),
            "class": [0, 1, 2, 3, 4, None],
            "verdict": verdicts,
        },
        schema_overrides={"class": pl.Int32},
    )
    return map_figure(table, ["1 to 2", "2 to 3", "3 to 4", "4 to 5", "5 to 6"], by_verdict, "B")


def _market_lines() -> go.Figure:
    long = pl.DataFrame(
        {"area": ["council", "region", "England"] * 2, "year": [2023] * 3 + [2024] * 3, "value": [1.0, 2, 3, 2, 3, 4]}
    )
    return lines_figure(long, {"council": "Alpha", "region": "North East"}, "Private share (%)")


def _sector_bars() -> go.Figure:
    mix = pl.DataFrame({"year": [2023, 2024]}).with_columns(
        pl.lit(10).alias(f"places_{k}") for k in ("private", "local_authority", "voluntary", "other")
    )
    return sector_bars(mix)


def _scatter() -> go.Figure:
    points = pl.DataFrame({"code": ["A", "B", "C"], "name": NAMES[:3], "x": [1.0, 2, 3], "y": [3.0, 1, 2]})
    return scatter_figure(points, "Private share (%)", "Placement stability (%)", "B")


def _trajectory() -> go.Figure:
    series = pl.DataFrame({"period": ["2020-21", "2021-22", "2022-23"], "value": [60.0, 62, 63]})
    path = pl.DataFrame({"year": [2022, 2030], "value": [63.0, 80]})
    band = pl.DataFrame({"year": [2023, 2030], "low": [60.0, 55], "high": [66.0, 75], "fit": [63.0, 65]})
    return trajectory_figure(series, path, band, "Share helped (%)")


FIGURES: dict[str, Callable[[], go.Figure]] = {
    "compare": _compare,
    "funnel": _funnel,
    "trends": _trends,
    "spine": _spine,
    "map by value": lambda: _map(False),
    "map by verdict": lambda: _map(True),
    "market lines": _market_lines,
    "sector bars": _sector_bars,
    "market scatter": _scatter,
    "progress trajectory": _trajectory,
}


def _framed(name: str) -> go.Figure:
    """As the page draws it: with the title and the source line every chart gets."""
    return with_title_and_source(FIGURES[name](), f"A title for the {name} chart", "A publisher")


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_colour_is_set_in_the_figure_itself(name: str) -> None:
    _, unset = figure_contrast(_framed(name))
    assert not unset, f"{name}: left to the chart theme: {unset}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_text_meets_4_5_to_1_and_graphics_3_to_1(name: str) -> None:
    pairs, _ = figure_contrast(_framed(name))
    assert any(p.needed == TEXT for p in pairs) and any(p.needed == GRAPHIC for p in pairs), "nothing was checked"
    failing = [f"{p.what}: {p.colour} on {p.background[:3]} = {p.ratio:.2f}" for p in pairs if p.ratio < p.needed]
    assert not failing, f"{name}:\n" + "\n".join(failing)


def test_the_ratio_is_the_wcag_one() -> None:
    assert ratio(parse("#000000"), parse("#ffffff")) == pytest.approx(21.0)
    assert ratio(parse("#808495"), parse("#ffffff")) == pytest.approx(3.72, abs=0.01)  # Streamlit's axis grey
    assert ratio(parse("#767676"), parse("#fff")) == pytest.approx(4.54, abs=0.01)  # the well-known 4.5:1 grey
    assert parse("rgba(255,255,255,0.85)") == (255.0, 255.0, 255.0, 0.85)


def test_the_check_fails_on_the_colours_the_charts_used_before() -> None:
    fig = _framed("compare")
    fig.layout.yaxis.tickfont.color = fig.layout.yaxis.title.font.color = None  # left to the theme: #808495
    fig.layout.annotations[-1].font.color = "#28A197"  # the region label in the old turquoise: 3.1:1
    fig.layout.shapes[-1].line.color = "#28A197"  # the region line, 2.8:1 on the light quarter band
    pairs, unset = figure_contrast(fig)
    assert unset == ["yaxis title", "yaxis tick labels"]
    failing = {p.what.split(" ")[0] + " " + p.colour for p in pairs if p.ratio < p.needed}
    assert failing == {"annotation #28A197", "shape #28A197"}


def test_an_outline_rescues_a_pale_marker_and_a_halo_a_dark_line() -> None:
    pale = go.Figure(go.Scatter(x=[1], y=[1], mode="markers", marker={"color": "#6BACE6"}))
    pale.update_layout(plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF")
    assert min(p.ratio for p in figure_contrast(pale)[0] if "marker" in p.what) < GRAPHIC
    pale.update_traces(marker_line={"color": "#12436D", "width": 1})
    assert min(p.ratio for p in figure_contrast(pale)[0] if "marker" in p.what) >= GRAPHIC
    dark = go.Figure(
        [
            go.Scatter(x=[0, 1], y=[0, 0], fill="toself", fillcolor="#0C2D49", mode="lines", line={"width": 0}),
            go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line={"color": "#FFFFFF", "width": 7}),
            go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line={"color": "#0B0C0C", "width": 3}),
        ]
    )
    dark.update_layout(plot_bgcolor="#FFFFFF", paper_bgcolor="#FFFFFF")
    lines = {p.what: p.ratio for p in figure_contrast(dark)[0] if p.what.startswith("trace 2")}
    assert lines == {"trace 2 (None) line": pytest.approx(19.6, abs=0.1)}  # judged on its white halo only
