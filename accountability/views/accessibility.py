"""The Accessibility statement, in the order of GOV.UK's model statement for public sector websites:
who runs it and what people can do, how accessible it is, feedback and contact (with a response
time), the enforcement procedure (EHRC, EASS), the compliance status, each non-compliance with its
WCAG 2.2 criterion, what we are doing about it, and when the statement was prepared and reviewed.

`accessibility_view(contact)` returns the statement as data, so the page only renders it; the
contact address is the `DASHBOARD_CONTACT_EMAIL` setting (empty: none published, said plainly).
`report_link` builds the "report a problem with a figure" mailto link shown on every page.
It reads no store: the statement is the same whatever the data. No Streamlit.
The measured focus ratios are those of tests/e2e/test_contrast.py's `THEME_CANNOT_REACH`; when
Streamlit changes how it draws focus, those strict xfail tests fail and this text must change too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

PREPARED = dt.date(2026, 11, 30)
REVIEWED = dt.date(2026, 11, 30)
TESTED = dt.date(2026, 11, 30)
RESPONSE_DAYS = 10  # working days; the model statement asks for a stated response time
EASS = "https://www.equalityadvisoryservice.com/"
ABILITYNET = "https://mcmw.abilitynet.org.uk/"
REGULATIONS = "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"


@dataclass(frozen=True)
class NonCompliance:
    criterion: str  # "2.4.7 Focus Visible (AA)": the WCAG 2.2 success criterion not met
    problem: str  # what fails, and where, measured where we could measure it
    upstream: str  # the component issue it comes from, or "" where it is ours


@dataclass(frozen=True)
class AccessibilityView:
    aim: str
    practices: tuple[str, ...]  # what we do, one Markdown point each
    gaps_intro: str
    gaps: tuple[str, ...]  # known gaps in plain words, each naming its upstream issue
    contact: str  # the address, or "" when none is published
    feedback: str  # how to reach us, and in how long we reply
    enforcement: str
    compliance: str  # the compliance status sentence
    non_compliances: tuple[NonCompliance, ...]
    improving: str
    preparation: str  # prepared, reviewed and tested dates


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def report_link(contact: str, page: str) -> str | None:
    """A mailto link whose subject names the page, or None when no contact address is set."""
    if not contact:
        return None
    return f"mailto:{contact}?subject={quote(f'Problem with a figure on the {page} page')}"


NON_COMPLIANCES = (
    NonCompliance(
        "2.4.7 Focus Visible (AA) and 1.4.11 Non-text Contrast (AA)",
        "When you move through the page links in the menu with the keyboard, the link with focus is only "
        "tinted grey: 1.1:1 against its surroundings, where 3:1 is needed. Links to other pages within a "
        "page are drawn the same way (1.1:1).",
        "Streamlit 1.67 draws navigation links without an outline; no theme setting reaches 3:1 (at most 1.4:1)",
    ),
    NonCompliance(
        "2.4.7 Focus Visible (AA) and 1.4.11 Non-text Contrast (AA)",
        "Radio buttons (for example Confidence and Show) show keyboard focus as a grey tint behind the "
        "option's label: 1.1:1, at most 1.8:1 whatever the theme. The main menu button's focus ring is "
        "1.5:1, and the scrollable main area takes focus without showing it.",
        "Streamlit 1.67",
    ),
    NonCompliance(
        "1.1.1 Non-text Content (A) and 1.3.1 Info and Relationships (A)",
        "A screen reader cannot read a chart's points, axes or labels. Each chart has alternative text that "
        "states its finding and the same numbers as a table (choose Table under Show); the chart itself is "
        "not readable.",
        "plotly.js draws charts as graphics without an accessible structure",
    ),
    NonCompliance(
        "2.1.1 Keyboard (A)",
        "Points on charts cannot be reached with the keyboard, so choosing a council by clicking it on a "
        "chart or map needs a mouse or touch; the menu's Your council box does the same by keyboard. A "
        "table's column menu cannot be reached with the keyboard; use the downloads instead.",
        "plotly.js #4264; Streamlit #13332",
    ),
    NonCompliance(
        "4.1.2 Name, Role, Value (A)",
        "The full-screen button in a chart's toolbar is not announced by name by some screen readers.",
        "Streamlit #16148",
    ),
)


def accessibility_view(contact: str = "") -> AccessibilityView:
    feedback = (
        f"If you find a problem with a figure, or cannot use part of this dashboard, e-mail {contact}, "
        "saying which page and what you were trying to do. The link under the menu on every page starts "
        "that e-mail for you, with the page named."
        if contact
        else "This copy of the dashboard has not published a contact address, so problems cannot yet be "
        "reported here. (Whoever runs it sets one with DASHBOARD_CONTACT_EMAIL; the link then appears "
        "under the menu on every page.)"
    )
    return AccessibilityView(
        aim=(
            "We want as many people as possible to be able to use this dashboard: on a phone or a "
            "desktop, with a keyboard or speech recognition, and with a screen reader. It aims to meet the Web "
            "Content Accessibility Guidelines (WCAG) 2.2 at level AA, as UK public sector websites must. "
            f"[AbilityNet]({ABILITYNET}) has advice on making your device easier to use."
        ),
        practices=(
            "Every chart has a one-sentence text summary (also its alternative text) and a table of the same "
            'numbers: choose **Table** under "Show". The choice is kept in the page\'s address, so a link can '
            "open the table.",
            "Colour never carries meaning alone: the selected council is also a larger diamond with its name "
            "written beside it, and comparison lines are labelled and drawn in different line styles.",
            "Chart text is at least 4.5:1 against its background, and lines and markers at least 3:1; a test "
            "reads every chart's colours and fails below those ratios.",
            "Every page is checked automatically with the axe-core accessibility engine against WCAG 2.2 A and "
            "AA rules, on a desktop screen and on a phone-sized screen (390 by 844 pixels); the build fails on "
            "any violation, or if a page scrolls sideways on a phone.",
            "Every view can be downloaded as CSV or Excel, and every chart as a picture, for use with your own tools.",
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
        contact=contact,
        feedback=f"{feedback} We will reply within {RESPONSE_DAYS} working days.",
        enforcement=(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
            f"{REGULATIONS} (the accessibility regulations). If you are not happy with how we respond to "
            "your complaint, contact the [Equality Advisory and Support Service (EASS)]"
            f"({EASS})."
        ),
        compliance=(
            "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 "
            "AA standard, due to the non-compliances listed below."
        ),
        non_compliances=NON_COMPLIANCES,
        improving=(
            "We check every page with axe-core at desktop and phone sizes and measure chart text and focus "
            "contrast in the browser on every change. The focus problems are tested by tests that will tell "
            "us when Streamlit fixes them; we have not hidden them with our own styles, which a Streamlit "
            "update could silently break."
        ),
        preparation=(
            f"This statement was prepared on {_date(PREPARED)}. It was last reviewed on {_date(REVIEWED)}. "
            f"This website was last tested on {_date(TESTED)}, by the team that builds it, with automated "
            "checks (axe-core, contrast and focus measurements in Chromium at 1440 by 900 and 390 by 844 "
            "pixels) on every page."
        ),
    )
