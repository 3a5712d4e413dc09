"""Every chart carries its title, source and licence inside the figure, so a downloaded PNG does too."""

from __future__ import annotations

import plotly.graph_objects as go

from components.export import LICENCE, file_name, with_title_and_source


def test_title_source_and_licence_are_in_the_figure() -> None:
    fig = with_title_and_source(go.Figure(), "Re-referrals, 2024-25", "Department for Education, Children in need")
    assert fig.layout.title.text == "Re-referrals, 2024-25"
    assert "Source: Department for Education, Children in need." in fig.layout.title.subtitle.text
    assert LICENCE in fig.layout.title.subtitle.text
    assert fig.layout.margin.t >= 80


def test_file_names_are_safe_and_say_what_the_chart_is() -> None:
    assert file_name("Re-referrals within 12 months, 2024-25: councils ranked") == (
        "re-referrals-within-12-months-2024-25-councils-ranked"
    )
    assert file_name("!!!") == "chart"
