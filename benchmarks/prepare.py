"""Benchmark the pipeline: `python benchmarks/prepare.py [--repeat 3]`.

Measures wall time and peak memory (max RSS of a fresh process per case) of
1. the full prepare on the real raw folder (read every published file, assemble, check, write), and
2. the transform stage alone (intervals, checks, sorted parquet write) on the real values table and
   on SYNTHETIC inputs 10x and 100x its size. The synthetic rows are copies of the real rows under
   made-up period labels ("synthetic-<k>-<period>"); they exist only for this benchmark and are never
   written to the store.
Prints a Markdown table to paste into benchmarks/RESULTS.md. Targets: full prepare <= 5 s and
<= 1 GB peak; transform cost growing no worse than linearly with rows.
"""

from __future__ import annotations

import argparse
import json
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


def case_full() -> dict[str, float]:
    from accountability import prepare, store
    from accountability.settings import Settings

    started = time.perf_counter()
    tables = prepare.build(Settings(_env_file=None).raw_dir, quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        store.write_store(tables, Path(tmp) / "prepared")
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": tables["values"].height}


def case_providers() -> dict[str, float]:
    """Every provider and market file: Ofsted registers 2015-2025, joiners/leavers, panels, adult split."""
    from accountability.methods import market
    from accountability.settings import Settings
    from accountability.sources import asc_provision, lookups, market_panels, ofsted_providers
    from accountability.sources.harmonise import fold_councils

    raw_dir = Settings(_env_file=None).raw_dir
    started = time.perf_counter()
    providers = ofsted_providers.read(raw_dir).tables["providers"]
    market_panels.read(raw_dir)
    asc_provision.read(raw_dir)
    market.as_published_tables(providers, fold_councils(lookups.read(raw_dir).tables["councils"]))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": providers.height}


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
    started = time.perf_counter()
    tables = prepare.assemble(outputs, raw_dir)
    validate.run_checks(tables)
    with tempfile.TemporaryDirectory() as tmp:
        store.write_store(tables, Path(tmp) / "prepared")
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": tables["values"].height}


def _run_isolated(case: str, scale: int) -> dict[str, float]:
    code = (
        "import json, sys; sys.path.insert(0, 'benchmarks'); import prepare as b; "
        f"c = {case!r}; print(json.dumps(b.case_full() if c == 'full' else "
        f"b.case_providers() if c == 'providers' else b.case_transform({scale})))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is reported")
    args = parser.parse_args()
    cases = [
        ("full", 1, "Full prepare, real raw folder"),
        ("providers", 1, "Provider and market files (rows: providers)"),
        ("transform", 1, "Transform stage, real values"),
        ("transform", 10, "Transform stage, SYNTHETIC 10x values"),
        ("transform", 100, "Transform stage, SYNTHETIC 100x values"),
    ]
    print(f"Machine: {platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}; date {date.today()}\n")
    print("| case | value rows | wall time (median s) | peak memory (MB) | time per million rows (s) |")
    print("|---|---:|---:|---:|---:|")
    for case, scale, label in cases:
        runs = [_run_isolated(case, scale) for _ in range(args.repeat)]
        secs = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        rows = int(runs[0]["rows"])
        print(f"| {label} | {rows:,} | {secs:.2f} | {peak:,.0f} | {secs / rows * 1e6:.2f} |")


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
