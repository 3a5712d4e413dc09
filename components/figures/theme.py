"""Text colours every figure sets for itself, so chart text meets WCAG 1.4.3 (4.5:1) wherever it is drawn.

Streamlit's chart theme (the default of `st.plotly_chart`) writes its own colours into a figure's
template when the chart is drawn in the browser: axis titles and tick labels #808495, only 3.7:1 on
white. A value in the figure's own layout always wins over its template, so `readable` sets every
text colour there: on whatever renders the figure (Streamlit's theme, `theme=None`, a PNG export)
the text is the colour chosen here. It does not choose line or marker colours (each builder does,
from the palette in `compare`); tests/unit/test_chart_contrast.py checks both against their ratios.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

INK = "#0B0C0C"  # GOV.UK text colour: 19.6:1 on white
MUTED_INK = "#505A5F"  # GOV.UK secondary text: 7.1:1 on white, 6.3:1 on the light quarter band
BACKGROUND = "#FFFFFF"

LAYOUT: dict[str, Any] = {
    "font": {"color": INK},
    "title": {"font": {"color": INK}},
    "paper_bgcolor": BACKGROUND,
    "plot_bgcolor": BACKGROUND,
    "legend": {"font": {"color": INK}, "title": {"font": {"color": INK}}},
    "hoverlabel": {"bgcolor": BACKGROUND, "bordercolor": MUTED_INK, "font": {"color": INK}},
}
AXIS: dict[str, Any] = {"title": {"font": {"color": INK}}, "tickfont": {"color": MUTED_INK}}
AXIS_NAME = re.compile(r"[xy]axis\d*")


def readable(fig: go.Figure) -> go.Figure:
    """The figure with its text colours and backgrounds set in its own layout (see the module docstring).

    Returns a new figure; use the one returned (every builder ends with `return readable(fig)`)."""
    layout = fig.layout.to_plotly_json()  # a copy: `fig` is left as it was
    # Every x and y axis, and the first pair even if absent, as update_xaxes/update_yaxes set them.
    for name in {"xaxis", "yaxis", *filter(AXIS_NAME.fullmatch, layout)}:
        merge(layout.setdefault(name, {}), AXIS)
    merge(layout, LAYOUT)
    fresh = go.Figure(data=fig.data, layout=layout, frames=fig.frames, _validate=False)
    # Validation was skipped only for building it: what a caller changes next is checked as usual.
    fresh._validate = fresh.layout._validate = True
    for trace in fresh.data:
        trace._validate = True
    return fresh


def merge(into: dict[str, Any], values: dict[str, Any]) -> None:
    """Set `values` in the layout dict `into`, keeping every other property, as a validated
    `update_layout(values)` (overwrite=False) would; `values` must be valid Plotly layout properties."""
    for key, value in values.items():
        if not isinstance(value, dict):
            into[key] = value
            continue
        if not isinstance(into.get(key), dict):
            into[key] = {}  # absent so far (to_plotly_json writes a title string as {"text": ...})
        merge(into[key], value)


def default_template() -> dict[str, Any] | None:
    """The layout template a new `go.Figure()` takes (Streamlit's, once Streamlit is imported), as the
    dict its `to_dict()` writes; None when there is no default. For builders that write their figure
    as a dict (`floors.counts_figure`). Shared between figures, so read-only: nothing may change it
    (the framing in components/export.py sets only the layout's own title, margins, legend and axes)."""
    name = pio.templates.default
    return _template(name) if name else None


@functools.lru_cache(maxsize=4)
def _template(name: str) -> dict[str, Any]:
    return go.Figure(layout={"template": name}).to_dict()["layout"]["template"]  # exactly as a figure has it


# Builders that write their figure as a dict (floors, spine) write it as `go.Figure.to_dict()` did,
# byte for byte (tests/data/test_chart_bytes.py): validated objects set their properties in
# alphabetical order, a trace's type last; a layout passed through `readable` comes out in Plotly's
# (alphabetical) order, with the template its figure had.


def canonical(values: dict[str, Any]) -> dict[str, Any]:
    """`values` (a compound property: marker, annotation, …) in the order a validated object writes it."""
    return {k: canonical(v) if isinstance(v, dict) else v for k, v in sorted(values.items())}


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace of type `kind` as a validated `go.Scatter(**props)` (or Bar, …) writes it in `to_dict()`."""
    return {**canonical(props), "type": kind}


def readable_layout(layout: dict[str, Any]) -> dict[str, Any]:
    """`readable` on a figure with this layout (set by one `update_layout` and `update_xaxes`/`_yaxes`,
    each compound property written in the order given), as the figure's `to_dict()["layout"]`: the
    default template added, text colours and backgrounds merged, properties in Plotly's order. For
    one pair of axes only: Plotly writes further axes (xaxis2, …) in an order of its own."""
    if extra := sorted(set(filter(AXIS_NAME.fullmatch, layout)) - {"xaxis", "yaxis"}):
        raise ValueError(f"readable_layout writes one pair of axes, not {extra}")
    template = default_template()
    done = {**({"template": template} if template else {}), **layout}
    for name in ("xaxis", "yaxis"):
        merge(done.setdefault(name, {}), AXIS)
    merge(done, LAYOUT)
    return dict(sorted(done.items()))
