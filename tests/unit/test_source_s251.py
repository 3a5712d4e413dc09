"""Section 251 outturn reader on tiny CSVs in the 2009-10 and 2013-14 layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import s251
from accountability.sources.base import RowAccount, SourceFileError

HEAD_0910 = ("LEA,LEA Name,Line,S52 Line Reference,Own Provision (y),Private (z(i)),Other Public (z(ii)),"
             "Voluntary (z(iii)),Total Expenditure (k),Income (l)")  # fmt: skip
HEAD_1314 = ("LA,LA Name,LineNumber,CYPServiceDescription,ReportGroup,OwnProvision,PrivateProvision,OtherPublic,"
             "Voluntary,TotalExpenditure,Income")  # fmt: skip


def councils() -> pl.DataFrame:
    rows = [("E06000028", "837", None, date(2019, 4, 1)), ("E06000058", "839", date(2019, 4, 1), None),
            ("E08000025", "330", None, None)]  # fmt: skip
    schema = {"code": pl.String, "dfe_la_code": pl.String, "valid_from": pl.Date, "valid_to": pl.Date}
    return pl.DataFrame(rows, schema=schema, orient="row")


def write(tmp_path: Path, name: str, lines: list[str], encoding: str = "cp1252") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_lines_are_found_by_description_and_split_by_provider(tmp_path: Path) -> None:
    path = write(tmp_path, "outturn_1314.csv", [
        HEAD_1314,
        "330,Birmingham,6,6 Residential care,CLA,100,250,5,45,400,10",
        "330,Birmingham,7,7 Fostering services,CLA,60,40,0,0,100,1",
        "330,Birmingham,11,11Short breaks (respite) for looked after disabled children,CLA,1,1,1,1,4,0",
        "330,Birmingham,16,16 Total Children Looked After,CLA,200,300,10,90,600,20",
    ])  # fmt: skip
    accounts: list[RowAccount] = []
    frame = s251.read_year(path, 2014, "LA", councils(), accounts)
    got = {(r["line"], r["provision"]): r["value"] for r in frame.iter_rows(named=True)}
    assert got[("residential_care", "own")] == 100 and got[("residential_care", "total")] == 400
    assert got[("fostering", "private")] == 40 and got[("cla_total", "voluntary")] == 90
    assert set(frame["period"]) == {"2013-14"} and set(frame["code"]) == {"E08000025"}
    assert accounts[0].kept == 3 and accounts[0].balanced() and frame["source_row"].min() == 2


def test_the_2009_10_layout_and_a_council_abolished_since(tmp_path: Path) -> None:
    path = write(tmp_path, "outturn_0910.csv", [
        HEAD_0910,
        "837,Bournemouth,5,Residential care,10,20,,,30,0",
        '837,Bournemouth,6,Fostering services,NULL,NULL,NULL,NULL,"1,000",0',
    ], encoding="utf8")  # fmt: skip
    frame = s251.read_year(path, 2010, "LEA", councils(), [])
    blank = frame.filter((pl.col("line") == "residential_care") & (pl.col("provision") == "voluntary")).row(
        0, named=True
    )
    assert (blank["code"], blank["value"], blank["status"]) == ("E06000028", None, "missing")  # blank is not zero
    fostering = frame.filter(pl.col("line") == "fostering")
    assert fostering.filter(pl.col("provision") == "total")["value"].to_list() == [1000.0]
    assert fostering.filter(pl.col("provision") == "own")["status"].to_list() == ["missing"]  # NULL is not zero


def test_an_unknown_la_number_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "outturn_1314.csv", [HEAD_1314, "999,Atlantis,6,6 Residential care,CLA,1,1,1,1,4,0"])
    with pytest.raises(
        SourceFileError, match=r"LA number '999' \(Atlantis\) is no council that existed on 31 March 2014"
    ):
        s251.read_year(path, 2014, "LA", councils(), [])


def test_a_renamed_provider_column_is_named(tmp_path: Path) -> None:
    renamed = HEAD_1314.replace("PrivateProvision", "ForProfit")
    path = write(tmp_path, "outturn_1314.csv", [renamed, "330,Birmingham,6,6 Residential care,CLA,1,1,1,1,4,0"])
    with pytest.raises(SourceFileError, match="column 'private'"):
        s251.read_year(path, 2014, "LA", councils(), [])


def test_text_in_a_spend_cell_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "outturn_1314.csv", [HEAD_1314, "330,Birmingham,6,6 Residential care,CLA,lots,1,1,1,4,0"])
    with pytest.raises(SourceFileError, match=r"column 'own', row 2: 'lots' is not a number"):
        s251.read_year(path, 2014, "LA", councils(), [])
