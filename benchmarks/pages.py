"""Benchmark the dashboard's pages: `python benchmarks/pages.py [--reruns 50] [--loads 7] [--repeats 3] [--pages …]`.

Three measurements on the real prepared store, printed as Markdown for benchmarks/RESULTS.md:
1. Server-side script time per page and per interaction, with Streamlit's AppTest (the script runs
   in-process, no network, AppTest's own bookkeeping included): one warm-up run (fills the caches),
   then >= 50 timed reruns; interactions alternate between two widget values so every rerun changes
   state. p50 / p95 in ms. Target: p95 <= 150 ms.
2. Bytes per interaction: `streamlit run dashboard.py` on 127.0.0.1 and Debian's Chromium via
   Playwright; the websocket frames received from the server are summed from just before the
   interaction until the script has finished and the socket has been quiet for a moment. Also the
   initial load of each page (informational). Target: <= 300 KB (1 KB = 1,000 bytes).
3. Browser time from `page.goto()` to the first visible Plotly chart, in a fresh browser context each
   time, for the dashboard and for a bare one-chart Streamlit app served in the same run; medians and
   the ratio dashboard / bare. Target: ratio <= 1.3.
`--pages` limits every measurement to the pages named (e.g. the ones a change touched); all by default.
`--server-only` takes measurement 1 alone (to interleave runs of two versions of the code in one session).
Every server started here is stopped in a `finally`; every wait is bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DASHBOARD = ROOT / "dashboard.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHART = "[data-testid='stPlotlyChart'] .main-svg"
BIRMINGHAM, LEEDS = "E08000025", "E08000035"
RERUN_P95_MS = 150.0
KB_PER_INTERACTION = 300.0
BROWSER_RATIO = 1.3
QUIET_S = 0.5  # the socket must be this quiet after the script finishes before bytes are read
WAIT_S = 60.0
LOAD_AT_START = " / ".join(f"{x:.1f}" for x in os.getloadavg())  # other work on the machine skews timings

BARE_APP = '''"""A bare one-chart Streamlit page: the browser-time baseline."""

import random

import plotly.graph_objects as go
import streamlit as st

st.title("Bare chart")
rng = random.Random(1)
xs = [rng.random() for _ in range(150)]
ys = [rng.random() for _ in range(150)]
st.plotly_chart(go.Figure(go.Scatter(x=xs, y=ys, mode="markers")))
'''


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ms(seconds: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    values = [s * 1000 for s in seconds]
    return statistics.median(values), statistics.quantiles(values, n=100, method="inclusive")[94]


# 1. Server-side script time (AppTest) ----------------------------------------------------------


@dataclass
class Case:
    label: str
    page: str
    params: dict[str, str] = field(default_factory=dict)
    widget: tuple[str, str] | None = None  # (kind, key), e.g. ("selectbox", "measure")
    values: tuple[object, object] | None = None  # alternated on each rerun


ONLY: set[str] = set()  # --pages: measure only these pages (empty: every page)


def wanted(page: str) -> bool:
    """Whether a page (a name such as 'map', a script path or a URL path) is measured in this run."""
    name = Path(page.split("?")[0]).stem or "home"
    return not ONLY or name in ONLY


def pages() -> list[str]:
    return sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.stem.startswith("_") and wanted(p.stem))


def apptest_cases() -> list[Case]:
    council = {"council": BIRMINGHAM}
    cases = [Case(f"page: {name}", f"pages/{name}.py", dict(council)) for name in pages()]
    cases += [
        Case(
            "compare: change measure",
            "pages/compare.py",
            dict(council),
            ("selectbox", "measure"),
            ("rereferral_pct", "cla_rate"),
        ),
        Case("compare: change council", "pages/compare.py", {}, ("selectbox", "council"), (LEEDS, BIRMINGHAM)),
        Case(
            "compare: benchmark England ↔ neighbours",
            "pages/compare.py",
            {**council, "measure": "rereferral_pct"},
            ("selectbox", "benchmark"),
            ("neighbours", "england"),
        ),
        Case(
            "map: colour by floor verdict ↔ value",
            "pages/map.py",
            {**council, "measure": "rereferral_pct"},
            ("radio", "colour"),
            ("floor_verdict", "value"),  # codes; the radio shows (and the address keeps) their labels
        ),
        Case(
            "floors: region North West ↔ all",
            "pages/floors.py",
            dict(council),
            ("selectbox", "region"),
            ("North West", "All regions"),
        ),
        Case(
            "progress: commitment re-referrals ↔ repeat plans",
            "pages/progress.py",
            dict(council),
            ("selectbox", "commitment"),
            ("fewer-rereferrals:rereferral_pct", "fewer-repeat-protection-plans:cpp_repeat_pct"),
        ),
        Case(
            "market: outcome placement moves ↔ re-referrals",
            "pages/market.py",
            dict(council),
            ("selectbox", "market_y"),
            ("placements_3plus", "rereferral_pct"),
        ),
        Case("providers: year 2019 ↔ 2025", "pages/providers.py", dict(council), ("selectbox", "year"), (2019, 2025)),
        Case(
            "reports: England ↔ the council",
            "pages/reports.py",
            dict(council),
            ("radio", "report_kind"),
            ("england", "council"),  # codes; the radio shows their labels
        ),
    ]
    return [case for case in cases if wanted(case.page)]


def _set_value(at: Any, case: Case, i: int) -> None:
    """The i-th alternation of the case's widget (nothing for a page without an interaction)."""
    if case.widget and case.values:
        kind, key = case.widget
        getattr(at, kind)(key=key).set_value(case.values[i % 2])


