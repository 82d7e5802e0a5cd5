"""Resolving names in Python source to the fully qualified symbols they were imported as.

``import numpy as np`` then ``np.linalg.norm(x)`` resolves to ``numpy.linalg.norm``;
``from sklearn.cluster import KMeans as KM`` then ``KM(3)`` resolves to ``sklearn.cluster.KMeans``.
Both the framework detector (``analyze.frameworks``) and the converters (``convert``) read code
through this one table, so they always agree on what a name means.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

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
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


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
