"""Compare councils: one measure and period, every council ranked, with England and the region."""

import streamlit as st

from accountability.views.analyses import measures_with_values
from accountability.views.compare import SHOWS, CompareChoice, compare_view, default_period, periods_for
from components.cache import app_store
from components.compare import (
    render_compare_figures,
    render_compare_footer,
    render_compare_heading,
    render_funnel_adjustment,
)
from components.data import settings_or_stop
from components.navigation import require_navigation
from components.widgets import (
    render_benchmark_picker,
    render_level_picker,
    render_measure_picker,
    render_period_picker,
    render_view_picker,
)

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Compare councils")
st.caption("Where every English council stands on one measure, against the published England and regional figures.")

# state: the measure first; the summary and the chart next (a container filled once the choice is whole),
# so a phone's first screen shows them; the period, benchmark, confidence and view come after the chart
store, settings = app_store(), settings_or_stop()
measure = render_measure_picker(store.derive(measures_with_values))
periods = periods_for(store, measure)
if not periods:
    st.info("No council has a published value for this measure yet.")
    st.stop()
figures = st.container()
st.subheader("Change the comparison")
period_col, bench_col, level_col = st.columns([1, 2, 1])
with period_col:
    period = render_period_picker(periods, default_period(periods, settings.default_period))
with bench_col:
    kind, group = render_benchmark_picker(store.councils, settings.default_benchmark)
with level_col:
    level = render_level_picker()
show = render_view_picker(list(SHOWS))
adjustment = render_funnel_adjustment(show)

# view
choice = CompareChoice(st.session_state.get("council"), measure, period, kind, group, level, show, adjustment)
view = store.derive(compare_view, choice)

# render
with figures:
    render_compare_heading(view)
    render_compare_figures(view, store.version)
render_compare_footer(view)
