"""The Compare view on hand-built frames: ranking, verdict codes, the sentence, lines, funnel and link."""

from __future__ import annotations

import polars as pl
import pytest

from accountability.labels import COMPARISON_LABELS
from accountability.methods.standards import Periods, Standard
from accountability.views.compare import CompareChoice, compare_view
from accountability.views.store import from_frames
from tests.unit import store_frames as sf

YEAR, EARLIER = "2023-24", "2022-23"


def _rows(measure: str) -> list[dict[str, object]]:
    return [
        {"code": sf.ALPHA, "period": YEAR, "measure": measure, "value": 60.0, "ci_low": 55.0, "ci_high": 65.0}
        | {"ci998_low": 52.0, "ci998_high": 68.0},
        {"code": sf.BETA, "period": YEAR, "measure": measure, "value": 40.0, "ci_low": 35.0, "ci_high": 45.0}
        | {"ci998_low": 28.0, "ci998_high": 52.0},
        {"code": sf.GAMMA, "period": YEAR, "measure": measure, "value": 50.0},
        {"code": sf.DELTA, "period": YEAR, "measure": measure, "value": None},
        {"code": sf.ALPHA, "period": EARLIER, "measure": measure, "value": 58.0},
    ]


def _published(measure: str) -> list[dict[str, object]]:
    return [
        {"area_type": "england", "area_code": "E92000001", "area_name": "England", "value": 50.0},
        {"area_type": "region", "area_code": "E12000001", "area_name": "North East", "value": 45.0},
        {"area_type": "region", "area_code": "E12000002", "area_name": "North West", "value": 55.0},
    ]


def _store(**more: object):  # type: ignore[no-untyped-def]
    values = sf.values(_rows("helped") + _rows("waits"))
    rows = [{**r, "period": YEAR, "measure": m} for m in ("helped", "waits") for r in _published(m)]
    return sf.store(values, sf.benchmarks(rows), **more)


def _view(council: str | None = sf.ALPHA, measure: str = "helped", **choice: object):  # type: ignore[no-untyped-def]
    store = choice.pop("store", None) or _store()
    period = str(choice.pop("period", YEAR))
    return compare_view(store, CompareChoice(council, measure, period, **choice))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("measure", "order"),
    [("helped", ["Alpha", "Gamma", "Beta", "Delta"]), ("waits", ["Beta", "Gamma", "Alpha", "Delta"])],
)
def test_councils_are_ranked_best_first_for_either_polarity_and_missing_last(measure: str, order: list[str]) -> None:
    assert _view(measure=measure).table["name"].to_list() == order


def test_verdicts_are_codes_in_the_table_and_words_in_the_download() -> None:
    view = _view()
    verdicts = dict(zip(view.table["name"], view.table["comparison"], strict=True))
    assert verdicts == {"Alpha": "better", "Beta": "worse", "Gamma": "not tested", "Delta": "not tested"}
    councils = view.download.filter(pl.col("area_type") == "council")
    assert councils["compared_with_benchmark"].to_list() == [COMPARISON_LABELS[c] for c in view.table["comparison"]]
    assert set(view.download["area_type"]) == {"council", "england", "region"}


def test_lower_is_better_turns_a_high_interval_into_worse() -> None:
    verdicts = dict(zip(*_view(measure="waits").table.select("name", "comparison"), strict=True))
    assert (verdicts["Alpha"], verdicts["Beta"]) == ("worse", "better")


def test_the_sentence_holds_the_rank_interval_then_the_verdict() -> None:
    summary = _view().summary
    assert summary.startswith("Share helped, 2023-24 (higher is better): Alpha 60.0%, ranked 1st of 3 councils;")
    assert "England 50.0%, North East 45.0% (95% rank interval 1st to " in summary
    assert summary.endswith("). Compared with England (50.0%): better, at 95% confidence.")


def test_a_council_without_an_interval_is_not_tested_in_words() -> None:
    assert "Compared with England (50.0%): not tested, because this figure has no confidence interval." in (
        _view(sf.GAMMA).summary
    )


def test_a_council_with_no_row_in_the_period_gets_a_note_and_no_verdict() -> None:
    view = _view(sf.BETA, period=EARLIER)
    assert view.missing is not None and view.missing.startswith("Beta has no figure for 2022-23")
    assert "Compared with" not in view.summary
    suppressed = _view(sf.DELTA)
    assert suppressed.missing is None and "no value for Delta (suppressed" in suppressed.summary


def test_the_level_changes_the_interval_tested_and_is_named() -> None:
    assert "better, at 99.8% confidence" in _view(level=0.998).summary
    wide = dict(zip(*_view(level=0.998).table.select("name", "comparison"), strict=True))
    assert wide["Beta"] == "similar"  # worse at 95%, but its 99.8% interval reaches England's 50


