"""No import circle anywhere in ``pkg/batuta`` (issue 12, item 7), and the converter's layers
import one way: targets -> types -> mappings -> the type pass and emitter -> the converters.

Every import that runs counts: module-level and function-level (a function-level import is a
deferred edge, still an edge). Imports under ``if TYPE_CHECKING:`` never run and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "pkg"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING",
                                                                    "typing.TYPE_CHECKING"):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skip


def import_graph() -> dict[str, set[str]]:
    """module -> the batuta modules it imports (at run time)."""
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle_in_the_package() -> None:
    graph = import_graph()
    assert len(graph) > 50 and graph["batuta.convert.file"]
    assert cycles(graph) == []


def test_api_convert_and_app_are_not_in_a_circle() -> None:
    """The circles issue 12 names: convert's own modules, convert -> api, app -> api."""
    found = [m for c in cycles(import_graph()) for m in c]
    assert not [m for m in found if m.startswith(("batuta.convert", "batuta.api", "batuta.app"))]


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


LAYERS = [
    ["batuta.convert.targets", "batuta.convert.targets.emitted"],
    ["batuta.convert.types", "batuta.convert.coerce"],
    ["batuta.convert.results", "batuta.convert.core", "batuta.convert.registry",
     "batuta.convert.mapping", "batuta.convert.numpy", "batuta.convert.sklearn",
     "batuta.convert.pytorch"],
    ["batuta.convert.expressions", "batuta.convert.translate", "batuta.convert.module"],
    ["batuta.convert.file", "batuta.convert.snippet"],
]


def test_converter_layers_import_downwards_only() -> None:
    graph = import_graph()
    level = {module: i for i, layer in enumerate(LAYERS) for module in layer}
    upward = [(a, b) for a in level for b in graph[a] if b in level and level[b] > level[a]]
    assert upward == []
    core = [m for m in graph if m.startswith(("batuta.convert", "batuta.analyze"))]
    assert not [(m, t) for m in core for t in graph[m]
                if t.startswith(("batuta.app", "batuta.render", "batuta.api"))]
