"""The replay app: the dashboard's pages with no app work, each run sending the messages a recorded
dashboard run sent (benchmarks/loadkit/replay.py, recorded by benchmarks/loadkit/record.py), so the
load client sees the same pages, widgets, elements and bytes. What it costs the server per rerun is
a LOWER bound of what Streamlit itself spends sending this content.

Why a lower bound: the recorded element protos are parsed from bytes and enqueued as they are, so
Streamlit builds no element protos (no `st.*` calls) and registers no widgets (the selectboxes and
radios the tab sees are not known to the server: their values arrive and are read, and dropped at
the end of the run as stale); it still hashes every message, checks the tab's cache, queues, serialises,
compresses and sends it, and runs its script runner, session and navigation as for any app.
The run is chosen by the page, the choice values and the address the tab sent (`replay.choose`).

Run by benchmarks/load.py --replay with REPLAY_RECORDING=<file>; benchmark only, never deployed.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.loadkit import replay


def _page(url_path: str) -> Callable[[], None]:
    def page() -> None:  # the page's own script does nothing: the entry script sends the run
        return None

    page.__name__ = f"replay_{url_path or 'home'}"
    return page


@st.cache_resource
def _prepared(path: str) -> tuple[tuple[st.Page, ...], dict[str, tuple[replay.Variant, ...]]]:
    """The recording's pages (built once and copied each run, as dashboard.py's are: see
    components/navigation.py) and its variants by url path: one cached call a run."""
    rec = replay.load(Path(path))
    pages = tuple(
        # The default page's address is "/" ("" in the recording); it is given the dashboard's own
        # name for it so the page's script hash is the same (the hash follows the url path).
        st.Page(_page(p.url_path), title=p.title, icon=p.icon or None, url_path=p.url_path or "home", default=p.default)
        for p in rec.pages
    )
    return pages, replay.by_url_path(rec)


def _copy(page: st.Page) -> st.Page:
    copy = object.__new__(type(page))
    copy.__dict__.update(page.__dict__)
    copy._can_be_called = False
    return copy


pages, by_path = _prepared(os.environ["REPLAY_RECORDING"])
nav = st.navigation([_copy(p) for p in pages], expanded=True)
ctx = get_script_run_ctx()
variants = by_path.get(nav.url_path)
if ctx is None or not variants:
    st.error("This page was not recorded.")  # counted as a failed rerun by the load client
else:
    sent = replay.string_values(ctx.session_state._state._new_widget_state.states)
    sent |= dict(replay.query_pairs(ctx.query_string))
    # The run sent last gives way to an equally close one when the tab has changed something since.
    last_sent, last = st.session_state.get("_replay_last", ({}, None))
    chosen = replay.choose(variants, sent, last if sent != last_sent else None)
    st.session_state["_replay_last"] = (sent, chosen)
    for raw in chosen.messages:
        ctx.enqueue(ForwardMsg.FromString(raw))
nav.run()
