"""Floor standards: which councils are below the floor, for how long, and the zero-tolerance watchlist."""

import polars as pl
import streamlit as st

from accountability.views.floors import council_detail
from components.analysis import floor_views, published_thresholds
from components.data import load
from components.export import render_chart
from components.floors import counts_figure, render_what_if
from components.navigation import require_navigation
from components.tables import render_downloads
from components.widgets import warn_if_unknown

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Floor standards")
st.caption(
    "Which councils fall below the floor on each standard, for how long, and who needs attention now. "
    "For officials monitoring every council."
)
with st.expander("How a floor verdict is decided"):
    st.markdown(
        """
- **Below the floor** (▼): the council's whole confidence interval is on the wrong side of the floor,
  so chance variation alone is unlikely to explain it.
- **Cannot tell** (◆): the interval straddles the floor.
- **Meets the floor** (✓): the whole interval is on the right side, or exactly on the floor.
- **No data** (–): nothing published. A missing figure is never counted as below.

Where the publisher gives no numerator, denominator or margin of error, the published value alone
decides, and the tables say so. Each floor's basis and source are listed at the bottom of this page.
"""
    )

# state and data
measures, councils = load("measures"), load("councils")
thresholds = render_what_if(published_thresholds())
left, middle, right = st.columns(3)
regions = sorted(councils.filter(pl.col("valid_to").is_null())["region"].unique().to_list())
for param, options, noun in (
    ("region", ["All regions", *regions], "region"),
    ("domain", ["Adults and children", "Adults", "Children"], "area of care"),
):
    warn_if_unknown(param, options, noun)
region = left.selectbox("Region", ["All regions", *regions], key="region", bind="query-params")
types = sorted(councils["council_type"].cast(pl.String).unique().to_list())
warn_if_unknown("type", ["All types", *types], "council type")
council_type = middle.selectbox("Council type", ["All types", *types], key="type", bind="query-params")
domain = right.selectbox(
    "Area of care", ["Adults and children", "Adults", "Children"], key="domain", bind="query-params"
)

# derive (cached per set of floors and selection)
view = floor_views(
    thresholds,
    region=None if region == "All regions" else region,
    council_type=None if council_type == "All types" else council_type,
    domain=None if domain == "Adults and children" else domain.lower(),
)
runs, matrix, watch = view.latest_runs, view.matrix, view.watch  # runs: each standard's latest period
below_now = int((runs["verdict"] == "below").sum())
summary = (
    f"{matrix.height} councils, {runs['measure'].n_unique()} standards at their latest period: "
    f"{below_now} verdicts below the floor; {watch['council'].n_unique()} councils on the watchlist."
)

# render
st.markdown(f"**{summary}**")
if matrix.height == 0:
    st.info("No current council matches this region and council type. Choose another region or type above.")
code = st.session_state.get("council")
if code and runs.filter(pl.col("code") == code).height:
    name = councils.filter(pl.col("code") == code)["name"][0]
    detail = council_detail(runs, measures, code)
    below = int(detail["verdict"].str.starts_with("▼").sum())
    st.subheader(f"{name} against every floor")
    st.caption(
        f"{name} is below {below} of {detail.height} floors at their latest period. Distance is positive on the "
        "good side of the floor; people to reach the floor is how many more people would need the outcome."
    )
    st.dataframe(
        detail,
        hide_index=True,
        alt=f"{name}: {below} of {detail.height} floors below",
        column_config={
            "standard": "Standard",
            "period": "Period",
            "value": "Value",
            "floor": st.column_config.NumberColumn("Floor", format="%.3f"),
            "unit": "Unit",
            "verdict": "Verdict",
            "decided_on": "Decided on",
            "distance_to_floor": "Distance to floor",
            "people_to_reach_floor": "People to reach floor",
            "periods_below_in_a_row": "Periods below in a row",
            "change": "Change",
        },
    )
    render_downloads(detail, f"floors_{code}", key="council_floors")
matrix_tab, time_tab, watch_tab = st.tabs(["Councils and standards", "Below the floor over time", "Watchlist"])
with matrix_tab:
    st.caption("Councils with the most standards below the floor first. ▼ below · ◆ cannot tell · ✓ meets · – no data.")
    st.dataframe(
        matrix,
        hide_index=True,
        alt=summary,
        column_config={
            "council": "Council",
            "region": "Region",
            "council_type": "Type",
            "below_count": "Standards below",
            "code": "ONS code",
        },
    )
    render_downloads(matrix, "floor_standards_matrix", key="matrix")
with time_tab:
    counts = view.counts
    labels = counts["label"].unique().sort().to_list()
    if labels:
        chosen = st.selectbox("Standard", labels, key="standard", bind="query-params")
        one = counts.filter(pl.col("label") == chosen).sort("period")
        latest_row = one.row(-1, named=True)
        alt = (
            f"{chosen}: councils below the floor by period; in {latest_row['period']}, {latest_row['below']} below, "
            f"{latest_row['cannot_tell']} cannot tell, {latest_row['meets']} meet, {latest_row['no_data']} no data."
        )
        render_chart(
            counts_figure,
            one,
            "Period",
            key="floor_counts",
            alt=alt,
            title=f"{chosen}: councils by verdict",
            source="Published figures (see Data and methods); floors from data/standards.toml",
        )
        st.caption(alt)
        st.dataframe(
            one.drop("measure"),
            hide_index=True,
            alt=alt,
            column_config={
                "label": "Standard",
                "period": "Period",
                "below": "Below",
                "cannot_tell": "Cannot tell",
                "meets": "Meets",
                "no_data": "No data",
            },
        )
        render_downloads(counts, "floor_verdict_counts", key="counts")
with watch_tab:
    st.markdown(
        "Zero tolerance of failure: councils **below the floor for two or more periods in a row**, "
        "**significantly worse than England and getting worse**, or judged **Inadequate by Ofsted**."
    )
    changes = view.changes
    if changes.height:
        st.markdown(
            f"**At the latest period, {int((changes['change'] == '▼ newly below').sum())} newly below a "
            f"floor and {int((changes['change'] == '↑ recovered').sum())} recovered:**"
        )
        st.dataframe(
            changes,
            hide_index=True,
            alt="Councils newly below a floor or recovered at the latest period",
            column_config={"compared_with": "Compared with", "code": "ONS code"},
        )
    if watch.height:
        st.dataframe(
            watch,
            hide_index=True,
            alt=f"{watch.height} watchlist entries for {watch['council'].n_unique()} councils",
            column_config={
                "council": "Council",
                "region": "Region",
                "reason": "Why",
                "what": "Standard",
                "detail": "Detail",
                "code": "ONS code",
            },
        )
        render_downloads(watch, "floor_watchlist", key="watch")
    else:
        st.info("No council in this selection is on the watchlist.")

st.subheader("The floors and where they come from")
basis = (
    thresholds.group_by("standard", "label")
    .agg(
        pl.col("period").min().alias("from"),
        pl.col("period").max().alias("to"),
        pl.col("threshold").first(),
        pl.col("confidence").first(),
        pl.col("basis").first(),
        pl.col("rule_text").first(),
        pl.col("source").first(),
    )
    .sort("label")
)
st.dataframe(
    basis.drop("standard"),
    hide_index=True,
    alt="Each floor standard, its threshold, basis and source",
    column_config={
        "label": "Standard",
        "from": "From",
        "to": "To",
        "threshold": "Floor",
        "confidence": "Interval used",
        "basis": "Basis",
        "rule_text": "How the floor was set",
        "source": "Source or rationale",
    },
)
