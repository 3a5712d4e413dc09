"""Builders rewritten to skip Plotly's validation (round four, issue 14) give byte for byte the finished
chart the validated builders gave, on every choice the committed store offers: each one's old code is
kept here as it was at 9d6471a, and both are finished by `finished_chart` (title, source, framing).

Floor standards' counts chart: every standard x 24 selections (all councils, each region, each
council type, each domain, regions with types, a chosen council). The Profile's spine: every council's
profile, both areas of care, against England (and 30 against their region). Compare's ranked chart:
every measure, at two periods, for three councils or none, with neighbours and 99.8% on some.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import polars as pl
import pytest

from accountability.settings import Settings
from accountability.views.compare import CompareChoice, compare_view
from accountability.views.floor_standards import FloorsChoice, counts_panel, floors_view
from accountability.views.profile import ProfileChoice, profile_view
from accountability.views.store import Store, from_dir
from components.export import finished_chart
from components.figures import compare, floors, spine
from tests.data.validated_compare import validated_compare_figure
from tests.data.validated_figures import validated_counts_figure, validated_spine_figure
from tests.sampling import SCOPES, at_least, chosen


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Store:
    settings = Settings(_env_file=None)
    return from_dir(store_dir, settings.standards_file, settings.commitments_file)


def _selections(store: Store) -> list[FloorsChoice]:
    councils = store.table("councils")
    regions = sorted(councils["region"].unique().to_list())
    types = sorted(councils["council_type"].unique().to_list())
    choices = [FloorsChoice()]
    choices += [FloorsChoice(region=r) for r in regions] + [FloorsChoice(council_type=t) for t in types]
    choices += [FloorsChoice(domain=d) for d in ("adults", "children")]
    choices += [FloorsChoice(region=r, council_type=t) for r, t in itertools.product(regions[:3], types[:2])]
    choices += [FloorsChoice(council="E08000025"), FloorsChoice(council="E06000001", region="North East")]
    return choices


@pytest.mark.parametrize("scope", SCOPES)
def test_the_counts_chart_is_byte_identical_on_every_standard_and_selection(store: Store, scope: str) -> None:
    compared = 0
    for choice in chosen(_selections(store), scope):
        view = floors_view(store, choice)
        for label in view.selection.counts["label"].unique().sort().to_list():
            panel = counts_panel(view, label)
            args = (panel.counts, "Period")
            old = finished_chart(validated_counts_figure, args, panel.title, "A source")
            new = finished_chart(floors.counts_figure, args, panel.title, "A source")
            assert new == old, f"{choice}, {label}: the counts chart differs"
            compared += 1
    assert compared > at_least(200, scope), compared  # every standard under every selection, not a handful


def test_the_counts_chart_with_a_missing_count_and_no_first_year_column() -> None:
    # counts made before "no floor yet" existed lack its column; a missing count stays missing
    counts = pl.DataFrame({"period": ["2023-24", "2024-25"], "below": [3, None], "cannot_tell": [1, 0]})
    counts = counts.with_columns(meets=pl.lit(9), no_data=pl.Series([0, 2]))
    old = finished_chart(validated_counts_figure, (counts, "Year"), "T", "S")
    assert finished_chart(floors.counts_figure, (counts, "Year"), "T", "S") == old


@pytest.mark.parametrize("scope", SCOPES)
def test_the_spine_chart_is_byte_identical_on_every_councils_profile(store: Store, scope: str) -> None:
    # every current and former council against England, and 30 against their region; both areas of care
    codes = store.table("councils")["code"].to_list()
    compared = 0
    for code, benchmark in chosen([(c, "england") for c in codes] + [(c, "region") for c in codes[::5][:30]], scope):
        view = profile_view(store, ProfileChoice(code, benchmark))
        for section in view.sections:
            args = (section.rows, view.card.name)
            old = finished_chart(validated_spine_figure, args, section.chart_title, "A source")
            assert finished_chart(spine.spine_figure, args, section.chart_title, "A source") == old, (
                f"{code} {benchmark}"
            )
            compared += 1
    assert compared > at_least(300, scope), compared


@pytest.mark.parametrize("scope", SCOPES)
def test_the_compare_chart_is_byte_identical_on_every_measure(store: Store, scope: str) -> None:
    # every measure at its latest and earliest period, for no council, Birmingham and Hartlepool; and
    # against statistical neighbours and at 99.8% on every fourth measure
    values = store.table("values").group_by("measure").agg(latest=pl.col("period").max(), first=pl.col("period").min())
    compared = 0
    for i, row in chosen(list(enumerate(values.sort("measure").iter_rows(named=True))), scope):
        choices = [CompareChoice(c, row["measure"], row["latest"]) for c in (None, "E08000025", "E06000001")]
        choices.append(CompareChoice("E08000025", row["measure"], row["first"]))
        if i % 4 == 0:
            choices += [CompareChoice("E08000025", row["measure"], row["latest"], "neighbours", level=0.998)]
        for choice in choices:
            view = compare_view(store, choice)
            args = (view.table, view.comparators, view.measure, choice.council, view.benchmark_line, view.floor_line)
            args += (choice.level,)
            old = finished_chart(validated_compare_figure, args, view.chart_title, "A source")
            new = finished_chart(compare.compare_figure, args, view.chart_title, "A source")
            assert new == old, f"{choice}: the compare chart differs"
            compared += 1
    assert compared > at_least(200, scope), compared
