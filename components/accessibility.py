"""Renders the Accessibility statement (`AccessibilityView`) under the GOV.UK model's headings, and the
"report a problem with a figure" link under the menu of every page. Rendering only, no wording."""

from __future__ import annotations

import streamlit as st

from accountability.views.accessibility import AccessibilityView, NonCompliance, report_link


def _points(points: tuple[str, ...]) -> str:
    return "\n".join(f"- {point}" for point in points)


def _non_compliance(item: NonCompliance) -> str:
    source = f" Where it comes from: {item.upstream}." if item.upstream else ""
    return f"**WCAG 2.2 success criterion {item.criterion}.** {item.problem}{source}"


def render_statement(view: AccessibilityView) -> None:
    st.write(view.aim)
    st.header("How accessible this dashboard is")
    st.markdown(_points(view.practices))
    st.markdown(f"{view.gaps_intro}\n{_points(view.gaps)}")
    st.header("Feedback and contact information")
    st.markdown(view.feedback)
    st.header("Enforcement procedure")
    st.markdown(view.enforcement)
    st.header("Technical information about this dashboard's accessibility")
    st.subheader("Compliance status")
    st.write(view.compliance)
    st.subheader("Non-accessible content: non-compliance with the accessibility regulations")
    st.markdown(_points(tuple(_non_compliance(item) for item in view.non_compliances)))
    st.header("What we are doing to improve accessibility")
    st.write(view.improving)
    st.header("Preparation of this accessibility statement")
    st.write(view.preparation)


def render_report_link(contact: str, page: str) -> None:
    """Under the menu on every page: an e-mail link naming the page, or where to read how to report."""
    link = report_link(contact, page)
    if link is None:
        st.sidebar.page_link("pages/accessibility.py", label="Report a problem with a figure: how", icon="✉️")
    else:
        st.sidebar.markdown(f"✉️ [Report a problem with a figure]({link})")
