"""Floor standards in the app: the standards file loaded (or a message naming its line), the what-if
editor and the page's filters. The tables and charts are rendered by `components.floor_standards`."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from accountability.labels import BASIS_LABELS, BASIS_RULES
from accountability.methods.standards import Standard, StandardsError, load_standards
from accountability.views.analyses import WhatIf
from components.data import load, settings_or_stop, store_version
from components.widgets import warn_if_unknown

ALL_REGIONS, ALL_TYPES = "All regions", "All types"
DOMAINS = {"Adults and children": None, "Adults": "adults", "Children": "children"}
RULES = """
- **Below the floor** (▼): on an interval, the council's whole confidence interval is on the wrong
  side of the floor, so chance variation alone is unlikely to explain it; on the value alone
  ("▼ … (value only)"), the published value is on the wrong side and chance is not allowed for.
- **Cannot tell** (◆): the interval straddles the floor.
- **Meets the floor** (✓): the whole interval is on the right side, or exactly on the floor.
- **No floor yet** (○): the first year of a new definition of the measure. A floor drawn from a year
  never judges that year, so the first year of a definition has none.
- **No data** (–): nothing published. A missing figure is never counted as below.

Each floor's basis and source are listed at the bottom of this page.
"""


def basis_legend() -> str:
    """How each kind of verdict is decided (`labels.BASIS_RULES`), one line per kind, as Markdown."""
    return "\n".join(f"- **{BASIS_LABELS[code]}**: {rule}" for code, rule in BASIS_RULES.items())


@st.cache_resource(show_spinner=False, max_entries=4)
def standards(path: str, version: str) -> tuple[Standard, ...]:
    """The standards file read and checked against the measure registry, once per version of both."""
    return tuple(load_standards(Path(path), load("measures")))


def load_standards_or_stop() -> tuple[Standard, ...]:
    """The validated standards, or a message naming the file, line and key, and a stop."""
    path = settings_or_stop().standards_file
    try:
        return standards(str(path), store_version())
    except StandardsError as exc:
        st.error(f"The floor standards file could not be used: {exc}")
        st.stop()
        raise  # unreachable


def render_floor_rules() -> None:
    with st.expander("How a floor verdict is decided"):
        st.markdown(
            RULES + "\n**What a verdict rests on** (counted separately in every headline):\n\n" + basis_legend()
        )


WHAT_IF_OPEN = "what_if_open"  # the editor's expander: open or closed, tracked by Streamlit
WHAT_IF_KEPT = "_what_if_floors"  # standard -> the floor typed, kept in session state while the editor is closed
WHAT_IF_LABEL = "What if the floors were different? (changes last for this session only)"


def render_what_if(options: pl.DataFrame) -> WhatIf:
    """Let an official change each floor for this session only; returns every changed floor, in full.

    `options` has standard, label and the published threshold (`views.floor_standards.what_if_options`).
    The inputs are drawn only while their expander is open (one widget per standard, each sent and
    registered on every rerun otherwise); what was typed is kept in session state, so a closed editor
    still applies it and opening it again shows it.
    """
    kept: dict[str, float] = st.session_state.setdefault(WHAT_IF_KEPT, {})
    editor = st.expander(WHAT_IF_LABEL, key=WHAT_IF_OPEN, on_change="rerun")
    if editor.open:
        with editor:
            st.caption("Change a floor to see which councils would be below it. The standards file is not changed.")
            for row in options.iter_rows(named=True):
                _what_if_input(row["standard"], row["label"], float(row["threshold"]), kept)
    standards = set(options["standard"])
    changed = {standard: value for standard, value in kept.items() if standard in standards}
    if changed:
        st.info(
            f"Showing what-if floors for {len(changed)} standard(s); reload the page to return to the published ones."
        )
    return tuple(sorted(changed.items()))


def _what_if_input(standard: str, label: str, published: float, kept: dict[str, float]) -> None:
    """One floor's input, starting from what was typed before (or the published floor); `kept` updated."""
    # three decimals: a floor of 66.925% must not be shown as 66.9% beside a council at 66.9%
    value = st.number_input(label, value=kept.get(standard, published), format="%.3f", key=f"floor_{standard}")
    if value != published:
        kept[standard] = float(value)
    else:
        kept.pop(standard, None)


def render_floor_filters(councils: pl.DataFrame) -> tuple[str | None, str | None, str | None]:
    """Region, council type and area of care, each bound to the address; None means all."""
    regions = [ALL_REGIONS, *sorted(councils.filter(pl.col("valid_to").is_null())["region"].unique().to_list())]
    types = [ALL_TYPES, *sorted(councils["council_type"].cast(pl.String).unique().to_list())]
    for param, options, noun in (
        ("region", regions, "region"),
        ("domain", list(DOMAINS), "area of care"),
        ("type", types, "council type"),
    ):
        warn_if_unknown(param, options, noun)
    left, middle, right = st.columns(3)
    region = left.selectbox("Region", regions, key="region", bind="query-params")
    council_type = middle.selectbox("Council type", types, key="type", bind="query-params")
    domain = right.selectbox("Area of care", list(DOMAINS), key="domain", bind="query-params")
    return (
        None if region == ALL_REGIONS else region,
        None if council_type == ALL_TYPES else council_type,
        DOMAINS.get(str(domain)),
    )
