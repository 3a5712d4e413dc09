"""The layering the folders promise, checked on every module's imports (docs/ARCHITECTURE.md).

Data flows one way: published files → sources → prepare → store → methods → views → report / pages.
A module may import its own layer or a lower one, never a higher one, and the module graph has no
cycles. The rules are a table, so a new package is covered by adding a row.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lower number = lower layer. A module imports only from layers at or below its own number, and
# never from a package listed in FORBIDDEN for it (siblings at one level that must stay apart).
LAYERS: dict[str, int] = {
    "accountability": 0,  # the package's own __init__ only (see _layer_of)
    "accountability.settings": 0,
    "accountability.codes": 0,
    "accountability.labels": 0,
    "accountability.formatting": 0,
    "accountability.state": 0,
    "accountability.change_words": 0,  # the sentence for each change: feeds and the What's new page
    "accountability.export": 0,
    "accountability.store": 1,
    "accountability.sources": 2,
    "accountability.methods": 3,
    "accountability.prepare": 4,
    "accountability.views": 4,
    "accountability.report": 5,
    "components": 6,
    "pages": 7,
    "dashboard": 7,
}
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "accountability.methods": ("accountability.sources",),
    "accountability.views": ("accountability.sources", "accountability.prepare"),
    "accountability.report": ("accountability.sources", "accountability.prepare"),
    "components": ("accountability.sources", "accountability.prepare"),
    "pages": ("accountability.sources", "accountability.prepare"),
    "dashboard": ("accountability.sources", "accountability.prepare"),
}
STREAMLIT_FREE = ("accountability",)
EXACT_ONLY = {"accountability"}  # a new subpackage must get its own row, not inherit the root's


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    files = [ROOT / "dashboard.py", *ROOT.glob("accountability/**/*.py")]
    files += [*ROOT.glob("components/**/*.py"), *ROOT.glob("pages/*.py")]
    return {_module_name(p): p for p in files}


MODULES = _modules()


@functools.cache  # each file parsed once, however many rules read it
def _imports(path: Path) -> set[str]:
    """Every absolute module a file imports (`from a.b import c` counts a.b and a.b.c if c is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _layer_of(module: str) -> str | None:
    """The longest LAYERS key that `module` is or lies inside."""
    keys = [k for k in LAYERS if module == k or (k not in EXACT_ONLY and module.startswith(k + "."))]
    return max(keys, key=len) if keys else None


def _project_imports(module: str) -> set[str]:
    return {m for m in _imports(MODULES[module]) if m in MODULES}


def test_every_project_module_has_a_layer() -> None:
    assert MODULES, "no modules found: the test would check nothing"
    assert not [m for m in MODULES if _layer_of(m) is None]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_imports_only_its_own_layer_or_lower(module: str) -> None:
    own = _layer_of(module)
    assert own is not None
    wrong = []
    for target in _imports(MODULES[module]):
        layer = _layer_of(target)
        if layer is None:
            continue
        if LAYERS[layer] > LAYERS[own]:
            wrong.append(f"{target} (layer {layer}) is above {own}")
        if any(target == f or target.startswith(f + ".") for f in FORBIDDEN.get(own, ())):
            wrong.append(f"{target} is forbidden to {own}")
    assert not wrong, f"{module}: " + "; ".join(sorted(wrong))


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith(STREAMLIT_FREE)))
def test_domain_package_does_not_import_streamlit(module: str) -> None:
    assert not {m for m in _imports(MODULES[module]) if m == "streamlit" or m.startswith("streamlit.")}


def test_no_import_cycles() -> None:
    graph = {m: _project_imports(m) - {m} for m in MODULES}
    # A package's __init__ importing its own submodule is not a cycle of the layering kind.
    for m, targets in graph.items():
        graph[m] = {t for t in targets if not t.startswith(m + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles[:5]


# A page converted to one view per page reads state, asks its view, renders: it imports only these
# project modules (no methods, no store, no sources) and no Polars (it derives nothing). A page comes
# off NOT_YET_CONVERTED when it is converted; the set only shrinks.
PAGE_MAY_IMPORT = (
    "accountability.views",
    "accountability.labels",
    "accountability.codes",
    "accountability.state",
    "components",
)
NOT_YET_CONVERTED: set[str] = set()  # every page is converted
PAGE_MAX_LINES = 80
CONVERTED = sorted(m for m in MODULES if m.startswith("pages.") and m not in NOT_YET_CONVERTED)


def test_the_unconverted_list_names_only_pages_that_exist() -> None:
    assert CONVERTED, "no converted page: the page rules below would check nothing"
    assert set(MODULES) >= NOT_YET_CONVERTED


@pytest.mark.parametrize("page", CONVERTED)
def test_a_converted_page_imports_only_views_labels_state_and_components(page: str) -> None:
    imports = _imports(MODULES[page])
    project = {m for m in imports if _layer_of(m) is not None}
    wrong = sorted(m for m in project if not any(m == p or m.startswith(p + ".") for p in PAGE_MAY_IMPORT))
    assert not wrong, f"{page} imports {wrong}: ask the page's view instead"
    assert not {m for m in imports if m == "polars" or m.startswith("polars.")}, f"{page} derives with Polars"


@pytest.mark.parametrize("page", CONVERTED)
def test_a_converted_page_is_short(page: str) -> None:
    lines = MODULES[page].read_text(encoding="utf8").count("\n")
    assert lines <= PAGE_MAX_LINES, f"{page} has {lines} lines; move rendering into components/"