def test_neighbours_are_listed_and_drawn_as_their_own_line() -> None:
    view = _view(benchmark="neighbours")
    assert view.neighbours == ("Statistical neighbours of Alpha (DfE 2025 model)", "Beta, Gamma, Delta")
    assert view.benchmark_line is not None and view.benchmark_line[0] == "Statistical neighbours"
    # fewer than 5 neighbours have values: the mean is withheld (and said so), never called unpublished
    assert "The statistical neighbours' mean is withheld for this measure and period" in view.summary
    assert "so it is not tested" in view.summary and "figure is published" not in view.summary
    assert _view().benchmark_line is None and _view().neighbours is None  # England has its own line


def test_the_floor_line_is_the_standard_in_force_for_the_period() -> None:
    floor = Standard(
        measure="helped",
        label="Share helped floor",
        polarity="higher_is_better",
        threshold=45.25,
        periods=Periods(from_="2023-24", to="2023-24"),
        confidence=0.95,
        basis="official",
        source="Test rule",
    )
    store = _store()
    with_floor = from_frames("test", standards=[floor], **{n: store.read(n) for n in _TABLES})
    # the label is at the measure's own precision (one decimal for a percentage, not "45.25%"); the line
    # itself is drawn at the exact threshold
    assert _view(store=with_floor).floor_line == ("Floor: 45.2%", 45.25)
    assert _view(store=with_floor, period=EARLIER).floor_line is None
    assert _view().floor_line is None


def test_the_funnel_is_built_only_when_chosen_and_possible() -> None:
    assert _view().funnel is None
    assert _view(show="Funnel plot").funnel is None  # four councils, none with published counts
    many = [
        {"code": f"E060000{i:02d}", "period": YEAR, "measure": "helped", "value": 40.0 + i}
        | {"numerator": 8.0 * i, "denominator": 200.0}  # 40% to 84%: far more spread than chance gives
        for i in range(10, 22)
    ]
    councils = pl.DataFrame({"code": [r["code"] for r in many], "name": [f"Council {i}" for i in range(12)]})
    councils = councils.with_columns(
        region_code=pl.lit("E12000001"), region=pl.lit("North East"), council_type=pl.lit("Unitary authority")
    )
    store = from_frames(
        "test",
        councils=councils,
        measures=sf.MEASURES,
        peers=sf.PEERS,
        values=sf.values(many),
        benchmarks=sf.benchmarks([{**_published("helped")[0], "period": YEAR, "measure": "helped"}]),
    )
    funnel = _view("E06000010", store=store, show="Funnel plot").funnel
    assert funnel is not None and funnel.points.height == 12
    # England's row has no counts here, so the centre is the councils' pooled counts, and the caption says so
    pooled = sum(8.0 * i for i in range(10, 22)) / (200.0 * 12) * 100
    assert funnel.centre == pytest.approx(pooled)
    assert funnel.alt.startswith(f"Share helped, 2023-24: funnel plot of 12 councils around England ({pooled:.1f}%);")
    assert "pooled numerators and denominators" in funnel.method
    assert "τ²" in funnel.method and "random-effects" in funnel.method  # additive by default, named
    positions = {"inside", "above 95%", "above 99.8%", "below 95%", "below 99.8%"}
    assert set(funnel.table["position"]) <= positions and set(funnel.table["position_chance_alone"]) <= positions
    assert funnel.points["value"].to_list()[0] == pytest.approx(8.0 * 10 / 200 * 100)  # its own counts
    none = _view("E06000010", store=store, show="Funnel plot", adjustment="none").funnel
    assert none is not None and "chance alone" in none.method
    assert none.limits.equals(none.unadjusted)
    many_x = _view("E06000010", store=store, show="Funnel plot", adjustment="multiplicative").funnel
    assert many_x is not None and "φ" in many_x.method and "multiplicative" in many_x.method
    assert many_x.limits["high998"].to_list()[-1] > none.limits["high998"].to_list()[-1]  # overdispersed: wider


def test_the_link_reproduces_the_choice_with_defaults_left_out() -> None:
    assert _view().link == {
        "council": sf.ALPHA,
        "measure": "helped",
        "period": YEAR,
        "benchmark": "england",
        "group": None,
        "level": None,
        "view": None,
        "funnel": None,
    }
    link = _view(level=0.998, show="Table").link
    assert (link["level"], link["view"]) == ("99.8%", "Table")
    # the funnel's adjustment is kept as its code, only with the funnel shown and when not the default
    assert _view(show="Funnel plot", adjustment="multiplicative").link["funnel"] == "multiplicative"
    assert _view(show="Funnel plot").link["funnel"] is None
    assert _view(show="Table", adjustment="none").link["funnel"] is None


def test_the_link_keeps_a_custom_group_as_codes() -> None:
    group = (sf.ALPHA, "E06000012")
    assert _view(benchmark="custom", group=group).link["group"] == ",".join(group)
    assert _view(benchmark="england", group=group).link["group"] is None  # a group only means something if custom


def test_without_a_council_the_sentence_counts_councils() -> None:
    view = _view(None)
    assert view.summary == "Share helped, 2023-24 (higher is better): 3 councils have a published value; England 50.0%."
    assert view.missing is None and view.benchmark_line is None


_TABLES = ("councils", "measures", "peers", "values", "benchmarks")
