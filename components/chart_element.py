"""A finished chart's JSON sent as Streamlit's Plotly element, without parsing and writing it again.

`st.plotly_chart(figure)` turns the figure into a dict and writes Plotly's JSON of it, every rerun:
for a chart already finished and cached as that JSON (components/export.py), a parse of up to 180 KB
(the Map) and a walk and re-serialisation of what was parsed, only to write the same string again.
`send_plotly` builds the element exactly as `st.plotly_chart` does in Streamlit 1.67.0 (pinned ==):
theme, form, spec, config, alt, the element id from the same arguments, the width and height, the
selection widget when `on_select` is given, and the agent API's description, and enqueues it; the
spec is the cached string itself. Streamlit's private names are used, so
tests/unit/test_chart_element.py checks, inside real script runs and for every chart kind the app
draws (with and without on_select), that the message sent is byte-identical to st.plotly_chart's for
the same figure and key; it fails the day Streamlit changes any of this.

It does not build, frame or cache a chart (components/export.py), nor accept options the app does
not use: width "stretch", height "content", theme "streamlit", selection by points only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

import streamlit as st
from streamlit.elements import plotly_chart as plotly_element
from streamlit.elements.lib import agent_spec
from streamlit.elements.lib.form_utils import current_form_id
from streamlit.elements.lib.layout_utils import LayoutConfig
from streamlit.elements.lib.policies import check_widget_policies
from streamlit.elements.lib.utils import compute_and_register_element_id, normalize_alt, to_key
from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto
from streamlit.runtime.metrics_util import gather_metrics
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state import register_widget, validate_on_change_mode

# What render_chart passes (or leaves at st.plotly_chart's default): the element id hashes these.
THEME: Final = "streamlit"
WIDTH: Final = "stretch"
HEIGHT: Final = "content"
ALL_MODES: Final = ("points", "box", "lasso")  # st.plotly_chart's default selection_mode
CHOSEN_MODE: Final = "points"  # render_chart's selection_mode when a click chooses a council


@gather_metrics("plotly_chart")
def send_plotly(
    spec: str,
    figure_height: int | float | None,
    *,
    key: str,
    alt: str,
    config: dict[str, Any],
    on_select: Callable[[], None] | None = None,
) -> Any:
    """What `st.plotly_chart(figure, key=key, alt=alt, config=config[, on_select=on_select,
    selection_mode="points"])` sends and returns, for the figure whose Plotly JSON (as Streamlit
    writes it) is `spec` and whose layout height is `figure_height`."""
    dg = st._main  # st.plotly_chart is `_main.plotly_chart`: the active container is found from it
    selecting = on_select is not None
    user_key = to_key(key)
    callback = _checked_callback(dg, user_key, on_select) if selecting else None
    proto = PlotlyChartProto()
    proto.theme = THEME
    proto.form_id = current_form_id(dg)
    proto.spec = spec
    proto.config = json.dumps(config)
    normalized_alt = normalize_alt(alt)
    if normalized_alt is not None:
        proto.alt = normalized_alt
    ctx = get_script_run_ctx()
    proto.id = compute_and_register_element_id(
        "plotly_chart",
        user_key=user_key,
        key_as_main_identity=False,
        dg=dg,
        plotly_spec=spec,  # the string proto.spec holds, without reading it back out of the proto
        plotly_config=proto.config,
        selection_mode=CHOSEN_MODE if selecting else ALL_MODES,
        is_selection_activated=selecting,
        theme=THEME,
        width=WIDTH,
        height=HEIGHT,
        alt=normalized_alt,
    )
    height = plotly_element._resolve_content_height(HEIGHT, {"layout": {"height": figure_height}})
    layout_config = LayoutConfig(width=WIDTH, height=height)
    if not selecting:
        agent = agent_spec.element("plotly_chart", key=user_key, data_builder=_data(spec), alt=proto.alt or None)
        return dg._enqueue("plotly_chart", proto, layout_config=layout_config, agent_props=agent)
    proto.selection_mode.extend(plotly_element.parse_selection_mode(CHOSEN_MODE))
    serde = plotly_element.PlotlyChartSelectionSerde()
    state = register_widget(
        proto.id,
        on_change_handler=callback,
        deserializer=serde.deserialize,
        serializer=serde.serialize,
        ctx=ctx,
        value_type="string_value",
    )
    dg._enqueue("plotly_chart", proto, layout_config=layout_config, agent_props=_selecting_agent(proto, spec))
    return state.value


def _checked_callback(dg: Any, user_key: str | None, on_select: Callable[[], None] | None) -> Any:
    """The selection callback, checked as st.plotly_chart checks it (widget policies included)."""
    callback = validate_on_change_mode(
        on_select, supported_modes=("rerun", "ignore"), none_supported=False, param_name="on_select"
    )
    check_widget_policies(
        dg,
        user_key,
        on_change=callback,
        default_value=None,
        writes_allowed=False,
        enable_check_callback_rules=callback is not None,
    )
    return callback


def _selecting_agent(proto: PlotlyChartProto, spec: str) -> str | None:
    """The agent API's description of a chart that selects, as st.plotly_chart writes it."""
    return agent_spec.element(
        "plotly_chart",
        key=proto.id,
        data_builder=_data(spec),
        support="action_unsupported",
        selection_mode=sorted(plotly_element._SELECTION_MODE_FROM_PROTO[mode] for mode in proto.selection_mode) or None,
        on_select="rerun",
        alt=proto.alt or None,
    )


def _data(spec: str) -> Callable[[], dict[str, Any] | None]:
    """The agent API's data for the chart, worked out only if an agent session asks for it."""
    return lambda: plotly_element._plotly_data(spec)
