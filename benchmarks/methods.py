"""Benchmark the statistical methods pages share: `python benchmarks/methods.py [--repeat 5]`.

In one process, on the committed store (each case's median over `--repeat` runs, after one warm-up):
- baseline: reading the values table from disk (what every page does first), measured in the same run;
- the shared trend table for every council, measure and period, and its latest rows only (what the
  Trends page, watchlist and profile need), and the trend windows alone (the join they start from);
- progress trends for councils, regions and England (`progress.area_trends`);
- one funnel plot with the additive overdispersion adjustment (re-referrals 2024-25).
Prints a Markdown table to paste into benchmarks/RESULTS.md, with the load average at the start.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accountability import store  # noqa: E402  (the repository root is on the path only now)
from accountability.methods.funnel_plot import build_funnel  # noqa: E402
from accountability.methods.progress import area_trends  # noqa: E402
from accountability.methods.trends import recent_trends, trend_table, trend_windows  # noqa: E402

STORE = ROOT / "data" / "prepared"


def timed(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: Polars' thread pool and the expression caches
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per case; the median is reported")
    repeat = parser.parse_args().repeat
    load = os.getloadavg()
    values, measures = store.read_table(STORE, "values"), store.read_table(STORE, "measures")
    benchmarks = store.read_table(STORE, "benchmarks")
    keep = (pl.col("measure") == "rereferral_pct") & (pl.col("period") == "2024-25")
    england = benchmarks.filter(keep & (pl.col("area_type") == "england"))
    measure = measures.filter(pl.col("id") == "rereferral_pct")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("Baseline: read the values table", lambda: store.read_table(STORE, "values")),
        ("Trend windows (the join), every period", lambda: trend_windows(values, measures).collect()),
        ("Trend table, every council, measure and period", lambda: trend_table(values, measures)),
        ("Trend table, latest period only (recent_trends)", lambda: recent_trends(values, measures)),
        ("Progress trends: councils, regions, England", lambda: area_trends(values, measures, benchmarks)),
        ("Funnel plot, additive adjustment", lambda: build_funnel(values.filter(keep), england, measure)),
    ]
    rows = [(label, timed(run, repeat)) for label, run in cases]
    base = rows[0][1]
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, polars {pl.__version__}. Load average at start: "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}. Values rows: {values.height:,}.")  # fmt: skip
    print(f"Median of {repeat} runs after one warm-up, in one process.\n")
    print("| case | median (s) | × baseline |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.3f} | {seconds / base:.1f} |")


if __name__ == "__main__":
    main()
