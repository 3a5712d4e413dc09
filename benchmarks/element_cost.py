"""Streamlit's own cost per element and per kilobyte with the project's settings (issue 14's "why"):
the bare one-chart page, then the SYNTHETIC page benchmarks/element_cost_app.py with N markdown
elements sharing the same total bytes (N = 3, 10, 20, 40, 80 at 64 KB, about what a dashboard rerun
sends) and with the same N at other totals (8, 32, 128 KB at N = 20), each on a fresh server under
the load client (benchmarks/load.py's users, one page, choice changes only). A least-squares fit of
CPU per rerun = a + b × elements + c × KB over the synthetic runs gives the cost per element (b)
and per KB (c).

`python benchmarks/element_cost.py --sessions 30 --duration 40` prints the table for RESULTS.md.
Every byte is sent in full (no element repeats, so none goes as a cache reference). Benchmark only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import BARE, Scenario, measure, parse_variants  # noqa: E402
from benchmarks.loadkit import suite  # noqa: E402

APP = ROOT / "benchmarks" / "element_cost_app.py"
GRID = ((3, 64), (10, 64), (20, 64), (40, 64), (80, 64), (20, 8), (20, 32), (20, 128))


def fit(points: list[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    """Least squares of y = a + b·x1 + c·x2 over (x1, x2, y) points: (a, b, c), or None when the
    points do not pin all three down (fewer than 3, or x1 and x2 not varied independently)."""
    if len(points) < 3:
        return None
    # Normal equations (3 × 3), solved by Cramer's rule: small enough not to need NumPy.
    rows = [(1.0, x1, x2) for x1, x2, _ in points]
    m = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    v = [sum(r[i] * p[2] for r, p in zip(rows, points, strict=True)) for i in range(3)]

    def det(a: list[list[float]]) -> float:
        return (
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        )

    d = det(m)
    if abs(d) < 1e-9 * max(1.0, abs(m[1][1] * m[2][2])):
        return None
    out = []
    for k in range(3):
        mk = [[v[i] if j == k else m[i][j] for j in range(3)] for i in range(3)]
        out.append(det(mk) / d)
    return out[0], out[1], out[2]


def _row(name: str, run: dict[str, Any], bare_cpu: float | None) -> str:
    cpu = run.get("cpu_per_rerun_s")
    ratio = f"{cpu / bare_cpu:.1f}×" if cpu and bare_cpu else "–"
    cells = [
        name,
        f"{run.get('elements_per_rerun') or 0:.0f}",
        f"{(run.get('bytes_per_rerun') or 0) / 1000:.1f}",
        f"{(run.get('wire_bytes_per_rerun') or 0) / 1000:.1f}",
        f"{run['errors']} of {run['reruns']}",
        "–" if cpu is None else f"{cpu * 1000:.1f}",
        ratio,
        f"{run['load1_mean']:.1f}" if run.get("load1_mean") is not None else "–",
    ]
    return "| " + " | ".join(cells) + " |"


def table(runs: dict[str, dict[str, Any]]) -> str:
    bare_cpu = next(iter(runs.values())).get("cpu_per_rerun_s")
    lines = [
        "| page | elements per rerun | KB per rerun | KB on the wire | errors | CPU per rerun (ms) | : bare | load |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    lines += [_row(name, run, bare_cpu) for name, run in runs.items()]
    points = [
        (r["elements_per_rerun"], r["bytes_per_rerun"] / 1000, r["cpu_per_rerun_s"])
        for name, r in runs.items()
        if name.startswith("synthetic") and r.get("cpu_per_rerun_s") and r.get("elements_per_rerun")
    ]
    coef = fit(points)
    if coef:
        a, b, c = coef
        lines += ["", f"Fit over the synthetic runs: CPU per rerun ≈ {a * 1000:.2f} ms + {b * 1e6:.0f} µs × elements"]
        lines[-1] += f" + {c * 1e6:.0f} µs × KB"
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sessions", type=int, default=30)
    p.add_argument("--duration", type=float, default=40.0)
    p.add_argument("--think", type=float, default=3.0, help="mean seconds between a user's actions")
    p.add_argument("--grid", nargs="*", help="N:KB pairs (default: the grid in the docstring)")
    p.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "dashboard-load-servers.log")
    a = p.parse_args(argv)
    grid = [tuple(int(x) for x in g.split(":")) for g in a.grid] if a.grid else list(GRID)
    sc = Scenario(sessions=a.sessions, duration=a.duration, ramp=min(10.0, a.duration / 4), think=a.think)
    options = next(iter(parse_variants([], suite.BARE).values()))  # the project's settings, as flags
    runs: dict[str, dict[str, Any]] = {}
    print(f"[{time.strftime('%H:%M:%S')}] bare", file=sys.stderr, flush=True)
    runs["bare one-chart page"] = measure(BARE, ("/",), sc, options, a.log)
    for n, kb in grid:
        print(f"[{time.strftime('%H:%M:%S')}] N={n}, {kb} KB", file=sys.stderr, flush=True)
        runs[f"synthetic, {n} markdown, {kb} KB"] = measure(APP, (f"/?n={n}&kb={kb}",), sc, options, a.log)
    print(table(runs), flush=True)
    return 1 if any(r["errors"] for r in runs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
