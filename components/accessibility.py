"""Renders the Accessibility statement (`AccessibilityView`): headings and points, nothing else."""

from __future__ import annotations

import streamlit as st

from accountability.views.accessibility import AccessibilityView


def _points(points: tuple[str, ...]) -> str:
    return "\n".join(f"- {point}" for point in points)


def render_statement(view: AccessibilityView) -> None:
    st.write(view.aim)
    st.header("What we do")
    st.markdown(_points(view.practices))
    st.header("Known gaps")
    st.markdown(f"{view.gaps_intro}\n{_points(view.gaps)}")
    st.header("Tell us about a problem")
    st.write(view.report)
