"""CQC council-assessment compilation: HTML tables parsed, councils matched, ratings cross-checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability import labels
from accountability.sources import cqc_la
from accountability.sources.base import RowAccount, SourceFileError
from accountability.sources.cqc_la_tables import LEAGUE, SECOND, league_rows, second_rows
from accountability.sources.html_tables import read_tables

QS_HEAD = "".join(f"<th class='qs-header'>QS{i}<br>X</th>" for i in range(1, 10))
WORD = {4: "Outstanding", 3: "Good", 2: "Requires improvement", 1: "Inadequate"}


def league_html(rows: list[tuple[str, str, list[int], str]]) -> str:
    body = "".join(
        f'<tr data-name="{name}"><td>{i}</td><td><a href="https://www.cqc.org.uk/r/{i}">{name}</a></td><td>T</td>'
        f"<td>{overall}</td>{''.join(f'<td>{s}</td>' for s in scores)}<td>3.0</td><td>{month}</td></tr>\n"
        for i, (name, overall, scores, month) in enumerate(rows, start=1)
    )
    head = "<tr><th>Rank</th><th>Authority Name</th><th>Type</th><th>Overall</th>"
    head += f"{QS_HEAD}<th>Avg Score</th><th>Date</th></tr>"
    table = f"<table id='masterTable'><thead>{head}</thead><tbody>\n{body}</tbody></table>"
    return f"<html><body><h1>x</h1>\n{table}</body></html>"


def second_html(rows: list[tuple[str, str, list[str]]]) -> str:
    head = "<tr><th>authority_name</th><th>overall_rating</th>" + "".join(f"<th>qs{i}_x</th>" for i in range(1, 10))
    body = "".join(
        f"<tr><td>{name}</td><td>{overall}</td>{''.join(f'<td>{w}</td>' for w in words)}</tr>\n"
        for name, overall, words in rows
    )
    return f"<table><tr><th>Quality Statement</th></tr><tr><td>QS1</td></tr></table><table>{head}\n{body}</table>"


GOOD = [3] * 9  # 27 / 36 = 75%
ROWS = [("London Borough of Camden", "Good", GOOD, "February 2025"), ("Stoke", "Good", GOOD, "June 2025")]


def councils() -> pl.DataFrame:
    rows = [
        ("E09000007", "Camden", []),
        ("E06000021", "Stoke-on-Trent", []),
        ("E06000047", "County Durham", ["Durham"]),
    ]
    frame = pl.DataFrame(
        rows, schema={"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String)}, orient="row"
    )
    return frame.with_columns(valid_from=pl.lit(None, pl.Date), valid_to=pl.lit(None, pl.Date))


def files(
    tmp_path: Path, league: list[tuple[str, str, list[int], str]], second: list[tuple[str, str, list[str]]]
) -> Path:
    folder = tmp_path / cqc_la.FOLDER
    folder.mkdir(exist_ok=True)
    (folder / LEAGUE).write_text(league_html(league), encoding="utf-8")
    (folder / SECOND).write_text(second_html(second), encoding="utf-8")
    return folder


def copies(rows: list[tuple[str, str, list[int], str]]) -> list[tuple[str, str, list[str]]]:
    return [(name, overall, [WORD[s] for s in scores]) for name, overall, scores, _ in rows]


def run(
    tmp_path: Path,
    league: list[tuple[str, str, list[int], str]],
    second: list[tuple[str, str, list[str]]] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    folder = files(tmp_path, league, copies(league) if second is None else second)
    accounts: list[RowAccount] = []
    rows = cqc_la.attach(league_rows(folder / LEAGUE, accounts), councils(), folder / LEAGUE)
    return cqc_la.cross_check(rows, second_rows(folder / SECOND, accounts))


def test_ratings_scores_month_and_link_are_read_and_councils_matched_by_name(tmp_path: Path) -> None:
    assessments, statements = run(tmp_path, ROWS)
    camden = assessments.filter(pl.col("code") == "E09000007").row(0, named=True)
    assert (camden["overall_rating"], camden["assessed"], camden["report_url"]) == (
        "good",
        date(2025, 2, 1),
        "https://www.cqc.org.uk/r/1",
    )
    assert (camden["score_total"], camden["score_percent"], camden["check"]) == (27, 75.0, "agrees")
    assert assessments.filter(pl.col("name_in_source") == "Stoke")["code"].to_list() == ["E06000021"]
    assert statements.height == 18 and statements["agrees"].all() and camden["source_row"] == 3


@pytest.mark.parametrize(
    ("total", "rating"),
    [(13, "inadequate"), (14, "requires_improvement"), (22, "requires_improvement"), (23, "good"), (31, "good"),
     (32, "outstanding"), (9, "inadequate"), (36, "outstanding")],
)  # fmt: skip
def test_cqc_thresholds_on_the_whole_percentage(total: int, rating: str) -> None:
    # 14/36 = 38.9% rounds to 39: requires improvement; 31/36 = 86.1% good; 32/36 = 88.9% outstanding
    frame = pl.DataFrame({"p": [total / 36 * 100]})
    assert frame.select(r=cqc_la.rating_from_percent(pl.col("p")))["r"].item() == rating


def test_an_overall_rating_that_its_scores_do_not_give_is_recorded_as_such(tmp_path: Path) -> None:
    assessments, _ = run(tmp_path, [("London Borough of Camden", "Outstanding", GOOD, "May 2025")])
    row = assessments.row(0, named=True)
    assert (row["overall_rating"], row["rating_from_scores"], row["check"]) == (
        "outstanding",
        "good",
        "differs_from_scores",
    )


def test_two_copies_that_disagree_are_recorded_not_reconciled(tmp_path: Path) -> None:
    second = [("London Borough of Camden", "Good", ["Good"] * 8 + ["Inadequate"])]
    assessments, statements = run(tmp_path, ROWS[:1], second)
    assert assessments["check"].to_list() == ["copies_disagree"] and assessments["overall_rating"].to_list() == ["good"]
    assert statements.filter(~pl.col("agrees"))["statement"].to_list() == [9]


def test_not_rated_is_kept_as_no_rating_and_not_filled_from_the_scores(tmp_path: Path) -> None:
    league = [("County Durham", "Not Rated", GOOD, "August 2024")]
    assessments, _ = run(tmp_path, league, [("County Durham", "Not Rated", [WORD[3]] * 9)])
    row = assessments.row(0, named=True)
    assert (row["overall_rating"], row["overall_as_published"], row["rating_from_scores"]) == (
        None,
        "Not Rated",
        "good",
    )
    assert row["check"] == "not_rated_in_compilation"


@pytest.mark.parametrize(
    ("row", "message"),
    [(("Camden", "Brilliant", GOOD, "May 2025"), r"column 'Overall', row 3: 'Brilliant' is not a CQC rating"),
     (("Camden", "Good", [3] * 8 + [5], "May 2025"), r"column 'QS9 X', row 3: '5' is not a quality-statement score"),
     (("Camden", "Good", GOOD, "Spring 2025"), r"column 'Date', row 3: 'Spring 2025' is not a month")],
)  # fmt: skip
def test_a_bad_cell_is_named_with_its_column_and_line(
    tmp_path: Path, row: tuple[str, str, list[int], str], message: str
) -> None:
    folder = files(tmp_path, [row], [])
    with pytest.raises(SourceFileError, match=message):
        league_rows(folder / LEAGUE, [])


def test_a_name_matching_no_council_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="'Atlantis County Council' matches no current council"):
        run(tmp_path, [("Atlantis County Council", "Good", GOOD, "May 2025")])


def test_a_page_without_the_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / LEAGUE
    path.write_text("<html><table><tr><th>Something else</th></tr></table></html>", encoding="utf-8")
    with pytest.raises(SourceFileError, match="no table headed"):
        league_rows(path, [])


def test_html_tables_collapse_whitespace_and_keep_links() -> None:
    tables = read_tables("<table><tr><th>A<br>b</th></tr><tr><td> x \n y </td><td><a href='u'>l</a></td></tr></table>")
    assert tables[0][0].cells == ["A b"] and tables[0][0].header
    assert (tables[0][1].cells, tables[0][1].links) == (["x y", "l"], [None, "u"])


def test_every_code_has_words() -> None:
    assert set(labels.CQC_RATING_LABELS) == set(cqc_la.RATINGS)
    assert set(labels.CQC_STATEMENT_LABELS) == set(cqc_la.STATEMENTS)
    assert set(labels.CQC_CHECK_LABELS) == set(cqc_la.CHECKS)
    assert labels.CQC_NOT_IN_DATA == "not in our data yet"
