"""Summarise memory soaks: the RSS curve of each run of `benchmarks/load.py --json` (warm, 2, 5 and
10 minutes, and the least-squares slope over the last 5 minutes) and, where the server ran with the
memory probe (benchmarks/memory_probe/), what its caches held and how often they hit.

Run a soak with the probe on one replica (the probe is a `sitecustomize` put on the server's path only):
    python benchmarks/load.py --sessions 50 --replicas 1 --duration 600 --no-bare --json soak.jsonl \\
      --variant "probe:env:PYTHONPATH=$PWD/benchmarks/memory_probe,env:MEMORY_PROBE_LOG=probe.jsonl"
then `python benchmarks/memory_soak.py soak.jsonl --probe probe.jsonl`. It reads files; it starts nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

MARKS_MIN = (0, 2, 5, 10)


def rss_at(samples: list[list[float]], minute: float) -> float | None:
    """RSS (MB) of the first sample at or after `minute` from the start (None past the end)."""
    found = [s[2] for s in samples if s[0] >= minute * 60]
    return found[0] if found else None


def slope_mb_per_min(samples: list[list[float]], last_s: float = 300) -> float | None:
    """Least-squares slope of RSS over the last `last_s` seconds, in MB per minute."""
    if not samples:
        return None
    end = samples[-1][0]
    window = [(s[0] / 60, s[2]) for s in samples if s[0] >= end - last_s]
    if len(window) < 2:
        return None
    mean_t = sum(t for t, _ in window) / len(window)
    mean_r = sum(r for _, r in window) / len(window)
    spread = sum((t - mean_t) ** 2 for t, _ in window)
    return sum((t - mean_t) * (r - mean_r) for t, r in window) / spread if spread else None


def curve(run: dict[str, Any]) -> str:
    samples = run["samples"]
    marks = ", ".join(f"{m} min {_mb(rss_at(samples, m))}" for m in MARKS_MIN)
    slope = slope_mb_per_min(samples)
    load = [s[3] for s in samples]
    return (
        f"RSS {marks}; end {_mb(samples[-1][2])}; slope over the last 5 min "
        f"{'–' if slope is None else f'{slope:+.1f}'} MB/min; {run['errors']} errors of {run['reruns']} reruns, "
        f"p95 {run['p95_s']:.2f} s; load average {min(load):.1f}-{max(load):.1f} (mean {sum(load) / len(load):.1f})"
    )


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def probe_lines(path: Path) -> list[str]:
    """One line a minute from the probe's log: RSS, glibc's free bytes, each byte-bounded cache."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    out = []
    for row in rows:
        if "error" in row or round(row["t"]) % 60 > 31:
            continue
        caches = "; ".join(
            f"{c['mb']:.0f}/{c['max_mb']:.0f} MB, {c['entries']} entries"
            + (f", hits {c['hits']} misses {c['misses']} dropped {c['dropped']}" if c.get("hits") is not None else "")
            for c in row["byte_caches"]
        )
        out.append(
            f"t {row['t']:.0f} s: RSS {row['VmRSS']:.0f} MB (anon {row['RssAnon']:.0f}), malloc in use "
            f"{row['in_use_mb']:.0f} free {row['free_mb']:.0f} MB, {row.get('objects', 'not counted')} objects, "
            f"{row['sessions']} "
            f"sessions; caches {caches}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("soaks", nargs="+", type=Path, help="benchmarks/load.py --json files")
    parser.add_argument("--probe", type=Path, action="append", default=[], help="memory probe logs")
    a = parser.parse_args()
    for path in a.soaks:
        for line in path.read_text().splitlines():
            result = json.loads(line)
            for name, run in result["runs"].items():
                print(f"{path.name} [{result['started']}] {name}: {curve(run)}")
    for path in a.probe:
        print(f"\n{path.name}:")
        print("\n".join(probe_lines(path)))


if __name__ == "__main__":
    main()
