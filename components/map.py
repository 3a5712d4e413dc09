"""Renders a `MapView`: the map or the table, downloads, the link and notes; and the colouring picker.

Everything shown comes from the view; this module only chooses Streamlit elements and turns codes
into words (`labels`). The map is cached on the store version and the choice, never on its frames.
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from accountability.codes import MapColouring
from accountability.labels import MAP_COLOURING_LABELS
from accountability.views.map import MapView
from components.export import render_chart
from components.figures import maps as figures  # looked up at call time, so a test can replace one
from components.tables import render_downloads
from components.widgets import choose_clicked_council, render_share_link, warn_if_unknown

MAP_NOTE = (
    "Value bands are fifths of the councils shown. Contains OS data © Crown copyright and database "
    "right 2024. Source: Office for National Statistics licensed under the Open Government Licence v3.0."
)


def render_colour_picker() -> MapColouring:
    """'Colour by' value or floor verdict, bound to ?colour= (the address keeps the label)."""
    warn_if_unknown("colour", list(MAP_COLOURING_LABELS.values()), "colouring")
    labels = MAP_COLOURING_LABELS
    chosen = st.radio(
        "Colour by", list(labels), format_func=lambda c: labels.get(c, c), key="colour", bind="query-params"
    )
    return cast(MapColouring, chosen)


def render_map_heading(view: MapView) -> None:
    if view.no_floor:
        st.info(view.no_floor)
    st.markdown(f"**{view.summary}**")


def render_map_body(view: MapView, version: str) -> None:
    """The chosen view (map or table), then downloads and the link."""
    choice, measure = view.choice, view.measure
    if choice.show == "Chart":
        render_chart(
            figures.council_map,
            view.table,
            view.class_labels,
            view.by_verdict,
            choice.council,
            measure.unit,
            key="map_chart",
            alt=view.summary,
            title=view.title,
            source=view.source,
            on_select=choose_clicked_council("map_chart"),
            cache_key=(version, choice, "map"),
        )
        st.caption(MAP_NOTE)
    else:
        st.dataframe(
            view.download,
            hide_index=True,
            alt=view.summary,
            column_config={
                "code": "ONS code",
                "name": "Council",
                "value": f"Value ({measure.unit})" if measure.unit else "Value",
                "floor_verdict": "Floor verdict",
                "status": "Status",
            },
        )
    render_downloads(view.download, f"map_{measure.id}_{choice.period}", key="map")
    render_share_link("map", view.link)
