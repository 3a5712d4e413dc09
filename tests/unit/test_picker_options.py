"""Picker options built once per key of codes (components/picker_options.py), and the measure and
council pickers built on them: the same labels and the same way back from a label as before."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
import streamlit as st

from components import picker_options, widgets
from components.picker_options import Options, kept_options

MEASURES = pl.DataFrame(
    {
        "id": ["cla_rate", "ascof_sds_users", "rereferral_pct"],
        "domain": ["children", "adults", "children"],
        "label": ["Children looked after", "Self-directed support", "Re-referrals"],
    }
)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    st.cache_resource.clear()


def test_options_keep_order_labels_and_the_way_back() -> None:
    options = Options.of({"b": "Bee", "a": "Ay", "c": "Bee"})
    assert options.codes == ("b", "a", "c")  # the order offered
    assert dict(options.labels) == {"b": "Bee", "a": "Ay", "c": "Bee"}
    assert dict(options.by_label) == {"Bee": "c", "Ay": "a"}  # a shared label names the later code, as before
    with pytest.raises(TypeError):
        options.labels["a"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        options.by_label["Ay"] = "b"  # type: ignore[index]


def test_empty_options() -> None:
    options = Options.of({})
    assert options.codes == () and not options.labels and not options.by_label


def test_built_once_per_key_and_again_for_another_key() -> None:
    builds: list[str] = []

    def build(label: str) -> dict[str, str]:
        builds.append(label)
        return {"x": label}

    first = kept_options(("v1", "measure", "x"), lambda: build("one"))
    assert kept_options(("v1", "measure", "x"), lambda: build("two")) is first
    assert kept_options(("v2", "measure", "x"), lambda: build("three")).labels["x"] == "three"
    assert builds == ["one", "three"]


def test_a_key_that_is_not_codes_is_refused() -> None:
    with pytest.raises(TypeError, match="a picker's cache key"):
        kept_options(("v1", MEASURES), lambda: {})


def test_measure_labels_say_the_area_of_care() -> None:
    assert widgets.measure_labels(MEASURES) == {
        "cla_rate": "Children: Children looked after",
        "ascof_sds_users": "Adults: Self-directed support",
        "rereferral_pct": "Children: Re-referrals",
    }
    assert widgets.measure_labels(MEASURES.head(0)) == {}


def test_council_options_are_the_labels_of_the_kept_choices() -> None:
    councils = pl.DataFrame(
        {"code": ["E1", "E2"], "name": ["Zeta", "Alpha"], "valid_to": [dt.date(2023, 3, 31), None]},
    )
    choices = widgets._council_choices("v1", councils)
    assert choices.codes == ("E2", "E1")  # current councils first
    assert widgets._council_options("v1", councils) is choices.labels
    assert choices.by_label["Zeta (until March 2023)"] == "E1"


def test_the_bound_is_counted_in_options() -> None:
    kept = picker_options._kept()
    kept_options(("v1", "a"), lambda: {"x": "X", "y": "Y"})
    kept_options(("v1", "b"), dict)  # no options: still counted as one, so the bound holds
    assert kept.size == 3
