"""Renders a `ValueView`: ranked spend, its change, spend against an outcome, unit costs, and the trace.

Everything shown comes from the view; this module chooses Streamlit elements, names columns and
writes the page's fixed notes. Each chart has its table beside it (in the same section, with CSV and
Excel downloads) and its sentence as alt text. Charts are cached on the store version and the choice.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.views.value import CAVEAT, ValueView
from components.export import render_chart
from components.figures import value as figures
from components.tables import render_downloads

MHCLG = "MHCLG, Local authority revenue expenditure and financing: revenue outturn (RO3), cells kept in our store"
LAIT = "DfE, Local Authority Interactive Tool: S251 outturn weekly unit costs (DfE's approximation)"
OFSTED = "Ofsted, Children's social care data in England (children's homes at 31 March)"
TRACE_HEADERS = {
    "name": "Council",
    "code": "ONS code",
    "period": "Financial year",
    "value": "Figure shown",
    "numerator": "Spend used (£ thousand, cash)",
    "denominator": "People counted",
    "form": "Form",
    "variable": "Variable code",
    "description": "Line as published",
    "cell_value": "Published cell (£ thousand, cash)",
    "cell_status": "Cell status",
    "source_file": "File",
    "source_row": "Row",
    "source_column": "Column",
}


def _digits(unit: str) -> int:
    """Decimals shown in tables: whole pounds, one decimal otherwise (downloads of the trace keep all)."""
    return 0 if unit.startswith("£") else 1


def render_value_heading(view: ValueView) -> None:
    """The ranked sentence, the population year behind per-head figures, and the caveat."""
    st.markdown(f"**{view.ranked_sentence}**")
    st.caption(f"{view.population_note} Cash in the year spent, not adjusted for inflation.")
    st.info(CAVEAT, icon="ℹ️")


def render_ranked(view: ValueView, version: str) -> None:
    st.subheader(f"{view.spend_label}, {view.period}, every council and England")
    render_chart(
        figures.ranked_bars,
        view.ranked,
        view.unit,
        key="value_ranked",
        alt=view.ranked_sentence,
        title=f"{view.spend_label}, {view.period}",
        source=MHCLG,
        cache_key=(version, view.choice, "ranked"),
    )
    table = view.ranked.select(
        pl.col("rank").alias("Rank (highest first)"),
        pl.col("name").alias("Area"),
        pl.col("value").round(_digits(view.unit)).alias(f"{view.spend_label} ({view.unit})"),
        pl.col("code").alias("ONS code"),
    )
    st.dataframe(table, hide_index=True, alt=view.ranked_sentence, height=300)
    render_downloads(table, f"spend_{view.choice.spend}_{view.period}", key="value_ranked")


def render_change(view: ValueView) -> None:
    st.subheader("Change from 2023-24 to 2024-25 (cash)")
    st.markdown(view.change_sentence)
    table = view.change.select(
        pl.col("name").alias("Area"),
        pl.col("from_value").round(_digits(view.unit)).alias(f"2023-24 ({view.unit})"),
        pl.col("to_value").round(_digits(view.unit)).alias(f"2024-25 ({view.unit})"),
        pl.col("change").round(_digits(view.unit)).alias("Change"),
        pl.col("change_pct").round(1).alias("Change (%)"),
        pl.col("code").alias("ONS code"),
    )
    st.dataframe(table, hide_index=True, alt=view.change_sentence, height=300)
    render_downloads(table, f"spend_change_{view.choice.spend}", key="value_change")


def render_scatter(view: ValueView, version: str) -> None:
    st.subheader("Spending and outcomes across councils")
    render_chart(
        figures.spend_scatter,
        view.points,
        view.spend_axis,
        view.outcome_label,
        key="value_scatter",
        alt=view.scatter_sentence,
        title=f"{view.spend_axis} and {view.outcome_label}",
        source="MHCLG revenue outturn (RO3); outcomes as published (Data and methods)",
        cache_key=(version, view.choice, "scatter"),
    )
    st.markdown(f"**{view.scatter_sentence}**")
    st.caption("Squares: the council's statistical neighbours (DfE's newest model). " + CAVEAT)
    table = view.points.select(
        pl.col("name").alias("Council"),
        pl.col("x").round(_digits(view.unit)).alias(view.spend_axis),
        pl.col("y").alias(view.outcome_label),
        pl.col("group")
        .replace_strict({"council": "Your council", "group": "Statistical neighbour", "other": ""})
        .alias("Highlighted"),
        pl.col("code").alias("ONS code"),
    )
    st.dataframe(table, hide_index=True, alt=view.scatter_sentence, height=300)
    render_downloads(table, f"spend_{view.choice.spend}_and_{view.choice.outcome}", key="value_scatter")


def render_costs(view: ValueView, version: str) -> None:
    cost_labels, council_name = view.cost_labels, view.council_name
    st.subheader("Children's weekly unit costs and the private share of children's home places")
    st.caption(
        "Unit costs are DfE's approximations (a year's S251 spend divided by a count of care, rounded to £5), "
        "in cash. Private share: places in children's homes located in the council's area, whoever places "
        "children there."
    )
    left, right = st.columns(2)  # side by side on a wide screen, one under the other on a phone
    costs_alt = f"Weekly unit costs over time for {council_name or 'England'} and England, cash."
    share_alt = f"Private share of children's home places over time, {council_name or 'England'} and England."
    with left:
        render_chart(
            figures.unit_cost_lines,
            view.unit_costs,
            cost_labels,
            council_name,
            key="value_costs",
            alt=costs_alt,
            title="Weekly unit costs (cash)",
            source=LAIT,
            cache_key=(version, view.choice.council, "costs"),
        )
    with right:
        render_chart(
            figures.private_share_lines,
            view.private_share,
            council_name,
            key="value_private",
            alt=share_alt,
            title="Private share of children's home places",
            source=OFSTED,
            cache_key=(version, view.choice.council, "private"),
        )
    costs = view.unit_costs.select(
        pl.col("name").alias("Area"),
        pl.col("measure").replace_strict(cost_labels, default=pl.col("measure")).alias("Measure"),
        pl.col("period").alias("Financial year"),
        pl.col("value").alias("£ per child per week (cash)"),
        pl.col("code").alias("ONS code"),
    )
    st.dataframe(costs, hide_index=True, alt=costs_alt, height=250)
    render_downloads(costs, "childrens_unit_costs", key="value_costs")
    share = view.private_share.select(
        pl.col("area_name").alias("Area"),
        pl.col("year").alias("Year (31 March)"),
        pl.col("private_share_places").round(1).alias("Private share of places (%)"),
        pl.col("area_code").alias("ONS code"),
    )
    st.dataframe(share, hide_index=True, alt=share_alt, height=250)
    render_downloads(share, "private_share_childrens_homes", key="value_private")


def render_trace(view: ValueView) -> None:
    """The published cells behind the figures: the chosen council's on screen, every council's in the download."""
    st.subheader("Where these figures come from")
    st.caption(
        "Each figure with the published cell it was calculated from: form, variable code, row and column of "
        "MHCLG's file (£ thousand). The download holds every council and year."
    )
    table = view.trace.rename(TRACE_HEADERS)
    mine = table.filter(pl.col("ONS code") == (view.choice.council or ""))
    st.dataframe(
        mine if mine.height else table.head(20), hide_index=True, alt="The published cells behind each figure."
    )
    render_downloads(table, f"spend_{view.choice.spend}_published_cells", key="value_trace")
