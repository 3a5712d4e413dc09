"""Accessibility statement: what we test, and known gaps in the platform we build on."""

import streamlit as st

from accountability.views.accessibility import accessibility_view
from components.accessibility import render_statement
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Accessibility")

# state: none, and the statement reads no data; view; render
render_statement(accessibility_view())
