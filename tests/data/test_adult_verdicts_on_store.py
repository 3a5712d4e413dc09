"""Adults' figures on the committed store are testable: intervals at the latest period, a profile that tests."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability import store
from accountability.methods.profile import build_profile

BIRMINGHAM = "E08000025"


def test_birminghams_profile_tests_most_of_its_adult_measures(store_dir: Path) -> None:
    tables = {n: store.read_table(store_dir, n) for n in ("values", "benchmarks", "councils", "peers", "measures")}
    adults = build_profile(BIRMINGHAM, tables).filter(pl.col("domain") == "adults")
    tested = adults.filter(~pl.col("comparison").str.to_lowercase().str.contains("not tested"))
    assert adults.height > 30
    assert tested.height > adults.height / 2, f"{tested.height} of {adults.height} adult measures tested"
    latest = adults.filter(pl.col("period") == "2024-25")
    assert latest.height >= 15 and latest.filter(pl.col("ci_low").is_not_null()).height >= latest.height - 1
