"""Tables kept as Streamlit sends them (components/tables.shown_table): the element sent is byte for byte
the one `st.dataframe` makes of the Polars frame itself (integers with gaps, categories, dates, text,
missing values), the frame is built once per key, and a key that is not made of codes is refused."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT


def _script() -> None:
    import datetime as dt

    import polars as pl
    import streamlit as st

    from components.tables import shown_table

    frame = pl.DataFrame(
        {
            "name": ["Leeds", "Kent", None],
            "count": pl.Series([3, None, 1], dtype=pl.Int64),
            "value": [1.5, None, 2.25],
            "verdict": pl.Series(["below", "meets", "below"], dtype=pl.Enum(["below", "meets"])),
            "kind": pl.Series(["a", "b", "a"], dtype=pl.Categorical),
            "when": [dt.date(2024, 3, 31), None, dt.date(2025, 3, 31)],
            "flag": [True, None, False],
        }
    )
    builds = st.session_state.setdefault("builds", [])

    def build() -> pl.DataFrame:
        builds.append(1)
        return frame

    config = {"count": st.column_config.NumberColumn("Count", format="%d"), "name": "Area"}
    st.dataframe(frame, hide_index=True, alt="t", column_config=config, column_order=["name", "verdict", "count"])
    shown = shown_table(build, ("version", "choice", "table"))
    st.dataframe(shown.arrow, hide_index=True, alt="t", column_config=config, column_order=["name", "verdict", "count"])
    st.session_state["same frame"] = shown.frame is frame
    try:
        shown_table(build, ("version", frame))
    except TypeError as exc:
        st.session_state["refused"] = str(exc)


def test_the_kept_table_sends_the_same_element_and_is_built_once_per_key() -> None:
    at = AppTest.from_function(_script, default_timeout=TIMEOUT).run()
    assert not at.exception
    direct, kept = at.dataframe[0].proto, at.dataframe[1].proto
    assert direct.arrow_data.data  # not an empty table on both sides
    assert kept.SerializeToString() == direct.SerializeToString()
    assert at.dataframe[1].value["count"].tolist()[0] == 3.0  # integers with a gap: floats, as Streamlit sends them
    assert at.session_state["same frame"]
    at.run()  # a second run finds the table kept
    assert not at.exception
    assert at.session_state["builds"] == [1]
    assert at.dataframe[1].proto.SerializeToString() == at.dataframe[0].proto.SerializeToString()
    assert "a table's cache key" in at.session_state["refused"]
