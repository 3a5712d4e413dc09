"""The load benchmark's arithmetic and bookkeeping (benchmarks/loadkit), on hand-built records:
percentiles, CPU per rerun over the steady window, memory per session, ratios to the bare page,
the soak's memory slope, and how profile samples are put in categories."""

from __future__ import annotations

import random
from typing import Any

import pytest

from benchmarks.loadkit.probe import Sample
from benchmarks.loadkit.stats import memory_trend, percentile, ratios, summarise
from benchmarks.loadkit.tab import Rerun
from benchmarks.loadkit.widgets import choose_change, kept_on_navigation, synced
from benchmarks.profile_server import EVENT_LOOP, classify


def _rerun(t_send: float, latency: float, status: str = "ok", kind: str = "interact") -> Rerun:
    return Rerun(
        session=0, page="compare", kind=kind, t_send=t_send, t_done=t_send + latency, status=status, bytes=1000
    )


def _sample(t: float, cpu: float, rss: float) -> Sample:
    return Sample(t=t, cpu_s=cpu, rss_mb=rss, client_cpu_s=0.0, load1=1.0, busy_pct=50.0)


def test_percentile_interpolates_and_handles_edges() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 100) == 5.0


def test_summary_counts_cpu_per_rerun_inside_the_steady_window_only() -> None:
    reruns = [_rerun(t, 0.2) for t in range(0, 20)]  # one rerun finishing each second, 0.2..19.2
    samples = [_sample(t, cpu=0.5 * t, rss=100 + t) for t in range(0, 21)]
    out = summarise(reruns, samples, window=(10.0, 20.0), sessions=5, rss_warm=100.0, connect_errors=0)
    # 10 reruns finish between samples at t=10 and t=20, during which the server used 5 CPU s.
    assert out["cpu_per_rerun_s"] == pytest.approx(0.5)
    assert out["server_cpu_pct"] == pytest.approx(50.0)
    assert out["rps"] == pytest.approx(1.0)
    assert out["mb_per_session"] == pytest.approx((115 - 100) / 5)  # median RSS in the window is 115
    assert out["errors"] == 0


def test_errors_are_counted_by_kind_and_failed_reruns_are_not_timed() -> None:
    reruns = [_rerun(0, 0.1), _rerun(1, 60.0, status="timeout"), _rerun(2, 0.3, status="exception")]
    reruns.append(_rerun(3, 0.2, kind="load"))
    out = summarise(reruns, [_sample(0, 0, 1), _sample(5, 1, 1)], (0.0, 5.0), 1, 1.0, connect_errors=2)
    assert out["errors"] == 4
    assert out["error_kinds"] == {"timeout": 1, "exception": 1, "connect_error": 2}
    assert out["max_s"] == pytest.approx(0.3)  # the timeout is an error, not a latency
    assert out["load"]["n"] == 1 and out["interact"]["n"] == 2


def test_ratios_divide_by_the_bare_page_and_skip_missing_values() -> None:
    app = {"p95_s": 1.0, "cpu_per_rerun_s": 0.3, "bytes_per_rerun": None, "mb_per_session": 2.0}
    bare = {"p95_s": 0.5, "cpu_per_rerun_s": 0.1, "bytes_per_rerun": 10.0, "mb_per_session": 0.0}
    out = ratios(app, bare)
    assert out["p95_s"] == pytest.approx(2.0) and out["cpu_per_rerun_s"] == pytest.approx(3.0)
    assert out["bytes_per_rerun"] is None and out["mb_per_session"] is None


@pytest.mark.parametrize(("growth", "expected"), [(0.0, 0.0), (0.1, 6.0), (-0.05, -3.0)])
def test_memory_trend_slope_in_mb_per_minute(growth: float, expected: float) -> None:
    samples = [_sample(t, 0, 300 + growth * t) for t in range(0, 600)]
    trend = memory_trend(samples, warm_from=120)
    assert trend["slope_mb_per_min"] == pytest.approx(expected, abs=1e-6)


def test_memory_trend_needs_enough_samples() -> None:
    assert memory_trend([_sample(t, 0, 1) for t in range(5)], 0)["slope_mb_per_min"] is None


@pytest.mark.parametrize(
    ("stack", "category"),
    [
        (["_bootstrap (threading.py:1)", "_run_server_loop (streamlit/web/bootstrap.py:1)"], EVENT_LOOP),
        (
            [
                "run (threading.py:1)",
                "ScriptRunner._on_script_finished (streamlit/runtime/scriptrunner/script_runner.py:1054)",
            ],
            "garbage",
        ),
        (["<module> (compare.py:3)", "filter (polars/dataframe/frame.py:9)"], "Polars"),
        (["<module> (map.py:3)", "to_json (plotly/io/_json.py:1)", "x (plotly/basedatatypes.py:1)"], "JSON"),
        (["<module> (map.py:3)", "__init__ (plotly/graph_objs/_scatter.py:1)"], "Plotly figure building"),
        (["<module> (home.py:1)", "f (accountability/methods/ranks.py:1)"], "app code"),
    ],
)
def test_profile_samples_fall_in_the_right_category(stack: list[str], category: str) -> None:
    assert category in classify(stack)


