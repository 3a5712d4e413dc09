"""What the Accessibility statement says: the standard it aims at, what we do, the known gaps in the
components we build on (each with its upstream issue) and how to tell us about a problem.

`accessibility_view()` returns the statement as data, point by point, so the page only renders it.
It reads no store: the statement is the same whatever the data. No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccessibilityView:
    aim: str
    practices: tuple[str, ...]  # what we do, one Markdown point each
    gaps_intro: str
    gaps: tuple[str, ...]  # known gaps, each naming its upstream issue
    report: str  # how to tell us about a problem


def accessibility_view() -> AccessibilityView:
    return AccessibilityView(
        aim=(
            "We want everyone to be able to use this dashboard. It aims to meet the Web Content Accessibility "
            "Guidelines (WCAG) 2.2 at level AA, as UK public sector websites must."
        ),
        practices=(
            "Every chart has a one-sentence text summary (also its alternative text) and a table of the same "
            'numbers: choose **Table** under "Show". The choice is kept in the page\'s address, so a link can '
            "open the table.",
            "Colour never carries meaning alone: the selected council is also a larger diamond with its name "
            "written beside it, and comparison lines are labelled and drawn in different line styles.",
            "Colours come from the UK Government Analysis Function palette and contrast with the background.",
            "Every page is checked automatically with the axe-core accessibility engine against WCAG 2.2 A and "
            "AA rules on each change; the build fails on any violation.",
            "Every view can be downloaded as CSV or Excel, for use with your own tools.",
        ),
        gaps_intro=(
            "These come from the Streamlit and Plotly components this dashboard is built with, and are tracked "
            "upstream:"
        ),
        gaps=(
            "The chart toolbar's full-screen button label is not announced by some screen readers (Streamlit #16148).",
            "The data table's column menu cannot be reached by keyboard (Streamlit #13332). Use the downloads instead.",
            "Points on charts cannot be reached by keyboard (plotly.js #4264): the table view of each chart has "
            "the same numbers.",
        ),
        report=(
            "If something does not work for you, please open an issue in the project's repository, saying which "
            "page and what you were trying to do."
        ),
    )
