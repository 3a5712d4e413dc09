"""The replay benchmark's pure pieces (benchmarks/loadkit/replay.py, record.py, benchmarks/element_cost.py)
on hand-built messages: choosing the recorded run for a rerun, reading the values a tab sent, the
recording file, what the recorder keeps of a run (only the last run's own messages, cache references
resolved), the choices it plans, and the per-element fit. Nothing here starts a server."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import Serialized, Value

from benchmarks.element_cost import fit
from benchmarks.loadkit.probe import Sample
from benchmarks.loadkit.record import RecordingTab, planned_changes, replayable, with_query
from benchmarks.loadkit.replay import (
    PageEntry,
    Recording,
    Variant,
    by_url_path,
    choose,
    from_dict,
    load,
    message_kinds,
    query_pairs,
    save,
    string_values,
    to_dict,
)
from benchmarks.loadkit.stats import summarise
from benchmarks.loadkit.tab import Rerun, Tab

LOAD = Variant((("?council", "B"),), (b"load",), "load")
MEASURE_A = Variant((("?council", "B"), ("m", "a")), (b"a",), "m = a")
MEASURE_B = Variant((("?council", "B"), ("m", "b")), (b"b",), "m = b")
PERIOD_X = Variant((("?council", "B"), ("p", "x")), (b"x",), "p = x")
COUNCIL_C = Variant((("?council", "C"), ("c", "Council C")), (b"c",), "c = Council C")
NO_COUNCIL = Variant((), (b"none",), "load without parameters")
VARIANTS = (LOAD, MEASURE_A, MEASURE_B, PERIOD_X, COUNCIL_C, NO_COUNCIL)


def test_choose_takes_the_exact_match_else_the_same_change_else_the_plain_load() -> None:
    assert choose(VARIANTS, {"?council": "B"}) is LOAD
    # The address lost its council (the page dropped it): the run recorded without one.
    assert choose(VARIANTS, {}) is NO_COUNCIL
    assert choose(VARIANTS, {"?measure": "a"}) is NO_COUNCIL
    assert choose(VARIANTS[:5], {}) is LOAD  # none recorded without: the plain load, not another council
    assert choose(VARIANTS, {"?council": "B", "m": "b"}) is MEASURE_B
    assert choose(VARIANTS, {"?council": "B", "p": "x"}) is PERIOD_X
    assert choose(VARIANTS, {"?council": "C", "c": "Council C"}) is COUNCIL_C
    # A value not recorded for a recorded widget: a run that changed that widget (the first of them).
    assert choose(VARIANTS, {"?council": "B", "m": "zzz"}) is MEASURE_A
    # A widget never recorded: the plain load, not some other widget's run.
    assert choose(VARIANTS, {"?council": "B", "other": "1"}) is LOAD
    # Moved to this page after choosing another council (the address keeps it, no widget values):
    # a run for another council, not the recorded council's load.
    assert choose(VARIANTS, {"?council": "D"}) is COUNCIL_C
    # Two changes: one of the matching runs, never the load.
    assert choose(VARIANTS, {"?council": "B", "m": "b", "p": "x"}) in (MEASURE_B, PERIOD_X)


def test_query_pairs_mark_address_parameters_apart_from_widget_ids() -> None:
    assert query_pairs("council=E1&measure=a+b&empty=") == [("?council", "E1"), ("?measure", "a b"), ("?empty", "")]
    assert query_pairs("") == []


def test_choose_gives_the_last_run_way_to_an_equally_close_one_only() -> None:
    # Another unrecorded measure after the last one: new content (the next run for that widget).
    assert choose(VARIANTS, {"?council": "B", "m": "yyy"}, previous=MEASURE_A) is MEASURE_B
    assert choose(VARIANTS, {"?council": "B", "m": "yyy"}, previous=MEASURE_B) is MEASURE_A
    # An exact match is never given up, and nothing else gives way.
    assert choose(VARIANTS, {"?council": "B", "m": "a"}, previous=MEASURE_A) is MEASURE_A
    assert choose(VARIANTS, {"?council": "B"}, previous=LOAD) is LOAD


def test_choose_refuses_a_page_with_nothing_recorded() -> None:
    with pytest.raises(ValueError, match="no variants"):
        choose((), {"m": "a"})


def test_string_values_reads_serialised_string_states_only() -> None:
    states = {
        "sel": Serialized(WidgetState(id="sel", string_value="Adults")),
        "num": Serialized(WidgetState(id="num", int_value=3)),
        "kept": Value("already deserialised"),
        "empty": Serialized(WidgetState(id="empty", string_value="")),
    }
    assert string_values(states) == {"sel": "Adults", "empty": ""}
    assert string_values({}) == {}


def _recording() -> Recording:
    pages = (
        PageEntry("", "Home", "🏠", True, "h-home"),
        PageEntry("compare", "Compare", "📊", False, "h-compare"),
        PageEntry("find", "Find", "🔎", False, "h-find"),  # not recorded
    )
    return Recording(pages, {"h-home": (LOAD,), "h-compare": VARIANTS}, "test")


def test_the_recording_file_round_trips_and_refuses_another_format(tmp_path: Path) -> None:
    rec = _recording()
    path = tmp_path / "rec.json.gz"
    save(rec, path)
    back = load(path)
    assert back.pages == rec.pages
    assert dict(back.variants) == dict(rec.variants)
    assert back.source == "test"
    data = to_dict(rec) | {"format": 99}
    with pytest.raises(ValueError, match="format 99"):
        from_dict(data)


def test_pages_are_found_by_url_path_and_unrecorded_pages_are_left_out() -> None:
    found = by_url_path(_recording())
    assert set(found) == {"", "compare"}
    assert found[""] == (LOAD,)
    assert found["compare"] == VARIANTS


def _delta(path: list[int], text: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.markdown.body = text
    msg.metadata.delta_path.extend(path)
    return msg


def test_replayable_clears_what_the_sending_server_works_out_and_keeps_the_place() -> None:
    msg = _delta([0, 3], "hello")
    msg.hash, msg.metadata.cacheable = "abc", True
    msg.metadata.run.script_run_id = "run-1"
    out = ForwardMsg.FromString(replayable(msg))
    assert out.hash == "" and not out.metadata.cacheable and not out.metadata.HasField("run")
    assert list(out.metadata.delta_path) == [0, 3]
    assert out.delta.new_element.markdown.body == "hello"
    assert msg.hash == "abc"  # the original is not changed


def _lifecycle(kind: str, run_id: str, status: int = 0) -> bytes:
    msg = ForwardMsg()
    if kind == "new_session":
        msg.new_session.page_script_hash = "h-compare"
    elif kind == "script_finished":
        msg.script_finished = status
    elif kind == "navigation":
        msg.navigation.app_pages.add(url_pathname="compare", page_script_hash="h-compare")
    msg.metadata.run.script_run_id = run_id
    return msg.SerializeToString()


def test_the_recording_tab_keeps_only_the_last_runs_own_messages_with_references_resolved() -> None:
    async def run() -> tuple[RecordingTab, Rerun]:
        tab = RecordingTab("127.0.0.1", 1, "", "/compare?council=E1")
        cached = _delta([0, 9], "a big chart")
        cached.hash, cached.metadata.cacheable = "H1", True
        tab.cache["H1"] = [cached, 0]
        rec = Rerun(0, "compare", "interact")
        tab.pending, tab.captured = rec, []
        first_run = [_lifecycle("new_session", "a"), _delta([0, 0], "dropped").SerializeToString()]
        first_run.append(_lifecycle("script_finished", "a", ForwardMsg.FINISHED_EARLY_FOR_RERUN))
        ref = ForwardMsg(ref_hash="H1")
        ref.metadata.delta_path.extend([0, 2])
        info = ForwardMsg()
        info.page_info_changed.query_string = "council=E1&measure=x"
        second_run = [_lifecycle("new_session", "b"), _lifecycle("navigation", "")]
        second_run += [_delta([0, 0], "kept").SerializeToString(), ref.SerializeToString(), info.SerializeToString()]
        second_run.append(_lifecycle("script_finished", "b", ForwardMsg.FINISHED_SUCCESSFULLY))
        for raw in first_run + second_run:
            tab._on_message(raw)
        return tab, rec

    tab, rec = asyncio.run(run())
    kinds = [m.WhichOneof("type") for m in tab.captured]
    assert kinds == ["delta", "delta", "page_info_changed"]  # no new_session, navigation, script_finished
    assert tab.captured[0].delta.new_element.markdown.body == "kept"
    resolved = tab.captured[1]
    assert resolved.delta.new_element.markdown.body == "a big chart"
    assert list(resolved.metadata.delta_path) == [0, 2]  # where the reference put it this time
    assert rec.status == "ok" and rec.elements == 2
    assert tab.navigation is not None and tab.navigation.app_pages[0].url_pathname == "compare"
    assert message_kinds(Variant((), tuple(replayable(m) for m in tab.captured))) == {
        "delta.new_element": 2,
        "page_info_changed": 1,
    }


def test_with_query_replaces_only_the_widgets_own_key() -> None:
    assert with_query("council=E1&measure=a", "measure", "b c") == "council=E1&measure=b+c"
    assert with_query("", "period", "2023-24") == "period=2023-24"


def _select(wid: str, options: list[str], default: int = 0, **kw: object) -> tuple[str, object]:
    msg = ForwardMsg()
    w = msg.delta.new_element.selectbox
    w.id, w.default = wid, default
    w.options.extend(options)
    for k, v in kw.items():
        setattr(w, k, v)
    return "selectbox", msg.delta.new_element


def test_planned_changes_spread_over_other_options_and_skip_what_cannot_change() -> None:
    elements = {
        (1, 0): _select("sidebar", ["s1", "s2"]),
        (0, 1): _select("measure", ["a", "b", "c", "d", "e", "f", "g"], default=2, query_param_key="measure"),
        (0, 2): _select("off", ["a", "b"], disabled=True),
        (0, 3): _select("in_form", ["a", "b"], form_id="f"),
        (0, 4): _select("single", ["only"]),
        (0, 5): ("markdown", ForwardMsg().delta.new_element),
    }
    plan = planned_changes(elements, widgets=5, options=3)  # type: ignore[arg-type]
    assert plan[:3] == [("measure", "a", "measure"), ("measure", "d", "measure"), ("measure", "f", "measure")]
    assert plan[3:] == [("sidebar", "s2", "")]  # main page first (by position), the shown value never
    assert planned_changes(elements, widgets=1, options=1) == [("measure", "a", "measure")]  # type: ignore[arg-type]
    assert planned_changes({}, widgets=3, options=3) == []


def test_fit_recovers_a_plane_and_refuses_what_does_not_pin_it_down() -> None:
    points = [(n, kb, 0.008 + 0.0001 * n + 0.00002 * kb) for n, kb in [(3, 64), (10, 64), (40, 64), (20, 8), (20, 128)]]
    a, b, c = fit(points) or (0.0, 0.0, 0.0)
    assert (a, b, c) == pytest.approx((0.008, 0.0001, 0.00002))
    assert fit(points[:2]) is None
    assert fit([(n, 64.0, 0.01 * n) for n in (3, 10, 40)]) is None  # KB never varied: c is not known


def test_summary_reports_elements_per_rerun_over_finished_runs() -> None:
    reruns = [
        Rerun(0, "p", "interact", t_send=t, t_done=t + 0.1, status="ok", elements=e) for t, e in [(1, 10), (2, 30)]
    ]
    reruns.append(Rerun(0, "p", "interact", t_send=3, t_done=3.1, status="timeout", elements=99))
    samples = [Sample(t, t * 0.1, 100.0, 0.0, 1.0, 50.0) for t in range(5)]
    out = summarise(reruns, samples, (0.0, 4.0), 1, 100.0, 0)
    assert out["elements_per_rerun"] == pytest.approx(20.0)


def test_a_recording_tab_keeps_each_finished_rerun_by_page_and_by_what_it_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_rerun(self: Tab, rec: Rerun, first: bool = False) -> Rerun:
        self.pending, self.done = rec, asyncio.Event()
        for raw in (_lifecycle("new_session", "r"), _delta([0, 0], "page").SerializeToString()):
            self._on_message(raw)
        self._on_message(_lifecycle("script_finished", "r", ForwardMsg.FINISHED_SUCCESSFULLY))
        return rec

    monkeypatch.setattr(Tab, "rerun", fake_rerun)

    async def run() -> RecordingTab:
        tab = RecordingTab("127.0.0.1", 1, "", "/compare?council=E1")
        tab.elements = {(0, 1): _select("m", ["a", "b"])}
        tab.widget_values = {"m": "b", "gone": "x"}  # "gone" is not on the page: not sent
        await tab.rerun(Rerun(0, "compare", "interact"))
        return tab

    tab = asyncio.run(run())
    assert len(tab.walk) == 1
    page_hash, variant = tab.walk[0]
    assert page_hash == "h-compare"
    assert variant.sent == (("?council", "E1"), ("m", "b"))
    assert message_kinds(variant) == {"delta.new_element": 1}
