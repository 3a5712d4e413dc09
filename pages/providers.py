"""Provider list: every registered children's social care provider located in a council, searchable."""

import polars as pl
import streamlit as st

from components.data import load
from components.navigation import require_navigation
from components.tables import render_downloads

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Providers")
st.caption(
    "Children's homes, fostering agencies and other children's social care providers registered with Ofsted "
    "and located in the council's area, at 31 March. Names and addresses of children's homes are withheld by Ofsted."
)

# state and data
code = st.session_state.get("council")
councils = load("councils")
if not code:
    st.info("Choose your council in the sidebar (or on Find your council) to list its providers.")
    st.page_link("pages/find.py", label="Find your council", icon="🔎")
    st.stop()
name = councils.filter(pl.col("code") == code)["name"][0]
providers = load("providers").filter(pl.col("code") == code)
years = sorted(providers["year"].unique().to_list(), reverse=True)
if not years:
    st.info(f"Ofsted lists no providers located in {name}.")
    st.stop()
left, middle, right = st.columns([1, 2, 2])
year = left.selectbox("At 31 March", years, key="year", bind="query-params")
in_year = providers.filter(pl.col("year") == year)
types = sorted(in_year["provision_type"].unique().to_list())
chosen_types = middle.multiselect("Type of provision", types, key="types", placeholder="All types")
sectors = sorted(in_year["sector"].cast(pl.String).unique().to_list())
chosen_sectors = right.multiselect("Sector", sectors, key="sectors", placeholder="All sectors")
query = st.text_input("Search owner, type or URN", key="search", placeholder="For example: a company name")

# derive
shown = in_year.filter(
    (pl.lit(not chosen_types) | pl.col("provision_type").is_in(chosen_types))
    & (pl.lit(not chosen_sectors) | pl.col("sector").cast(pl.String).is_in(chosen_sectors))
)
if query:
    needle = query.strip().lower()
    shown = shown.filter(
        pl.col("owner").str.to_lowercase().str.contains(needle, literal=True).fill_null(False)
        | pl.col("provision_type").str.to_lowercase().str.contains(needle, literal=True)
        | pl.col("urn").cast(pl.String).str.contains(needle, literal=True)
    )
table = shown.select(
    "urn",
    "provision_type",
    pl.col("sector").cast(pl.String),
    "places",
    "owner",
    "registration_status",
    pl.col("latest_judgement").cast(pl.String),
    "latest_judgement_published",
    "latest_inspection_date",
).sort("provision_type", "owner", "urn", nulls_last=True)
summary = (
    f"{table.height} of {in_year.height} providers located in {name} at 31 March {year}"
    + (f", {int(table['places'].sum()):,} places" if table["places"].count() else "")
    + "."
)

# render
st.markdown(f"**{summary}**")
st.dataframe(
    table,
    hide_index=True,
    alt=summary,
    column_config={
        "urn": "Ofsted URN",
        "provision_type": "Type",
        "sector": "Sector",
        "places": "Places",
        "owner": "Owner",
        "registration_status": "Registration",
        "latest_judgement": "Latest judgement",
        "latest_judgement_published": "Judgement as published",
        "latest_inspection_date": "Inspected",
    },
)
render_downloads(table, f"providers_{code}_{year}", key="providers")
st.caption(
    "Source: Ofsted, Children's social care data in England. Contains public sector information licensed under "
    "the Open Government Licence v3.0. Owners are legal entities as Ofsted names them; fostering agencies' "
    "places are approvals, not beds. Judgements before 2019 on older scales are shown as published."
)
