"""Does hashing one shared Polars frame from many threads deadlock? `python benchmarks/polars_threads.py`

Under load a dashboard replica stopped answering for good (every session, health check included):
its script threads were inside Polars (DataFrame.hash_rows, DataFrame.shape, Enum.__init__) called by
st.cache_data's hashing of its arguments, each waiting either for the GIL or for the frame's internal
lock (benchmarks/RESULTS.md, "Load"). This script makes the same calls Streamlit 1.67 makes to hash a
Polars DataFrame (shape, schema, hash_rows(...).hash(...).to_arrow()) on the committed store's values
table from 16 threads at once. Exit 0: no deadlock in `--calls` calls; exit 1: deadlocked, with every
thread's traceback (Python's faulthandler) after `--wait` seconds. No Streamlit server is started.
"""

from __future__ import annotations

import argparse
import faulthandler
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
import pyarrow  # noqa: F401  (imported in the server too; a first import inside the threads is another lock)

STORE = Path(__file__).resolve().parents[1] / "data" / "prepared" / "values.parquet"


def streamlit_like_hash(frame: pl.DataFrame) -> str:
    """What streamlit/runtime/caching/hashing.py does with a Polars DataFrame argument."""
    _ = frame.shape
    for name, dtype in frame.schema.items():
        _ = (name, str(dtype))
    return str(frame.hash_rows(seed=0).hash(seed=0).to_arrow())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--calls", type=int, default=3000)
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--wait", type=float, default=30.0, help="seconds before a hang counts as a deadlock")
    a = p.parse_args()
    table = pl.read_parquet(STORE)
    # Frames shared between sessions: the store table itself and one built from it (several chunks).
    periods = table["period"].unique().sort().to_list()[:6]
    derived = pl.concat([table.filter(pl.col("period") == x) for x in periods], rechunk=False)
    frames = [table, derived]
    faulthandler.dump_traceback_later(a.wait, exit=True)  # exits with code 1 and every thread's stack
    with ThreadPoolExecutor(a.threads) as pool:
        done = sum(1 for _ in pool.map(lambda i: streamlit_like_hash(frames[i % 2]), range(a.calls)))
    faulthandler.cancel_dump_traceback_later()
    print(f"no deadlock: {done} hashes of shared frames from {a.threads} threads (Polars {pl.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
