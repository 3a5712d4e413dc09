"""No shared cache can be keyed on a Polars frame: hashing one from many sessions at once deadlocked
Polars 2.1 and hung the replica (benchmarks/RESULTS.md, "Load"; benchmarks/polars_threads.py).

Three guards: the key check itself; every function the app caches with Streamlit, read from the
source, takes no frame, figure or store it would hash and no `hash_funcs`; and the app's shared
caches (store.derive's memo, render_chart) refuse a frame before Streamlit could hash it.
tests/app/test_no_frame_hashing.py runs every page with Streamlit's hashing of Polars made to fail.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import pytest

from accountability.views.compare import CompareChoice
from accountability.views.store import Store
from components import cache
from components.cache_keys import check_key, key_problem
from components.export import render_chart

ROOT = Path(__file__).resolve().parents[2]
FRAME = pl.DataFrame({"code": ["E08000025"], "value": [1.0]})
NOT_HASHED = ("DataFrame", "LazyFrame", "Series", "Figure", "Store", "Any")


@dataclasses.dataclass(frozen=True)
class _Holding:
    table: object


@dataclasses.dataclass
class _Mutable:
    code: str


@pytest.mark.parametrize(
    "key",
    [
        ("v1", "E08000025", "2024-25", 0.95, None, True),
        ("v1", CompareChoice("E08000025", "cla_rate", "2024-25", group=("E08000026", "E08000027"))),
        (frozenset({"a", "b"}), dt.date(2025, 3, 31), (("asc_1a", 19.5),)),
        (),
    ],
)
def test_codes_versions_and_frozen_choices_may_key_a_cache(key: tuple[object, ...]) -> None:
    assert key_problem(key, "args") is None
    check_key(key, "args")


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ((FRAME,), "args[0] is a polars.dataframe.frame.DataFrame"),
        (("v1", ("x", FRAME.lazy())), "args[1][1] is a polars.lazyframe.frame.LazyFrame"),
        (("v1", FRAME["code"]), "args[1] is a polars.series.series.Series"),
        ((_Holding(FRAME),), "args[0].table is a polars.dataframe.frame.DataFrame"),
        ((["E08000025"],), "args[0] is a builtins.list"),
        ((_Mutable("E08000025"),), "args[0] is a _Mutable that is not frozen"),
        ((go.Figure(),), "args[0] is a plotly.graph_objs._figure.Figure"),
    ],
)
def test_frames_lists_figures_and_mutable_choices_are_refused_by_name(key: tuple[object, ...], where: str) -> None:
    assert (key_problem(key, "args") or "").startswith(where)
    with pytest.raises(TypeError, match="args"):
        check_key(key, "args")


def _cached_functions() -> list[tuple[str, ast.FunctionDef, ast.Call | ast.Attribute]]:
    found = []
    files = [ROOT / "dashboard.py", *ROOT.glob("components/**/*.py"), *ROOT.glob("pages/*.py")]
    files += [*ROOT.glob("accountability/**/*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    target = deco.func if isinstance(deco, ast.Call) else deco
                    if ast.unparse(target) in {"st.cache_data", "st.cache_resource"}:
                        found.append((f"{path.relative_to(ROOT)}:{node.name}", node, deco))
    return found


def test_no_function_cached_by_streamlit_takes_a_frame_it_would_hash() -> None:
    cached = _cached_functions()
    assert len(cached) >= 5  # the store's loads, its version, derived results, commitments, charts
    for where, function, decorator in cached:
        if isinstance(decorator, ast.Call):
            assert all(k.arg != "hash_funcs" for k in decorator.keywords), f"{where} hashes with hash_funcs"
        params = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
        for param in params:
            if param.arg.startswith("_"):
                continue  # Streamlit does not hash an argument whose name starts with "_"
            annotation = ast.unparse(param.annotation) if param.annotation else "no annotation"
            assert annotation != "no annotation", f"{where}({param.arg}) has no type, so nobody can check it"
            named = [n for n in NOT_HASHED if n in annotation]
            assert named == [], f"{where}({param.arg}: {annotation}) would be hashed by Streamlit"


def test_a_derived_result_cannot_be_keyed_on_a_frame() -> None:
    store = Store("v1", lambda name: FRAME, lambda: (), lambda: (), cache._memo)
    with pytest.raises(TypeError, match=r"the arguments of .*\[0\] is a polars.dataframe"):
        store.derive(lambda s, frame: frame.height, FRAME)


def test_a_chart_cannot_be_keyed_on_a_frame() -> None:
    with pytest.raises(TypeError, match=r"render_chart's cache key\[1\]\[1\] is a polars.dataframe"):
        render_chart(go.Figure, key="k", alt="a", title="t", source="s", cache_key=("v1", FRAME))
