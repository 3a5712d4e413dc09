"""The Accessibility statement's view: the standard aimed at, what we do, and gaps that name their issue."""

from __future__ import annotations

import re

from accountability.views.accessibility import accessibility_view


def test_the_statement_names_the_standard_and_the_table_alternative() -> None:
    view = accessibility_view()
    assert "WCAG) 2.2 at level AA" in view.aim
    assert any("**Table**" in p and "address" in p for p in view.practices)
    assert any("Colour never carries meaning alone" in p for p in view.practices)


def test_every_known_gap_names_its_upstream_issue() -> None:
    gaps = accessibility_view().gaps
    assert gaps, "no gap listed: the check below would pass on nothing"
    assert all(re.search(r"(Streamlit|plotly\.js) #\d+", gap) for gap in gaps)