def _selectbox(wid: str, options: list[str], default: int = 0, query_key: str = "") -> tuple[str, Any]:
    from streamlit.proto.Element_pb2 import Element

    el = Element()
    el.selectbox.id = wid
    el.selectbox.options.extend(options)
    el.selectbox.default = default
    el.selectbox.query_param_key = query_key
    return "selectbox", el


def test_a_change_picks_another_option_and_writes_a_bound_widget_into_the_address() -> None:
    rng = random.Random(1)  # noqa: S311 (choosing a widget, not a secret)
    elements = {(0,): _selectbox("period", ["2022-23", "2023-24"], default=1, query_key="period")}
    change = choose_change(elements, {}, "council=E08000025&period=2023-24", rng)
    assert change == ("period", "2022-23", "council=E08000025&period=2022-23")  # the only other option
    assert choose_change({(0,): _selectbox("one", ["only"])}, {}, "", rng) is None


def test_values_follow_the_page_and_the_server() -> None:
    kind, el = _selectbox("measure", ["a", "b", "c"])
    el.selectbox.set_value = True
    el.selectbox.raw_value = "c"
    elements = {(0,): (kind, el)}
    # a value the server set replaces ours; a widget that left the page is forgotten
    assert synced(elements, {"measure": "b", "gone": "x"}) == {"measure": "c"}


def test_a_change_of_page_keeps_the_sidebars_choices_only_as_chromium_does() -> None:
    council = _selectbox("council", ["Birmingham", "Leeds"], default=0)  # never changed: still sent
    picture = _selectbox("picture", ["PNG", "SVG"], default=0)
    measure = _selectbox("measure", ["a", "b"], default=0)  # the page's own: dropped
    elements = {(1, 0): council, (1, 2): picture, (0, 3): measure}
    kept = kept_on_navigation(elements, {"picture": "SVG", "measure": "b"})
    assert kept == {"council": "Birmingham", "picture": "SVG"}
    _, set_by_server = council
    set_by_server.selectbox.set_value = True
    set_by_server.selectbox.raw_value = "Leeds"
    assert kept_on_navigation(elements, {})["council"] == "Leeds"


def _suite_run(cpu: float, p95: float, errors: int, mb: float, ratio: float | None) -> dict[str, Any]:
    run = {"p50_s": 0.1, "p95_s": p95, "errors": errors, "reruns": 400, "cpu_per_rerun_s": cpu}
    return run | {
        "mb_per_session": mb,
        "load1_mean": 3.0,
        "ratio_to": None if ratio is None else {"bare": {"cpu_per_rerun_s": ratio}},
    }


def test_the_suite_table_says_which_targets_each_scenario_meets() -> None:
    from benchmarks.loadkit.suite import targets

    def scenario(sessions: int, app: dict[str, Any]) -> dict[str, Any]:
        bare = _suite_run(0.01, 0.2, 0, 0.1, None)
        return {"scenario": {"sessions": sessions, "replicas": 1, "via": "direct"}, "runs": {"bare": bare, "app": app}}

    table = targets(
        [scenario(50, _suite_run(0.019, 0.9, 0, 1.2, 1.9)), scenario(50, _suite_run(0.05, 1.2, 1, 3.5, 5.0))]
    )
    met, missed = table.strip().splitlines()[2:]
    assert "0.019 : 0.010" in met and "1.9× (met)" in met and "1.20 (met)" in met and met.count("**not met**") == 0
    assert "5.0× (**not met**)" in missed and "3.50 (**not met**)" in missed and "1 of 400" in missed
    assert missed.count("**not met**") == 3  # CPU, memory, and p95 with an error


def test_an_error_message_or_traceback_in_the_page_is_a_failed_rerun() -> None:
    from streamlit.proto.Element_pb2 import Element

    from benchmarks.loadkit.tab import failed_element

    def alert(fmt: int) -> Element:
        el = Element()
        el.alert.body, el.alert.format = "Sorry, this page could not be shown", fmt
        return el

    traceback = Element()
    traceback.exception.message = "boom"
    assert failed_element("exception", traceback)
    assert failed_element("alert", alert(1))  # st.error: the dashboard's last-resort message
    assert not failed_element("alert", alert(2)) and not failed_element("alert", alert(3))  # warning, info
    assert not failed_element("markdown", Element())
