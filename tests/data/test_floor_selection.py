"""The Floor standards page's selection on the real store: filters keep only what they name, and
narrowing a selection never invents a verdict the whole picture does not have."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.methods.floors import floor_verdicts, streaks
from accountability.methods.standards import load_standards, resolve_thresholds
from accountability.settings import ROOT
from accountability.views.floor_selection import FloorSelection, floor_selection

Tables = dict[str, pl.DataFrame]


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> Tables:
    names = ("values", "measures", "benchmarks", "councils", "inspections")
    return {name: store.read_table(store_dir, name) for name in names}


@pytest.fixture(scope="module")
def verdicts(tables: Tables) -> tuple[pl.DataFrame, pl.DataFrame]:
    standards = load_standards(ROOT / "data" / "standards.toml", tables["measures"])
    found = floor_verdicts(tables["values"], resolve_thresholds(standards, tables["values"], tables["measures"]))
    return found, streaks(found)


def _select(tables: Tables, verdicts: tuple[pl.DataFrame, pl.DataFrame], **choice: str) -> FloorSelection:
    return floor_selection(*verdicts, tables, **choice)  # type: ignore[arg-type]


def test_a_region_keeps_only_its_councils(tables: Tables, verdicts: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    everyone = _select(tables, verdicts)
    north_west = _select(tables, verdicts, region="North West")
    codes = tables["councils"].filter(pl.col("region") == "North West")["code"]
    assert 0 < north_west.matrix.height < everyone.matrix.height
    assert north_west.matrix["code"].is_in(codes.implode()).all()
    assert north_west.latest_runs["code"].is_in(codes.implode()).all()
    assert north_west.watch["code"].is_in(codes.implode()).all()
    # the same verdicts as in the whole picture, only fewer of them
    mine = everyone.latest_runs.filter(pl.col("code").is_in(codes.implode())).sort("code", "measure")
    assert mine.select("code", "measure", "verdict").equals(
        north_west.latest_runs.sort("code", "measure").select("code", "measure", "verdict")
    )


def test_an_area_of_care_keeps_only_its_standards(tables: Tables, verdicts: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    for domain in ("adults", "children"):
        ids = tables["measures"].filter(pl.col("domain").cast(pl.String) == domain)["id"]
        chosen = _select(tables, verdicts, domain=domain)
        assert chosen.latest_runs.height > 0, domain
        assert chosen.latest_runs["measure"].is_in(ids.implode()).all(), domain
        assert chosen.counts["measure"].is_in(ids.implode()).all(), domain


def test_a_council_type_that_matches_nothing_gives_empty_tables_not_an_error(
    tables: Tables, verdicts: tuple[pl.DataFrame, pl.DataFrame]
) -> None:
    nothing = _select(tables, verdicts, council_type="Parish council")
    assert nothing.matrix.height == 0 and nothing.latest_runs.height == 0 and nothing.watch.height == 0
