"""The package's layers: data flows one way, and the modules that grading kernels and facilitator
commands import stay free of ipywidgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "valmennus"

# Module (or package) -> layer; a module is in the layer of its longest listed prefix (``*`` stands for any
# one name), and may import
# only modules of its own layer or a lower one: storage -> item kinds -> notebook API -> the course
# as files -> the course's records -> facilitator steps -> reporting -> apps.
LAYERS = {
    # 0: storage, and what every layer uses (messages, markup)
    "valmennus.answers": 0, "valmennus.uploads": 0, "valmennus.safefiles": 0, "valmennus.jsonlines": 0,
    "valmennus.i18n": 0, "valmennus.templates": 0, "valmennus.options": 0, "valmennus.parsecache": 0,
    # 1: item kinds: the bank, and each kind's logic (kinds/<kind>/__init__.py)
    "valmennus.items": 1, "valmennus.kinds": 1,
    # 2: notebook API (the package itself only re-exports notebook's names, lazily)
    "valmennus": 2, "valmennus.notebook": 2, "valmennus.widgets": 2, "valmennus.checks": 2,
    "valmennus.summary": 2, "valmennus.own_change": 2,
    "valmennus.kinds.*.widget": 2,  # each kind's widget lives with the kind, in the notebook API's layer
    # 3: the course as files (settings, schedule, gradebook, build, intake)
    "valmennus.course": 3,
    # 4: the course's records as tables, read by both facilitator steps and reporting
    "valmennus.records": 4,
    # the group's walls: their tables and what a participant shares (the privacy steps read them)
    "valmennus.wall": 4,
    # 5: facilitator steps
    "valmennus.ops": 5,
    # 6: reporting
    "valmennus.cohort": 6,
    # 7: apps
    "valmennus.cli": 7, "valmennus.demo": 7,
    "valmennus.participant": 7,
    "valmennus.wall.web": 7, "valmennus.wall.serve": 7,  # the wall's web service (hub service or embedded)
}

# valmennus.kinds: every kind's logic (a grading kernel's checks may ask any kind), never a kind's widget.
WIDGET_FREE = ["valmennus.checks", "valmennus.summary", "valmennus.kinds", "valmennus.ops.share",
               "valmennus.ops.status", "valmennus.ops.export", "valmennus.ops.remind", "valmennus.ops.privacy"]


def test_grading_kernels_and_facilitator_commands_do_not_import_ipywidgets() -> None:
    code = ("import importlib, sys\n"
            f"for name in {WIDGET_FREE!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'valmennus')))\n"
            "assert 'ipywidgets' not in sys.modules\n"
            "assert not any(m.startswith('valmennus.widgets') for m in sys.modules)\n"
            "assert not any(m.startswith('valmennus.kinds.') and m.endswith('.widget') for m in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, not ``__init__``)."""
    mods = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    return mods


def _imports(mods: dict[str, Path]) -> dict[str, set[tuple[str, int]]]:
    """module -> (imported module of the package, line) for every import anywhere in its source: top
    level, inside functions (lazy) and under ``if TYPE_CHECKING``. ``from pkg import name`` counts as
    importing ``pkg.name`` when that is a module, else ``pkg``."""
    graph: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for mod, path in mods.items():
        here = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in mods else target for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                while target not in mods and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in mods and target != mod:
                    graph[mod].add((target, node.lineno))
    return graph


def _layer(mod: str) -> int | None:
    parts = mod.split(".")
    matches = [(len(key.split(".")), layer) for key, layer in LAYERS.items()
               if len(key.split(".")) <= len(parts)
               and all(k in ("*", p) for k, p in zip(key.split("."), parts, strict=False))]
    return max(matches)[1] if matches else None


def test_is_a_kind_s_widget_in_the_notebook_api_layer_and_its_logic_below() -> None:
    assert (_layer("valmennus.kinds"), _layer("valmennus.kinds.quiz"), _layer("valmennus.kinds.quiz.widget"),
            _layer("valmennus.kinds.base")) == (1, 1, 2, 1)


def test_every_module_has_a_layer() -> None:
    assert [m for m in _modules() if _layer(m) is None] == []


def test_no_module_imports_a_higher_layer() -> None:
    mods = _modules()
    upward = [f"{mod} (layer {_layer(mod)}) line {line} imports {target} (layer {_layer(target)})"
              for mod, targets in sorted(_imports(mods).items()) for target, line in sorted(targets)
              if (_layer(target) or 0) > (_layer(mod) or 0)]
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_no_import_cycles() -> None:
    """No cycle between modules, counting lazy and TYPE_CHECKING imports (a module importing its own
    parent package, or the top package's lazy re-exports, does not count: neither makes a cycle of
    modules; the same rule as shared/tools/import_cycles.py)."""
    mods = _modules()
    graph = {mod: {t for t, _ in targets if t != PACKAGE and not mod.startswith(t + ".")}
             for mod, targets in _imports(mods).items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
