"""Compare page rerun times with a baseline checkout, in the same run: `python benchmarks/pages_compare.py BASELINE`.

BASELINE is another checkout of this repository, for example the commit before a change:
`mkdir /tmp/base && git archive <commit> | tar -x -C /tmp/base`. Each AppTest case of
benchmarks/pages.py (every page and interaction) is timed in a fresh process for the baseline and
for this tree, alternately and in alternating order, so load from other work on the machine falls
on both alike. Prints a Markdown table: p50 and p95 of the reruns for both, and the load average.
Only the server-side part of benchmarks/pages.py (no browser); each tree uses its own pages.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_CASE = """
import json, os, sys
root, label, reruns = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.chdir(root)
sys.path[:0] = [root, root + "/benchmarks"]
import streamlit.logger
streamlit.logger.set_log_level("error")
import pages
case = next(c for c in pages.apptest_cases() if c.label == label)
timed = pages.time_case(case, reruns)  # (times, cold); newer trees also give CPU times in between
times, cold = timed[0], timed[-1]
p50, p95 = pages.ms(times)
print(json.dumps({"cold": cold * 1000, "p50": p50, "p95": p95}))
"""


def labels() -> list[str]:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import pages

    return [case.label for case in pages.apptest_cases()]


def time_one(root: Path, label: str, reruns: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", ONE_CASE, str(root), label, str(reruns)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{root}: {label}: {done.stderr[-500:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path, help="another checkout of this repository")
    parser.add_argument("--reruns", type=int, default=50)
    args = parser.parse_args()
    trees = [("baseline", args.baseline.resolve()), ("this tree", ROOT)]
    rows = []
    for i, label in enumerate(labels()):
        results: dict[str, dict[str, float]] = {}
        for name, root in trees if i % 2 == 0 else list(reversed(trees)):
            results[name] = time_one(root, label, args.reruns)
        base, new = results["baseline"], results["this tree"]
        cells = [base["p50"], new["p50"], base["p95"], new["p95"]]
        rows.append(f"| {label} | " + " | ".join(f"{c:.0f}" for c in cells) + f" | {os.getloadavg()[0]:.1f} |")
        print(rows[-1], file=sys.stderr, flush=True)
    print("| page or interaction | p50 baseline | p50 this tree | p95 baseline | p95 this tree | load average |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
