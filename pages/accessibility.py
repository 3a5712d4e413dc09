"""Accessibility statement: what we test, and known gaps in the platform we build on."""

import streamlit as st

from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Accessibility")
st.write(
    "We want everyone to be able to use this dashboard. It aims to meet the Web Content Accessibility "
    "Guidelines (WCAG) 2.2 at level AA, as UK public sector websites must."
)
st.header("What we do")
st.markdown(
    """
- Every chart has a one-sentence text summary (also its alternative text) and a table of the same numbers:
  choose **Table** under "Show". The choice is kept in the page's address, so a link can open the table.
- Colour never carries meaning alone: the selected council is also a larger diamond with its name written
  beside it, and comparison lines are labelled and drawn in different line styles.
- Colours come from the UK Government Analysis Function palette and contrast with the background.
- Every page is checked automatically with the axe-core accessibility engine against WCAG 2.2 A and AA
  rules on each change; the build fails on any violation.
- Every view can be downloaded as CSV or Excel, for use with your own tools.
"""
)
st.header("Known gaps")
st.markdown(
    """
These come from the Streamlit and Plotly components this dashboard is built with, and are tracked upstream:
- The chart toolbar's full-screen button label is not announced by some screen readers (Streamlit #16148).
- The data table's column menu cannot be reached by keyboard (Streamlit #13332). Use the downloads instead.
- Points on charts cannot be reached by keyboard (plotly.js #4264): the table view of each chart has the
  same numbers.
"""
)
st.header("Tell us about a problem")
st.write(
    "If something does not work for you, please open an issue in the project's repository, saying which "
    "page and what you were trying to do."
)
