"""Caches that cannot go stale: a rebuilt store is shown without a restart (the same running app).

The store is rebuilt in a temporary folder (DASHBOARD_DATA_DIR) with one revised value in a middle
row of `values` and the same row count, which a cache keyed on a row count, or on Streamlit's hash
of a frame (it reads only some rows), would not notice.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.store import read_table, write_store
from accountability.store.schema import TABLES
from components.floors import WHAT_IF_OPEN
from tests.app.conftest import assert_healthy, open_page
from tests.conftest import STORE_DIR

BIRMINGHAM, MEASURE, PERIOD = "E08000025", "rereferral_pct", "2024-25"


def _revised(values: pl.DataFrame, code: str, measure: str, period: str, value: float) -> pl.DataFrame:
    """One council's value (and its interval, ±1) revised; every other row as it was."""
    row = (pl.col("code") == code) & (pl.col("measure") == measure) & (pl.col("period") == period)
    assert values.filter(row).height == 1
    new = {"value": value, "ci_low": value - 1, "ci_high": value + 1, "ci998_low": value - 2, "ci998_high": value + 2}
    return values.with_columns(pl.when(row).then(pl.lit(v)).otherwise(pl.col(c)).alias(c) for c, v in new.items())


@pytest.fixture
def store_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, pl.DataFrame]]:
    tables = {name: read_table(STORE_DIR, name) for name in TABLES}
    store = tmp_path / "prepared"
    write_store(tables, store)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(store))
    return store, tables


def test_a_rebuilt_store_is_shown_on_compare_without_a_restart(store_copy: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    store, tables = store_copy
    at = open_page("pages/compare.py", council=BIRMINGHAM, measure=MEASURE, period=PERIOD)
    assert_healthy(at)
    before = at.get("plotly_chart")[0].proto.alt
    assert "Birmingham" in before and "(95% rank interval 1st to 2nd;" not in before
    values = tables["values"]
    position = values.with_row_index().filter(pl.col("code") == BIRMINGHAM)["index"][0]
    assert 0 < position < values.height - 1  # a middle row
    # re-referrals: lower is better, and 3% is below every council but the Isles of Scilly (0%, 0-10.7%)
    write_store({**tables, "values": _revised(values, BIRMINGHAM, MEASURE, PERIOD, 3.0)}, store)
    at.run()  # the same session and process: nothing restarted, no cache cleared
    assert_healthy(at)
    after = at.get("plotly_chart")[0].proto.alt
    assert "Birmingham 3.0%, ranked 2nd of" in after
    assert "(95% rank interval 1st to 2nd;" in after  # the simulated ranks are derived, and cached


def _feel_safe(at) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Birmingham's row for the 'Feel safe' floor in its table against every floor."""
    detail = at.dataframe[0].value
    rows = detail[detail["standard"].str.contains("safe", case=False)]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_a_what_if_floor_in_a_middle_row_changes_the_verdict_and_the_sources_table() -> None:
    at = open_page("pages/floors.py", council=BIRMINGHAM)
    assert_healthy(at)
    at.session_state[WHAT_IF_OPEN] = True  # the what-if editor opened, as a user's click does
    at.run()
    box = next(b for b in at.number_input if b.label.startswith("Feel safe") and "2023-24" in b.label)
    published = _feel_safe(at)
    # 2024-25: 66.6%, 99.8% interval 59.3% to 73.9% (the survey's margin of error) straddles the floor of 68.2%
    assert published["floor"] == box.value and published["verdict"] == "◆ Cannot tell"
    box.set_value(75.0).run()
    raised = _feel_safe(at)
    assert (raised["floor"], raised["verdict"]) == (75.0, "▼ Below the floor")  # the whole interval is below 75
    sources = at.dataframe[-1].value
    assert sources[sources["label"] == box.label]["threshold"].tolist() == [75.0]
    at.number_input(key=box.key).set_value(59.0).run()
    lowered = _feel_safe(at)
    assert (lowered["floor"], lowered["verdict"]) == (59.0, "✓ Meets the floor")  # the whole interval is above 59


def test_a_rebuilt_store_is_shown_on_the_profile_without_a_restart(store_copy: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    store, tables = store_copy
    at = open_page("pages/profile.py", council=BIRMINGHAM, view="Table")
    assert_healthy(at)

    def shown() -> str:
        children = at.dataframe[1].value  # the adults' table, then the children's
        return str(children[children["label"] == "Re-referrals within 12 months"]["value"].iloc[0])

    assert shown() != "3.0%"
    write_store({**tables, "values": _revised(tables["values"], BIRMINGHAM, MEASURE, PERIOD, 3.0)}, store)
    at.run()
    assert_healthy(at)
    assert shown() == "3.0%"


def test_a_rebuilt_store_is_shown_on_the_map_without_a_restart(store_copy: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    store, tables = store_copy
    at = open_page("pages/map.py", council=BIRMINGHAM, measure=MEASURE, period=PERIOD, colour="Floor verdict")
    at.radio(key="view").set_value("Table").run()
    assert_healthy(at)
    summary = next(m.value for m in at.markdown if m.value.startswith("**Re-referrals"))
    assert "to 99.0 %" not in summary
    # 99% re-referred (lower is better): above every council, and wholly above any floor
    write_store({**tables, "values": _revised(tables["values"], BIRMINGHAM, MEASURE, PERIOD, 99.0)}, store)
    at.run()  # the same session and process: nothing restarted, no cache cleared
    assert_healthy(at)
    assert "to 99.0 %" in next(m.value for m in at.markdown if m.value.startswith("**Re-referrals"))
    table = at.dataframe[0].value.set_index("code")
    assert table.loc[BIRMINGHAM, "value"] == 99.0 and table.loc[BIRMINGHAM, "floor_verdict"] == "below"
