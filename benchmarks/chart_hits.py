"""What a chart costs on a rerun that finds it cached: `python benchmarks/chart_hits.py [--repeat 20]`.

Round one kept a finished chart as a dict in `st.cache_data` (pickled; each hit unpickles a copy),
rebuilt `go.Figure(spec, _validate=False)` from it, and Streamlit then deep-copied that back into a
dict (`to_dict`) and wrote JSON. Now the chart is kept as Plotly's JSON (components/export.py) and
handed over as a `FinishedFigure`, whose `to_dict()` only parses that JSON. Both paths run here on
the same figures (Birmingham's Map, Compare chart and Profile spine from the committed store), up to
the JSON Streamlit sends, which must be identical. Times are medians in ms; no Streamlit server.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402
import plotly.tools  # noqa: E402

from accountability.settings import get_settings  # noqa: E402
from accountability.views.compare import CompareChoice, compare_view  # noqa: E402
from accountability.views.map import MapChoice, map_view  # noqa: E402
from accountability.views.profile import ProfileChoice, profile_view  # noqa: E402
from accountability.views.store import from_dir  # noqa: E402
from components.export import finished_spec, with_title_and_source  # noqa: E402
from components.figures import compare as compare_figures  # noqa: E402
from components.figures import maps  # noqa: E402
from components.figures.spine import spine_figure  # noqa: E402

COUNCIL, MEASURE, PERIOD = "E08000025", "ascof_sds_users", "2024-25"


class FinishedFigure(go.Figure):
    """Rounds two and three's hand-over (components/export.py at 9d6471a), kept here to measure against:
    a figure whose `to_dict()` parses the cached JSON, for st.plotly_chart to write JSON of again."""

    def __init__(self, spec: bytes) -> None:
        super().__init__()
        self._finished = spec

    def to_dict(self) -> dict[str, Any]:
        return cast(dict[str, Any], orjson.loads(self._finished))


def _charts() -> dict[str, tuple[Callable[..., go.Figure], tuple[Any, ...]]]:
    s = get_settings()
    store = from_dir(s.data_dir, s.standards_file, s.commitments_file)
    m = map_view(store, MapChoice(COUNCIL, MEASURE, PERIOD))
    c = compare_view(store, CompareChoice(COUNCIL, MEASURE, PERIOD))
    p = profile_view(store, ProfileChoice(COUNCIL))
    map_args = (m.table, m.class_labels, m.by_verdict, COUNCIL, m.measure.unit)
    compare_args = (c.table, c.comparators, c.measure, COUNCIL, c.benchmark_line, c.floor_line)
    return {
        "Map": (maps.council_map, map_args),
        "Compare chart": (compare_figures.compare_figure, compare_args),
        "Profile spine (adults)": (spine_figure, (p.sections[0].rows, p.card.name)),
    }


def _sent(figure: Any) -> str:
    """What st.plotly_chart does with the figure it is given, up to the JSON it sends."""
    return str(pio.to_json(plotly.tools.return_figure_from_figure_or_data(figure, True), validate=False))


def _round_one(pickled: bytes) -> str:
    """A hit in round one's st.cache_data: unpickle the dict, make the figure, send it (our own bytes)."""
    return _sent(go.Figure(pickle.loads(pickled), _validate=False))  # noqa: S301


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeat", type=int, default=20)
    a = p.parse_args()
    print("| chart | JSON KB | round one: cached dict (ms) | now: cached JSON (ms) | gain |")
    print("|---|---:|---:|---:|---:|")
    for name, (build, args) in _charts().items():
        old = pickle.dumps(with_title_and_source(build(*args), "t", "s").to_dict())
        new = finished_spec(build, args, "t", "s")
        old_ms = _median_ms(lambda: _round_one(old), a.repeat)  # noqa: B023
        new_ms = _median_ms(lambda: _sent(FinishedFigure(new)), a.repeat)  # noqa: B023
        if json.loads(_round_one(old)) != json.loads(_sent(FinishedFigure(new))):
            print(f"{name}: the two paths send different JSON", file=sys.stderr)
            return 1
        print(f"| {name} | {len(new) / 1000:.0f} | {old_ms:.1f} | {new_ms:.1f} | {old_ms - new_ms:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
