"""CPU per call of the pieces a rerun repeats, before and after each step of issue 14's rounds two and
three: `python benchmarks/rerun_steps.py [--repeat 7] [--calls 200] [--only 5]`.

Each case runs its old code (kept here, as it was in the commit before the step) and the app's code
now, alternately in the same process, on the committed store, and reports the median CPU time per call
(`time.process_time`, not wall time: the machine is shared and loaded) and the ratio. No Streamlit
server: caches run in bare mode. Charts (steps 3 to 5) are built 1/20 as many times a repeat, and the
two paths must give the same JSON (step 5: the same values once typed arrays are decoded, NaN as
null). Nothing here is a test; the numbers go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402
import polars as pl  # noqa: E402
import streamlit as st  # noqa: E402

from accountability.methods.geo import MAP_UNIT  # noqa: E402
from accountability.views.analyses import measures_with_values  # noqa: E402
from accountability.views.floor_standards import FloorsChoice, floors_view  # noqa: E402
from accountability.views.store import Store, qualified_name  # noqa: E402
from benchmarks import map_before  # noqa: E402
from benchmarks.chart_hits import _charts  # noqa: E402
from benchmarks.chart_send import CASES as ROUND_FOUR_CASES  # noqa: E402
from benchmarks.in_run import CASES as IN_RUN_CASES  # noqa: E402
from benchmarks.in_run_tables import CASES as TABLE_CASES  # noqa: E402
from benchmarks.lazy_steps import CASES as LAZY_CASES  # noqa: E402
from components import cache, widgets  # noqa: E402
from components.cache_keys import check_key  # noqa: E402
from components.data import load, store_version  # noqa: E402
from components.export import finished_spec, with_title_and_source  # noqa: E402
from components.figures import compare, maps, spine, theme  # noqa: E402
from components.widgets import council_label  # noqa: E402
from tests.plotly_json import plain  # noqa: E402

Case = tuple[Callable[[], Any], Callable[[], Any]]


# Step 1, before: the memo as st.cache_resource(max_entries=512), Streamlit hashing the key each call.
@st.cache_resource(show_spinner=False, max_entries=512)
def _old_derived(_fn: Callable[..., Any], name: str, version: str, args: tuple[Hashable, ...], _store: Store) -> Any:
    return _fn(_store, *args)


def _old_memo(store: Store, fn: Callable[..., Any], args: tuple[Hashable, ...]) -> Any:
    check_key(args, f"the arguments of {qualified_name(fn)}")
    return _old_derived(fn, qualified_name(fn), store.version, args, _store=store)


def derive_hits() -> Case:
    """Two derived results found in the memo, as a Floor standards rerun asks for them."""
    new = cache.app_store()
    old = Store(new.version, new.read, new.read_standards, new.read_commitments, _old_memo)
    choice = FloorsChoice("E08000025", None, None, None, ())

    def run(store: Store) -> Callable[[], Any]:
        return lambda: (store.derive(measures_with_values), store.derive(floors_view, choice))

    return run(old), run(new)


def council_options() -> Case:
    """The sidebar's council labels: rebuilt from the councils table (before), or the version's (after)."""
    councils, version = load("councils"), store_version()

    def before() -> dict[str, str]:
        return council_label(councils.sort(pl.col("valid_to").is_not_null(), "name"))

    return before, lambda: widgets._council_options(version, councils)


# Step 3, before: `readable` through Plotly's validated updates (as in commit 94fb20d).
def _validated_readable(fig: go.Figure) -> go.Figure:
    ink, muted, white = theme.INK, theme.MUTED_INK, theme.BACKGROUND
    fig.update_layout(
        font={"color": ink},
        title={"font": {"color": ink}},
        paper_bgcolor=white,
        plot_bgcolor=white,
        legend={"font": {"color": ink}, "title": {"font": {"color": ink}}},
        hoverlabel={"bgcolor": white, "bordercolor": muted, "font": {"color": ink}},
    )
    fig.update_xaxes(title_font_color=ink, tickfont_color=muted)
    fig.update_yaxes(title_font_color=ink, tickfont_color=muted)
    return fig


def _with_readable(readable: Callable[[go.Figure], go.Figure], build: Callable[[], Any]) -> Any:
    builders = (compare, maps, spine)
    kept = [m.readable for m in builders]
    for m in builders:
        m.readable = readable
    try:
        return build()
    finally:
        for m, fn in zip(builders, kept, strict=True):
            m.readable = fn


def chart_miss(name: str) -> Callable[[], Case]:
    """A chart not in the chart cache, built and finished up to its JSON (Birmingham, committed store),
    with the old `readable` (before) or the new (after); both framed as `finished_spec` frames now."""

    def make() -> Case:
        build, args = _charts()[name]

        def finish(readable: Callable[[go.Figure], go.Figure]) -> Callable[[], bytes]:
            return lambda: _with_readable(readable, lambda: finished_spec(build, args, "t", "s"))

        before, after = finish(_validated_readable), finish(theme.readable)
        if json.loads(before()) != json.loads(after()):
            raise SystemExit(f"{name}: the two readable paths give different JSON")
        return before, after

    return make


def framed_miss(name: str, both: bool = False) -> Callable[[], Case]:
    """Step 4: the same chart built and framed through the validated `with_title_and_source` (before)
    or merged into its dict (after), both with the new `readable`; `both`: before is also with the
    old `readable` (steps 3 and 4 together)."""

    def make() -> Case:
        build, args = _charts()[name]

        def validated() -> bytes:
            return pio.to_json(with_title_and_source(build(*args), "t", "s"), validate=False).encode()

        before = (lambda: _with_readable(_validated_readable, validated)) if both else validated

        def after() -> bytes:
            return finished_spec(build, args, "t", "s")

        if json.loads(before()) != json.loads(after()):
            raise SystemExit(f"{name}: the two framings give different JSON")
        return before, after

    return make


def map_outlines() -> Case:
    """Round three: the Map built up to its JSON with every outline a Python list, validated traces
    (before: benchmarks/map_before.py), or NumPy arrays in map units, unvalidated dict traces (after);
    both with today's `readable` and framing."""
    _, args = _charts()["Map"]

    def finish(build: Callable[..., go.Figure]) -> Callable[[], bytes]:
        return lambda: finished_spec(build, args, "t", "s")

    before, after = finish(map_before.council_map), finish(maps.council_map)
    if json.loads(before()) != plain(json.loads(after()), per=MAP_UNIT):
        raise SystemExit("Map: the list and array outlines give different values")
    return before, after


