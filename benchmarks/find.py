"""Benchmark the Find view: `python benchmarks/find.py [--repeat 20]`.

Times `views.find.find_view` on the committed store for the queries the Find page's tests use, and,
in the same run as the baseline, the same view with the 100-character cap lifted, so the cap's
effect on a 60,000-character query is measured rather than assumed. Median of `--repeat` calls per
case, after one warm-up call. Prints a Markdown table to paste into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accountability import store  # noqa: E402
from accountability.methods import search  # noqa: E402
from accountability.views.find import find_view  # noqa: E402

QUERIES = {
    "Exeter (a district)": "Exeter",
    "EX4 (a postcode district)": "EX4",
    "Harrogate (a former district)": "Harrogate",
    "Kent County Council (an official name)": "Kent County Council",
    "Birmingam (a typo)": "Birmingam",
    "Atlantis (no match)": "Atlantis",
    "60,000 characters": "Exeter " * 8_571 + "xyz",
}


def _median_ms(tables: dict, query: str, repeat: int) -> float:
    find_view(tables, query)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        find_view(tables, query)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    tables = {n: store.read_table(ROOT / "data" / "prepared", n) for n in ("councils", "places", "postcode_districts")}
    load = os.getloadavg()
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"Load average at start: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print("| query | with the cap (median ms) | cap lifted, same run (median ms) |")
    print("|---|---:|---:|")
    for label, query in QUERIES.items():
        capped = _median_ms(tables, query, repeat)
        lifted = "(under 100 characters: no cap)"
        if len(query) > search.MAX_QUERY:
            search.MAX_QUERY, kept = 10**9, search.MAX_QUERY  # the baseline: the same view without the cap
            lifted = f"{_median_ms(tables, query, max(3, repeat // 5)):.1f}"
            search.MAX_QUERY = kept
        print(f"| {label} | {capped:.1f} | {lifted} |")


if __name__ == "__main__":
    main()
