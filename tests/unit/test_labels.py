"""Every code has words, and the code sets agree with the Enums the methods write."""

from __future__ import annotations

from typing import cast, get_args

import polars as pl
import pytest

from accountability import codes, labels
from accountability.methods import floors, funnel, progress, significance, stats, trends
from accountability.report import content
from accountability.store import measures

LABEL_TABLES = [
    (codes.Polarity, labels.POLARITY_LABELS),
    (codes.Polarity, labels.POLARITY_PHRASES),
    (codes.CiMethod, labels.CI_METHOD_LABELS),
    (codes.BenchmarkKind, labels.BENCHMARK_LABELS),
    (codes.Comparison, labels.COMPARISON_LABELS),
    (codes.Comparison, labels.COMPARISON_WORDS),
    (codes.FloorVerdict, labels.FLOOR_VERDICT_LABELS),
    (codes.FloorVerdict, labels.FLOOR_VERDICT_SHORT),
    (codes.FloorVerdict, labels.FLOOR_VERDICT_WORDS),
    (codes.FloorVerdict, labels.FLOOR_VERDICT_STRIP),
    (codes.FloorVerdict, labels.VERDICT_WORDS),
    (codes.FloorBasis, labels.BASIS_LABELS),
    (codes.FloorBasis, labels.BASIS_RULES),
    (codes.FloorChange, labels.FLOOR_CHANGE_LABELS),
    (codes.FloorChange, labels.FLOOR_CHANGE_WORDS),
    (codes.WatchReason, labels.WATCH_REASON_LABELS),
    (codes.WatchReason, labels.WATCH_REASON_PHRASES),
    (codes.ProgressStatus, labels.PROGRESS_STATUS_LABELS),
    (codes.TrendMethod, labels.TREND_METHOD_LABELS),
    (codes.ProgressStatus, labels.PROGRESS_STATUS_WORDS),
    (codes.FrameworkSide, labels.FRAMEWORK_SIDE_LABELS),
    (codes.MapColouring, labels.MAP_COLOURING_LABELS),
    (codes.MarketMeasure, labels.MARKET_MEASURE_LABELS),
    (codes.Domain, labels.DOMAIN_LABELS),
    (codes.ReportKind, labels.REPORT_KIND_LABELS),
]


@pytest.mark.parametrize(("code_set", "table"), LABEL_TABLES, ids=lambda x: getattr(x, "__name__", ""))
def test_every_code_has_words_and_every_label_a_code(code_set: object, table: dict[str, str]) -> None:
    assert set(table) == set(get_args(code_set))
    assert all(text.strip() for text in table.values())


@pytest.mark.parametrize(
    ("code_set", "written"),
    [
        (codes.Comparison, significance.COMPARISONS),
        (codes.FloorVerdict, floors.VERDICT.categories.to_list()),
        (codes.FloorBasis, floors.BASIS.categories.to_list()),
        (codes.ProgressStatus, progress.STATUSES),
        (codes.TrendLabel, trends.LABELS),
        (codes.TrendMethod, trends.METHODS),
        (codes.FunnelPosition, funnel.POSITIONS),
        (codes.CiMethod, stats.CI_METHODS),
        (codes.FrameworkSide, list(get_args(progress.Side))),
        (codes.Domain, list(get_args(measures.Domain))),
        (codes.Domain, cast(pl.Enum, measures.MEASURE_SCHEMA["domain"]).categories.to_list()),
        (codes.ReportKind, list(get_args(content.Kind))),
    ],
)
def test_code_sets_are_the_ones_the_methods_write(code_set: object, written: list[str]) -> None:
    assert list(get_args(code_set)) == list(written)


def test_words_label_a_column_and_leave_an_unknown_code_as_it_is() -> None:
    frame = pl.DataFrame({"comparison": ["better", "not tested", "mystery", None]})
    shown = frame.select(labels.words("comparison", labels.COMPARISON_LABELS))
    assert shown["comparison"].to_list() == ["▲ Better", "○ Not tested", "mystery", None]


def test_verdict_symbols_differ_so_colour_never_carries_meaning_alone() -> None:
    symbols = [text.split(" ", 1)[0] for text in labels.FLOOR_VERDICT_LABELS.values()]
    assert len(set(symbols)) == len(symbols) == len(get_args(codes.FloorVerdict)) == 5  # with "no floor yet"
