"""Contract on the committed data/commitments.toml and the progress engine on the committed store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm
from scipy import stats as sps

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
    # the status is the recent-trend test on England's published counts (wanted direction: falling),
    # recomputed here with statsmodels: WLS of p on year, weights n, dispersion floored at 1, t with 3 df
    assert (series["ci_method"].cast(pl.String) == "wilson").all()
    num, den = series["numerator"].to_numpy(), series["denominator"].to_numpy()
    t = series["period"].cast(pl.Int64).to_numpy().astype(float)
    fit = sm.WLS(num / den, sm.add_constant(t), weights=den).fit()
    p_bar = num.sum() / den.sum()
    sxx = float(np.sum(den * (t - np.average(t, weights=den)) ** 2))
    phi = max(fit.ssr / (p_bar * (1 - p_bar) * 3), 1.0)
    p_value = 2 * sps.t.sf(abs(fit.params[1]) / np.sqrt(phi * p_bar * (1 - p_bar) / sxx), 3)
    expected = "off track" if p_value >= 0.05 else ("on track" if fit.params[1] < 0 else "deteriorating")

    out = assess(tables["values"], commitments, tables["measures"], tables["benchmarks"])
    row = out.filter((pl.col("area_type") == "england") & (pl.col("measure") == "sw_turnover_rate")).row(0, named=True)
    assert (row["baseline_period"], row["current_period"]) == (first["period"], last["period"])
    assert row["cagr_actual"] == pytest.approx(cagr, rel=1e-12)
    assert row["status"] == expected
    assert row["trend_p_value"] == pytest.approx(p_value, rel=1e-6)


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
