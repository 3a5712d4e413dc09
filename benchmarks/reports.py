"""Benchmark the progress reports: `python benchmarks/reports.py [--repeat 3]`.

Each case runs the command line in a fresh Python process (so start-up and loading the store count):
1. one council report (Birmingham, E08000025) as HTML and as PDF;
2. the England report as PDF;
3. the whole batch, `--all`, of every current council as PDF into a temporary folder.
Prints a Markdown table to paste into benchmarks/RESULTS.md. Targets: one council report <= 10 s;
all councils <= 3 minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"council": 10.0, "all": 180.0}


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "accountability.report", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def cases(tmp: Path) -> list[tuple[str, str, list[str], float | None]]:
    """(label, kind, CLI arguments, target seconds)."""
    return [
        ("One council, HTML (E08000025)", "council", ["--council", "E08000025", "--out", str(tmp / "c.html")], 10.0),
        ("One council, PDF (E08000025)", "council", ["--council", "E08000025", "--out", str(tmp / "c.pdf")], 10.0),
        ("England, PDF", "england", ["--england", "--out", str(tmp / "england.pdf")], None),
        ("All current councils, PDF (`--all`)", "all", ["--all", "--out", str(tmp / "all"), "--format", "pdf"], 180.0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the median is reported")
    repeat = parser.parse_args().repeat
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for label, _, args, target in cases(tmp):
            runs = [timed(args) for _ in range(repeat)]
            seconds = statistics.median(runs)
            files = len(list((tmp / "all").glob("*.pdf"))) if "--all" in args else 1
            verdict = "" if target is None else ("met" if seconds <= target else "MISSED")
            rows.append((label, files, seconds, target, verdict))
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"Median of {repeat} run(s), each a fresh process (includes start-up and loading the store).\n")
    print("| case | reports | wall time (s) | target (s) | |")
    print("|---|---:|---:|---:|---|")
    for label, files, seconds, target, verdict in rows:
        print(f"| {label} | {files} | {seconds:.2f} | {'' if target is None else f'{target:.0f}'} | {verdict} |")


if __name__ == "__main__":
    main()
