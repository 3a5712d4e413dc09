"""Research-compilation panels reader on tiny CSVs in the published (R write.csv) layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import market_panels as mp
from accountability.sources.base import RowAccount, SourceFileError

PLACEMENT_COLS = ["", "New_geog_code", "year", "geog_n", *mp.PLACEMENT_MEASURES]
PANEL_COLS = ["", "Local.authority", "year", "Region.Country.name", *mp.PANEL_MEASURES]


def councils() -> pl.DataFrame:
    rows = [
        ("E10000006", "Cumbria", [], None, date(2023, 4, 1)),
        ("E06000063", "Cumberland", [], date(2023, 4, 1), None),
        ("E08000037", "Gateshead", [], None, None),
        ("E06000047", "County Durham", ["Durham"], None, None),
    ]
    schema = {"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String), "valid_from": pl.Date,
              "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def csv(columns: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(f'"{c}"' for c in r) for r in [columns, *rows]) + "\n"


def placement(code: str, year: str, pfp: str = "12.5", third: str = "NA", spend: str = "1000") -> list[str]:
    return ["1", code, year, "x", pfp, third, spend, spend, spend, spend, spend]


def panel(name: str, year: str, region: str, value: str = "3") -> list[str]:
    return ["1", name, year, region, *[value] * len(mp.PANEL_MEASURES)]


def read_placements(tmp_path: Path, rows: list[list[str]]) -> tuple[pl.DataFrame, RowAccount]:
    path = tmp_path / mp.PLACEMENTS
    path.write_text(csv(PLACEMENT_COLS, rows))
    accounts: list[RowAccount] = []
    return mp.read_placements(path, councils(), accounts), accounts[0]


def read_panel(tmp_path: Path, rows: list[list[str]]) -> tuple[pl.DataFrame, RowAccount]:
    path = tmp_path / mp.PANEL
    path.write_text(csv(PANEL_COLS, rows))
    accounts: list[RowAccount] = []
    return mp.read_panel(path, councils(), accounts), accounts[0]


def test_placements_long_values_markers_and_renumbered_codes(tmp_path: Path) -> None:
    rows = [placement("E08000020", "2015"), placement("E10000006", "2016", pfp="x"), placement("E06000063", "2016")]
    frame, account = read_placements(tmp_path, rows)
    got = {(r["code"], r["year"], r["measure"]): (r["value"], r["status"]) for r in frame.iter_rows(named=True)}
    assert got[("E08000037", 2015, "cla_placements_for_profit_pct")] == (12.5, "published")  # Gateshead recoded
    assert got[("E10000006", 2016, "cla_placements_for_profit_pct")] == (None, "not_available")
    assert got[("E10000006", 2016, "cla_placements_third_sector_pct")] == (None, "missing")
    assert got[("E08000037", 2015, "cla_spend_total")] == (1000.0, "published")
    assert account.rejected["council did not exist at 31 March 2016: E06000063"] == 1
    assert account.kept == 2 and account.balanced()
    assert set(frame["source_row"]) == {2, 3}
    assert "not official statistics" in mp.RESEARCH_LABEL


def test_placements_text_in_number_column_names_column_and_row(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"column 'per_for_profit', row 3: 'ten'"):
        read_placements(tmp_path, [placement("E08000037", "2015"), placement("E08000037", "2016", pfp="ten")])


def test_placements_missing_column_and_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / mp.PLACEMENTS
    path.write_text(
        csv([c if c != "Total_spend" else "Totl_spend" for c in PLACEMENT_COLS], [placement("E08000037", "2015")])
    )
    with pytest.raises(SourceFileError, match=r"column 'Total_spend': required column is missing \(found 'Totl_spend'"):
        mp.read_placements(path, councils(), [])
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E08000037, year=2015\) on rows \[2, 3\]"):
        read_placements(tmp_path, [placement("E08000037", "2015"), placement("E08000037", "2015", pfp="1")])


def test_panel_filters_non_english_maps_names_by_date_and_drops_repeats(tmp_path: Path) -> None:
    rows = [
        panel("DURHAM", "2020", "North East"),
        panel("DURHAM", "2020", "North East"),  # a repeated identical row
        panel("CUMBRIA", "2023", "NA", value="c"),
        panel("CUMBRIA", "2024", "NA"),
        panel("GLASGOW CITY", "2020", "NA"),
        panel("GATESHED", "2020", "North East"),
    ]
    frame, account = read_panel(tmp_path, rows)
    assert sorted(set(zip(frame["code"], frame["year"], strict=True))) == [("E06000047", 2020), ("E10000006", 2023)]
    cumbria = frame.filter(pl.col("code") == "E10000006")
    assert cumbria["status"].unique().to_list() == ["suppressed"] and cumbria["value"].null_count() == cumbria.height
    assert account.rejected["council did not exist at 31 March 2024: CUMBRIA"] == 1
    assert account.rejected["not an English council (Scotland, Wales, Northern Ireland or a total row)"] == 1
    assert account.rejected["unmapped local authority name: GATESHED"] == 1
    assert account.rejected["repeated row (same council, year and values)"] == 1
    assert account.balanced() and account.kept == 2


def test_panel_differing_repeats_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"duplicate key \(code=E06000047, year=2020\)"):
        read_panel(tmp_path, [panel("DURHAM", "2020", "North East"), panel("DURHAM", "2020", "North East", "4")])
    (tmp_path / mp.PANEL).write_text("")
    with pytest.raises(SourceFileError, match=r"panel_data\.csv: the file is empty"):
        mp.read_panel(tmp_path / mp.PANEL, councils(), [])


def test_wrong_encoding_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / mp.PANEL
    path.write_bytes(csv(PANEL_COLS, [panel("DURHAM", "2020", "North East")]).encode() + b"\xff\xfe\n")
    with pytest.raises(SourceFileError, match=r"panel_data.csv, row \d+: not valid utf8"):
        mp.read_panel(path, councils(), [])
