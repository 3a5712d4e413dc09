"""Benchmark the pipeline: `python benchmarks/prepare.py [--repeat 3]`.

Measures wall time and peak memory (max RSS of a fresh process per case) of
1. the full prepare on the real raw folder (read every published file, assemble, check, write),
2. the ASCOF 2024-25 workbook reader alone (its share of the full prepare), and
3. the transform stage alone (intervals, checks, sorted parquet write) on the real values table and
   on SYNTHETIC inputs 10x and 100x its size. The synthetic rows are copies of the real rows under
   made-up period labels ("synthetic-<k>-<period>"); they exist only for this benchmark and are never
   written to the store.
Prints a Markdown table to paste into benchmarks/RESULTS.md. Targets: full prepare <= 5 s and
<= 1 GB peak; transform cost growing no worse than linearly with rows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """User + system CPU seconds of this process so far: less sensitive than wall time to other
    processes on a shared machine (wall time waits for a core; CPU time does not)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def case_full() -> dict[str, float]:
    from accountability import prepare, store
    from accountability.settings import Settings

    started, cpu = time.perf_counter(), _cpu_s()
    tables = prepare.build(Settings(_env_file=None).raw_dir, quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        store.write_store(tables, Path(tmp) / "prepared")
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu_s() - cpu,
        "peak_mb": _peak_mb(),
        "rows": tables["values"].height,
    }


def case_providers() -> dict[str, float]:
    """Every provider and market file: Ofsted registers 2015-2025, joiners/leavers, panels, adult split."""
    from accountability.methods import market
    from accountability.settings import Settings
    from accountability.sources import asc_provision, lookups, market_panels, ofsted_providers
    from accountability.sources.harmonise import fold_councils

    raw_dir = Settings(_env_file=None).raw_dir
    started, cpu = time.perf_counter(), _cpu_s()
    providers = ofsted_providers.read(raw_dir).tables["providers"]
    market_panels.read(raw_dir)
    asc_provision.read(raw_dir)
    market.as_published_tables(providers, fold_councils(lookups.read(raw_dir).tables["councils"]))
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu_s() - cpu,
        "peak_mb": _peak_mb(),
        "rows": providers.height,
    }


def case_workbook() -> dict[str, float]:
    """The ASCOF 2024-25 workbook: every table sheet of the .ods, read and checked (rows: records kept)."""
    from accountability.settings import Settings
    from accountability.sources import ascof_2025

    started, cpu = time.perf_counter(), _cpu_s()
    out = ascof_2025.read(Settings(_env_file=None).raw_dir)
    rows = out.values.height + out.benchmarks.height
    return {"seconds": time.perf_counter() - started, "cpu": _cpu_s() - cpu, "peak_mb": _peak_mb(), "rows": rows}


def case_transform(scale: int) -> dict[str, float]:
    import polars as pl

    from accountability import prepare, store
    from accountability.prepare import validate
    from accountability.settings import Settings

    raw_dir = Settings(_env_file=None).raw_dir
    outputs = [(label, reader(raw_dir)) for label, reader in prepare.READERS]
    if scale > 1:  # SYNTHETIC: copies of the real rows under invented period labels
        for _, out in outputs:
            copies = [
                out.values.with_columns(period=pl.lit(f"synthetic-{k}-") + pl.col("period")) for k in range(scale)
            ]
            out.values = pl.concat(copies)
    started, cpu = time.perf_counter(), _cpu_s()
    tables = prepare.assemble(outputs, raw_dir)
    validate.run_checks(tables)
    with tempfile.TemporaryDirectory() as tmp:
        store.write_store(tables, Path(tmp) / "prepared")
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu_s() - cpu,
        "peak_mb": _peak_mb(),
        "rows": tables["values"].height,
    }


def _run_isolated(case: str, scale: int) -> dict[str, float]:
    code = (
        "import json, sys; sys.path.insert(0, 'benchmarks'); import prepare as b; "
        f"c = {case!r}; print(json.dumps(b.case_full() if c == 'full' else "
        f"b.case_providers() if c == 'providers' else b.case_workbook() if c == 'workbook' else "
        f"b.case_transform({scale})))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is reported")
    parser.add_argument("--cases", default="", help="comma-separated case names to run (default: all)")
    args = parser.parse_args()
    cases = [
        ("full", 1, "Full prepare, real raw folder"),
        ("providers", 1, "Provider and market files (rows: providers)"),
        ("workbook", 1, "ASCOF 2024-25 workbook alone (rows: records)"),
        ("transform", 1, "Transform stage, real values"),
        ("transform", 10, "Transform stage, SYNTHETIC 10x values"),
        ("transform", 100, "Transform stage, SYNTHETIC 100x values"),
    ]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Machine: {platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}; date {date.today()}")
    print(f"Load average at start (1, 5, 15 min): {load}\n")
    chosen = {c for c in args.cases.split(",") if c}
    print("| case | value rows | wall time (median s) | CPU time (median s) | peak memory (MB) | wall s per M rows |")
    print("|---|---:|---:|---:|---:|---:|")
    for case, scale, label in (c for c in cases if not chosen or c[0] in chosen):
        runs = [_run_isolated(case, scale) for _ in range(args.repeat)]
        secs = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        rows = int(runs[0]["rows"])
        print(f"| {label} | {rows:,} | {secs:.2f} | {cpu:.2f} | {peak:,.0f} | {secs / rows * 1e6:.2f} |")
    print("\nLoad average at end (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


def _cpus() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
