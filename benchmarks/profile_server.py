"""Where a rerun's server time goes: `python benchmarks/profile_server.py [--sessions 20] [--duration 60]`.

Starts one dashboard replica (warmed like benchmarks/load.py), runs the same simulated users, and
samples the server with py-spy (the thread holding the GIL, 100 times a second, without stopping the
process: Python runs one thread at a time, so that is where the process's Python time goes; native
code that releases the GIL, such as Polars' engine, is under-counted). Each sample is put in one
category (SPECIFIC, then GENERIC below), and its share of samples is turned into CPU seconds per rerun
with the CPU time measured from /proc over the same run. Samples are also split by page script, and
by the innermost frame in app code or Streamlit ("hottest frames").
Pass --script to profile another entry script (e.g. a scratch copy with a change to try).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import MIX, _warm  # noqa: E402
from benchmarks.loadkit import servers  # noqa: E402
from benchmarks.loadkit.probe import cpu_seconds  # noqa: E402
from benchmarks.loadkit.users import Plan, Target, drive  # noqa: E402

# (category, pattern on a frame "function (file:line)"). SPECIFIC categories are tried in order and
# win if any frame of the stack matches (so JSON encoding inside Plotly code counts as serialisation);
# a stack with none of them goes to the GENERIC category of its innermost frame that matches one.
SPECIFIC = [
    ("after the run: garbage collection (runner.postScriptGC), cleanup", r"\._on_script_finished \("),
    ("Plotly figure → JSON (st.plotly_chart)", r"(to_json|to_plotly_json|plotly/io/_json|json/encoder|orjson)"),
    ("table → Arrow (st.dataframe, downloads)", r"(pyarrow/|dataframe_util|to_arrow|convert_anything)"),
    ("Excel / CSV downloads built each run", r"(xlsxwriter/|write_csv|write_excel)"),
    ("protobuf serialisation", r"(SerializeToString|ByteSize|google/protobuf)"),
    ("Plotly figure building and validation", r"\((plotly|_plotly_utils)/"),
]
GENERIC = [
    ("Polars queries", r"\(polars/"),
    ("app code (pages, components, accountability)", r"\((components|accountability)/|^<module> \(\w+\.py"),
    ("Streamlit script runner, elements, caching", r"\(streamlit/"),
]
EVENT_LOOP = "message handling: websocket, HTTP, forward-message queue (event loop)"
PAGE = re.compile(r"^<module> \((?:pages/)?(\w+)\.py:")  # py-spy names a page script by its file name


def classify(stack: list[str]) -> str:
    """The category of one sample; `stack` is outermost first, as py-spy writes it."""
    if any("_run_server_loop" in f or "uvicorn" in f or "starlette" in f for f in stack[:12]):
        return EVENT_LOOP
    for name, pattern in SPECIFIC:
        if any(re.search(pattern, frame) for frame in stack):
            return name
    for frame in reversed(stack):
        for name, pattern in GENERIC:
            if re.search(pattern, frame):
                return name
    return "other (Python runtime, threads, imports)"


def read_raw(path: Path) -> list[tuple[list[str], int]]:
    out = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit():
            out.append((stack.split(";"), int(count)))
    return out


def table(samples: list[tuple[list[str], int]], cpu_per_rerun: float) -> str:
    by_cat: collections.Counter[str] = collections.Counter()
    by_page: collections.Counter[str] = collections.Counter()
    for stack, n in samples:
        by_cat[classify(stack)] += n
        page = next((m.group(1) for f in stack if (m := PAGE.search(f)) and m.group(1) != "dashboard"), None)
        if page:
            by_page[page] += n
    total = sum(by_cat.values()) or 1
    lines = ["| where the server's CPU goes | share of samples | CPU s per rerun |", "|---|---:|---:|"]
    for name, n in by_cat.most_common():
        lines.append(f"| {name} | {100 * n / total:.1f}% | {cpu_per_rerun * n / total:.3f} |")
    lines += ["", "| page script (inclusive) | share of all samples |", "|---|---:|"]
    lines += [f"| {p} | {100 * n / total:.1f}% |" for p, n in by_page.most_common()]
    lines += ["", "| hottest frames below app code (innermost app or Streamlit frame) | share |", "|---|---:|"]
    lines += [f"| `{f}` | {100 * n / total:.1f}% |" for f, n in hotspots(samples).most_common(15)]
    return "\n".join(lines)


def hotspots(samples: list[tuple[list[str], int]]) -> collections.Counter[str]:
    """Samples by the innermost frame in app code or Streamlit's own modules: where the time is
    spent from the point of view of code we could change (or settings that change Streamlit)."""
    out: collections.Counter[str] = collections.Counter()
    mine = re.compile(r"\((components|accountability|streamlit)/|^<module> \(\w+\.py")
    for stack, n in samples:
        frame = next((f for f in reversed(stack) if mine.search(f)), stack[-1] if stack else "?")
        out[re.sub(r":\d+\)$", ")", frame)] += n
    return out


async def _load(rep: servers.Replica, sessions: int, duration: float, raw: Path) -> tuple[int, int, float]:
    """Warm the caches, then record with py-spy while the users run (so warm-up is not profiled)."""
    tabs = await _warm([rep], MIX)
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    cmd = [spy, "record", "--pid", str(rep.pid), "--rate", "100", "--nonblocking", "--gil", "--format", "raw"]
    cmd += ["--output", str(raw), "--duration", str(int(duration))]
    recorder = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu0 = cpu_seconds(rep.pid)
    try:
        plan = Plan(MIX, sessions, duration, ramp=min(10, duration / 4))
        out, _ = await drive(Target("127.0.0.1", rep.port), plan)
    finally:
        recorder.wait(timeout=duration + 60)
    cpu = cpu_seconds(rep.pid) - cpu0
    for tab in tabs:
        await tab.close()
    return len(out.reruns), sum(r.status != "ok" for r in out.reruns) + len(out.connect_errors), cpu


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--script", type=Path, default=ROOT / "dashboard.py")
    p.add_argument("--option", action="append", default=[], help="extra --section.key=value for the server")
    p.add_argument("--keep", type=Path, help="also save py-spy's raw stacks here")
    a = p.parse_args()
    script = a.script.resolve()
    with tempfile.TemporaryDirectory() as tmp, servers.replicas(script, 1, a.option, cwd=script.parent) as reps:
        raw = Path(tmp) / "stacks.txt"
        reruns, errors, cpu = asyncio.run(_load(reps[0], a.sessions, a.duration, raw))
        samples = read_raw(raw)
        if a.keep:
            shutil.copy(raw, a.keep)
    print(
        f"{a.sessions} sessions, {a.duration:.0f} s: {reruns} reruns ({errors} errors), "
        f"server CPU {cpu:.1f} s = {cpu / max(1, reruns):.3f} s/rerun"
    )
    print(table(samples, cpu / max(1, reruns)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
