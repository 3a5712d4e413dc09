"""LAIT reader on a tiny parquet and data dictionary in the published layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import lait
from accountability.sources.base import RowAccount, SourceFileError

DICTIONARY_HEADER = "Measure_code,Topic,Measure,Chart_title,Measure_short,Polarity,Description"


def councils() -> pl.DataFrame:
    rows = [
        ("E10000023", "North Yorkshire", "815", "E12000003", "Yorkshire and The Humber", None, date(2023, 4, 1)),
        ("E06000065", "North Yorkshire", "815", "E12000003", "Yorkshire and The Humber", date(2023, 4, 1), None),
        ("E06000063", "Cumberland", "942", "E12000002", "North West", date(2023, 4, 1), None),
    ]
    schema = {"code": pl.String, "name": pl.String, "dfe_la_code": pl.String, "region_code": pl.String,
              "region": pl.String, "valid_from": pl.Date, "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def data(tmp_path: Path, rows: list[tuple[str, str, str, str, float]]) -> Path:
    frame = pl.DataFrame(
        rows, schema=["Short Desc", "Years", "LA and Regions", "Values", "LA Number"], orient="row"
    ).with_columns(pl.lit(None, pl.String).alias("Data item"), pl.lit("NA").alias("Region"))
    path = tmp_path / lait.DATA
    frame.write_parquet(path)
    return path


ROWS = [
    ("RescareFinance", "2022-23 (OT)", "North Yorkshire", "5270", 815.0),
    ("RescareFinance", "2024-25 (OT)", "North Yorkshire", "8465", 815.0),
    ("RescareFinance", "2022-23 (OT)", "Cumberland", "-", 942.0),
    ("RescareFinance", "2024-25 (OT)", "England", "7385", 970.0),
    ("RescareFinance", "2024-25 (OT)", "Yorkshire and the Humber", "7940", 982.0),
    ("RescareFinance", "2024-25 (OT)", "London (Inner)", "8725", 987.0),
    ("FosteringFinance", "2024-25 (OT)", "North Yorkshire", "485", 815.0),
    ("CLA_rate", "2024", "North Yorkshire", "50", 815.0),
]


def test_councils_by_la_number_on_31_march_regions_by_name_england_by_970(tmp_path: Path) -> None:
    accounts: list[RowAccount] = []
    rows = lait.read_rows(data(tmp_path, ROWS), councils(), accounts)
    got = {(r["measure"], r["period"], r["area_code"]): r for r in rows.iter_rows(named=True)}
    assert got[("unit_cost_residential", "2022-23", "E10000023")]["value"] == 5270.0  # county until April 2023
    assert got[("unit_cost_residential", "2024-25", "E06000065")]["value"] == 8465.0  # unitary after
    assert got[("unit_cost_residential", "2024-25", "E92000001")]["area_type"] == "england"
    region = got[("unit_cost_residential", "2024-25", "E12000003")]
    assert (region["area_type"], region["area_name"], region["value"]) == ("region", "Yorkshire and The Humber", 7940.0)
    assert got[("unit_cost_fostering", "2024-25", "E06000065")]["source_row"] == 7
    account = accounts[0]
    assert account.rejected == {"indicator not used by this dashboard": 1, "Inner or Outer London (not a region)": 1}
    assert account.kept == 6 and account.balanced()


def test_the_dash_is_a_missing_value_never_zero(tmp_path: Path) -> None:
    accounts: list[RowAccount] = []
    rows = lait.read_rows(data(tmp_path, ROWS), councils(), accounts)
    cumberland = rows.filter(pl.col("area_code") == "E06000063").row(0, named=True)
    assert cumberland["value"] is None and cumberland["status"] == "not_available"  # before it existed: build drops it
    assert sum(accounts[0].set_missing.values()) == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [(("RescareFinance", "2024", "North Yorkshire", "1", 815.0), r"'2024' is not a year like '2024-25 \(OT\)'"),
     (("RescareFinance", "2024-25 (OT)", "Atlantis", "1", 999.0), r"LA number 999 \('Atlantis'\)"),
     (("RescareFinance", "2024-25 (OT)", "North Yorkshire", "n/a", 815.0), "'n/a' is not a number"),
     (("RescareFinance", "2024-25 (OT)", "North Yorkshire", "1", 815.5), "not a whole LA number")],
)  # fmt: skip
def test_bad_rows_are_named(tmp_path: Path, row: tuple[str, str, str, str, float], message: str) -> None:
    with pytest.raises(SourceFileError, match=message):
        lait.read_rows(data(tmp_path, [*ROWS[:2], row]), councils(), [])


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / lait.DATA
    pl.DataFrame({"Short Desc": ["RescareFinance"]}).write_parquet(path)
    with pytest.raises(SourceFileError, match="cannot read the columns"):
        lait.read_rows(path, councils(), [])


def dictionary(tmp_path: Path, polarity: str = "NA", title: str = "Residential Care - S251 (approximate)") -> Path:
    lines = [DICTIONARY_HEADER, f'297,Finance,m,"{title}",RescareFinance,{polarity},d',
             '296,Finance,m,"Fostering - S251/Outturn weekly unit costs (approximate)",FosteringFinance,NA,d',
             "1,CLA,m,t,CLA_rate,Low,d"]  # fmt: skip
    path = tmp_path / lait.DICTIONARY
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_dictionary_is_checked_and_accounted(tmp_path: Path) -> None:
    accounts: list[RowAccount] = []
    lait.check_dictionary(dictionary(tmp_path), accounts)
    assert accounts[0].kept == 2 and accounts[0].balanced()


@pytest.mark.parametrize(("polarity", "title"), [("High", "x (approximate)"), ("NA", "Residential care unit cost")])
def test_a_dictionary_that_changed_what_an_indicator_means_stops_the_build(
    tmp_path: Path, polarity: str, title: str
) -> None:
    with pytest.raises(SourceFileError, match=r"review lait_measures\.py"):
        lait.check_dictionary(dictionary(tmp_path, polarity, title), [])
