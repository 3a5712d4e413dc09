"""Compare councils: one measure and period, every council ranked, with England and the region."""

import polars as pl
import streamlit as st

from accountability.formatting import format_value, ordinal
from accountability.methods.benchmarking import (
    benchmark_values,
    comparison_sentence,
    export_columns,
    with_comparison,
)
from accountability.methods.compare import (
    comparators,
    export_frame,
    in_display_order,
    measure_info,
    periods_for,
    ranked,
    summary_sentence,
)
from accountability.methods.funnel import funnel_limits, funnel_positions
from accountability.methods.standards import exact_value_text
from components.analysis import published_thresholds, ranks_for
from components.data import load, settings_or_stop
from components.export import render_chart
from components.figures.compare import compare_figure, funnel_figure
from components.navigation import require_navigation
from components.tables import render_compare_table, render_downloads
from components.widgets import (
    choose_clicked_council,
    render_benchmark_picker,
    render_measure_picker,
    render_period_picker,
    render_share_link,
    render_view_picker,
    warn_if_unknown,
)

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Compare councils")
st.caption("Where every English council stands on one measure, against the published England and regional figures.")


# state
councils, values, benchmarks = load("councils"), load("values"), load("benchmarks")
measures = in_display_order(load("measures").filter(pl.col("id").is_in(values["measure"].unique().implode())))
code = st.session_state.get("council")
left, right = st.columns([3, 1])
with left:
    measure = measure_info(measures, render_measure_picker(measures))
periods = periods_for(values, measure.id)
if not periods:
    st.info("No council has a published value for this measure yet.")
    st.stop()
default_period = settings_or_stop().default_period
with right:
    period = render_period_picker(periods, periods[-1] if default_period == "latest" else default_period)

settings = settings_or_stop()
bench_col, level_col = st.columns([3, 1])
with bench_col:
    kind, group = render_benchmark_picker(councils, settings.default_benchmark)
with level_col:
    warn_if_unknown("level", ["95%", "99.8%"], "confidence level")
    level_text = st.radio("Confidence", ["95%", "99.8%"], key="level", bind="query-params", horizontal=True)
level = 0.95 if level_text == "95%" else 0.998
# data and derive
tables = {"values": values, "benchmarks": benchmarks, "councils": councils, "peers": load("peers")}
bench = benchmark_values(kind, tables, measure.id, period, group)
table = with_comparison(ranked(values, councils, measure, period), bench, load("measures"), level)
region = councils.filter(pl.col("code") == (code or ""))["region_code"].to_list()
comps = comparators(benchmarks, measure.id, period, region[0] if region else None)
sentence = summary_sentence(table, comps, measure, period, code)
table = table.join(
    ranks_for(measure.id, period, measure.polarity).select("code", "rank_low", "rank_high", "quartile"),
    on="code",
    how="left",
)
mine = table.filter(pl.col("code") == (code or ""))
if mine.height and mine["rank_low"][0] is not None:
    r = mine.row(0, named=True)
    sentence = sentence[:-1] + (
        f" (95% rank interval {ordinal(r['rank_low'])} to {ordinal(r['rank_high'])}; "
        f"quartile {r['quartile']} of 4, 1 = best)."
    )
if mine.height and mine["value"][0] is not None:
    row = mine.row(0, named=True)
    unit_text = format_value(row["benchmark_value"], measure.unit)
    sentence += " " + comparison_sentence(row, level, unit_text)
extra = export_columns(table).join(table.select("code", "rank_low", "rank_high", "quartile"), on="code")
shown = export_frame(table, comps, measure).join(extra, on="code", how="left", maintain_order="left")
benchmark_line = (  # England and the council's region already have their own lines
    (str(mine["benchmark_name"][0]), mine["benchmark_value"][0])
    if mine.height and kind not in ("england", "region")
    else None
)

# render
st.markdown(f"**{sentence}**")
st.caption(measure.description)
if code and table.filter(pl.col("code") == code).height == 0:
    name = councils.filter(pl.col("code") == code)["name"].to_list()
    st.info(
        f"{name[0] if name else code} has no figure for {period}: it may not have existed then, "
        "or the publisher does not report it. Try another period."
    )
