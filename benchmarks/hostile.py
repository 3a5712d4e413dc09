"""What the issue-15 guards cost, against a baseline commit in the same run:
`python benchmarks/hostile.py --baseline 188b71f [--repeat 3]`.

Cases, each in a fresh Python process, in this tree and in the baseline (extracted from git into a
temporary folder with `git archive`, so both read the same raw folder on the same machine):
1. the full prepare on the real raw folder (the reader guard checks every row of every CSV);
   baseline and this tree alternate run by run, so a busy shared machine slows both alike;
2. the reader guard alone: `check_complete_rows` over every CSV the readers read (this tree only);
3. Find with a 60,000-character query (the length cap), and with a 10-character one.
Prints a Markdown table for benchmarks/RESULTS.md with the machine, date and load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FULL = """
import json, tempfile, time
from pathlib import Path
from accountability import prepare, store
from accountability.settings import Settings
started = time.perf_counter()
tables = prepare.build(Settings(_env_file=None).raw_dir, quiet=True)
with tempfile.TemporaryDirectory() as tmp:
    store.write_store(tables, Path(tmp) / "prepared")
print(json.dumps(time.perf_counter() - started))
"""
GUARD = """
import json, time
import polars as pl
from accountability.settings import Settings
from accountability.sources.files import check_complete_rows
raw = Settings(_env_file=None).raw_dir
accounts = pl.read_parquet("data/prepared/row_accounts.parquet").select("folder", "file").unique()
texts = []
for folder, name in accounts.iter_rows():
    if name.endswith(".csv"):
        data = (raw / folder / name).read_bytes()
        try:
            texts.append((name, data.decode("utf-8-sig")))
        except UnicodeDecodeError:
            texts.append((name, data.decode("cp1252")))
started = time.perf_counter()
for name, text in texts:
    check_complete_rows(text, name, published_without_final_newline=True)
print(json.dumps(time.perf_counter() - started))
"""
FIND = """
import json, time
import polars as pl
from accountability.methods.search import search_councils
councils = pl.read_parquet("data/prepared/councils.parquet")
query = ("birmingham " * 6000)[:{length}]
started = time.perf_counter()
search_councils(query, councils)
print(json.dumps(time.perf_counter() - started))
"""


def seconds(code: str, tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def median(code: str, tree: Path, repeat: int) -> float:
    return statistics.median(seconds(code, tree) for _ in range(repeat))


def paired(code: str, base: Path, repeat: int) -> tuple[float, float]:
    """Medians for the baseline and this tree, runs alternating so both meet the same load."""
    runs = [(seconds(code, base), seconds(code, ROOT)) for _ in range(repeat)]
    return statistics.median(b for b, _ in runs), statistics.median(a for _, a in runs)


def baseline_tree(commit: str, into: Path) -> Path:
    """The baseline commit's files (and the current store, so both search the same councils)."""
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", required=True, help="commit to compare with, e.g. 188b71f")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is reported")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from accountability.settings import Settings

    # the baseline lives in a temporary folder, where the default ../shared/data/raw would not resolve
    os.environ["DASHBOARD_RAW_DIR"] = str(Settings(_env_file=None).raw_dir)
    print(f"Machine: {platform.machine()}, {len(os.sched_getaffinity(0))} CPUs, Python {platform.python_version()}")
    print(f"Date: {date.today()}; load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(f"| case | baseline {args.baseline} (median s) | this tree (median s) |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline_tree(args.baseline, Path(tmp))
        cases = [
            ("Full prepare, real raw folder", FULL),
            ("Find, 10-character query", FIND.replace("{length}", "10")),
            ("Find, 60,000-character query", FIND.replace("{length}", "60000")),
        ]
        for label, code in cases:
            before, after = paired(code, base, args.repeat)
            print(f"| {label} | {before:.3f} | {after:.3f} |")
    print(f"| Reader guard alone, every CSV read | (none) | {median(GUARD, ROOT, args.repeat):.3f} |")
    print(f"\nLoad average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())} ({time.strftime('%H:%M')})")


if __name__ == "__main__":
    main()
