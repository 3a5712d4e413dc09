"""Statistical neighbour files in both published layouts, with a hand-built council table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import peers
from accountability.sources.base import SourceFileError

DFE = [str(c) for c in range(301, 312)]  # 11 councils, so each can have 10 others
ONS = [f"E0900{i:04d}" for i in range(1, 12)]


def _councils() -> pl.DataFrame:
    """The 11 London-like councils, plus DfE code 815 used by two councils at different dates."""
    return pl.DataFrame(
        {
            "code": [*ONS, "E10000023", "E06000065"],
            "dfe_la_code": [*DFE, "815", "815"],
            "valid_from": [None] * 11 + [None, date(2023, 4, 1)],
            "valid_to": [None] * 11 + [date(2023, 4, 1), None],
        },
        schema={"code": pl.String, "dfe_la_code": pl.String, "valid_from": pl.Date, "valid_to": pl.Date},
    )


def _others(code: str) -> list[str]:
    return [c for c in DFE if c != code]


def _file_2021(rows: list[str] | None = None) -> str:
    header = "LA num,LA Name,LA number,GOInd,GOReg," + ",".join(f"SN{k},SNP" for k in range(1, 11)) + ","
    body = rows or [
        f"{c},Council {c},{c},3,London," + ",".join(f"{o},Very Close" for o in _others(c)) + "," for c in DFE
    ]
    tail = [
        ",,,,," + "," * 20,
        ",Old SNs:,,,," + "," * 20,
        "836,Poole (Pre LG),836,7,South West," + ",".join(f"{o},Close" for o in DFE[:10]) + ",",
    ]
    return "\n".join([header, *body, *tail]) + "\n"


def _file_2025(closeness: str = "Close ") -> str:
    header = "old_la_code,la_name,region_ind,region_name," + ",".join(f"SN_{k},SN_{k}P" for k in range(1, 11))
    body = [f"{c},Council {c},3,London," + ",".join(f"{o},{closeness}" for o in _others(c)) for c in DFE]
    return "\n".join([header, *body]) + "\n"


def _read(tmp_path: Path, text: str | bytes, model: str = "2021") -> tuple[pl.DataFrame, object]:
    path = tmp_path / peers.MODELS[model][0]
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return peers.read_model(path, model, _councils())


def test_2021_layout_with_repeated_headers_is_read(tmp_path: Path) -> None:
    frame, _ = _read(tmp_path, _file_2021())
    assert frame.height == 110
    assert frame.group_by("code").agg(pl.col("peer_code").n_unique())["peer_code"].to_list() == [10] * 11
    first = frame.filter((pl.col("code") == ONS[0]) & (pl.col("rank") == 1)).row(0, named=True)
    assert (first["peer_code"], first["closeness"], first["source_row"]) == (ONS[1], "Very close", 2)
    assert frame.schema["rank"] == pl.Int8


def test_old_sns_section_and_blank_rows_are_rejected_with_reasons(tmp_path: Path) -> None:
    _, account = _read(tmp_path, _file_2021())
    assert account.read == 14 and account.kept == 11 and account.balanced()
    assert account.rejected["blank row"] == 1
    assert sum(n for reason, n in account.rejected.items() if "Old SNs" in reason) == 2


def test_2025_layout_strips_and_normalises_closeness(tmp_path: Path) -> None:
    frame, _ = _read(tmp_path, _file_2025("Somewhat Close "), model="2025")
    assert frame["closeness"].unique().to_list() == ["Somewhat close"]
    assert frame["model"].unique().to_list() == ["2025"]


def test_dfe_codes_are_read_at_the_model_date(tmp_path: Path) -> None:
    text = _file_2021().replace("311,Council 311,311", "815,North Yorkshire,815").replace(",311,", ",815,")
    frame, _ = _read(tmp_path, text)
    assert "E10000023" in frame["code"].to_list() and "E06000065" not in frame["peer_code"].to_list()


def test_unknown_peer_code_names_file_column_and_row(tmp_path: Path) -> None:
    text = _file_2025().replace("302,Close ,303", "302,Close ,999", 1)
    with pytest.raises(SourceFileError) as err:
        _read(tmp_path, text, model="2025")
    message = str(err.value)
    assert "sn_model_2025_wide.csv" in message and "SN_2P after SN_2" in message and "row 2" in message
    assert "'999'" in message


def test_unknown_council_code_names_the_code_column(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'LA num', row 4: DfE code '998'"):
        _read(tmp_path, _file_2021().replace("\n303,Council 303,", "\n998,Council 303,"))


def test_missing_neighbour_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"sn_model_2025_wide.csv, column 'SN4'"):
        _read(tmp_path, _file_2025().replace("SN_4,", "SN_Four,", 1), model="2025")


def test_unknown_closeness_word_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"SN_1P after SN_1', row 2: closeness 'Near' is not one of"):
        _read(tmp_path, _file_2025("Near"), model="2025")


def test_council_listing_itself_is_an_error(tmp_path: Path) -> None:
    text = _file_2025().replace("301,Council 301,3,London,302,", "301,Council 301,3,London,301,")
    with pytest.raises(SourceFileError, match=r"row 2: council E09000001 lists itself"):
        _read(tmp_path, text, model="2025")


def test_repeated_neighbour_is_an_error(tmp_path: Path) -> None:
    text = _file_2025().replace("301,Council 301,3,London,302,Close ,303,", "301,Council 301,3,London,302,Close ,302,")
    with pytest.raises(SourceFileError, match=r"row 2: council E09000001 lists neighbour E09000002 twice"):
        _read(tmp_path, text, model="2025")


def test_duplicate_council_rows_are_an_error(tmp_path: Path) -> None:
    text = _file_2025()
    text = text + text.splitlines()[1] + "\n"
    with pytest.raises(SourceFileError, match=r"duplicate key \(old_la_code=301\) on rows \[2, 13\]"):
        _read(tmp_path, text, model="2025")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="the file is empty"):
        _read(tmp_path, "")


def test_wrong_encoding_is_an_error(tmp_path: Path) -> None:
    text = _file_2025().replace("Council 305", "Cöuncil 305").encode("latin-1")
    with pytest.raises(SourceFileError, match=r"sn_model_2025_wide.csv, row 6: not valid utf8"):
        _read(tmp_path, text, model="2025")