def _check(at: Any, case: Case, i: int) -> None:
    # dashboard.py turns a page's exception into st.error, so a broken page would time as "fast"
    if at.exception or at.error:
        problem = at.exception[0].value if at.exception else at.error[0].value
        raise RuntimeError(f"{case.label}: the page failed on rerun {i}: {problem}")


def time_case(case: Case, reruns: int) -> tuple[list[float], list[float], float]:
    """Timed reruns (wall and this process's CPU time), and the first run (cold caches: store,
    analyses and charts all computed). CPU time counts every thread of the process (the script's and
    Polars' pools) and hardly moves when other work shares the machine, which wall time does."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD), default_timeout=WAIT_S)
    for key, value in case.params.items():
        at.query_params[key] = value
    at.switch_page(case.page)
    started = time.perf_counter()
    at.run()  # warm-up: loads the store and fills the caches
    cold = time.perf_counter() - started
    for i in range(2 if case.widget else 0):  # warm both alternatives
        _set_value(at, case, i)
        at.run()
    times, cpu = [], []
    for i in range(reruns):
        _set_value(at, case, i)
        started, cpu_started = time.perf_counter(), time.process_time()
        at.run()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        _check(at, case, i)
    if case.widget and case.values:
        kind, key = case.widget
        shown = getattr(at, kind)(key=key).value
        if shown != case.values[(reruns - 1) % 2]:
            raise RuntimeError(f"{case.label}: widget {key} is {shown!r}, the interaction did not take")
    return times, cpu, cold


Server = list[tuple[str, float, float, float, float, float]]  # label, cold, p50, p95, CPU p50, CPU p95


def server_side(reruns: int) -> Server:
    import streamlit as st
    import streamlit.logger

    streamlit.logger.set_log_level("error")
    rows = []
    for case in apptest_cases():
        st.cache_data.clear()  # every case starts cold: the store is read again, nothing is computed yet
        st.cache_resource.clear()
        started = time.perf_counter()
        times, cpu, cold = time_case(case, reruns)
        (p50, p95), (cpu50, cpu95) = ms(times), ms(cpu)
        took = time.perf_counter() - started
        timing = f"cold {cold * 1000:.0f} ms, p50 {p50:.0f} ms, p95 {p95:.0f} ms, CPU p95 {cpu95:.0f} ms"
        log(f"  {case.label}: {timing} ({took:.0f} s)")
        rows.append((case.label, cold * 1000, p50, p95, cpu50, cpu95))
    return rows


# Servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(script: Path, cwd: Path) -> Iterator[str]:
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=output, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + WAIT_S
            while True:
                if proc.poll() is not None:
                    output.seek(0)
                    raise RuntimeError(f"streamlit exited with {proc.returncode}: {output.read()[-2000:]!r}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310 - our own http URL
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit did not answer at {url} within {WAIT_S:.0f} s")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


# 2. Bytes per interaction ----------------------------------------------------------------------


class Meter:
    """Sums websocket payload bytes received and notes when a script run has finished."""

    def __init__(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._msg = ForwardMsg
        self.reset()

    def reset(self) -> None:
        self.bytes = 0
        self.refs = 0  # messages the browser already holds, sent as a reference (ref_hash)
        self.finished = False
        self.last = time.monotonic()

    def attach(self, ws: Any) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.bytes += len(data)
        self.last = time.monotonic()
        try:
            msg = self._msg.FromString(data)
        except Exception:  # not a ForwardMsg: counted, not parsed
            return
        if msg.WhichOneof("type") == "ref_hash":
            self.refs += 1
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished != msg.FINISHED_EARLY_FOR_RERUN:
            self.finished = True

    def settle(self, page: Any) -> int:
        """Wait (bounded) until the run finished, no status widget shows and the socket is quiet."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright dispatch frame events
            idle = not page.query_selector("[data-testid='stStatusWidget']")
            if self.finished and idle and time.monotonic() - self.last >= QUIET_S:
                return self.bytes
        raise TimeoutError("the app did not finish within the time limit")


