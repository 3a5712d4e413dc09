"""Council care accountability dashboard: entry point, shared council picker and navigation."""

import logging

# Imported here, before any page runs, so concurrent first visits after a restart cannot see it half
# imported: Plotly checks sys.modules for pandas without importing it, so while one session's thread
# is still importing pandas another session's chart failed with "partially initialized module
# 'pandas'" (4 of 10 simultaneous first visits; benchmarks/RESULTS.md). `import` waits for an import
# in progress, and every session runs this script before its page.
import pandas  # noqa: F401
import streamlit as st

from components.accessibility import render_report_link
from components.data import load, one_version_this_run, settings_or_stop, store_version
from components.embed import apply_chart_only
from components.export import render_picture_format
from components.navigation import PageSpec, fresh_pages, navigation_running
from components.releases import render_release_notice
from components.widgets import render_council_picker

st.set_page_config(page_title="Council care accountability", page_icon="🏛️", layout="wide")
settings = settings_or_stop()

# Home is the default page: Streamlit serves the default at "/", so it cannot be a deep-link target.
# One flat list, expanded so no page hides behind "View more". (Sections would group them, but
# Streamlit 1.67 renders section headers inside the <ul>, which fails WCAG list rules in axe.)
PAGES = (
    # your council
    PageSpec("pages/home.py", "Home", "🏠", "home", default=True),
    PageSpec("pages/find.py", "Find your council", "🔎", "find"),
    PageSpec("pages/profile.py", "Council profile", "🧭", "profile"),
    PageSpec("pages/trends.py", "Trends", "📉", "trends"),
    # all councils
    PageSpec("pages/compare.py", "Compare councils", "📊", "compare"),
    PageSpec("pages/map.py", "Map", "🗺️", "map"),
    PageSpec("pages/floors.py", "Floor standards", "🚩", "floors"),
    PageSpec("pages/progress.py", "Progress on commitments", "📈", "progress"),
    PageSpec("pages/reports.py", "Progress reports", "📄", "reports"),
    # care market
    PageSpec("pages/market.py", "Care market", "🏘️", "market"),
    PageSpec("pages/providers.py", "Providers", "📋", "providers"),
    # value for money and releases (p2new)
    PageSpec("pages/value.py", "Value for money", "💷", "value"),
    PageSpec("pages/whats_new.py", "What's new", "🆕", "whats_new"),
    # about
    PageSpec("pages/methods.py", "Data and methods", "📖", "methods"),
    PageSpec("pages/accessibility.py", "Accessibility", "♿", "accessibility"),
)
# Built once and copied each run (components/navigation.py): building 15 st.Page objects every run
# resolved and checked every path on disk.
navigation = st.navigation(fresh_pages(PAGES), expanded=True)

# The store's version is worked out once for the sidebar and the page (components/data.py).
with one_version_this_run():
    # Shared across pages, so the chosen council follows the user (and the URL) everywhere.
    render_council_picker(load("councils"), store_version())
    render_picture_format()
    st.sidebar.caption(
        "Official statistics from NHS England, DfE, Ofsted, ONS and MHCLG (Oflog). "
        "Contains public sector information licensed under the Open Government Licence v3.0."
    )
    # On every page, so a problem with a figure can be reported from where it is seen (WCAG statement).
    render_report_link(settings.contact_email, navigation.title)
    # A link made on an earlier release (?release=) says that newer figures exist, on whichever page it opens.
    render_release_notice()
    apply_chart_only(navigation.url_path)  # ?chart_only=1 on Compare, Trends and Map: the chart alone, for embeds
    try:
        with navigation_running():  # the page's require_navigation() checks this script thread's mark
            navigation.run()
    except Exception:  # last resort: people see a plain message, the log keeps the traceback
        logging.getLogger("dashboard").exception("page %s failed", navigation.title)
        st.error(
            "Sorry, this page could not be shown because of a problem in the dashboard itself. "
            "The details have been logged. Please try another measure or period, or come back later."
        )