thresholds = published_thresholds()
floor_rows = thresholds.filter((pl.col("measure") == measure.id) & (pl.col("period") == period))
floor_line = (
    (f"Floor: {exact_value_text(floor_rows['threshold'][0], measure.unit)}", float(floor_rows["threshold"][0]))
    if floor_rows.height
    else None
)
funnel_points = table.filter(pl.col("denominator").is_not_null() & pl.col("value").is_not_null())
england = comps.filter(pl.col("area_type") == "england")["value"].to_list()
can_funnel = measure.value_type == "proportion" and funnel_points.height >= 10 and bool(england and england[0])
measure_row = load("measures").filter(pl.col("id") == measure.id).row(0, named=True)
source_text = f"{measure_row['publisher']}, {measure_row['source']}"
view = render_view_picker(["Chart", "Funnel plot", "Table"])
if view == "Chart":
    render_chart(
        compare_figure,
        table,
        comps,
        measure,
        code,
        benchmark_line,
        floor_line,
        key="compare_chart",
        alt=sentence,
        title=f"{measure.label}, {period}: councils ranked",
        source=source_text,
        on_select=choose_clicked_council("compare_chart"),
    )
    has_ci = table["ci_low"].is_not_null().any()
    st.caption(
        "Each dot is a council; lines through dots are 95% confidence intervals. "
        if has_ci
        else "No confidence intervals: the publisher gives no numerator, denominator or margin of error for this year. "
    )
elif view == "Funnel plot":
    if can_funnel:
        p0 = float(england[0]) / 100
        limits = funnel_limits(p0, float(funnel_points["denominator"].min()), float(funnel_points["denominator"].max()))
        positions = funnel_positions(funnel_points, p0)
        outside = positions.filter(pl.col("position").cast(pl.String).str.contains("99.8"))
        funnel_alt = (
            f"{measure.label}, {period}: funnel plot of {funnel_points.height} councils around England "
            f"({england[0]:.1f}%); {outside.height} outside the "
            "99.8% limits."
        )
        render_chart(
            funnel_figure,
            funnel_points,
            limits,
            measure,
            code,
            key="funnel_chart",
            alt=funnel_alt,
            title=f"{measure.label}, {period}: funnel plot around England",
            source=source_text,
            on_select=choose_clicked_council("funnel_chart"),
        )
        st.caption(
            funnel_alt + " Small councils scatter more by chance: a point inside the funnel is consistent with "
            "England once its size is allowed for."
        )
        funnel_table = (
            positions.join(councils.select("code", "name"), on="code", how="left")
            .select(
                "name",
                "value",
                "denominator",
                pl.col("position").cast(pl.String),
                "low95",
                "high95",
                "low998",
                "high998",
                "code",
            )
            .sort("name")
        )
        st.dataframe(funnel_table, hide_index=True, alt=funnel_alt)
        render_downloads(funnel_table, f"funnel_{measure.id}_{period}", key="funnel")
    else:
        st.info("A funnel plot needs a percentage with published numerators and denominators for this period.")
else:
    render_compare_table(shown, measure.unit, alt=sentence)
render_downloads(shown, f"compare_{measure.id}_{period}", key="compare")
render_share_link(
    "compare",
    {
        "council": code,
        "measure": measure.id,
        "period": period,
        "benchmark": kind,
        "level": None if level == 0.95 else level_text,
        "view": None if view == "Chart" else view,
    },
)
if kind == "neighbours" and mine.height and "neighbours" in bench.columns:
    listed = bench.filter(pl.col("code") == code)["neighbours"].to_list()
    names_of = dict(zip(councils["code"], councils["name"], strict=True))
    with st.expander(f"Statistical neighbours of {names_of.get(code, code)} (DfE 2025 model)"):
        st.write(", ".join(names_of.get(c, c) for c in (listed[0] if listed else [])) or "None listed.")
        st.caption("The benchmark is the unweighted mean of those neighbours with a published value.")
st.caption(
    f"Source: {load('measures').filter(pl.col('id') == measure.id)['source'][0]}. "
    "Contains public sector information licensed under the Open Government Licence v3.0."
)
