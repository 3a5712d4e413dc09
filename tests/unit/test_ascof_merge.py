"""Joining the ASCOF 2024-25 workbook to the older ASCOF files, and its row corrections, on hand-built frames."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.sources import ascof_merge
from accountability.sources.ascof_2021 import BASE_SCHEMA
from accountability.sources.ascof_2025_rows import (
    COMBINED_EMPTY,
    REPEAT,
    drop_repeats_of_successors,
    rekey_abolished_rows,
    use_combined_rows,
)
from accountability.sources.ascof_merge import SUPERSEDED, supersede
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform

WB = "ascof_2024_25.ods (Table_4a)"


def _out(file: str, rows: list[tuple[str, str, float | None]], base: list[tuple[str, float]] = ()) -> SourceOutput:
    values = conform(
        pl.DataFrame(
            {"code": [r[0] for r in rows], "period": [r[1] for r in rows], "measure": "ascof_feel_safe",
             "value": [r[2] for r in rows], "status": ["published" if r[2] is not None else "suppressed" for r in rows],
             "source_file": file, "source_row": list(range(2, 2 + len(rows)))},
            schema_overrides={"value": pl.Float64},
        ),
        VALUES_SCHEMA,
    )  # fmt: skip
    bases = conform(
        pl.DataFrame({"area_code": [b[0] for b in base], "period": "2020-21", "measure": "ascof_feel_safe",
                      "base": [b[1] for b in base], "source_file": file, "source_row": 2},
                     schema_overrides={"area_code": pl.String, "base": pl.Float64}),
        BASE_SCHEMA,
    )  # fmt: skip
    account = RowAccount(file, read=len(rows), kept=len(rows))
    tables = {"ascof_survey_base": bases, "ascof_codes": pl.DataFrame({"measure": ["ascof_feel_safe"]})}
    return SourceOutput(values, conform(pl.DataFrame(), BENCHMARKS_SCHEMA), [account], tables)


def test_an_agreeing_cell_is_read_from_the_workbook_and_the_older_row_counted_superseded() -> None:
    old = _out("trend_data.csv", [("E06000001", "2022-23", 70.1), ("E06000001", "2021-22", None)])
    new = _out(WB, [("E06000001", "2022-23", 70.1), ("E06000001", "2021-22", None), ("E06000001", "2024-25", 71.0)])
    out = supersede(old, new)
    assert out.values.select("period", "source_file").rows() == [
        ("2021-22", WB),
        ("2022-23", WB),
        ("2024-25", WB),
    ]
    trend = out.accounts[0]
    assert (trend.kept, trend.rejected) == (0, {SUPERSEDED: 2}) and trend.balanced()
    assert all(a.balanced() for a in out.accounts)


def test_a_disagreement_stops_the_build_naming_both_files() -> None:
    old = _out("trend_data.csv", [("E06000001", "2022-23", 70.1)])
    new = _out(WB, [("E06000001", "2022-23", 70.2)])
    with pytest.raises(SourceFileError, match=r"70\.2 here but 70\.1 in trend_data\.csv row 2") as caught:
        supersede(old, new)
    assert (caught.value.file, caught.value.row) == (WB, 2)


def test_a_figure_against_a_marker_is_a_disagreement() -> None:
    with pytest.raises(SourceFileError, match="disagree"):
        supersede(_out("trend_data.csv", [("E06000001", "2022-23", None)]), _out(WB, [("E06000001", "2022-23", 70.1)]))


@pytest.mark.parametrize("kept", ["older", "workbook"])
def test_a_reviewed_disagreement_keeps_the_chosen_file_and_rejects_the_other_with_why(
    monkeypatch: pytest.MonkeyPatch, kept: str
) -> None:
    monkeypatch.setattr(ascof_merge, "REVIEWED", {("ascof_feel_safe", "2022-23", "E06000001"): (kept, "because")})
    out = supersede(
        _out("trend_data.csv", [("E06000001", "2022-23", 70.1)]), _out(WB, [("E06000001", "2022-23", 70.2)])
    )
    assert out.values["value"].to_list() == [70.1 if kept == "older" else 70.2]
    loser = out.accounts[1] if kept == "older" else out.accounts[0]
    (reason,) = loser.rejected
    assert reason.startswith("disagrees with") and reason.endswith("because")
    assert all(a.balanced() for a in out.accounts)


def test_respondents_must_agree_where_both_files_give_them() -> None:
    old = _out("meas.xlsx", [("E06000001", "2020-21", 70.1)], base=[("E06000001", 495.0)])
    same = _out(WB, [("E06000001", "2020-21", 70.1)], base=[("E06000001", 495.0)])
    assert supersede(old, same).tables["ascof_survey_base"]["source_file"].to_list() == [WB]
    other = _out(WB, [("E06000001", "2020-21", 70.1)], base=[("E06000001", 500.0)])
    with pytest.raises(SourceFileError, match=r"500\.0 respondents here but 495\.0"):
        supersede(old, other)


def _records(rows: list[tuple[str, str, str, str, float | None]]) -> pl.DataFrame:
    """(file, code, CASSR code, period, value) council records of one measure."""
    return pl.DataFrame(
        {"source_file": [r[0] for r in rows], "code": [r[1] for r in rows], "la_code": [r[2] for r in rows],
         "period": [r[3] for r in rows], "value": [r[4] for r in rows], "level": "council", "measure": "m",
         "area_name": "a", "source_row": list(range(2, 2 + len(rows))), "status": "published",
         "moe": None, "respondents": None, "numerator": None, "denominator": None},
        schema_overrides=dict.fromkeys(("value", "moe", "respondents", "numerator", "denominator"), pl.Float64),
    )  # fmt: skip


def test_an_abolished_councils_row_is_its_successors_when_the_cassr_code_says_so() -> None:
    # Dorset County (E10000009, CASSR 809, abolished 2019); Dorset (E06000059) is 809 elsewhere.
    records = _records([("6a", "E10000009", "809", "2024-25", 34.6), ("1a", "E06000059", "809", "2024-25", 18.3)])
    records = records.with_columns(measure=pl.Series(["turnover", "qol"]))
    out = rekey_abolished_rows(records)
    assert out["code"].to_list() == ["E06000059", "E06000059"]
    before = _records([("6a", "E10000009", "809", "2018-19", 30.0), ("1a", "E06000059", "809", "2024-25", 18.3)])
    assert rekey_abolished_rows(before.with_columns(measure=pl.Series(["t", "q"])))["code"].to_list() == [
        "E10000009",
        "E06000059",
    ]


def test_an_abolished_row_repeating_its_successor_is_rejected_and_a_different_one_kept() -> None:
    same = _records([("1a", "E10000009", "809", "2024-25", 18.3), ("1a", "E06000059", "809", "2024-25", 18.3)])
    accounts = {"1a": RowAccount("1a", read=2, kept=2)}
    out = drop_repeats_of_successors(same, accounts)
    assert out["code"].to_list() == ["E06000059"]
    assert accounts["1a"].rejected == {REPEAT: 1} and accounts["1a"].balanced()
    different = same.with_columns(value=pl.Series([18.4, 18.3]))
    assert drop_repeats_of_successors(different, {"1a": RowAccount("1a", read=2, kept=2)}).height == 2


@pytest.mark.parametrize(
    ("own", "combined", "kept"),
    [(26.7, None, [26.7]), (None, 20.2, [20.2]), (None, None, [None])],
    ids=["own row", "combined row", "neither"],
)
def test_of_a_council_and_its_combined_area_row_the_one_with_the_figure_is_kept(
    own: float | None, combined: float | None, kept: list[float | None]
) -> None:
    records = _records([("6a", "E06000052", "902", "2024-25", own), ("6a", "E06000052", "[z]", "2024-25", combined)])
    records = records.with_columns(area_name=pl.Series(["Cornwall", "Cornwall and Isles of Scilly"]))
    accounts = {"6a": RowAccount("6a", read=2, kept=2)}
    out = use_combined_rows(records, ["Cornwall and Isles of Scilly"], accounts)
    assert out["value"].to_list() == kept
    assert accounts["6a"].rejected == {COMBINED_EMPTY: 1} and accounts["6a"].balanced()
