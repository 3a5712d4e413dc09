"""Value for money view on hand-built frames (test data, not real figures): ranking with England,
the change between years with missing years, the scatter's roles, and the trace to published cells."""

from __future__ import annotations

import polars as pl

from accountability.views import value_parts as parts
from accountability.views.value_trace import spend_variables, trace
from tests.unit import store_frames as sf

ENG = "E92000001"


def _store(values: list[dict[str, object]], england: dict[str, float]) -> sf.Store:
    bench = [
        {"area_type": "england", "area_code": ENG, "area_name": "England", "period": p, "measure": "spend", "value": v}
        for p, v in england.items()
    ]
    return sf.store(sf.values(values), sf.benchmarks(bench))


def _spend(code: str, period: str, value: float | None) -> dict[str, object]:
    return {"code": code, "period": period, "measure": "spend", "value": value}


STORE = _store(
    [
        _spend(sf.ALPHA, "2023-24", 500.0),
        _spend(sf.ALPHA, "2024-25", 550.0),
        _spend(sf.BETA, "2024-25", 700.0),
        _spend(sf.GAMMA, "2023-24", 400.0),
        _spend(sf.GAMMA, "2024-25", 380.0),
        _spend(sf.DELTA, "2024-25", None),
        {"code": sf.ALPHA, "period": "2024-25", "measure": "helped", "value": 0.5},
        {"code": sf.BETA, "period": "2024-25", "measure": "helped", "value": 0.6},
        {"code": sf.GAMMA, "period": "2024-25", "measure": "helped", "value": 0.7},
    ],
    {"2023-24": 450.0, "2024-25": 560.0},
)


def test_councils_are_ranked_highest_first_with_england_unranked_among_them() -> None:
    table = parts.ranked(STORE, "spend", "2024-25", sf.ALPHA)
    assert table["code"].to_list() == [sf.BETA, ENG, sf.ALPHA, sf.GAMMA, sf.DELTA]
    assert table["rank"].to_list() == [1, None, 2, 3, None]
    assert table["highlight"].to_list() == ["other", "england", "council", "other", "other"]


def test_the_ranked_sentence_names_the_council_england_and_cash() -> None:
    table = parts.ranked(STORE, "spend", "2024-25", sf.ALPHA)
    sentence = parts.ranked_sentence(table, sf.ALPHA, "Spend", "£ per adult", "2024-25")
    assert sentence == (
        "Spend, 2024-25: Alpha £550 per adult, the 2nd highest of 3 councils. England: £560 per adult. "
        "Cash, not adjusted for inflation."
    )


def test_a_council_without_a_figure_says_so_and_no_council_asks_for_one() -> None:
    table = parts.ranked(STORE, "spend", "2024-25", sf.DELTA)
    assert "Delta has no published figure" in parts.ranked_sentence(table, sf.DELTA, "Spend", "£", "2024-25")
    none = parts.ranked_sentence(parts.ranked(STORE, "spend", "2024-25", None), None, "Spend", "£", "2024-25")
    assert "Choose your council" in none


def test_change_is_in_cash_and_says_when_a_year_is_missing() -> None:
    table = parts.change(STORE, "spend")
    assert table["code"][0] == ENG
    alpha = table.filter(pl.col("code") == sf.ALPHA).row(0, named=True)
    assert (alpha["change"], alpha["change_pct"]) == (50.0, 10.0)
    gamma = table.filter(pl.col("code") == sf.GAMMA).row(0, named=True)
    assert gamma["change_pct"] == -5.0
    assert parts.change_sentence(table, sf.GAMMA, "£") == (
        "From 2023-24 to 2024-25, in cash: Gamma: £400 to £380 (down 5.0%); England: £450 to £560 (up 24.4%)."
    )
    assert "Beta: not published for both years" in parts.change_sentence(table, sf.BETA, "£")


def test_scatter_points_mark_the_council_and_its_group() -> None:
    points, x_period, y_period = parts.points(STORE, "spend", "helped", sf.ALPHA, [sf.BETA])
    assert (x_period, y_period) == ("2024-25", "2024-25")
    roles = dict(zip(points["code"], points["group"], strict=True))
    assert roles == {sf.ALPHA: "council", sf.BETA: "group", sf.GAMMA: "other"}  # Delta: no value, left out


def test_spend_variables_are_read_from_the_formula() -> None:
    formula = "RO3-asctot-sfc / RO3-asctot-tot-exp x 100 + RSX-x-y / RO3-asctot-sfc"
    assert spend_variables(formula) == ("RO3-asctot-sfc", "RO3-asctot-tot-exp", "RSX-x-y")
    assert spend_variables(None) == ()


def test_each_figure_is_traced_to_its_published_cells() -> None:
    shown = pl.DataFrame(
        {"code": [sf.ALPHA], "period": ["2024-25"], "value": [10.0], "numerator": [3.0], "denominator": [300.0]}
    ).with_columns(source_file=pl.lit("f.ods"), source_row=pl.lit(7, pl.Int64))
    cells = pl.DataFrame(
        {
            "code": [sf.ALPHA, sf.ALPHA, sf.BETA],
            "period": ["2024-25"] * 3,
            "form": ["RO3"] * 3,
            "variable": ["RO3-b", "RO3-a", "RO3-a"],
            "description": ["B", "A", "A"],
            "value": [1.0, 2.0, 9.0],
            "status": ["published"] * 3,
            "source_file": ["f.ods"] * 3,
            "source_row": [7, 7, 8],
            "source_column": ["C", "B", "B"],
        }
    )
    traced = trace(shown, cells, ("RO3-a", "RO3-b"))
    assert traced["variable"].to_list() == ["RO3-a", "RO3-b"]  # in the formula's order, only Alpha's
    assert traced["source_column"].to_list() == ["B", "C"]
    assert traced["cell_value"].to_list() == [2.0, 1.0]
    untraced = trace(shown, cells, ())  # a measure not built from spend lines keeps its own file and row
    assert untraced.select("source_file", "source_row").row(0) == ("f.ods", 7)
