"""Accessibility statement (GOV.UK model form): status, non-compliances, contact, enforcement, dates."""

import streamlit as st

from accountability.views.accessibility import accessibility_view
from components.accessibility import render_statement
from components.data import settings_or_stop
from components.navigation import require_navigation

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Accessibility statement")

# state: the contact setting only; the statement reads no data; view; render
render_statement(accessibility_view(settings_or_stop().contact_email))
