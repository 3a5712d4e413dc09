"""Home, the council card and the profile on hand-built frames: one Ofsted sentence, former councils."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from accountability.labels import COMPARISON_LABELS
from accountability.methods.commitments import Commitment, CommitmentsError
from accountability.views.council import council_card, ofsted_text, replaced_text
from accountability.views.home import HomeChoice, home_view
from accountability.views.profile import ProfileChoice, profile_view
from accountability.views.store import Store
from tests.unit import store_frames as sf

INSPECTIONS = pl.DataFrame(
    {
        "code": [sf.ALPHA, sf.ALPHA, sf.DELTA, sf.DELTA],
        "inspection_type": ["ILACS Standard Inspection"] * 4,
        "inspection_start": [dt.date(2019, 5, 1), dt.date(2023, 5, 8), dt.date(2018, 1, 8), dt.date(2022, 9, 20)],
        "overall_effectiveness": ["Inadequate", "Good", "Good", "Requires improvement to be good"],
        "is_latest": [False, True, False, False],  # Ofsted marks no latest judgement for a former council
    }
)
PROMISE = Commitment(
    id="help-more",
    title="Help more people",
    measures=("helped",),
    target_direction="rising",
    owner="Test department",
    source="Test white paper",
    source_sentence="We will help more people.",
)


def _store(commitments: tuple[Commitment, ...] = (PROMISE,), broken: bool = False) -> Store:
    rows = [
        {"code": code, "period": year, "measure": measure, "value": value, "ci_low": value - 2, "ci_high": value + 2}
        | {"numerator": value * 2, "denominator": 200.0}
        for code, base in ((sf.ALPHA, 60.0), (sf.BETA, 40.0), (sf.GAMMA, 50.0))
        for i, year in enumerate(("2021-22", "2022-23", "2023-24"))
        for measure, value in (("helped", base + i), ("waits", base))
    ]
    england = [
        {"area_type": "england", "area_code": "E92000001", "area_name": "England", "period": y, "measure": m}
        | {"value": 50.0}
        for y in ("2021-22", "2022-23", "2023-24")
        for m in ("helped", "waits")
    ]
    store = sf.store(sf.values(rows), sf.benchmarks(england), inspections=INSPECTIONS)

    def read_commitments() -> tuple[Commitment, ...]:
        if broken:
            raise CommitmentsError("commitments.toml, line 3: target_direction must be rising or falling")
        return commitments

    return Store(store.version, store.read, read_commitments=read_commitments)


def test_the_ofsted_sentence_is_the_latest_judgement_and_a_former_councils_last_one() -> None:
    assert ofsted_text(INSPECTIONS, sf.ALPHA) == "Good overall (ILACS Standard Inspection, inspection began May 2023)."
    former = ofsted_text(INSPECTIONS, sf.DELTA)
    assert former.startswith("Requires improvement to be good overall") and "September 2022" in former
    assert ofsted_text(INSPECTIONS, sf.BETA) == "none published for this council."


def test_a_former_council_names_its_successor_and_a_current_one_nothing() -> None:
    assert replaced_text(sf.COUNCILS, sf.DELTA) == "Delta was replaced in March 2023 by Gamma."
    assert replaced_text(sf.COUNCILS, sf.ALPHA) is None


def test_home_and_profile_show_the_same_card() -> None:
    store = _store()
    home = home_view(store, HomeChoice(sf.DELTA))
    profile = profile_view(store, ProfileChoice(sf.DELTA))
    card = home.council
    assert card is not None and card.description == "Metropolitan district in North West. ONS code E08000002."
    same = ("code", "name", "description", "ofsted", "replaced")
    assert [getattr(card, f) for f in same] == [getattr(profile.card, f) for f in same]
    assert card.progress.rows.equals(profile.card.progress.rows)


def test_progress_is_a_status_per_commitment_and_a_bad_file_is_a_warning_not_a_failure() -> None:
    card = council_card(_store(), sf.ALPHA)
    assert card.progress.rows["commitment"].to_list() == ["Help more people — Share helped"]
    assert card.progress.rows["status"].to_list()[0] in {
        "achieved",
        "on track",
        "off track",
        "deteriorating",
        "not assessable",
    }
    broken = council_card(_store(broken=True), sf.ALPHA)
    assert broken.progress.rows.height == 0
    assert broken.progress.warning is not None and "line 3" in broken.progress.warning


def test_home_without_a_council_still_says_what_the_data_cover() -> None:
    view = home_view(_store(), HomeChoice())
    assert view.council is None
    assert view.coverage_alt == "2 measures from 2 publications, with the years each covers"


@pytest.mark.parametrize(("kind", "named"), [("england", "England"), ("region", "North East")])
def test_the_profile_tests_each_area_of_care_against_the_chosen_benchmark(kind: str, named: str) -> None:
    region = [
        {"area_type": "region", "area_code": "E12000001", "area_name": "North East", "period": "2023-24"}
        | {"measure": m, "value": 70.0}
        for m in ("helped", "waits")
    ]
    base = _store()
    benchmarks = pl.concat([base.benchmarks, sf.benchmarks(region)])
    store = Store(
        base.version,
        lambda n: benchmarks if n == "benchmarks" else base.read(n),
        base.read_standards,
        base.read_commitments,
    )
    view = profile_view(store, ProfileChoice(sf.ALPHA, kind))  # type: ignore[arg-type]
    assert [s.heading for s in view.sections] == ["Adults", "Children"]
    adults = view.sections[0]
    assert adults.alt.startswith(f"Alpha, adults: spine chart of 1 measure against {named}")
    assert adults.download["comparison"].to_list() == [COMPARISON_LABELS[c] for c in adults.rows["comparison"]]
    assert f"against {named}" in view.summary or f"than {named}" in view.summary
    assert view.link == {"council": sf.ALPHA, "benchmark": kind, "group": None, "view": None}


def test_a_council_without_figures_says_so_for_each_area_of_care() -> None:
    view = profile_view(_store(), ProfileChoice(sf.DELTA))  # Delta has no values at all
    assert view.empty == "No measure has a published value for Delta."
    assert all(section.empty for section in view.sections)
