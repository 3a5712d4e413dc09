"""Record what the dashboard sends per rerun, for benchmarks/replay_app.py (benchmarks/loadkit/replay.py
holds the format). A `RecordingTab` is the load client's tab (benchmarks/loadkit/tab.py) that also
keeps every ForwardMsg of the run a rerun waits for, with references to cached messages resolved to
the message itself (the replaying server decides afresh what the tab has cached).

For each page of the mix: a fresh tab's first load, then, for up to `widgets` choice widgets
(selectbox, radio) and up to `options` other options each, a fresh tab that loads and changes that
one choice (as a user would, the address too for a query-bound widget). A fresh tab for each keeps
one variant from leaking into the next through the server's session state. Then, given a load plan,
the load run itself (`record_walk`): every rerun its users make, kept by page and by what the tab
sent (choice values and address). The load client's users are seeded, so a replay measured with the
same plan sees the same tabs ask for the same runs, history included (the dashboard drops the council
from some addresses after some choices, which no fresh tab shows). It drives a server that is
already running; it starts nothing.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Sequence
from typing import Any

from benchmarks.loadkit.replay import SERVER_MADE, PageEntry, Recording, Variant, query_pairs, sent_key
from benchmarks.loadkit.tab import Rerun, Tab
from benchmarks.loadkit.users import Plan, Target, drive
from benchmarks.loadkit.widgets import choice_widgets
from benchmarks.loadkit.wire import ForwardMsg


def replayable(msg: Any) -> bytes:
    """The message with what the sending server works out (hash, cacheable) cleared."""
    out = ForwardMsg()
    out.CopyFrom(msg)
    out.hash = ""
    out.metadata.cacheable = False
    out.metadata.ClearField("run")
    return out.SerializeToString()


class RecordingTab(Tab):
    """A tab that keeps the messages of the run its pending rerun ends with."""

    captured: list[Any]
    navigation: Any = None
    sent_query = ""  # the address's query the last rerun sent
    walk: list[tuple[str, Variant]]  # (page script hash, run) for every finished rerun, in order

    async def rerun(self, rec: Rerun, first: bool = False) -> Rerun:
        live = choice_widgets(self.elements)
        sent = [(w, v) for w, v in self.widget_values.items() if w in live]  # what Tab.rerun sends
        self.captured, self.sent_query = [], self.query
        done = await super().rerun(rec, first)
        if done.status == "ok":
            key = sent_key(sent + query_pairs(self.sent_query))
            self.walk = getattr(self, "walk", [])
            self.walk.append((self.page_hash, Variant(key, tuple(replayable(m) for m in self.captured), "walk")))
        return done

    def _on_message(self, raw: bytes) -> None:
        if self.pending is not None:
            msg = ForwardMsg.FromString(raw)
            if msg.WhichOneof("type") == "ref_hash" and msg.ref_hash in self.cache:
                full = ForwardMsg()
                full.CopyFrom(self.cache[msg.ref_hash][0])
                full.metadata.CopyFrom(msg.metadata)  # where it goes this time
                msg = full
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts (again, after st.rerun): keep only the last one
                self.captured = []
            elif kind not in SERVER_MADE:
                self.captured.append(msg)
        super()._on_message(raw)

    def _on_navigation(self, msg: Any) -> None:
        self.navigation = msg.navigation
        super()._on_navigation(msg)


def with_query(query: str, key: str, value: str) -> str:
    """The address's query after a query-bound widget changes (as the frontend writes it)."""
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    return urllib.parse.urlencode([(k, v) for k, v in pairs if k != key] + [(key, value)])


