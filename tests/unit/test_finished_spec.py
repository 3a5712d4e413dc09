"""The finished chart's JSON, framed as a dict, is the same figure as the validated framing gave (the
same JSON values; only the order of keys within an object may differ), on every chart kind the app
draws and on figures with and without a title or a top margin of their own."""

from __future__ import annotations

import json
from collections.abc import Callable

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components.export import finished_spec, with_title_and_source
from tests.unit.test_chart_contrast import FIGURES

OTHERS: dict[str, Callable[[], go.Figure]] = {
    "empty": go.Figure,
    "own margin and title": lambda: go.Figure(layout={"margin": {"t": 12, "l": 4}, "title": {"text": "old"}}),
    "title as text, margin 0": lambda: go.Figure(layout={"title": "plain", "margin": {"t": 0}}),
}


@pytest.mark.parametrize("name", sorted(FIGURES) + sorted(OTHERS))
def test_the_same_json_as_the_validated_framing(name: str) -> None:
    build = FIGURES.get(name) or OTHERS[name]
    expected = pio.to_json(with_title_and_source(build(), "A title, 2024-25", "A publisher"), validate=False)
    assert json.loads(finished_spec(build, (), "A title, 2024-25", "A publisher")) == json.loads(expected)
