"""Resolving names in Python source to the fully qualified symbols they were imported as.

``import numpy as np`` then ``np.linalg.norm(x)`` resolves to ``numpy.linalg.norm``;
``from sklearn.cluster import KMeans as KM`` then ``KM(3)`` resolves to ``sklearn.cluster.KMeans``.
Both the framework detector (``analyze.frameworks``) and the converters (``convert``) read code
through this one table, so they always agree on what a name means.
"""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass, field

from batuta.analyze._nodes import child_fields

FRAMEWORK_OF_MODULE: dict[str, str] = {
    "numpy": "numpy",
    "sklearn": "sklearn",
    "torch": "pytorch",
    "transformers": "transformers",
    "pandas": "pandas",
    "tensorflow": "tensorflow",
    "keras": "tensorflow",
    "jax": "jax",
    "flax": "jax",
}
"""Top-level module -> framework name used in results."""

CONVERTIBLE_FRAMEWORKS: frozenset[str] = frozenset({"numpy", "sklearn", "pytorch", "transformers"})
"""Frameworks with a converter; the rest are reported as "detected, no converter"."""


_BLOCK_FIELDS = ("body", "handlers", "orelse", "finalbody", "cases")
_BLOCKS_OF: dict[type, tuple[str, ...]] = {}


