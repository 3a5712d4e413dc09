"""Map: any measure and period across England, coloured by value band or floor verdict; click a council."""

import polars as pl
import streamlit as st

from accountability.formatting import format_value
from accountability.methods.compare import in_display_order, measure_info, periods_for
from accountability.methods.geo import class_expr, value_classes, vintage_for
from components.analysis import floor_analysis, published_thresholds
from components.data import load, settings_or_stop
from components.export import render_chart
from components.figures.maps import map_figure
from components.navigation import require_navigation
from components.tables import render_downloads
from components.widgets import (
    choose_clicked_council,
    render_measure_picker,
    render_period_picker,
    render_share_link,
    render_view_picker,
    warn_if_unknown,
)

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Map")
st.caption("Every council on one measure. Click a council to make it your council; the table has the same numbers.")


# state
councils, values, measures = load("councils"), load("values"), load("measures")
measures = in_display_order(measures.filter(pl.col("id").is_in(values["measure"].unique().implode())))
left, middle, right = st.columns([3, 1, 1])
with left:
    measure = measure_info(measures, render_measure_picker(measures))
periods = periods_for(values, measure.id)
with middle:
    default = settings_or_stop().default_period
    period = render_period_picker(periods, periods[-1] if default == "latest" else default)
with right:
    warn_if_unknown("colour", ["Value", "Floor verdict"], "colouring")
    colour_by = st.radio("Colour by", ["Value", "Floor verdict"], key="colour", bind="query-params")

# data and derive
vintage = vintage_for(period)
shapes = load("boundaries").filter(pl.col("vintage") == vintage).select("code", "name", "geometry")
rows = values.filter((pl.col("measure") == measure.id) & (pl.col("period") == period)).select("code", "value", "status")
verdicts = pl.DataFrame(schema={"code": pl.String, "verdict": pl.String})
if colour_by == "Floor verdict":
    found = floor_analysis(published_thresholds())[0].filter(
        (pl.col("measure") == measure.id) & (pl.col("period") == period)
    )
    verdicts = found.select("code", pl.col("verdict").cast(pl.String))
    if verdicts.height == 0:
        st.info("This measure has no floor standard for this period, so councils are coloured by value.")
        colour_by = "Value"
breaks, class_labels = value_classes(rows["value"], "{:,.1f}")
table = (
    shapes.join(rows, on="code", how="left")
    .join(verdicts, on="code", how="left")
    .with_columns(**{"class": class_expr(pl.col("value"), breaks)})
)
hover = [  # 153 short strings for display, built once per run
    f"{r['name']}: {format_value(r['value'], measure.unit)}"
    + (f" · {r['verdict'].replace('_', ' ')}" if r["verdict"] else "")
    for r in table.select("name", "value", "verdict").iter_rows(named=True)
]
table = table.with_columns(hover=pl.Series(hover, dtype=pl.String))
code = st.session_state.get("council")
verdict_column = [pl.col("verdict").alias("floor_verdict")] if colour_by == "Floor verdict" else []
shown = table.select("code", "name", "value", *verdict_column, "status").sort("name")  # what the map shows
n = int(table["value"].count())
summary = (
    f"{measure.label}, {period}: {n} of {table.height} councils have a published value"
    + (f", from {breaks[0]:,.1f} to {breaks[-1]:,.1f} {measure.unit}" if breaks else "")
    + f"; shapes are the council boundaries of December {vintage[:4]}."
)

# render
st.markdown(f"**{summary}**")
measure_source = load("measures").filter(pl.col("id") == measure.id)["source"][0]
view = render_view_picker(["Chart", "Table"])  # the same choices as other pages, so a choice carries over
if view == "Chart":
    render_chart(
        map_figure,
        table,
        class_labels,
        colour_by == "Floor verdict",
        code,
        key="map_chart",
        alt=summary,
        title=f"{measure.label}, {period}",
        source=f"{measure_source}; boundaries ONS (contains OS data © Crown copyright and database right 2024)",
        on_select=choose_clicked_council("map_chart"),
    )
    st.caption(
        "Value bands are fifths of the councils shown. Contains OS data © Crown copyright and database "
        "right 2024. Source: Office for National Statistics licensed under the Open Government Licence v3.0."
    )
else:
    st.dataframe(
        shown,
        hide_index=True,
        alt=summary,
        column_config={
            "code": "ONS code",
            "name": "Council",
            "value": f"Value ({measure.unit})" if measure.unit else "Value",
            "floor_verdict": "Floor verdict",
            "status": "Status",
        },
    )
render_downloads(shown, f"map_{measure.id}_{period}", key="map")
render_share_link(
    "map",
    {
        "council": code,
        "measure": measure.id,
        "period": period,
        "colour": None if colour_by == "Value" else colour_by,
        "view": None if view == "Chart" else view,
    },
)