def choose(page: Any, label: str, text: str, option: str | None = None) -> None:
    """Pick from a Streamlit selectbox: click, type, then the exact option (or Enter for the first match)."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(text)
    if option:
        page.get_by_role("option", name=option, exact=True).click()
    else:
        box.press("Enter")


def radio(page: Any, group: str, option: str) -> None:
    page.locator("[data-testid='stRadio']").filter(has_text=group).get_by_text(option, exact=True).click()


def interactions() -> list[tuple[str, str, list[Callable[[Any], None]]]]:
    """(label, start path, two actions alternated)."""
    chosen = [
        (
            "compare: change measure",
            "compare?council=E08000025&measure=cla_rate",
            [lambda p: choose(p, "Measure", "Re-referrals"), lambda p: choose(p, "Measure", "Children looked after")],
        ),
        (
            "compare: change council",
            "compare?council=E08000025",
            [
                lambda p: choose(p, "Your council", "Leeds", "Leeds"),
                lambda p: choose(p, "Your council", "Birmingham", "Birmingham"),
            ],
        ),
        (
            "compare: benchmark England ↔ neighbours",
            "compare?council=E08000025&measure=rereferral_pct",
            [
                lambda p: choose(p, "Compare with", "Statistical", "Statistical neighbours (DfE 2025 model)"),
                lambda p: choose(p, "Compare with", "England", "England"),
            ],
        ),
        (
            "map: colour by floor verdict ↔ value",
            "map?council=E08000025&measure=rereferral_pct",
            [lambda p: radio(p, "Colour by", "Floor verdict"), lambda p: radio(p, "Colour by", "Value")],
        ),
        (
            "floors: region North West ↔ all",
            "floors?council=E08000025",
            [
                lambda p: choose(p, "Region", "North West", "North West"),
                lambda p: choose(p, "Region", "All regions", "All regions"),
            ],
        ),
    ]
    return [(label, path, actions) for label, path, actions in chosen if wanted(path)]


def page_paths() -> list[str]:
    paths = {"home": ""}  # Streamlit serves the default page at "/"
    return [paths.get(name, name) + "?council=E08000025" for name in pages()]


def bytes_sent(
    browser: Any, url: str, repeats: int
) -> tuple[list[tuple[str, float]], list[tuple[str, float, float, float]]]:
    loads, rows = [], []
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_S * 1000)
        meter = Meter()
        page.on("websocket", meter.attach)
        page.goto(f"{url}/")  # first visit to the server: not counted
        meter.settle(page)
        for path in page_paths():
            meter.reset()
            page.goto(f"{url}/{path}")
            loads.append((f"/{path}", meter.settle(page) / 1000))
            log(f"  load /{path}: {loads[-1][1]:.1f} KB")
        for label, path, actions in interactions():
            page.goto(f"{url}/{path}")
            meter.reset()
            meter.settle(page)
            page.wait_for_selector("h1")
            sizes, refs = [], []
            for i in range(2 * repeats):
                meter.reset()
                actions[i % 2](page)
                sizes.append(meter.settle(page) / 1000)
                refs.append(meter.refs)
            rows.append((label, sizes[0], statistics.median(sizes[1:]), max(sizes)))
            log(f"  {label}: {', '.join(f'{s:.1f}' for s in sizes)} KB; by-reference messages {refs}")
    finally:
        context.close()
    return loads, rows


# 3. Browser time to chart ----------------------------------------------------------------------


def time_to_chart(browser: Any, url: str) -> float:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_S * 1000)
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(CHART, state="visible", timeout=WAIT_S * 1000)
        return time.perf_counter() - started
    finally:
        context.close()


def browser_times(browser: Any, bare: str, dashboard: str, loads: int) -> dict[str, list[float]]:
    targets = {
        "bare one-chart app": f"{bare}/",
        "/compare?council=E08000025": f"{dashboard}/compare?council=E08000025",
        "/map?council=E08000025": f"{dashboard}/map?council=E08000025",
    }
    targets = {name: target for name, target in targets.items() if name.startswith("bare") or wanted(name[1:])}
    for target in targets.values():  # warm-up: first-visit costs on each server and page
        time_to_chart(browser, target)
    times: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(loads):  # interleaved, so drift affects every target alike
        for name, target in targets.items():
            times[name].append(time_to_chart(browser, target))
    for name, values in times.items():
        log(f"  {name}: median {statistics.median(values):.2f} s ({', '.join(f'{v:.2f}' for v in values)})")
    return times


# Report ----------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            ram = f", {int(line.split()[1]) / 1024**2:.0f} GiB RAM"
    import plotly
    import streamlit

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    tree = f"commit {head.strip() or '?'}" + (" plus uncommitted changes" if dirty.strip() else "")
    return (
        f"Code: {tree}. "
        f"Machine: {cpu}, {os.cpu_count()} cores{ram}, Linux {platform.release()}, Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, Plotly {plotly.__version__}, Chromium (Debian, headless). "
        f"Date: {dt.date.today().isoformat()}. Load average when the benchmark started: {LOAD_AT_START}."
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def browser_sections(
    loads_n: int,
    repeats: int,
    loads: list[tuple[str, float]],
    sent: list[tuple[str, float, float, float]],
    times: dict[str, list[float]],
) -> list[str]:
    """Measurements 2 and 3 as Markdown (none when the run was --server-only)."""
    if not times:
        return []
    out: list[str] = []
    out += [
        "",
        f"### Bytes sent per interaction (websocket payload received by Chromium, {2 * repeats} changes each)",
        "",
        "Counted from just before the change until the script has finished and the socket has been quiet",
        f"for {QUIET_S} s. 1 KB = 1,000 bytes. Static JavaScript and CSS (HTTP, cached) are not counted.",
        "The first change shows a view this browser has not seen; later changes alternate between two views",
        "already seen, for which Streamlit sends large unchanged messages as references to the browser's cache.",
        "",
        "| interaction | first change (KB) | later changes, median (KB) | max (KB) | target ≤ 300 KB |",
        "|---|---:|---:|---:|---|",
    ]
    out += [
        f"| {label} | {first:.1f} | {med:.1f} | {top:.1f} | {verdict(top <= KB_PER_INTERACTION)} |"
        for label, first, med, top in sent
    ]
    out += ["", "Initial page load over the websocket (informational, council E08000025):", ""]
    out += ["| page | KB |", "|---|---:|"] + [f"| `{path}` | {kb:.1f} |" for path, kb in loads]
    bare = statistics.median(times["bare one-chart app"])
    out += [
        "",
        f"### Browser time from navigation to chart visible ({loads_n} fresh loads each, medians)",
        "",
        "From the start of `page.goto()` to the first visible `[data-testid='stPlotlyChart'] .main-svg`, in a",
        "new browser context each time (so no HTTP cache), after one warm-up load per target; loads are",
        "interleaved. The baseline is a bare Streamlit page (a title and one 150-point Plotly scatter) served in",
        "the same run.",
        "",
        "| page | median (s) | min (s) | max (s) | ratio to bare | target ratio ≤ 1.3 |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, values in times.items():
        med = statistics.median(values)
        ok = "–" if name.startswith("bare") else verdict(med / bare <= BROWSER_RATIO)
        out.append(f"| {name} | {med:.2f} | {min(values):.2f} | {max(values):.2f} | {med / bare:.2f} | {ok} |")
    return out


def report(
    reruns: int,
    loads_n: int,
    repeats: int,
    server: Server,
    loads: list[tuple[str, float]],
    sent: list[tuple[str, float, float, float]],
    times: dict[str, list[float]],
    elapsed: float,
) -> str:
    out = ["## Pages (`python benchmarks/pages.py`)", "", machine(), f"Total benchmark time: {elapsed:.0f} s.", ""]
    out += [
        f"### Server-side script time (AppTest, warm caches, {reruns} reruns each)",
        "",
        "AppTest runs the script in-process (no network, no browser) and adds its own overhead: building",
        "and walking the element tree for each run. Interactions alternate between the two values shown.",
        "Every case starts with empty caches; its first run (informational) reads the store and computes",
        "and caches what the page needs, which the server then shares with every later visitor.",
        "",
        "CPU is this process's CPU time per rerun (all threads): a check on wall times taken on a busy machine.",
        "",
        "| page or interaction | first run, cold caches (ms) | p50 (ms) | p95 (ms) | CPU p50 (ms) | CPU p95 (ms) "
        "| target p95 ≤ 150 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    out += [
        f"| {label} | {cold:.0f} | {p50:.0f} | {p95:.0f} | {cpu50:.0f} | {cpu95:.0f} | {verdict(p95 <= RERUN_P95_MS)} |"
        for label, cold, p50, p95, cpu50, cpu95 in server
    ]
    out += browser_sections(loads_n, repeats, loads, sent, times)
    failed = [row[0] for row in server if row[3] > RERUN_P95_MS]
    failed += [label for label, _, _, top in sent if top > KB_PER_INTERACTION]
    bare = statistics.median(times["bare one-chart app"]) if times else 1.0
    failed += [n for n, v in times.items() if not n.startswith("bare") and statistics.median(v) / bare > BROWSER_RATIO]
    out += ["", f"**Overall: {'PASS' if not failed else 'FAIL (' + '; '.join(failed) + ')'}.**"]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=50, help="timed AppTest reruns per case (>= 50)")
    parser.add_argument("--loads", type=int, default=7, help="fresh browser loads per target")
    parser.add_argument("--repeats", type=int, default=3, help="each interaction is done 2 x this many times")
    parser.add_argument("--pages", nargs="*", default=[], help="measure only these pages (names as in pages/)")
    parser.add_argument("--server-only", action="store_true", help="only the server-side script time (AppTest)")
    args = parser.parse_args()
    ONLY.update(args.pages)
    if not CHROMIUM.exists():
        sys.exit("Debian chromium is not installed at /usr/bin/chromium (see the README's test command)")
    started = time.perf_counter()
    log("1/3 server-side script time (AppTest)")
    server = server_side(args.reruns)
    if args.server_only:
        print(report(args.reruns, 0, 0, server, [], [], {}, time.perf_counter() - started))
        return

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        bare_dir = Path(folder)
        (bare_dir / ".streamlit").mkdir()
        (bare_dir / ".streamlit" / "config.toml").write_text("[browser]\ngatherUsageStats = false\n")
        (bare_dir / "bare.py").write_text(BARE_APP)
        with (
            serve(DASHBOARD, ROOT) as dashboard,
            serve(bare_dir / "bare.py", bare_dir) as bare,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            try:
                log("2/3 bytes per interaction")
                loads, sent = bytes_sent(browser, dashboard, args.repeats)
                log("3/3 browser time to chart")
                times = browser_times(browser, bare, dashboard, args.loads)
            finally:
                browser.close()
    print(report(args.reruns, args.loads, args.repeats, server, loads, sent, times, time.perf_counter() - started))


if __name__ == "__main__":
    main()
