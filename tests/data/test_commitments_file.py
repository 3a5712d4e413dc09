"""Contract on the committed data/commitments.toml and the progress engine on the committed store."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.methods.commitments import COMMITMENTS_FILE, Commitment, load_commitments
from accountability.methods.progress import OUTPUT_SCHEMA, assess
from accountability.store import read_table


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> dict[str, pl.DataFrame]:
    return {name: read_table(store_dir, name) for name in ("measures", "values", "benchmarks")}


@pytest.fixture(scope="module")
def commitments(tables: dict[str, pl.DataFrame]) -> tuple[Commitment, ...]:
    return load_commitments(COMMITMENTS_FILE, measures=tables["measures"])


def test_commitments_file_loads_against_the_committed_measures(commitments: tuple[Commitment, ...]) -> None:
    assert len(commitments) >= 10
    for c in commitments:
        assert c.source.strip()
        assert c.source_sentence.strip()
        if c.target_value is not None:
            assert c.target_date is not None
            assert c.target_period is not None


def test_assess_runs_for_every_commitment_and_area(
    tables: dict[str, pl.DataFrame], commitments: tuple[Commitment, ...]
) -> None:
    # how long this takes is measured in benchmarks/pages.py (Progress page, cold first run), not asserted here
    out = assess(tables["values"], commitments, tables["measures"], tables["benchmarks"])
    assert out.schema == pl.Schema(OUTPUT_SCHEMA)
    assert out.select("commitment_id", "measure", "area_type", "area_code").is_duplicated().sum() == 0
    regions = tables["benchmarks"].filter(pl.col("area_type") == "region")["area_code"].n_unique()
    for c in commitments:
        for m in c.measures:
            rows = out.filter((pl.col("commitment_id") == c.id) & (pl.col("measure") == m))
            councils = tables["values"].filter(pl.col("measure") == m)["code"].n_unique()
            assert rows.filter(pl.col("area_type") == "england").height == 1, (c.id, m)
            assert rows.filter(pl.col("area_type") == "region").height == regions, (c.id, m)
            assert rows.filter(pl.col("area_type") == "council").height == councils, (c.id, m)
    england = out.filter(pl.col("area_type") == "england")
    with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200):
        print(england.select("commitment_id", "measure", "baseline_period", "current_period", "cagr_actual", "status"))


def test_nothing_is_assessed_across_the_ascof_break(
    tables: dict[str, pl.DataFrame], commitments: tuple[Commitment, ...]
) -> None:
    out = assess(tables["values"], commitments, tables["measures"], tables["benchmarks"])
    breaks = (
        tables["measures"]
        .filter(pl.col("break_period").is_not_null())
        .select(measure="id", break_period="break_period")
    )
    checked = out.join(breaks, on="measure").filter(pl.col("baseline_period").is_not_null())
    assert checked.height > 0
    assert (checked["baseline_period"] >= checked["break_period"]).all()


def test_england_workforce_turnover_matches_a_hand_check(
    tables: dict[str, pl.DataFrame], commitments: tuple[Commitment, ...]
) -> None:
    series = (
        tables["benchmarks"]
        .filter((pl.col("area_type") == "england") & (pl.col("measure") == "sw_turnover_rate"))
        .filter(pl.col("value").is_not_null())
        .sort("period")
        .tail(5)  # a direction target: the last five points
    )
    first, last = series.row(0, named=True), series.row(-1, named=True)
    years = int(last["period"]) - int(first["period"])
    cagr = (last["value"] / first["value"]) ** (1 / years) - 1
    expected = "on track" if cagr <= -0.005 else ("deteriorating" if cagr >= 0.005 else "off track")

    out = assess(tables["values"], commitments, tables["measures"], tables["benchmarks"])
    row = out.filter((pl.col("area_type") == "england") & (pl.col("measure") == "sw_turnover_rate")).row(0, named=True)
    assert (row["baseline_period"], row["current_period"]) == (first["period"], last["period"])
    assert row["cagr_actual"] == pytest.approx(cagr, rel=1e-12)
    assert row["status"] == expected


def test_market_opening_commitments_are_assessed_for_england() -> None:
    from pathlib import Path

    import polars as pl

    from accountability.methods import commitments, progress
    from accountability.store import read_table
    from tests.conftest import STORE_DIR

    measures = read_table(STORE_DIR, "measures")
    loaded = commitments.load_commitments(Path(STORE_DIR).parents[1] / "data" / "commitments.toml", measures)
    assessed = progress.assess(read_table(STORE_DIR, "values"), loaded, measures, read_table(STORE_DIR, "benchmarks"))
    england = assessed.filter(
        (pl.col("area_type") == "england")
        & pl.col("commitment_id").is_in(["in-house-provision-exceptional", "plurality-of-providers"])
    )
    assert england.height == 2
    assert (england["status"].cast(pl.String) != "not assessable").all()
