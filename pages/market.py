"""Care market: who provides children's homes, how concentrated and good they are, and adult provision."""

import polars as pl
import streamlit as st

from accountability.methods.compare import in_display_order, periods_for
from accountability.views.market import (
    adult_external_share,
    compare_series,
    describe_correlation,
    pearson,
    research_table,
    top_owners,
)
from components.analysis import market_for_app
from components.data import load
from components.export import render_chart
from components.figures.market import lines_figure, scatter_figure, sector_bars
from components.navigation import require_navigation
from components.tables import render_downloads
from components.widgets import render_coded_picker

require_navigation()  # a first visit via a shared link must still run dashboard.py

st.title("Care market")
st.caption(
    "Who provides children's homes in each area (council, private, voluntary), how concentrated and how good "
    "they are, and how much adult residential care councils buy in. Official Ofsted and NHS Digital statistics."
)

OFSTED = "Ofsted, Children's social care data in England (providers at 31 March)"

# state and data
councils = load("councils")
code = st.session_state.get("council")
council = councils.filter(pl.col("code") == (code or "")).rows(named=True)
if not council:
    st.info("Choose your council in the sidebar to compare it with its region and England. Showing England.")
name = council[0]["name"] if council else "England"
region_code = council[0]["region_code"] if council else None
names = {"council": name, "region": council[0]["region"] if council else "", "England": "England"}
computed = market_for_app()  # cached once per store
homes, mix = computed["homes"], computed["mix"]
area_code = code if council else "E92000001"
years = sorted(mix.filter(pl.col("area_code") == area_code)["year"].unique().to_list())
latest = years[-1] if years else None
st.caption(
    "Children's homes are counted where they are, not by the council that places children in them: many "
    "children live in homes outside their own council's area."
)

tabs = st.tabs(["Who provides", "Concentration", "Quality", "Joining and leaving", "Adult care", "Market and outcomes"])
with tabs[0]:
    share = compare_series(mix, "private_share_places", area_code, region_code)
    alt = f"Private share of children's home places, {name}, its region and England, by year."
    render_chart(
        lines_figure,
        share,
        names,
        "Private share of places (%)",
        key="private_share",
        alt=alt,
        title=f"Private share of children's home places: {name}",
        source=OFSTED,
    )
    st.caption(alt)
    rows = mix.filter(pl.col("area_code") == area_code).sort("year")
    render_chart(
        sector_bars,
        rows,
        key="sector_bars",
        alt=f"Children's home places by sector, {name}, by year.",
        title=f"Children's home places by sector: {name}",
        source=OFSTED,
    )
    shown = rows.select(
        "year",
        "homes",
        "places",
        "places_local_authority",
        "places_private",
        "places_voluntary",
        "places_other",
        pl.col("private_share_places").round(1),
    )
    st.dataframe(shown, hide_index=True, alt=f"Homes and places by sector, {name}")
    render_downloads(shown, f"market_sector_mix_{area_code}", key="mix")
    st.markdown("**Research compilation, not official statistics**")
    research = research_table(load("market_panel"), area_code) if council else pl.DataFrame()
    if research.height:
        st.caption(
            "From Goodair, Bach-Mortensen et al. (Oxford), built from DfE and Ofsted statistics with company "
            "records; shown as compiled, not checked against the official tables. Placements are by the council "
            "that looks after the children, wherever they live."
        )
        st.dataframe(
            research, hide_index=True, alt=f"Research compilation for {name}: placements and spend by ownership"
        )
        render_downloads(research, f"market_research_compilation_{area_code}", key="research")
    else:
        st.caption("Choose a council to see the research compilation of placements and spend by ownership.")
with tabs[1]:
    conc = computed["concentration"].filter(pl.col("year") == latest)
    wanted = conc.filter(pl.col("area_code").is_in([area_code, region_code or "", "E92000001"]))
    st.dataframe(
        wanted.select(
            "area_type", "area_code", "year", pl.col("hhi").round(0), pl.col("top5_share").round(1), "owners"
        ),
        hide_index=True,
        alt=f"Concentration of places among owners, {latest}",
    )
    st.caption(
        "HHI runs from near 0 (many small owners) to 10,000 (one owner). Owners are legal entities as Ofsted "
        "names them: companies in one group count separately, so concentration is understated."
    )
    if council and latest:
        owners = top_owners(homes, area_code, latest)
        st.markdown(f"**Largest owners of children's home places in {name}, {latest}**")
        st.dataframe(owners, hide_index=True, alt=f"Largest owners in {name}")
