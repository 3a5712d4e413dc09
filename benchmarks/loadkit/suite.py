"""The issue-14 suite: every measurement its targets need, and one table that says where each stands.

`python benchmarks/load.py --suite` runs, each on fresh servers with the bare page (given the
project's own settings, so the ratio is the app's own cost) measured just before the dashboard:
1, 50 and 200 sessions on one replica, 50 sessions through nginx on one and on two replicas, and 200 on two.
It prints each scenario's table (benchmarks/loadkit/report.py) and then the targets table below,
ready to paste into benchmarks/RESULTS.md. Not a soak: run `--sessions 50 --replicas 2 --via nginx
--duration 600 --no-bare` for that (its memory slope is printed for runs of 5 minutes or more).
"""

from __future__ import annotations

from typing import Any

PLAN: tuple[tuple[int, int, str], ...] = ((1, 1, "direct"), (50, 1, "direct"), (200, 1, "direct"))
PLAN += ((50, 1, "nginx"), (50, 2, "nginx"), (200, 2, "nginx"))
BARE = (
    "bare, project settings:--runner.postScriptGC=false,--server.enableWebsocketCompression=true,"
    "--server.fileWatcherType=none"
)
MAX_CPU_RATIO, MAX_P95_S, MAX_MB_PER_SESSION = 2.0, 1.0, 3.0


def _dashboard(results: dict[str, Any]) -> tuple[dict[str, Any], float | None]:
    """The dashboard's run (the last: bare pages are measured first) and its CPU ratio to the bare page."""
    run = list(results["runs"].values())[-1]
    ratio = next(iter((run.get("ratio_to") or {}).values()), {}).get("cpu_per_rerun_s")
    return run, ratio


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def targets(all_results: list[dict[str, Any]]) -> str:
    """One row per scenario: latency, errors, CPU per rerun against the bare page, memory per session."""
    lines = [
        "| sessions, replicas, via | p50 / p95 (s) | errors | CPU per rerun (s) : bare | ratio (≤ 2) "
        "| MB per extra session (≤ 3) | p95 ≤ 1 s and 0 errors | load avg (mean during) |",
        "|---|---|---|---|---:|---:|---|---:|",
    ]
    for results in all_results:
        sc, (run, ratio) = results["scenario"], _dashboard(results)
        bare = next((r for n, r in results["runs"].items() if "bare" in n), None)
        bare_cpu = f"{bare['cpu_per_rerun_s']:.3f}" if bare and bare.get("cpu_per_rerun_s") else "–"
        cpu = f"{run['cpu_per_rerun_s']:.3f} : {bare_cpu}" if run.get("cpu_per_rerun_s") else "–"
        ratio_cell = "–" if ratio is None else f"{ratio:.1f}× ({_verdict(ratio <= MAX_CPU_RATIO)})"
        mb = run.get("mb_per_session")
        mb_cell = "–" if mb is None or sc["sessions"] < 2 else f"{mb:.2f} ({_verdict(mb <= MAX_MB_PER_SESSION)})"
        latency_ok = run["errors"] == 0 and run["p95_s"] is not None and run["p95_s"] <= MAX_P95_S
        cells = [
            f"{sc['sessions']}, {sc['replicas']}, {sc['via']}",
            f"{run['p50_s']:.2f} / {run['p95_s']:.2f}" if run["p95_s"] is not None else "–",
            f"{run['errors']} of {run['reruns']}",
            cpu,
            ratio_cell,
            mb_cell,
            _verdict(latency_ok),
            f"{run['load1_mean']:.1f}" if run.get("load1_mean") is not None else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
