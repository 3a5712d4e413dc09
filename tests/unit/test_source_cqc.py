"""CQC directory-format reader on a tiny CSV in the published API-extract layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import cqc
from accountability.sources.base import RowAccount, SourceFileError

HEADER = ",".join([*cqc.REQUIRED, "region"])
RATING = "\"{'overall': {'rating': '%s', 'reportDate': '2020-05-06', 'keyQuestionRatings': []}, 'reportDate': 'x'}\""


def councils() -> pl.DataFrame:
    rows = [
        ("E10000027", "Somerset", [], None, date(2023, 4, 1)),
        ("E06000066", "Somerset", [], date(2023, 4, 1), None),
    ]
    schema = {"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String), "valid_from": pl.Date,
              "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def row(location: str, beds: str = "20", rating: str = "Good", la: str = "Somerset") -> str:
    current = RATING % rating if rating else ""
    return f"{location},P1,Home,Y,{beds},{la},Registered,04/11/2013,{current},South West"


def read(tmp_path: Path, rows: list[str], year: int = 2021) -> tuple[pl.DataFrame, RowAccount]:
    path = tmp_path / cqc.FIXTURE
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return cqc.read_directory(path, year, councils(), fixture=True)


def test_happy_path_ratings_beds_and_codes(tmp_path: Path) -> None:
    frame, account = read(tmp_path, [row("1-1"), row("1-2", rating="Inspected but not rated"), row("1-3", rating="")])
    first = frame.row(0, named=True)
    assert first["code"] == "E10000027" and first["beds"] == 20 and first["latest_rating"] == "Good"
    assert first["latest_rating_date"] == date(2020, 5, 6) and first["fixture"] and first["care_home"]
    assert first["source_row"] == 2 and first["registration_date"] == date(2013, 11, 4)
    assert frame["latest_rating"].null_count() == 2
    assert account.set_missing["rating not on CQC's four-point scale: Inspected but not rated"] == 1
    assert account.set_missing["no current overall rating"] == 1
    assert account.balanced() and account.kept == 3


def test_council_code_follows_the_year(tmp_path: Path) -> None:
    frame, _ = read(tmp_path, [row("1-1")], year=2024)
    assert frame["code"].to_list() == ["E06000066"]


def test_unmapped_council_is_counted_not_dropped_silently(tmp_path: Path) -> None:
    frame, account = read(tmp_path, [row("1-1"), row("1-2", la="Narnia")])
    assert frame.height == 1 and account.rejected["unmapped local authority name: Narnia"] == 1 and account.balanced()


def test_errors_name_file_column_and_row(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'numberOfBeds', row 3: 'lots' is not a whole number"):
        read(tmp_path, [row("1-1"), row("1-2", beds="lots")])
    with pytest.raises(SourceFileError, match=r"duplicate key \(locationId=1-1\) on rows \[2, 3\]"):
        read(tmp_path, [row("1-1"), row("1-1")])
    path = tmp_path / cqc.FIXTURE
    path.write_text(HEADER.replace("numberOfBeds", "beds") + "\n" + row("1-1") + "\n")
    with pytest.raises(SourceFileError, match=r"column 'numberOfBeds': required column is missing"):
        cqc.read_directory(path, 2021, councils(), fixture=True)
    path.write_text("")
    with pytest.raises(SourceFileError, match="the file is empty"):
        cqc.read_directory(path, 2021, councils(), fixture=True)
