"""Benchmark the pipeline: `python benchmarks/prepare.py [--repeat 3]`.

Measures wall time, CPU time and peak memory (max RSS of a fresh process per case) of
1. the full prepare on the real raw folder (read every published file, assemble, check, write): as a
   baseline without the release outputs (optionally also a BASELINE checkout's full prepare run in the
   same session, `--baseline DIR`), and as `prepare` runs it, over a copy of the committed store and
   static folder, with the changes table, bulk downloads and feeds. "Same content" is the usual
   rebuild (changes kept); "one value revised" changes one value in memory (SYNTHETIC, never written
   to the repository) so the comparison with the previous store runs too; the money and market
   readers alone; the ASCOF 2024-25 workbook reader alone (its share of the full prepare); the load
   average before and after is printed, because the machine is shared and wall time moves with
   other work (CPU time much less), and
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


def case_release(revise: bool) -> dict[str, float]:
    """Build, then publish over a copy of the committed store and static folder (as prepare does)."""
    import shutil

    import polars as pl

    from accountability import prepare
    from accountability.prepare.publish import load_rules, publish
    from accountability.settings import Settings

    settings = Settings(_env_file=None)
    with tempfile.TemporaryDirectory() as tmp:
        out, static = Path(tmp) / "prepared", Path(tmp) / "static"
        shutil.copytree(ROOT / "data" / "prepared", out)
        shutil.copytree(ROOT / "static", static)
        started = time.perf_counter()
        tables = prepare.build(settings.raw_dir, quiet=True)
        if revise:  # SYNTHETIC: one value changed in memory so the comparison runs
            first = pl.int_range(pl.len()) == 0
            tables["values"] = tables["values"].with_columns(
                pl.when(first).then(pl.col("value") + 1).otherwise("value")
            )
        publish(tables, out, load_rules(settings, tables["measures"]), static, quiet=True)
        return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": tables["values"].height}


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


def case_money() -> dict[str, float]:
    """The money and market readers of issue 12 (RO3/RSX, LAIT, DfE extra, S251, ASC 2014-15, CQC) alone."""
    from accountability.settings import Settings
    from accountability.sources import asc_fr_activity, cqc_la, dfe_extra, finance, lait, s251

    raw_dir = Settings(_env_file=None).raw_dir
    started = time.perf_counter()
    rows = sum(reader(raw_dir).values.height for reader in (lait.read, dfe_extra.read))
    for reader in (finance.read, s251.read, asc_fr_activity.read, cqc_la.read):
        reader(raw_dir)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": rows}


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


def _run_isolated(case: str, scale: int, root: Path = ROOT) -> dict[str, float]:
    """One case in a fresh process run from `root` (another checkout for a baseline), with its CPU time."""
    code = (
        "import json, sys; sys.path.insert(0, 'benchmarks'); import prepare as b; "
        f"c = {case!r}; print(json.dumps(b.case_full() if c == 'full' else b.case_money() if c == 'money' else "
        f"b.case_release(c == 'revised') if c in ('same', 'revised') else b.case_workbook() if c == 'workbook' else "
        f"b.case_providers() if c == 'providers' else b.case_transform({scale})))"
    )
    from accountability.settings import Settings

    env = {**os.environ, "DASHBOARD_RAW_DIR": str(Settings(_env_file=None).raw_dir)}  # the same raw files
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is reported")
    parser.add_argument("--cases", default="", help="comma-separated case names to run (default: all)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose full prepare is the baseline")
    args = parser.parse_args()
    cases = [
        ("full", 1, "Full prepare, real raw folder, store only (baseline)"),
        ("same", 1, "Full prepare with changes, bulk files and feeds: same content"),
        ("revised", 1, "Full prepare with changes, bulk files and feeds: one value revised (SYNTHETIC)"),
        ("money", 1, "Money and market readers alone (rows: values)"),
        ("providers", 1, "Provider and market files (rows: providers)"),
        ("workbook", 1, "ASCOF 2024-25 workbook alone (rows: records)"),
        ("transform", 1, "Transform stage, real values"),
        ("transform", 10, "Transform stage, SYNTHETIC 10x values"),
        ("transform", 100, "Transform stage, SYNTHETIC 100x values"),
    ]
    print(f"Machine: {platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}; date {date.today()}")
    print(f"Load average at start (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| case | value rows | wall time (median s) | CPU time (median s) | peak memory (MB) | s per million rows |")
    print("|---|---:|---:|---:|---:|---:|")
    if args.baseline:
        cases.insert(0, ("full", 1, f"BASELINE: full prepare at {args.baseline.name}"))
    chosen = set(args.cases.split(",")) if args.cases else None
    for case, scale, label in cases:
        if chosen and case not in chosen:
            continue
        root = args.baseline if label.startswith("BASELINE") and args.baseline else ROOT
        runs = [_run_isolated(case, scale, root) for _ in range(args.repeat)]
        secs = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        rows = int(runs[0]["rows"])
        print(f"| {label} | {rows:,} | {secs:.2f} | {cpu:.2f} | {peak:,.0f} | {secs / rows * 1e6:.2f} |")
    print(f"\nLoad average at end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _cpus() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
