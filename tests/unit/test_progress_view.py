"""The Progress view on hand-built frames: England's table, the chart's lines, councils worst first,
counts and the chosen council from status codes, the off-track filter, words only where shown."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from accountability.methods.commitments import Commitment
from accountability.methods.progress import DIRECTION_WINDOW
from accountability.views.progress import ProgressChoice, ProgressView, commitment_options, progress_view
from accountability.views.store import Store
from tests.unit import store_frames as sf

YEARS = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
# Test data, not real figures: Alpha rises fast, Beta falls, Gamma barely moves; Delta was abolished in 2023.
COUNCIL_SERIES = {
    sf.ALPHA: [40.0, 44.0, 48.0, 53.0, 58.0, 64.0, 70.0],
    sf.BETA: [60.0, 58.0, 56.0, 54.0, 52.0, 50.0, 48.0],
    sf.GAMMA: [50.0, 50.0, 50.1, 50.1, 50.2, 50.2, 50.3],
    sf.DELTA: [45.0, 44.0, 43.0, 42.0, 41.0, 40.0, 39.0],
}
ENGLAND = [50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0]
MORE_HELPED = Commitment(
    id="more-helped",
    title="More people helped",
    measures=("helped",),
    target_value=80.0,
    target_date=dt.date(2027, 3, 31),
    target_period="2026-27",
    owner="Test department",
    source="Test plan (2017)",
    source_sentence="We will help more people",
)
FEWER_WAITS = Commitment(
    id="fewer-waits",
    title="Fewer long waits",
    measures=("waits",),
    target_direction="falling",
    owner="Test department",
    source="Test plan (2017)",
    source_sentence="Fewer people will wait",
    source_is_paraphrase=True,
)
KEY, WAITS = "more-helped:helped", "fewer-waits:waits"


def _store(*commitments: Commitment, england_measure: str = "helped") -> Store:
    rows = [
        {"code": code, "period": p, "measure": m, "value": v}
        for m in ("helped", "waits")
        for code, series in COUNCIL_SERIES.items()
        for p, v in zip(YEARS, series, strict=True)
    ]
    area = {"area_type": "england", "area_code": "E92000001", "area_name": "England", "measure": england_measure}
    england = [area | {"period": p, "value": v} for p, v in zip(YEARS, ENGLAND, strict=True)]
    return sf.from_frames(
        "test",
        commitments=commitments or (MORE_HELPED, FEWER_WAITS),
        councils=sf.COUNCILS,
        measures=sf.MEASURES,
        measure_breaks=sf.MEASURE_BREAKS,
        values=sf.values(rows),
        benchmarks=sf.benchmarks(england),
    )


def _view(commitment: str = KEY, council: str | None = sf.ALPHA, only_off: bool = False) -> ProgressView:
    return progress_view(_store(), ProgressChoice(council, "current", commitment, only_off))


def test_the_picker_offers_each_commitment_and_measure_in_file_order() -> None:
    assert commitment_options(_store(), "current") == {
        KEY: "More people helped — Share helped",
        WAITS: "Fewer long waits — Long waits",
    }


def test_englands_table_has_each_commitment_it_has_figures_for_with_codes_and_is_shown_in_words() -> None:
    view = _view()  # England publishes no figures on waits here, so the assessment has no England row for it
    assert view.england["label"].to_list() == ["More people helped — Share helped"]
    assert view.england["status"].cast(pl.String).to_list() == ["off track"]  # 50 → 56 in six years; 80 due 2026-27
    assert view.england_table.columns == ["Commitment and measure", "Status", "Detail", "From", "To", "Note"]
    assert view.england_table.row(0) == (
        "More people helped — Share helped",
        "→ Off track",
        "limited progress",
        "2017-18",
        "2023-24",
        "",
    )
    assert view.england_alt == "England's status on 1 commitment measures"


def test_councils_are_current_only_and_worst_first_with_status_codes() -> None:
    view = _view()  # Delta, abolished, is left out though it has figures
    assert view.councils.select("council", "status").rows() == [
        ("Beta", "deteriorating"),
        ("Gamma", "off track"),
        ("Alpha", "on track"),
    ]


def test_the_counts_sentence_counts_codes_and_names_each_status_present() -> None:
    assert (
        _view().counts == "More people helped — Share helped: of 3 councils, 1 deteriorating, 1 off track, 1 on track."
    )


def test_the_chosen_councils_status_is_written_in_words_and_a_former_council_has_none() -> None:
    assert (_view(council=sf.BETA).mine or "").startswith("Beta: ↘ Deteriorating (")
    assert _view(council=sf.DELTA).mine is None
    assert _view(council=None).mine is None


def test_only_off_track_or_deteriorating_councils_when_asked_in_words() -> None:
    everyone, off = _view(), _view(only_off=True)
    assert everyone.shown["status"].to_list() == ["↘ Deteriorating", "→ Off track", "↗ On track"]
    assert off.shown.select("council", "status").rows() == [("Beta", "↘ Deteriorating"), ("Gamma", "→ Off track")]
    assert off.shown_alt.startswith(f"{off.shown.height} councils' progress on More people helped")


def test_a_target_value_gives_a_path_from_the_baseline_to_the_target() -> None:
    chart = _view().chart
    assert chart.series["period"].to_list() == YEARS
    assert chart.target["year"].to_list()[0] == 2017 and chart.target["year"].to_list()[-1] == 2026
    assert chart.target["value"][0] == pytest.approx(50.0) and chart.target["value"][-1] == pytest.approx(80.0)
    assert chart.target_name == "Path to the target"
    assert chart.band["year"].to_list() == list(range(2017, 2027))  # to the target's year (the later end)


def test_a_target_date_before_the_data_is_a_level_line_named_so() -> None:
    passed = MORE_HELPED.model_copy(update={"target_date": dt.date(2016, 3, 31), "target_period": "2015-16"})
    view = progress_view(_store(passed, FEWER_WAITS), ProgressChoice(None, "current", KEY))
    assert view.chart.target_name == "Target 80 (date passed: 2015-16)"
    assert view.chart.target["value"].to_list() == [80.0] * len(YEARS)


def test_a_direction_target_projects_from_the_last_points_only() -> None:
    store = _store(england_measure="waits")
    chart = progress_view(store, ProgressChoice(None, "current", WAITS)).chart
    assert chart.target.height == 0
    first = int(YEARS[-DIRECTION_WINDOW][:4])
    assert chart.band["year"][0] == first and chart.band["year"][-1] == 2023 + 3


def test_without_englands_figures_the_alt_text_says_so() -> None:
    view = _view(WAITS)
    assert view.chart.series.height == 0
    assert (
        view.alt
        == "Fewer long waits — Long waits: England has no published figures on this side of the framework break."
    )
    assert "(paraphrase)" in view.heading


def test_the_alt_text_names_englands_span_and_status() -> None:
    view = _view()
    status = str(view.england["status"][0])
    # the status, then the note when there is one; never "status off track, ." (this note is empty)
    assert view.alt == (
        f"More people helped — Share helped: England's published figures from 2017-18 to 2023-24; status {status}."
    )
    assert view.heading == "**More people helped.** Test department: “We will help more people” — *Test plan (2017)*."
    assert view.chart_title == "More people helped: England"
    assert view.y_title == "Share helped (%)"


def test_download_stems_name_the_side_and_the_commitment() -> None:
    assert _view().stems == ("progress_england_current", "progress_more-helped_helped_current")


def test_an_unknown_commitment_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="nobody"):
        _view("nobody:helped")


def test_the_alt_text_has_no_dangling_comma_when_the_note_is_empty() -> None:
    from accountability.views.progress import _alt

    series = pl.DataFrame({"period": ["2019-20", "2023-24"], "value": [1.0, 2.0]})
    for note in ("", None, "  "):
        alt = _alt("Helped", series, {"status": "off track", "note": note})
        assert alt.endswith("; status off track."), alt
    with_note = _alt("Helped", series, {"status": "off track", "note": "no detectable change"})
    assert with_note.endswith(", no detectable change.")


def test_the_chart_keeps_years_in_time_order_when_the_band_starts_later() -> None:
    from components.figures.progress import trajectory_figure

    series = pl.DataFrame({"period": ["2017-18", "2018-19", "2019-20", "2020-21"], "value": [1.0, 2.0, 3.0, 4.0]})
    band = pl.DataFrame({"year": [2019, 2020, 2021, 2022], "fit": [3.0] * 4, "low": [2.0] * 4, "high": [4.0] * 4})
    target = pl.DataFrame({"year": [2020, 2025], "value": [4.0, 9.0]})
    fig = trajectory_figure(series, target, band, "Share (%)")
    assert fig.layout.xaxis.categoryorder == "array"
    assert list(fig.layout.xaxis.categoryarray) == ["2017", "2018", "2019", "2020", "2021", "2022", "2025"]