with tabs[2]:
    qual = computed["quality"].filter((pl.col("year") == latest) & pl.col("area_code").is_in([area_code, "E92000001"]))
    st.dataframe(
        qual.select("area_type", "sector", "judged", pl.col("good_or_outstanding_pct").round(1), "inadequate"),
        hide_index=True,
        alt=f"Quality of children's homes by sector, {latest}",
    )
    st.caption("Latest full Ofsted inspection judgement of each home registered at 31 March.")
with tabs[3]:
    moves = computed["entries_exits"].filter(pl.col("area_code") == area_code)
    st.dataframe(
        moves.select("year", "joined", "left").sort("year"),
        hide_index=True,
        alt=f"Children's homes joining and leaving the register, {name}",
    )
with tabs[4]:
    st.info(
        "No national data on the quality of adult care providers is in this dashboard yet: the Care Quality "
        "Commission's directory is not among the published files we read. Adult provider quality and "
        "concentration cannot be shown until it is added."
    )
    adult = adult_external_share(load("asc_provision"), area_code)
    st.dataframe(adult, hide_index=True, alt=f"Adult care bought from external providers, {name} and all councils")
    st.caption(
        "Share of 65+ residential and nursing care from external providers (official PSS-EX1 2014-15 "
        "spending, GBP thousand; ASC-FR 2015-16 activity, weeks). The two years use different measures."
    )
with tabs[5]:
    with_values = load("measures").filter(pl.col("id").is_in(load("values")["measure"].unique().implode()))
    # children's outcomes first: the market measures are about children's homes
    outcome_measures = in_display_order(with_values).sort(pl.col("domain").cast(pl.String) != "children")
    x_choice = st.selectbox(
        "Market measure (children's homes, latest year)",
        ["Private share of places (%)", "Places per 10,000 children", "Owner concentration (HHI)"],
        key="market_x",
        bind="query-params",
    )
    y_labels = dict(zip(outcome_measures["id"], outcome_measures["label"], strict=True))
    y_id = render_coded_picker("Outcome measure", y_labels, "market_y", "outcome measure")
    x_frames = {
        "Private share of places (%)": mix.select(
            "area_type", "area_code", "year", pl.col("private_share_places").alias("x")
        ),
        "Places per 10,000 children": computed["places_per_10k"].rename({"places_per_10k": "x"}),
        "Owner concentration (HHI)": computed["concentration"].select(
            "area_type", "area_code", "year", pl.col("hhi").alias("x")
        ),
    }
    x = x_frames[x_choice].filter((pl.col("area_type") == "council") & (pl.col("year") == latest))
    y_period = periods_for(load("values"), y_id)[-1]
    y = (
        load("values")
        .filter((pl.col("measure") == y_id) & (pl.col("period") == y_period))
        .select("code", pl.col("value").alias("y"))
    )
    points = x.rename({"area_code": "code"}).join(y, on="code").join(councils.select("code", "name"), on="code")
    points = points.filter(pl.col("x").is_not_null() & pl.col("y").is_not_null())
    y_label = outcome_measures.filter(pl.col("id") == y_id)["label"][0]
    corr = pearson(points["x"].to_list(), points["y"].to_list())
    sentence = describe_correlation(corr, x_choice, f"{y_label} ({y_period})")
    render_chart(
        scatter_figure,
        points,
        x_choice,
        f"{y_label} ({y_period})",
        code,
        key="scatter",
        alt=sentence,
        title=f"{x_choice} and {y_label}",
        source=f"{OFSTED}; outcomes as published (Data and methods)",
    )
    st.markdown(f"**{sentence}**")
    scatter_table = points.select("name", pl.col("x").alias(x_choice), pl.col("y").alias(y_label), "code").sort("name")
    st.dataframe(scatter_table, hide_index=True, alt=sentence)
    render_downloads(scatter_table, f"market_outcome_{y_id}", key="scatter")
