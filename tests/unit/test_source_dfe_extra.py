"""The placement-market and care-leaver files, read with the DfE reader, on tiny CSVs in the EES layout."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.sources import dfe, dfe_extra
from accountability.sources.base import SourceFileError
from accountability.sources.dfe_extra_measures import FILES, MEASURES, NETGAIN, NEW
from accountability.store.measures import Measure

HEAD = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
        "old_la_code,la_name,new_la_code")  # fmt: skip
GEO = {
    "england": "2025,Reporting year,National,E92000001,England,,,,,",
    "council": "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,E06000001",
}
CHANGE = "Reason for placement change during the year"


def spec(file: str) -> dfe.FileSpec:
    return next(s for s in FILES if s.file == file)


def write(tmp_path: Path, name: str, columns: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([f"{HEAD},{columns}", *rows]) + "\n")
    return path


def placements(tmp_path: Path, closed: str = "4,2") -> Path:
    rows = [
        f"{GEO['council']},{CHANGE},Resignation or closure of provision,{closed}",
        f"{GEO['council']},{CHANGE},Total placements changing,198,100",
        f"{GEO['council']},{CHANGE},Other,38,19",
        f"{GEO['england']},{CHANGE},Resignation or closure of provision,400,1",
        f"{GEO['england']},{CHANGE},Total placements changing,59140,100",
    ]
    return write(tmp_path, NEW, "characteristic,breakdown,children_count,children_percent", rows)


def test_provider_closures_are_a_share_of_all_placement_changes_with_their_counts(tmp_path: Path) -> None:
    frame, account = dfe.read_file(placements(tmp_path), spec(NEW))
    got = {
        r["_code"]: r
        for r in frame.filter(pl.col("measure") == "placement_changes_provider_closed").iter_rows(named=True)
    }
    assert (got["E06000001"]["value"], got["E06000001"]["numerator"], got["E06000001"]["denominator"]) == (2, 4, 198)
    assert got["E92000001"]["_level"] == "england" and got["E92000001"]["period"] == "2024-25"
    assert account.rejected["breakdown not used: breakdown 'Other'"] == 1 and account.balanced()


def test_a_suppressed_count_is_missing_with_its_status(tmp_path: Path) -> None:
    frame, _ = dfe.read_file(placements(tmp_path, closed="c,c"), spec(NEW))
    row = frame.filter((pl.col("_code") == "E06000001") & (pl.col("measure") == "placement_changes_provider_closed"))
    assert row["value"].to_list() == [None] and row["status"].to_list() == ["suppressed"]


def test_children_placed_in_and_out_are_counts_without_intervals(tmp_path: Path) -> None:
    rows = [
        f"{GEO['council']},1. Children who are the responsibility of other LAs placed within this LA boundary,120",
        f"{GEO['council']},2. Children who are the responsibility of this LA placed outside the LA boundary,80",
        f"{GEO['council']},Net gain of children by responsible LA,40",
    ]
    frame, account = dfe.read_file(write(tmp_path, NETGAIN, "characteristic,number", rows), spec(NETGAIN))
    got = dict(zip(frame["measure"], frame["value"], strict=True))
    assert got == {"cla_placed_in_by_other_las": 120, "cla_placed_outside_area": 80, "cla_placement_net_gain": 40}
    assert frame["denominator"].is_null().all() and account.kept == 3


def test_every_declared_measure_is_read_from_exactly_one_file() -> None:
    picked = [p.measure for s in FILES for p in s.picks]
    assert sorted(picked) == sorted(m.id for m in MEASURES) and len(set(picked)) == len(picked)


@pytest.mark.parametrize("measure", [m for m in MEASURES if m.unit == "%"], ids=lambda m: m.id)
def test_every_share_says_dfe_rounds_it(measure: Measure) -> None:
    assert measure.value_type == "proportion" and "whole number" in measure.note


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"la_cla_during_year_new_placements\.csv: file not found"):
        dfe_extra.read(tmp_path)