CASES: dict[str, Callable[[], Case]] = {
    "1. derived result, a hit (2 per call)": derive_hits,
    "2. sidebar council labels": council_options,
    "3. Compare chart built (a miss), up to its JSON": chart_miss("Compare chart"),
    "3. Profile spine built (a miss), up to its JSON": chart_miss("Profile spine (adults)"),
    "3. Map built (a miss), up to its JSON": chart_miss("Map"),
    "4. Compare chart built and framed": framed_miss("Compare chart"),
    "4. Profile spine built and framed": framed_miss("Profile spine (adults)"),
    "4. Map built and framed": framed_miss("Map"),
    "3+4. Compare chart built and framed": framed_miss("Compare chart", both=True),
    "3+4. Profile spine built and framed": framed_miss("Profile spine (adults)", both=True),
    "3+4. Map built and framed": framed_miss("Map", both=True),
    "5. Map built (a miss), up to its JSON: arrays, unvalidated": map_outlines,
    **IN_RUN_CASES,  # round three (p3rerun): Streamlit's own work in a script run, benchmarks/in_run.py
    **LAZY_CASES,  # round four (p4lazy): expanders drawn only when open, benchmarks/lazy_steps.py
    **TABLE_CASES,  # round four (p4tables): tables kept as sent, pickers' options, benchmarks/in_run_tables.py
    **ROUND_FOUR_CASES,  # round four (p4chart): charts sent and built, benchmarks/chart_send.py
}


def cpu_per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        fn()
    return (time.process_time() - start) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--only", default="", help="run only the cases whose names start with this")
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| case | before (µs CPU per call) | after | after / before |\n|---|---:|---:|---:|")
    for name, make in ((n, m) for n, m in CASES.items() if n.startswith(args.only)):
        before, after = make()
        before(), after()  # warm: fill each cache once
        chart = name[0] in "345" or name.startswith(("P3", "R4"))
        calls = max(1, args.calls // 20) if chart else args.calls  # a chart takes ms, not µs
        times: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(args.repeat):
            times["before"].append(cpu_per_call(before, calls))
            times["after"].append(cpu_per_call(after, calls))
        b, a = (statistics.median(times[k]) * 1e6 for k in ("before", "after"))
        print(f"| {name} | {b:,.1f} | {a:,.1f} | {a / b:.2f} |")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
