"""The replay variant of the load benchmark (`python benchmarks/load.py --replay`): record what the
dashboard sends per rerun from a fresh dashboard server, then measure the bare page, the replay app
(benchmarks/replay_app.py, the same content with no app work) and the dashboard, each on fresh
servers with the same settings, and report replay/bare and dashboard/bare.

Also a per-page summary of a recording (elements and KB per run), to check the replay sends what
the dashboard sends. It starts only loopback servers and stops them (benchmarks/loadkit/servers.py).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.loadkit import servers
from benchmarks.loadkit.record import record
from benchmarks.loadkit.replay import Recording, Variant, load, message_kinds, save
from benchmarks.loadkit.users import Plan

ROOT = Path(__file__).resolve().parents[2]
REPLAY_APP = ROOT / "benchmarks" / "replay_app.py"


def record_dashboard(paths: Sequence[str], out: Path, log: Path, plan: Plan | None = None) -> Recording:
    """A fresh dashboard server (the repository's settings), every page of `paths` recorded (and the
    load run `plan`, if given), stopped."""
    with servers.replicas(ROOT / "dashboard.py", 1, (), log, ROOT) as reps:
        rec = asyncio.run(record("127.0.0.1", reps[0].port, paths, plan=plan))
    save(rec, out)
    return load(out)  # what the replay will read


def variant_size(v: Variant) -> tuple[int, int]:
    """(elements and blocks added, bytes of the messages) of one recorded run, as sent in full."""
    kinds = message_kinds(v)
    return kinds.get("delta.new_element", 0) + kinds.get("delta.add_block", 0), sum(len(m) for m in v.messages)


def summary(rec: Recording) -> list[dict[str, Any]]:
    """Per page: variants recorded, mean elements and KB per run (before the tab's cache saves any)."""
    names = {p.script_hash: p.url_path or "home" for p in rec.pages}
    rows = []
    for page_hash, variants in rec.variants.items():
        sizes = [variant_size(v) for v in variants]
        rows.append(
            {
                "page": names.get(page_hash, page_hash),
                "variants": len(variants),
                "elements": statistics.fmean(n for n, _ in sizes),
                "kb": statistics.fmean(b for _, b in sizes) / 1000,
            }
        )
    return rows


def summary_markdown(rec: Recording) -> str:
    lines = ["| page | variants recorded | elements + blocks per run (mean) | KB per run, uncached (mean) |"]
    lines.append("|---|---:|---:|---:|")
    lines += [f"| {r['page']} | {r['variants']} | {r['elements']:.1f} | {r['kb']:.1f} |" for r in summary(rec)]
    return "\n".join(lines) + "\n"


def replay_options(recording: Path) -> tuple[str, ...]:
    return (f"env:REPLAY_RECORDING={recording}",)


def recording_for(given: Path | None, paths: Sequence[str], log: Path, plan: Plan | None = None) -> Path:
    """The recording to replay: the one given if it exists, or a fresh one (saved there, or in the
    temporary folder) from a fresh dashboard server. Its per-page summary is printed either way."""
    if given is not None and given.exists():
        print(summary_markdown(load(given)), flush=True)
        return given
    out = given or Path(tempfile.gettempdir()) / "dashboard-replay.json.gz"
    print(f"[{time.strftime('%H:%M:%S')}] recording the dashboard's reruns to {out}", file=sys.stderr, flush=True)
    print(summary_markdown(record_dashboard(paths, out, log, plan)), flush=True)
    return out