def planned_changes(elements: dict[tuple[int, ...], Any], widgets: int, options: int) -> list[tuple[str, str, str]]:
    """(widget id, new value, query key or "") for the first `widgets` choice widgets (by position on
    the page) and up to `options` options other than the shown one, spread over the list."""
    out = []
    seen: set[str] = set()
    for path in sorted(elements):
        kind, el = elements[path]
        if kind not in ("selectbox", "radio"):
            continue
        w = getattr(el, kind)
        if w.id in seen or w.disabled or w.form_id or len(w.options) < 2:
            continue
        seen.add(w.id)
        shown = w.options[w.default] if w.HasField("default") and 0 <= w.default < len(w.options) else None
        others = [o for o in w.options if o != shown]
        step = max(1, len(others) // options)
        out += [(w.id, o, w.query_param_key) for o in others[::step][:options]]
        if len(seen) >= widgets:
            break
    return out


def _pages(nav: Any) -> tuple[PageEntry, ...]:
    return tuple(
        PageEntry(p.url_pathname, p.page_name, p.icon.removeprefix("emoji:"), p.is_default, p.page_script_hash)
        for p in nav.app_pages
    )


async def _one(host: str, port: int, path: str, change: tuple[str, str, str] | None) -> RecordingTab:
    tab = RecordingTab(host, port, "", path)
    await tab.open()
    try:
        first = await tab.rerun(Rerun(-1, path, "load"), first=True)
        if first.status != "ok":
            raise RuntimeError(f"recording {path}: the load failed ({first.status}: {first.detail})")
        if change is not None:
            wid, value, key = change
            tab.widget_values[wid] = value
            if key:
                tab.query = with_query(tab.query, key, value)
            again = await tab.rerun(Rerun(-1, path, "interact"))
            if again.status != "ok":
                raise RuntimeError(f"recording {path}, {wid} = {value}: {again.status}: {again.detail}")
    finally:
        await tab.close()
    return tab


async def record_walk(host: str, port: int, plan: Plan) -> dict[str, list[Variant]]:
    """The load run `plan` itself, every rerun kept by page and by what it sent (the first of each):
    run again with the same plan (same seeds), the replay's tabs ask for these very runs."""
    tabs: list[RecordingTab] = []

    def make_tab(*args: Any, **kwargs: Any) -> RecordingTab:
        tabs.append(RecordingTab(*args, **kwargs))
        return tabs[-1]

    await drive(Target(host, port), plan, make_tab=make_tab)
    out: dict[str, list[Variant]] = {}
    for tab in tabs:
        for page_hash, variant in getattr(tab, "walk", []):
            kept = out.setdefault(page_hash, [])
            if all(v.sent != variant.sent for v in kept):
                kept.append(variant)
    return out


async def record(
    host: str, port: int, paths: Sequence[str], widgets: int = 12, options: int = 3, plan: Plan | None = None
) -> Recording:
    """Every page of `paths` and a few choices each, from the server at host:port; then, given a load
    plan, that load run's own reruns after them (the plain load stays first: `choose` measures
    changes from it)."""
    variants: dict[str, tuple[Variant, ...]] = {}
    pages: tuple[PageEntry, ...] = ()
    for path in paths:
        tab = await _one(host, port, path, None)
        pages = pages or _pages(tab.navigation)
        found = [Variant(sent_key(query_pairs(tab.sent_query)), tuple(replayable(m) for m in tab.captured), "load")]
        for change in planned_changes(tab.elements, widgets, options):
            again = await _one(host, port, path, change)
            sent = sent_key([change[:2], *query_pairs(again.sent_query)])  # a fresh tab sends only that value
            found.append(Variant(sent, tuple(replayable(m) for m in again.captured), f"{change[0]} = {change[1]}"))
        bare_path = urllib.parse.urlsplit(path).path
        if bare_path != path:  # the page without its address's parameters (no council), as a tab
            plain = await _one(host, port, bare_path, None)  # may reach it after the page drops them
            found.append(Variant((), tuple(replayable(m) for m in plain.captured), "load without parameters"))
        variants[tab.page_hash] = tuple(found)
    if plan is not None:
        for page_hash, walked in (await record_walk(host, port, plan)).items():
            if page_hash in variants:  # pages outside the mix (none in it) are left out
                known = {v.sent for v in variants[page_hash]}
                variants[page_hash] += tuple(v for v in walked if v.sent not in known)
    source = f"{host}:{port}, {time.strftime('%Y-%m-%d %H:%M:%S')}, paths {', '.join(paths)}"
    return Recording(pages, variants, source)
