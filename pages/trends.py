"""Trends: a council's figures over time against England and a chosen benchmark, breaks never bridged."""

import polars as pl
import streamlit as st

from accountability.labels import BREAK_KIND_LABELS
from accountability.methods.benchmarking import BENCHMARKS
from accountability.methods.compare import in_display_order, measure_info
from accountability.methods.trends import recent_trends
from accountability.views.trends import benchmark_series, council_series, with_segments
from components.data import load, settings_or_stop
from components.export import render_chart
from components.figures.trends import trend_figure
from components.navigation import require_navigation
from components.tables import render_downloads
from components.widgets import render_benchmark_picker, render_measure_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Trends")
st.caption("How a council's figures have changed, against England and a benchmark you choose.")

# state
councils, values, benchmarks = load("councils"), load("values"), load("benchmarks")
measures = in_display_order(load("measures").filter(pl.col("id").is_in(values["measure"].unique().implode())))
code = st.session_state.get("council")
left, right = st.columns([3, 2])
with left:
    measure = measure_info(measures, render_measure_picker(measures))
with right:
    default = settings_or_stop().default_benchmark
    kind, _ = render_benchmark_picker(councils, default, allow_custom=False)
if not code:
    st.info("Choose your council in the sidebar to see its trend; England's figures are shown meanwhile.")

# data and derive
row = measures.filter(pl.col("id") == measure.id).row(0, named=True)
tables = {"values": values, "benchmarks": benchmarks, "councils": councils, "peers": load("peers")}
own = council_series(values, councils, code, measure.id) if code else pl.DataFrame()
points = with_segments(
    pl.concat([own, benchmark_series(kind, tables, code, measure.id)], how="diagonal_relaxed"), row["break_periods"]
)
council = councils.filter(pl.col("code") == (code or "")).rows(named=True)
breaks = load("measure_breaks").filter((pl.col("measure") == measure.id) & ~pl.col("comparable"))
markers = [
    (period, f"{BREAK_KIND_LABELS[str(kind)]}<br>{period}")  # two short lines: adjacent breaks stay legible
    for period, kind in breaks.select("period", "kind").iter_rows()
]
if council and (council[0]["predecessors"] or council[0]["successors"]):
    markers.append(("2023-24", "Council reorganisation, April 2023"))
trend = recent_trends(
    values.filter((pl.col("code") == (code or "")) & (pl.col("measure") == measure.id)), load("measures")
)
name = council[0]["name"] if council else "England"
label = trend.row(0, named=True) if trend.height and code else None
methods = {
    "chi_squared_trend": "chi-squared test for trend",
    "wls": "weighted least squares",
    "ols": "least squares, no intervals published",
    "none": "no test",
}
if label:
    span = f"{label['periods'][0]} to {label['periods'][-1]}" if label["periods"] else ""
    p_value = label["p_value"]
    method = methods.get(label["method"], label["method"])
    tested = f" (p = {p_value:.3f}, {method})" if p_value is not None else ""
    trend_text = f"Recent trend for {name}, {span}: {label['label']}{tested}."
elif code:
    trend_text = f"No recent trend for {name}: it needs three or more points on the same side of any framework break."
else:
    trend_text = f"{measure.label}: England's published figures. Choose a council to test its recent trend."
alt = f"{measure.label}: {name} against England and {BENCHMARKS[kind].lower()} by period. {trend_text}"

# render
st.markdown(f"**{trend_text}**")
st.caption(measure.description)
if points.height:
    render_chart(
        trend_figure,
        points,
        measure.label,
        markers,
        key="trend_chart",
        alt=alt,
        title=f"{measure.label}: {name}",
        source=f"{row['publisher']}, {row['source']}",
    )
    st.caption(
        "Lines are never drawn across a framework change or between a council and the councils it replaced. "
        "Vertical bars on the council's points are 95% confidence intervals where they exist."
    )
shown = points.select("series", "period", "value", "ci_low", "ci_high", "segment")
st.dataframe(shown, hide_index=True, alt=alt)
render_downloads(shown, f"trend_{measure.id}_{code or 'england'}", key="trend")
