"""ML framework detection on the AST: every call site of a NumPy, scikit-learn, PyTorch,
transformers, pandas, TensorFlow/Keras or JAX symbol, and a per-framework summary.

Names are resolved through ``analyze.symbols.ScopedNames`` (aliases, ``from x import y as z``,
attribute chains, Python's scopes and the order of bindings: a name rebound after its import,
or shadowed by a parameter, is no longer the framework's), never by matching substrings. Uses
inside type annotations (``x: np.ndarray``, ``-> torch.Tensor``) are not calls: they are
reported apart, by ``find_annotation_sites``. Objects built from a framework class
(``model = KMeans(3)``, ``tok = AutoTokenizer.from_pretrained(...)``) are followed through plain
assignments, so ``model.fit(X)`` is reported as ``sklearn.cluster.KMeans.fit``. The ``@``
operator is not a call site here: the converters map it.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from batuta.analyze._nodes import all_nodes
from batuta.analyze.results import FrameworkCallSite, MLFrameworkUsage
from batuta.analyze.symbols import (
    CONVERTIBLE_FRAMEWORKS,
    ImportTable,
    ScopedNames,
    dotted_name,
    framework_of,
)

TARGET_CRATE: dict[str, str] = {
    "numpy": "trueno",
    "sklearn": "aprender",
    "pytorch": "realizar",
    "transformers": "realizar",
}
"""Framework -> the Sovereign AI Stack crate its converter targets ("" when none)."""

_FACTORY_METHODS = frozenset({"from_pretrained", "from_config", "from_single_file"})
"""Class methods that return an instance of their class (``AutoModel.from_pretrained``)."""


@dataclass
class _Scan:
    """Working state of one file's scan: the import table and the objects being followed."""

    table: ImportTable | ScopedNames
    path: str | None
    objects: dict[str, str]
    sites: list[FrameworkCallSite]
    annotation_nodes: set[int]
    annotations: list[FrameworkCallSite]

    def add(self, symbol: str, node: ast.expr) -> None:
        framework = framework_of(symbol)
        if framework is None:
            return
        into = self.annotations if id(node) in self.annotation_nodes else self.sites
        into.append(FrameworkCallSite(
            framework=framework, symbol=symbol, line=node.lineno, column=node.col_offset,
            convertible=framework in CONVERTIBLE_FRAMEWORKS, path=self.path))



def _instance_type(qualname: str) -> str | None:
    """The class whose instance a call to ``qualname`` returns, when that is evident."""
    head, _, last = qualname.rpartition(".")
    if last[:1].isupper():
        return qualname
    if last in _FACTORY_METHODS and head.rpartition(".")[2][:1].isupper():
        return head
    return None


def _method_symbol(scan: _Scan, func: ast.expr) -> str | None:
    """``model.fit`` -> ``sklearn.cluster.KMeans.fit`` when ``model`` was built from KMeans;
    calling the object itself (``self.fc(x)``, PyTorch's way to run ``forward``) gives
    ``torch.nn.Linear.__call__``."""
    called = dotted_name(func)
    if called is not None and called in scan.objects:
        return f"{scan.objects[called]}.__call__"
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value
    if isinstance(owner, ast.Call):  # KMeans(3).fit(X)
        made = scan.table.qualify(owner.func)
        kind = _instance_type(made) if made and framework_of(made) else None
    else:
        key = dotted_name(owner)
        kind = scan.objects.get(key) if key is not None else None
    return f"{kind}.{func.attr}" if kind else None


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _scopes_matter(tree: ast.Module, nodes: list[ast.AST]) -> bool:
    """Whether some name an import binds is also bound otherwise (assigned, a parameter, a
    def), or an import sits anywhere but the module's top level."""
    watched = {a.asname or a.name.partition(".")[0] for n in nodes
               if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    top = {id(n) for n in tree.body}
    for node in nodes:
        kind = type(node)
        if kind is ast.Name:
            if node.id in watched and type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                return True
        elif kind is ast.arg:
            if node.arg in watched:  # type: ignore[attr-defined]
                return True
        elif kind in _DEFS:
            if node.name in watched:  # type: ignore[attr-defined]
                return True
        elif kind in (ast.Import, ast.ImportFrom) and id(node) not in top:
            return True
    return False


def _annotation_nodes(nodes: list[ast.AST]) -> set[int]:
    """Ids of every node inside a type annotation (arguments, returns, annotated assignments)."""
    roots: list[ast.AST] = []
    for node in nodes:
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(n) for root in roots for n in all_nodes(root)}


def _events(tree: ast.AST, nodes: list[ast.AST]
            ) -> tuple[list[tuple[int, int, int, ast.AST]], set[int]]:
    """One walk: calls, loads and assignments in source order (an assignment sorts after its
    value), and the ids of nodes that are part of a larger expression (callee, chain link)."""
    events: list[tuple[int, int, int, ast.AST]] = []
    inner: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.Call):
            inner.add(id(node.func))
            events.append((node.lineno, node.col_offset, 0, node))
        elif isinstance(node, ast.Attribute):
            inner.add(id(node.value))
            events.append((node.lineno, node.col_offset, 0, node))
        elif isinstance(node, ast.Name):
            events.append((node.lineno, node.col_offset, 0, node))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            end_line = node.end_lineno or node.lineno
            events.append((end_line, node.end_col_offset or 0, 1, node))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return events, inner


