"""What a rerun of the dashboard sends, kept so a do-nothing app can send it again (issue 14's "why").

A `Recording` holds, for each page of the load mix (keyed by the page's script hash, the same in the
dashboard and in benchmarks/replay_app.py because Streamlit derives it from the url path), a few
`Variant`s: the widget values a simulated tab sent and the ForwardMsgs the dashboard's run answered
with (deltas, page info, page config; not the messages Streamlit makes itself for any app: new
session, navigation, script finished, status). Each message is kept serialised with its hash and
cacheable flag cleared, so the replaying server hashes it again and decides afresh whether the tab
has it cached, as the dashboard's server does.

Pure functions only (file format, choosing the variant for a rerun); benchmarks/loadkit/record.py
records, benchmarks/replay_app.py replays. Nothing here runs a server or touches the app's code.
"""

from __future__ import annotations

import base64
import gzip
import json
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Messages every Streamlit app's server makes for itself around a run: the replay's server makes its
# own, so recording them would send them twice.
SERVER_MADE = frozenset(
    {"new_session", "navigation", "script_finished", "session_status_changed", "page_profile", "session_event"}
)
FORMAT = 1


@dataclass(frozen=True)
class PageEntry:
    """One page of the dashboard's navigation, as the replay app must declare it."""

    url_path: str
    title: str
    icon: str
    default: bool
    script_hash: str


@dataclass(frozen=True)
class Variant:
    """One recorded rerun: the choice values the tab sent and the messages the run sent back."""

    sent: tuple[tuple[str, str], ...]  # (widget id or "?" + address parameter, value), sorted
    messages: tuple[bytes, ...]  # serialised ForwardMsgs, hash and cacheable cleared, in sending order
    label: str = ""  # what was done to get it ("load", "<widget id> = <value>"), for reading the file


@dataclass(frozen=True)
class Recording:
    pages: tuple[PageEntry, ...]
    variants: Mapping[str, tuple[Variant, ...]]  # page script hash → variants, the plain load first
    source: str = ""  # where and when it was recorded


def choose(variants: tuple[Variant, ...], sent: Mapping[str, str], previous: Variant | None = None) -> Variant:
    """The recorded run closest to this rerun, judged by what each changed from the page's plain load
    (the first variant; a parameter of the load's address that is missing counts as changed): most
    changed values agreeing exactly; failing that, most of the same things changed (another council,
    another measure: the same kind of page with new content, as the dashboard would send); then
    fewest changes this rerun did not make; then the first recorded, except that `previous` (the run
    sent last, when the tab has changed something since) gives way to the next equally close run, so
    a tab choosing one unrecorded option after another gets new content, not the same run again.
    `sent` holds choice values by widget id and the address's parameters as "?name" (query_pairs).
    A tab that changed two choices gets the run for one of them: the replay is close, not exact."""
    if not variants:
        raise ValueError("no variants recorded for this page")
    base = dict(variants[0].sent)

    def changes(pairs: Mapping[str, str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {k: v for k, v in pairs.items() if base.get(k) != v}
        return out | {k: None for k in base if k not in pairs}

    asked = changes(sent)

    def score(v: Variant) -> tuple[int, int, int]:
        changed = changes(dict(v.sent))
        exact = sum(1 for k, x in changed.items() if k in asked and asked[k] == x)
        # The same thing changed: both to some other value, or both dropped (another council is not
        # "no council").
        same = {k for k in changed.keys() & asked.keys() if (changed[k] is None) == (asked[k] is None)}
        return exact, len(same), -len(changed.keys() - same)

    scores = [score(v) for v in variants]
    tied = [v for v, s in zip(variants, scores, strict=True) if s == max(scores)]
    return tied[1] if previous is not None and len(tied) > 1 and tied[0] is previous else tied[0]


def query_pairs(query: str) -> list[tuple[str, str]]:
    """The address's parameters as ("?name", value), to sit beside widget ids in `sent`."""
    return [(f"?{k}", v) for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True)]


def by_url_path(rec: Recording) -> dict[str, tuple[Variant, ...]]:
    """url path ("" for the default page) → its variants: how the replay app finds a page's runs."""
    return {p.url_path: rec.variants[p.script_hash] for p in rec.pages if p.script_hash in rec.variants}


def string_values(states: Mapping[str, Any]) -> dict[str, str]:
    """Widget id → string value from Streamlit's incoming widget states (`Serialized` entries whose
    proto carries `string_value`, as a tab's selectbox and radio values do); anything else is left out."""
    out = {}
    for wid, state in states.items():
        proto = getattr(state, "value", None)
        which = getattr(proto, "WhichOneof", None)
        if which is not None and which("value") == "string_value":
            out[wid] = proto.string_value  # type: ignore[union-attr]
    return out


def message_kinds(variant: Variant) -> dict[str, int]:
    """How many messages of each kind a variant sends (deltas split by what they add), for checking."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    counts: dict[str, int] = {}
    for raw in variant.messages:
        msg = ForwardMsg.FromString(raw)
        kind = msg.WhichOneof("type") or "empty"
        if kind == "delta":
            kind = f"delta.{msg.delta.WhichOneof('type')}"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def to_dict(rec: Recording) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "source": rec.source,
        "pages": [vars(p) for p in rec.pages],
        "variants": {
            h: [
                {"label": v.label, "sent": [list(p) for p in v.sent], "messages": [_b64(m) for m in v.messages]}
                for v in vs
            ]
            for h, vs in rec.variants.items()
        },
    }


def from_dict(data: Mapping[str, Any]) -> Recording:
    if data.get("format") != FORMAT:
        raise ValueError(f"recording format {data.get('format')!r}, expected {FORMAT}")
    pages = tuple(PageEntry(**p) for p in data["pages"])
    variants = {
        h: tuple(
            Variant(
                sent=tuple((str(k), str(v)) for k, v in item["sent"]),
                messages=tuple(base64.b64decode(m) for m in item["messages"]),
                label=item.get("label", ""),
            )
            for item in items
        )
        for h, items in data["variants"].items()
    }
    return Recording(pages, variants, data.get("source", ""))


def save(rec: Recording, path: Path) -> None:
    """gzip'd JSON (a few MB of element protos become a few hundred KB)."""
    path.write_bytes(gzip.compress(json.dumps(to_dict(rec)).encode(), mtime=0))


def load(path: Path) -> Recording:
    return from_dict(json.loads(gzip.decompress(path.read_bytes())))


def sent_key(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(values))