def _import_statements(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of ``tree`` in ``ast.walk``'s breadth-first order.

    Imports are statements, so only statement lists (and the ``except``/``case`` clauses that
    hold them) are walked; skipping every expression makes this several times cheaper than
    ``ast.walk`` while keeping its order (a later binding of a name still wins).
    """
    found: list[ast.Import | ast.ImportFrom] = []
    level: list[ast.AST] = [tree]
    while level:
        below: list[ast.AST] = []
        for node in level:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
                continue
            kind = type(node)
            fields = _BLOCKS_OF.get(kind)
            if fields is None:
                present = getattr(kind, "_fields", ())
                fields = _BLOCKS_OF[kind] = tuple(f for f in present if f in _BLOCK_FIELDS)
            for name in fields:
                value = getattr(node, name)
                if isinstance(value, list):  # Expression.body, Lambda.body are single nodes
                    below.extend(value)
        level = below
    return found


def framework_of(qualname: str) -> str | None:
    """The framework a qualified name belongs to, or None.

    Example:
        >>> framework_of("torch.nn.Linear"), framework_of("os.path.join")
        ('pytorch', None)
    """
    return FRAMEWORK_OF_MODULE.get(qualname.partition(".")[0])


def dotted_name(node: ast.expr) -> str | None:
    """``a.b.c`` for a ``Name`` / ``Attribute`` chain, None for anything else (calls, subscripts).

    Example:
        >>> dotted_name(ast.parse("self.model.fit", mode="eval").body)
        'self.model.fit'
    """
    chain = attribute_chain(node)
    return None if chain is None else ".".join([chain[0].id, *chain[1]])


def attribute_chain(node: ast.expr) -> tuple[ast.Name, list[str]] | None:
    """The root ``Name`` of a ``Name`` / ``Attribute`` chain and the attributes after it, in
    order; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return node, parts[::-1]


@dataclass
class ImportTable:
    """Local name -> qualified name, for the module-level and nested imports of one tree.

    Imports anywhere in the file count (inside functions too): code that imports inside a
    function still uses the framework, and shadowing by a later plain assignment is rare enough
    in ML scripts that tracking scopes would cost more than it catches.
    """

    bindings: dict[str, str] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)

    @classmethod
    def from_tree(cls, tree: ast.AST) -> ImportTable:
        table = cls()
        for node in _import_statements(tree):
            if isinstance(node, ast.Import):
                table._add_import(node)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                table._add_import_from(node)
        return table

    def _add_import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.modules.add(alias.name)
            if alias.asname:
                self.bindings[alias.asname] = alias.name
            else:
                # `import a.b.c` binds only `a`, which then resolves attribute chains itself.
                top = alias.name.partition(".")[0]
                self.bindings[top] = top

    def _add_import_from(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        self.modules.add(module)
        for alias in node.names:
            if alias.name == "*":
                continue
            self.bindings[alias.asname or alias.name] = f"{module}.{alias.name}"

    def qualify(self, node: ast.expr) -> str | None:
        """The qualified name of a ``Name`` / ``Attribute`` chain rooted at an import, else None.

        Example:
            >>> t = ImportTable.from_tree(ast.parse("import numpy as np"))
            >>> t.qualify(ast.parse("np.linalg.norm", mode="eval").body)
            'numpy.linalg.norm'
        """
        name = dotted_name(node)
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        root = self.bindings.get(head)
        if root is None:
            return None
        return root + dot + rest

    def frameworks(self) -> set[str]:
        """Frameworks imported at all (even if never called)."""
        found = {framework_of(m) for m in self.modules}
        return {f for f in found if f is not None}


_Pos = tuple[int, int]
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@dataclass
class _Scope:
    """One Python scope: its bindings in source order, and the scope around it."""

    parent: _Scope | None
    start: _Pos
    is_class: bool = False
    bindings: dict[str, list[tuple[_Pos, str | None]]] = field(default_factory=dict)
    globals_: set[str] = field(default_factory=set)

    def bind(self, name: str, pos: _Pos, qualname: str | None) -> None:
        self.bindings.setdefault(name, []).append((pos, qualname))


def _pos(node: ast.AST, *, end: bool = False) -> _Pos:
    if end:
        return (getattr(node, "end_lineno", None) or node.lineno,  # type: ignore[attr-defined]
                getattr(node, "end_col_offset", None) or 0)
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


class ScopedNames:
    """What each *use* of a name refers to, by Python's scopes and the order of bindings.

    ``ImportTable`` knows what a name was imported as anywhere in the file; this knows what it
    means where it is read: ``from sklearn import datasets`` then ``datasets = [...]`` makes
    later reads of ``datasets`` plain data, an import inside a function binds only there,
    and a parameter or loop variable shadows a module import. A read resolves to the latest
    binding before it in its own scope (the last one, when all come later: a loop), else in
    the enclosing function scopes, else at module level (the latest binding before the
    function that reads it, or the last one); class bodies are skipped by nested functions, as
    in Python. Only imports give a qualified name; every other binding gives None.

    Example:
        >>> tree = ast.parse("from sklearn import datasets\\ndatasets = []\\nx = datasets")
        >>> ScopedNames.from_tree(tree).qualify(tree.body[2].value) is None
        True
    """

    def __init__(self) -> None:
        self._reads: dict[int, tuple[_Scope, str, _Pos]] = {}
        self._watched: set[str] = set()

    @classmethod
    def from_tree(cls, tree: ast.AST) -> ScopedNames:
        """Walk ``tree`` once (iteratively: any depth) recording scopes, bindings and reads.

        Only names that some import in the file binds are tracked: any other name can never
        resolve to a module, so its bindings and reads are skipped (most of a file's names).
        """
        names = cls()
        names._watched = _imported_names(tree)
        if not names._watched:
            return names
        module = _Scope(None, (0, 0))
        scopes = [module]
        stack: list[_Item] = [(tree, module, None, False)]
        while stack:
            node, scope, bind_at, weak = stack.pop()
            kind = type(node)
            if kind is ast.Name:  # the commonest node: no children, no scope
                names._name(node, scope, bind_at, weak)  # type: ignore[arg-type]
                continue
            inner = scope
            if kind in _VISITED:
                inner = names._visit(node, scope, weak)
                if inner is not scope:
                    scopes.append(inner)
                    weak = False  # a function body runs whole when it runs
            if kind in _BINDING_POINTS:
                bind_at = _binding_point(node, bind_at)
            elif kind in _STATEMENTS:
                bind_at = None
            _push_children(stack, node, kind, inner, bind_at, weak or kind in _CONDITIONAL)
        for each in scopes:  # the walk appends in stack order; reads bisect in source order
            for found in each.bindings.values():
                found.sort(key=lambda b: b[0])
        return names

    def _name(self, node: ast.Name, scope: _Scope, bind_at: _Pos | None, weak: bool) -> None:
        if node.id not in self._watched:
            return
        if isinstance(node.ctx, ast.Load):
            self._reads[id(node)] = (scope, node.id, _pos(node))
        elif not weak:  # Store/Del: a plain (re)binding, effective once its statement has run
            scope.bind(node.id, bind_at or _pos(node, end=True), None)

    def _visit(self, node: ast.AST, scope: _Scope, weak: bool) -> _Scope:
        """Record what ``node`` binds in ``scope``; return the scope of its children."""
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self._bind_import(node, scope)
            return scope
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            scope.globals_.update(node.names)
            return scope
        if isinstance(node, _SCOPES):
            if not isinstance(node, ast.Lambda) and not weak:
                scope.bind(node.name, _pos(node), None)
            inner = _Scope(scope, _pos(node), is_class=isinstance(node, ast.ClassDef))
            if not isinstance(node, ast.ClassDef):
                for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                            node.args.vararg, node.args.kwarg):
                    if arg is not None:
                        inner.bind(arg.arg, _pos(node), None)
            return inner
        return scope

    @staticmethod
    def _bind_import(node: ast.Import | ast.ImportFrom, scope: _Scope) -> None:
        at = _pos(node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.bind(alias.asname, at, alias.name)
                else:
                    top = alias.name.partition(".")[0]
                    scope.bind(top, at, top)
            return
        relative = node.level != 0 or not node.module
        for alias in node.names:
            if alias.name != "*":
                target = None if relative else f"{node.module}.{alias.name}"
                scope.bind(alias.asname or alias.name, at, target)

    def root(self, node: ast.Name) -> str | None:
        """The qualified name the read ``node`` refers to, or None (not an import there)."""
        read = self._reads.get(id(node))
        if read is None:
            return None
        scope, name, at = read
        if name in scope.globals_:
            while scope.parent is not None:
                scope = scope.parent
        current: _Scope | None = scope
        first = True
        while current is not None:
            if not (current.is_class and not first):  # nested functions skip class bodies
                found = current.bindings.get(name)
                if found:
                    return _binding_at(found, at)
            if current.parent is not None:
                at = min(at, current.start) if current.parent.parent is None else at
            current, first = current.parent, False
        return None

    def qualify(self, node: ast.expr) -> str | None:
        """Like :meth:`ImportTable.qualify`, but for this read of the chain's root name."""
        chain = attribute_chain(node)
        root = None if chain is None else self.root(chain[0])
        if chain is None or root is None:
            return None
        return ".".join([root, *chain[1]])


_VISITED = frozenset({ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, *_SCOPES})
# Inside these a plain binding may not run (`try: import numpy as np` / `except ImportError:
# np = None`): such "weak" bindings never hide an import; the names an except or a match case
# binds are weak too. A comprehension's target lives in its own scope.
_CONDITIONAL = frozenset({ast.If, ast.Try, ast.TryStar, ast.While, ast.Match, ast.IfExp,
                          ast.ExceptHandler, ast.comprehension, ast.match_case})
_LOOP_BODIES = frozenset({ast.For, ast.AsyncFor})
_Item = tuple[ast.AST, "_Scope", "_Pos | None", bool]


def _push_children(stack: list[_Item], node: ast.AST, kind: type, scope: _Scope,
                   bind_at: _Pos | None, weak: bool) -> None:
    """Queue a node's children; a loop's body and else-clause may not run (weak)."""
    node_type = ast.AST
    for field_name in child_fields(kind):
        value = getattr(node, field_name, None)
        child_weak = weak or (kind in _LOOP_BODIES and field_name in ("body", "orelse"))
        if type(value) is list:
            stack.extend((v, scope, bind_at, child_weak) for v in value
                         if isinstance(v, node_type))
        elif isinstance(value, node_type):
            stack.append((value, scope, bind_at, child_weak))
_BINDING_POINTS = frozenset({ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor,
                             ast.With, ast.AsyncWith, *_SCOPES})
_STATEMENTS = frozenset(ast.stmt.__subclasses__())


def _imported_names(tree: ast.AST) -> set[str]:
    """Every local name some import statement of the file binds."""
    out: set[str] = set()
    for node in _import_statements(tree):
        for alias in node.names:
            if alias.name != "*":
                out.add(alias.asname or alias.name.partition(".")[0])
    return out


def _binding_point(node: ast.AST, outer: _Pos | None) -> _Pos | None:
    """Where the names a statement stores become bound: after an assignment's value (so
    ``np = np.asarray(x)`` reads the old ``np``), after a loop's iterable, after a ``with``'s
    items; a new scope starts afresh."""
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return _pos(node, end=True)
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return _pos(node.iter, end=True)
    if isinstance(node, (ast.With, ast.AsyncWith)) and node.items:
        return _pos(node.items[-1].context_expr, end=True)
    if isinstance(node, (*_SCOPES, ast.stmt)):
        return None
    return outer


def _binding_at(bindings: list[tuple[_Pos, str | None]], at: _Pos) -> str | None:
    """The latest binding at or before ``at``; the last one when all come later (a loop).

    The lists are sorted once after the walk (``ScopedNames.from_tree``) and searched by
    bisection, so many bindings and reads of one name cost O(n log n), not O(n^2).
    """
    i = bisect.bisect_right(bindings, at, key=lambda b: b[0])
    return bindings[i - 1][1] if i else bindings[-1][1]
