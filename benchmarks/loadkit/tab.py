"""One simulated browser tab: one websocket, one Streamlit session, the messages a browser sends.

A rerun sends BackMsg.rerun_script (query string, page, widget values this tab has set, the hashes of
large messages it has cached) and is timed until the server's script_finished for that run. Like the
browser it keeps Streamlit's ForwardMsg cache (large cacheable messages stored by hash, expired after
max_cached_message_age runs), so the server sends references for unchanged charts and bytes match
a real tab. It does not fetch static assets or component iframes, click charts, or render anything.
Checked against the reference instrument in ../shared/tools/streamlit-load (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from benchmarks.loadkit.widgets import choice_widgets, choose_change, kept_on_navigation, synced
from benchmarks.loadkit.wire import BackMsg, ClientState, ForwardMsg, http_get, open_websocket

EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
ERROR_ALERT = 1  # streamlit.proto.Alert_pb2.Alert.ERROR


@dataclass
class Rerun:
    """One timed rerun as the user experiences it."""

    session: int
    page: str
    kind: str  # load | interact | navigate
    t_send: float = 0.0
    t_done: float | None = None
    status: str = "pending"  # ok | exception | timeout | disconnect | cache_miss | send_error
    detail: str = ""
    bytes: int = 0
    wire_bytes: int = 0
    run_id: str | None = None
    script_s: float | None = None  # Streamlit's own script time (page_profile; with gatherUsageStats on)
    elements: int = 0  # elements on the page once the run finished (new_element deltas by path)

    @property
    def latency_s(self) -> float | None:
        return None if self.t_done is None else self.t_done - self.t_send


@dataclass
class Tab:
    host: str
    port: int
    base: str
    path: str  # path and query, e.g. /compare?council=E08000025
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    ws: Any = None
    pending: Rerun | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)
    cache: dict[str, list[Any]] = field(default_factory=dict)  # hash -> [ForwardMsg, run it was last used]
    runs: int = 0
    max_age: int = 2
    elements: dict[tuple[int, ...], Any] = field(default_factory=dict)  # last finished run's elements
    building: dict[tuple[int, ...], Any] = field(default_factory=dict)
    widget_values: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page_script_hash
    page_hash: str = ""

    def __post_init__(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        self.page_name = split.path.strip("/")
        self.query = split.query
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """What a browser does: GET the page (keeping the load balancer's cookie), then the websocket."""
        for target in (self.path, "/_stcore/health", "/_stcore/host-config"):
            reply = await http_get(self.host, self.port, self.base + target, self.cookies, self.timeout)
            if reply.status != 200:
                raise RuntimeError(f"GET {target} -> HTTP {reply.status}")
        self.ws = await open_websocket(self.host, self.port, self.base, self.cookies, self.timeout)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(self.ws.close(code=1000), 6)
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    def choose_change(self, rng: random.Random) -> tuple[str, str] | None:
        """Change one random selectbox or radio of the last run to another option: (widget id, value)."""
        change = choose_change(self.elements, self.widget_values, self.query, rng)
        if change is None:
            return None
        wid, value, self.query = change
        self.widget_values[wid] = value
        return wid, value

    def go_to(self, url_path: str) -> bool:
        """Follow a navigation link as Chromium does: the next rerun asks for that page's script with
        an empty query string and the values of the sidebar's choices only (`kept_on_navigation`);
        the page then writes its own address (the council included) back."""
        target = self.pages.get(url_path)
        if target is None:
            return False
        self.page_hash = target
        self.query = ""
        self.widget_values = kept_on_navigation(self.elements, self.widget_values)
        return True

    async def rerun(self, rec: Rerun, first: bool = False) -> Rerun:
        cs = ClientState(query_string=self.query)
        if first or not self.page_hash:
            cs.page_name = self.page_name
        else:
            cs.page_script_hash = self.page_hash
        cs.widget_states.SetInParent()
        live = choice_widgets(self.elements)
        for wid, value in self.widget_values.items():
            if wid in live:
                cs.widget_states.widgets.add(id=wid, string_value=value)
        cs.cached_message_hashes.extend(self.cache)
        info = cs.context_info
        info.timezone, info.locale, info.url = "Europe/London", "en-GB", f"http://{self.host}:{self.port}{self.path}"
        self.done, self.pending = asyncio.Event(), rec
        wire0 = self.ws.wire_bytes_in
        rec.t_send = time.perf_counter()
        try:
            await self.ws.send(BackMsg(rerun_script=cs).SerializeToString())
        except Exception as e:  # any send failure is the user's error, recorded, not raised
            self._finish("send_error", repr(e))
        try:
            await asyncio.wait_for(self.done.wait(), self.timeout)
        except TimeoutError:
            self._finish("timeout", f"no script_finished within {self.timeout:.0f} s")
        rec.wire_bytes = self.ws.wire_bytes_in - wire0
        return rec

    def _finish(self, status: str, detail: str = "") -> None:
        rec, self.pending = self.pending, None
        if rec is not None and rec.t_done is None:
            rec.t_done, rec.status = time.perf_counter(), status
            rec.detail = rec.detail or detail
            self.done.set()

    async def _read(self) -> None:
        detail = "closed by server"
        try:
            async for raw in self.ws:
                self._on_message(raw)
        except Exception as e:  # a closed socket or a bad message ends this tab, never the run
            detail = repr(e)
        self._finish("disconnect", detail)

    def _on_message(self, raw: bytes) -> None:
        msg = ForwardMsg.FromString(raw)
        if self.pending is not None:
            self.pending.bytes += len(raw)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            entry = self.cache.get(msg.ref_hash)
            if entry is None:
                return self._finish("cache_miss", f"server referred to uncached message {msg.ref_hash}")
            entry[1] = self.runs
            msg = entry[0]
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = [msg, self.runs]
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            handler(msg)
        return None

    def _on_delta(self, msg: Any) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        el = msg.delta.new_element
        kind = el.WhichOneof("type") or "empty"
        self.building[tuple(msg.metadata.delta_path)] = (kind, el)
        if kind == "exception" and self.pending is not None:
            self.pending.detail = self.pending.detail or f"exception: {el.exception.message[:160]}"
        if failed_element(kind, el) and kind == "alert" and self.pending is not None:
            self.pending.detail = self.pending.detail or f"error message: {el.alert.body[:160]}"

    def _on_new_session(self, msg: Any) -> None:
        ns = msg.new_session
        self.page_hash = ns.page_script_hash or self.page_hash
        self.max_age = ns.config.max_cached_message_age or self.max_age
        self.building = {}
        if self.pending is not None:
            self.pending.run_id = msg.metadata.run.script_run_id

    def _on_navigation(self, msg: Any) -> None:
        nav = msg.navigation
        self.page_hash = nav.page_script_hash or self.page_hash
        self.pages = {p.url_pathname: p.page_script_hash for p in nav.app_pages}

    def _on_page_profile(self, msg: Any) -> None:
        if self.pending is not None:  # exec_time is in microseconds; st.rerun() runs add up
            self.pending.script_s = (self.pending.script_s or 0.0) + msg.page_profile.exec_time / 1e6

    def _on_page_info_changed(self, msg: Any) -> None:
        self.query = msg.page_info_changed.query_string

    def _on_script_finished(self, msg: Any) -> None:
        status = msg.script_finished
        if status != EARLY_FOR_RERUN:
            self.runs += 1
            self.cache = {h: e for h, e in self.cache.items() if self.runs - e[1] <= self.max_age}
        rec = self.pending
        if rec is None or (msg.metadata.run.script_run_id or rec.run_id) != rec.run_id:
            return  # the end of an older run
        if status == EARLY_FOR_RERUN:  # st.rerun(): the user waits for the run that follows
            rec.run_id = None
            return
        self.elements = self.building
        rec.elements = len(self.elements)
        self.widget_values = synced(self.elements, self.widget_values)
        exceptions = any(failed_element(kind, el) for kind, el in self.elements.values())
        self._finish("exception" if exceptions or status == COMPILE_ERROR else "ok")


def failed_element(kind: str, el: Any) -> bool:
    """A traceback, or an error message (`st.error`): the dashboard catches a failing page and shows a
    plain error instead of a traceback, and the load mix gives no bad input, so any error message is
    a failure of the run (an in-page failure must count as an error, not pass as a fast rerun)."""
    return kind == "exception" or (kind == "alert" and el.alert.format == ERROR_ALERT)