def _on_assign(scan: _Scan, node: ast.Assign | ast.AnnAssign) -> None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    kind: str | None = None
    if isinstance(value, ast.Call):
        made = scan.table.qualify(value.func)
        if made is not None and framework_of(made) is not None:
            kind = _instance_type(made)
    elif value is not None:
        key = dotted_name(value)  # model2 = model keeps following the same object
        kind = scan.objects.get(key) if key is not None else None
    for target in targets:
        name = dotted_name(target)
        if name is None:
            continue
        if kind is None:
            scan.objects.pop(name, None)  # rebinding to something else stops the tracking
        else:
            scan.objects[name] = kind


def _on_expr(scan: _Scan, node: ast.AST, inner: set[int]) -> None:
    if isinstance(node, ast.Call):
        symbol = scan.table.qualify(node.func) or _method_symbol(scan, node.func)
        if symbol is not None:
            scan.add(symbol, node)
        return
    if id(node) in inner or not isinstance(node, (ast.Attribute, ast.Name)):
        return
    if not isinstance(node.ctx, ast.Load):
        return
    symbol = scan.table.qualify(node)
    # A bare module name (`np` passed around) is not a use of any one symbol.
    if symbol is not None and "." in symbol:
        scan.add(symbol, node)


def find_call_sites(tree: ast.Module, *, path: str | None = None) -> list[FrameworkCallSite]:
    """Every use of an ML framework symbol outside type annotations; see ``_scan``."""
    return _scan(tree, path)[0]


def find_annotation_sites(tree: ast.Module, *, path: str | None = None
                          ) -> list[FrameworkCallSite]:
    """Uses of framework symbols inside type annotations (``x: np.ndarray``): not calls, and
    not something a converter maps, but worth knowing (matplotlib names ``numpy.typing`` in
    hundreds of signatures).

    Example:
        >>> src = "import numpy as np\ndef f(x: np.ndarray) -> None: ..."
        >>> [s.symbol for s in find_annotation_sites(ast.parse(src))]
        ['numpy.ndarray']
    """
    return _scan(tree, path)[1]


def find_sites(tree: ast.Module, *, path: str | None = None
               ) -> tuple[list[FrameworkCallSite], list[FrameworkCallSite]]:
    """Call sites and annotation sites of one file in one scan."""
    return _scan(tree, path)


def _scan(tree: ast.Module, path: str | None
          ) -> tuple[list[FrameworkCallSite], list[FrameworkCallSite]]:
    """Every use of an ML framework symbol in one parsed file, sorted by (line, column).

    Args:
        tree: The parsed module.
        path: Stored on each site so project-wide summaries can count files.

    Returns:
        One ``FrameworkCallSite`` per call or attribute/name use of a framework symbol, with
        1-based line and 0-based column as ``ast`` gives them.

    Example:
        >>> src = "import numpy as np\\nx = np.random.rand(3)"
        >>> [s.symbol for s in find_call_sites(ast.parse(src))]
        ['numpy.random.rand']
    """
    imports = ImportTable.from_tree(tree)
    if not imports.frameworks():
        return [], []
    nodes = all_nodes(tree)
    # Scopes only matter when an imported name is bound again somewhere, or imported inside
    # a block: most files do neither, and the import table gives the same answer faster.
    names = ScopedNames.from_tree(tree) if _scopes_matter(tree, nodes) else imports
    scan = _Scan(table=names, path=path, objects={}, sites=[],
                 annotation_nodes=_annotation_nodes(nodes), annotations=[])
    events, inner = _events(tree, nodes)
    for _line, _col, _order, node in events:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            _on_assign(scan, node)
        else:
            _on_expr(scan, node, inner)
    scan.sites.sort(key=lambda s: (s.line, s.column))
    scan.annotations.sort(key=lambda s: (s.line, s.column))
    return scan.sites, scan.annotations


def summarize_frameworks(sites: Sequence[FrameworkCallSite]) -> tuple[MLFrameworkUsage, ...]:
    """Per-framework totals: distinct files, call sites, convertibility and target crate.

    Sorted by call sites (most first), then framework name. Sites without a path count as one
    file together.
    """
    files: dict[str, set[str | None]] = {}
    counts: dict[str, int] = {}
    for site in sites:
        files.setdefault(site.framework, set()).add(site.path)
        counts[site.framework] = counts.get(site.framework, 0) + 1
    usages = [
        MLFrameworkUsage(framework=name, files=len(files[name]), call_sites=counts[name],
                         convertible=name in CONVERTIBLE_FRAMEWORKS,
                         target=TARGET_CRATE.get(name, ""))
        for name in counts
    ]
    usages.sort(key=lambda u: (-u.call_sites, u.framework))
    return tuple(usages)
