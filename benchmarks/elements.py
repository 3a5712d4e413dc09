"""Elements (deltas) and bytes a page sends per rerun: `python benchmarks/elements.py [--pages home floors]`.

Each page is run with AppTest for a chosen council (Birmingham), then rerun once with nothing changed;
every message the rerun enqueues is counted: deltas by kind (elements, blocks such as containers and
expanders) and their serialised size (`ByteSize`, before Streamlit's message cache replaces a large
repeated message, e.g. a chart, by a reference on a live connection). Widgets are counted among
elements and also on their own, as each is registered on every run. Optional `--open` opens the page's
state-tracking expanders first (through their session-state keys, as AppTest can). Nothing here is a
test; the numbers go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.runtime.forward_msg_queue import ForwardMsgQueue  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

COUNCIL = "E08000025"  # Birmingham: 19 things need attention (15 in "more"), and strengths
PAGES = {
    "home": None,
    "floors": "pages/floors.py",
    "compare": "pages/compare.py",
    "profile": "pages/profile.py",
    "map": "pages/map.py",
}
# The expanders that render their contents only when open (key: the session-state key that opens it)
OPEN_KEYS = {
    "home": ("attention_more", "attention_strengths"),
    "profile": ("attention_more", "attention_strengths"),
    "floors": ("what_if_open",),
}
WIDGETS = {
    "button",
    "checkbox",
    "number_input",
    "selectbox",
    "multiselect",
    "radio",
    "text_input",
    "download_button",
    "slider",
    "toggle",
    "segmented_control",
    "button_group",
    "arrow_data_frame",
}
_counted: Counter[str] = Counter()
_original = ForwardMsgQueue.enqueue


def _counting(self: ForwardMsgQueue, msg: Any) -> None:
    if msg.WhichOneof("type") == "delta":
        kind = msg.delta.WhichOneof("type")
        element = msg.delta.new_element.WhichOneof("type") if kind == "new_element" else kind
        _counted["deltas"] += 1
        _counted["bytes"] += msg.ByteSize()
        _counted[f"kind:{element}"] += 1
        if element in WIDGETS and element != "arrow_data_frame":
            _counted["widgets"] += 1
    _original(self, msg)


def count(page: str, opened: bool) -> Counter[str]:
    """The deltas, bytes and kinds the page's rerun sends."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["council"] = COUNCIL
    if PAGES[page]:
        at.switch_page(str(PAGES[page]))
    at.run()
    if opened:
        for key in OPEN_KEYS.get(page, ()):
            at.session_state[key] = True
        at.run()
    _counted.clear()
    ForwardMsgQueue.enqueue = _counting  # type: ignore[method-assign]
    try:
        at.run()
    finally:
        ForwardMsgQueue.enqueue = _original  # type: ignore[method-assign]
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    return Counter(_counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", nargs="*", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--open", action="store_true", help="open the lazy expanders first")
    parser.add_argument("--kinds", action="store_true", help="also list deltas by kind")
    args = parser.parse_args()
    print("| page | deltas | of which widgets | page links | blocks | bytes |")
    print("|---|---:|---:|---:|---:|---:|")
    for page in args.pages:
        c = count(page, args.open)
        row = (c["deltas"], c["widgets"], c["kind:page_link"], c["kind:add_block"], f"{c['bytes']:,}")
        print(f"| {page} | " + " | ".join(str(v) for v in row) + " |")
        if args.kinds:
            print("  ", sorted(((k[5:], n) for k, n in c.items() if k.startswith("kind:")), key=lambda x: -x[1]))


if __name__ == "__main__":
    main()
