"""Load benchmark: N simulated browser tabs on real pages with real interactions, against one replica
or N replicas behind nginx, each result also as a ratio to a bare one-chart Streamlit page measured
in the same run. `python benchmarks/load.py --suite` runs every measurement issue 14 asks for and
prints the table for benchmarks/RESULTS.md (benchmarks/loadkit/suite.py); `--help` for one-off runs.

Each simulated user (benchmarks/loadkit/users.py) opens one page of the mix (Home, Compare, Profile,
Map, Floor standards, for Birmingham), then every 10 s (± 50%) changes one of the page's choices or,
one time in five, moves to another page of the mix. Every server is started fresh for each
measurement, its caches warmed by one tab per replica that visits every page of the mix (that tab
stays open), and stopped at the end. The bare page (benchmarks/bare_app.py) runs with Streamlit's
defaults (or --bare-variant), the dashboard with .streamlit/config.toml plus any --variant options.
Reported per run: p50/p95/p99 rerun latency (send → script finished), errors, reruns per second,
server CPU seconds per rerun and CPU % (all replicas), bytes per rerun, memory per extra session,
load average. It does not fetch static files or component iframes, click charts, or render.

`--replay` (benchmarks/loadkit/replay_run.py): record the dashboard's reruns, then measure the bare
page, benchmarks/replay_app.py (the same messages with no app work: a lower bound of Streamlit's own
cost for this content) and the dashboard, and report both ratios to the bare page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import urllib.parse
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.loadkit import replay_run, report, servers, suite  # noqa: E402
from benchmarks.loadkit.probe import Sampler  # noqa: E402
from benchmarks.loadkit.stats import memory_trend, ratios, summarise  # noqa: E402
from benchmarks.loadkit.tab import Rerun, Tab  # noqa: E402
from benchmarks.loadkit.users import Plan, Target, drive  # noqa: E402

COUNCIL = "E08000025"  # Birmingham: the largest council, so the heaviest pages
MIX = tuple(f"/{p}?council={COUNCIL}" for p in ("", "compare", "profile", "map", "floors"))
DASHBOARD = ROOT / "dashboard.py"
BARE = ROOT / "benchmarks" / "bare_app.py"


@dataclass(frozen=True)
class Scenario:
    sessions: int
    replicas: int = 1
    via: str = "direct"  # direct (one replica's own port) | nginx (deploy/nginx/dashboard.conf in front)
    duration: float = 90.0
    ramp: float = 20.0
    think: float = 10.0
    navigate: float = 0.2  # share of actions that move to another page of the mix
    server_port: int | None = None  # measure a server already running there (not started, warmed or stopped)
    seed: int = 1


async def _warm(reps: list[servers.Replica], paths: tuple[str, ...]) -> list[Tab]:
    """One tab per replica visits every page of the mix, so later users find the caches filled."""
    tabs = []
    for rep in reps:
        tab = Tab("127.0.0.1", rep.port, "", paths[0])
        await tab.open()
        await tab.rerun(Rerun(-1, "warm", "load"), first=True)
        for path in paths[1:]:
            if tab.go_to(urllib.parse.urlsplit(path).path.strip("/")):
                await tab.rerun(Rerun(-1, "warm", "navigate"))
        tabs.append(tab)
    return tabs


async def _measure(reps: list[servers.Replica], target: Target, paths: tuple[str, ...], sc: Scenario) -> dict[str, Any]:
    tabs = [] if sc.server_port else await _warm(reps, paths)
    await asyncio.sleep(3)  # let the warm-up's garbage be collected before the memory baseline
    sampler = Sampler([r.pid for r in reps])
    rss_warm = sampler.take((0, 1))[0].rss_mb
    stop = asyncio.Event()
    sampling = asyncio.create_task(sampler.run(stop))
    load_before = os.getloadavg()
    plan = Plan(paths, sc.sessions, sc.duration, sc.ramp, sc.think, navigate=sc.navigate, seed=sc.seed)
    out, t0 = await drive(target, plan)
    stop.set()
    await sampling
    for tab in tabs:
        await tab.close()
    window = (t0 + sc.ramp, t0 + sc.duration)
    result = summarise(out.reruns, sampler.samples, window, sc.sessions, rss_warm, len(out.connect_errors))
    result["loadavg_before"] = [round(x, 2) for x in load_before]
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    result["memory_trend"] = memory_trend(sampler.samples, t0 + min(sc.duration / 5, 120.0))
    result["connect_errors"] = out.connect_errors[:5]
    # Every rerun, for looking into a run (when it slowed, which page failed): kept out of the summary.
    result["reruns_detail"] = [
        [r.session, r.page, r.kind, round(r.t_send - t0, 3), r.latency_s and round(r.latency_s, 4), r.status, r.bytes]
        for r in out.reruns
    ]
    result["samples"] = [[round(s.t - t0, 2), round(s.cpu_s, 2), round(s.rss_mb, 1), s.load1] for s in sampler.samples]
    return result


def measure(script: Path, paths: tuple[str, ...], sc: Scenario, options: tuple[str, ...], log: Path) -> dict[str, Any]:
    """Fresh server(s), warm caches, N users, stopped servers: the summary of one measurement."""
    if sc.server_port:
        rep = servers.existing(sc.server_port)
        return asyncio.run(_measure([rep], Target("127.0.0.1", rep.port), paths, sc))
    with ExitStack() as stack:
        # The dashboard and its replay read the repository's .streamlit/config.toml; a bare page, its options.
        cwd = (
            ROOT
            if script in (DASHBOARD, replay_run.REPLAY_APP)
            else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        )
        reps = stack.enter_context(servers.replicas(script, sc.replicas, options, log, cwd))
        if sc.via == "nginx":
            port = stack.enter_context(servers.nginx([r.port for r in reps])).port
        elif sc.replicas == 1:
            port = reps[0].port
        else:
            raise SystemExit("more than one replica needs --via nginx")
        return asyncio.run(_measure(reps, Target("127.0.0.1", port), paths, sc))


def run_scenario(
    sc: Scenario,
    variants: dict[str, tuple[str, ...]],
    bares: dict[str, tuple[str, ...]],
    log: Path,
    others: dict[str, tuple[Path, tuple[str, ...]]] | None = None,
) -> dict[str, Any]:
    """Each bare-page variant, then each other app on the mix (the replay), then each dashboard
    variant, on fresh servers; ratios to every bare run."""
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    results: dict[str, Any] = {"scenario": asdict(sc), "started": started, "runs": {}}
    for name, options in bares.items():
        print(f"[{time.strftime('%H:%M:%S')}] {name}, {sc.sessions} sessions", file=sys.stderr, flush=True)
        results["runs"][name] = measure(BARE, ("/",), sc, options, log) | {"options": list(options)}
    apps = [(name, script, options) for name, (script, options) in (others or {}).items()]
    apps += [(f"dashboard {name}" if others else name, DASHBOARD, options) for name, options in variants.items()]
    for name, script, options in apps:
        print(f"[{time.strftime('%H:%M:%S')}] {name}, {sc.sessions} sessions", file=sys.stderr, flush=True)
        run = measure(script, MIX, sc, options, log) | {"options": list(options)}
        run["ratio_to"] = {bare: ratios(run, results["runs"][bare]) for bare in bares}
        results["runs"][name] = run
    return results


def parse_variants(values: list[str], default: str) -> dict[str, tuple[str, ...]]:
    """'name:--runner.postScriptGC=false,env:PYTHONPATH=/x' → name → server options and environment."""
    variants: dict[str, tuple[str, ...]] = {}
    for value in values or [default]:
        name, _, opts = value.partition(":")
        options = tuple(o for o in opts.split(",") if o)
        bad = [o for o in options if not (o.startswith(("--", "env:")) and "=" in o)]
        if bad or not name:
            raise SystemExit(f"--variant {value!r}: expected NAME:--section.key=value|env:NAME=value[,...]")
        variants[name] = options
    return variants


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sessions", type=int, nargs="+", default=[50], help="one measurement per count (1..500)")
    p.add_argument("--replicas", type=int, nargs="+", default=[1], help="one measurement per count (1..8)")
    p.add_argument("--via", choices=("direct", "nginx"), default="direct")
    p.add_argument("--duration", type=float, default=90.0, help="seconds from the first user's start (<= 3600)")
    p.add_argument("--ramp", type=float, default=20.0, help="users start evenly over this many seconds")
    p.add_argument("--think", type=float, default=10.0, help="mean seconds between a user's actions (±50%%)")
    p.add_argument("--navigate", type=float, default=0.2, help="share of actions that change page (default 0.2)")
    p.add_argument("--server-port", type=int, help="measure the dashboard already running on this port (no bare)")
    p.add_argument(
        "--variant", action="append", help="NAME:--section.key=value,... (repeatable; default: as configured)"
    )
    p.add_argument(
        "--bare-variant",
        action="append",
        help="NAME:options for the bare page (repeatable; default 'bare:', Streamlit's defaults)",
    )
    p.add_argument("--no-bare", action="store_true", help="skip the bare page (no ratios)")
    p.add_argument(
        "--replay",
        action="store_true",
        help="record the dashboard's reruns, then measure bare (project settings), replay and dashboard",
    )
    p.add_argument("--recording", type=Path, help="with --replay: use this recording instead of making one")
    p.add_argument("--suite", action="store_true", help="issue 14's measurements and targets table (loadkit/suite.py)")
    p.add_argument("--json", type=Path, help="append each scenario's results as one JSON line")
    p.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "dashboard-load-servers.log")
    a = p.parse_args(argv)
    ok = all(1 <= n <= 500 for n in a.sessions) and all(1 <= r <= 8 for r in a.replicas)
    if not ok or not 0 < a.duration <= 3600:
        p.error("sessions must be 1..500, duration (0, 3600] s, replicas 1..8")
    variants = parse_variants(a.variant, "as configured:")
    bare_default = suite.BARE if a.suite else "bare:"
    bares = {} if a.no_bare or a.server_port else parse_variants(a.bare_variant, bare_default)
    base = Scenario(
        sessions=1,
        via=a.via,
        duration=a.duration,
        ramp=min(a.ramp, a.duration / 2),
        think=a.think,
        navigate=a.navigate,
        server_port=a.server_port,
    )
    others = None
    if a.replay:  # recorded with the first measurement's own users, so the replay's tabs ask for those runs
        bares = parse_variants(a.bare_variant, suite.BARE)
        walk = Plan(MIX, a.sessions[0], base.duration, base.ramp, base.think, navigate=base.navigate, seed=base.seed)
        recording = replay_run.recording_for(a.recording, MIX, a.log, walk)
        others = {"replay": (replay_run.REPLAY_APP, replay_run.replay_options(recording))}
    errors, done = 0, []
    plan = suite.PLAN if a.suite else [(n, r, a.via) for r in a.replicas for n in a.sessions]
    for n, r, via in plan:
        results = run_scenario(replace(base, sessions=n, replicas=r, via=via), variants, bares, a.log, others)
        done.append(results)
        if a.json:
            with a.json.open("a") as f:
                f.write(json.dumps(results) + "\n")
        print(report.markdown(results), flush=True)
        errors += sum(run["errors"] for run in results["runs"].values())
    if a.suite:
        print(suite.targets(done), flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
