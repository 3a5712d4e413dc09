"""Oflog adult social care reader on tiny hand-built files in the published layout."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.sources import oflog
from accountability.sources.base import SourceFileError
from accountability.store.measures import measures_frame

HEADER = (
    "Financial year,Local authority code,Local authority name,Grouping,Entity_Name,Region,Measure,Code,Value,"
    "MEDIAN,MADs_from_median,rank_order"
)
ROWS = [
    '2016-17,E06000005,Darlington,LA_Raw,Unitary Authorities,North East,"Outcome, ASC Carer Quality of Life",ASC1,7.6,7.6,0,desc',  # noqa: E501
    '2016-17,E06000005,Darlington,LA_Raw,Unitary Authorities,North East,"Outcome, ASC Quality of Life",ASC2,0.41,0.4,0.2,desc',  # noqa: E501
    '2015-16,E08000010,Wigan,LA_Raw,Metropolitan Districts,North West,"Outcome, Requests resulting in a service",ASC6,813.4202553,807.5,0.02,None',  # noqa: E501
    '2016-17,E06000012,North East Lincolnshire,LA_Raw,Unitary Authorities,Yorkshire and The Humber,"Outcome, Workforce turnover rate",ASC7,23.95491372,26.3,-0.79,None',  # noqa: E501
    '2016-17,E09000029,Sutton,LA_Raw,London Boroughs,London,"Outcome, Workforce turnover rate",ASC7,,26.3,,',
]


def write(tmp_path: Path, rows: list[str], *, header: str = HEADER, encoding: str = "utf-8") -> Path:
    path = tmp_path / "oflog-asc" / "ASC_data.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\n".join([header, *rows]).encode(encoding) + b"\n")
    return path


def test_measures_are_oflog_own_metrics_only() -> None:
    frame = measures_frame(oflog.MEASURES)
    assert frame["id"].to_list() == ["oflog_requests_resulting_in_service", "oflog_workforce_turnover"]
    assert set(frame["publisher"]) == {
        "Office for Local Government (MHCLG)",
        "Office for Local Government (MHCLG) to 2022-23; NHS England (DHSC) from 2023-24",  # turnover: ASCOF 6A
    }
    assert set(frame["source"]) == {
        "Oflog adult social care metrics",
        "Oflog adult social care metrics (to 2022-23); Measures from the Adult Social Care Outcomes Framework, 6A "
        "(2023-24 on)",
    }
    assert "Skills for Care" in frame.filter(pl.col("id") == "oflog_workforce_turnover")["description"][0]


def test_happy_path_keeps_own_metrics_and_rejects_ascof_duplicates(tmp_path: Path) -> None:
    write(tmp_path, ROWS)
    out = oflog.read(tmp_path)
    assert out.values.select("code", "period", "measure", "value", "status", "source_row").rows() == [
        ("E06000012", "2016-17", "oflog_workforce_turnover", 23.95491372, "published", 5),
        ("E08000010", "2015-16", "oflog_requests_resulting_in_service", 813.4202553, "published", 4),
        ("E09000029", "2016-17", "oflog_workforce_turnover", None, "missing", 6),
    ]
    account = out.accounts[0]
    assert account.rejected == {
        "duplicate of ASCOF measure ascof_carer_qol": 1,
        "duplicate of ASCOF measure ascof_adj_scrqol": 1,
    }
    assert account.set_missing == {"value blank in the published file": 1}
    assert account.balanced() and account.read == 5 and account.kept == 3


def test_median_is_not_a_benchmark(tmp_path: Path) -> None:
    write(tmp_path, ROWS)
    assert oflog.read(tmp_path).benchmarks.height == 0


@pytest.mark.parametrize(("marker", "status"), [("[c]", "suppressed"), ("x", "not_available"), (":", "not_available")])
def test_markers_become_null_with_status(tmp_path: Path, marker: str, status: str) -> None:
    write(tmp_path, [ROWS[2].replace(",813.4202553,", f",{marker},")])
    assert oflog.read(tmp_path).values.select("value", "status").rows() == [(None, status)]


def test_missing_column_is_named(tmp_path: Path) -> None:
    write(tmp_path, ROWS, header=HEADER.replace("Code,Value", "Cod,Value"))
    with pytest.raises(SourceFileError, match=r"ASC_data\.csv, column 'Code': required column is missing"):
        oflog.read(tmp_path)


def test_renamed_column_gets_a_hint(tmp_path: Path) -> None:
    write(tmp_path, ROWS, header=HEADER.replace("Financial year", "Financial Year"))
    with pytest.raises(SourceFileError, match="found 'Financial Year': was it renamed") as err:
        oflog.read(tmp_path)
    assert err.value.column == "Financial year"


def test_text_in_value_names_column_and_row(tmp_path: Path) -> None:
    write(tmp_path, [ROWS[2], ROWS[3].replace(",23.95491372,", ",about 24,")])
    with pytest.raises(SourceFileError, match="'about 24' is not a number") as err:
        oflog.read(tmp_path)
    assert (err.value.file, err.value.column, err.value.row) == ("ASC_data.csv", "Value", 3)


def test_empty_file_fails(tmp_path: Path) -> None:
    path = write(tmp_path, [])
    path.write_text("")
    with pytest.raises(SourceFileError, match=r"ASC_data\.csv: the file is empty"):
        oflog.read(tmp_path)


def test_wrong_encoding_fails(tmp_path: Path) -> None:
    write(tmp_path, [ROWS[2].replace("Wigan", "Wigan – Leigh")], encoding="cp1252")
    with pytest.raises(SourceFileError, match="not valid utf8") as err:
        oflog.read(tmp_path)
    assert err.value.row == 2


def test_duplicate_keys_fail(tmp_path: Path) -> None:
    write(tmp_path, [ROWS[2], ROWS[3], ROWS[2]])
    with pytest.raises(SourceFileError, match=r"duplicate key .*on rows \[2, 4\]"):
        oflog.read(tmp_path)


def test_reused_code_with_other_text_fails(tmp_path: Path) -> None:
    write(tmp_path, [ROWS[2].replace("Requests resulting in a service", "Something else")])
    with pytest.raises(SourceFileError, match="unexpected value") as err:
        oflog.read(tmp_path)
    assert (err.value.column, err.value.row) == ("Measure", 2)


def test_non_council_code_fails(tmp_path: Path) -> None:
    write(tmp_path, [ROWS[2].replace("E08000010", "E12000002")])
    with pytest.raises(SourceFileError, match="'E12000002'") as err:
        oflog.read(tmp_path)
    assert err.value.column == "Local authority code"
