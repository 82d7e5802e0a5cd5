"""Walking a Python AST fast: the child fields worth visiting, and every node of a tree.

``ast.walk`` goes through ``iter_fields`` for every field of every node and also yields the
context and operator singletons (``Load()``, ``Add()``): on real code about half of what it
yields, and most of framework detection's time. The analyses that need every node use
``all_nodes``; those that need some of them skip fields with ``child_fields``.
"""

from __future__ import annotations

import ast

SCALAR_FIELDS = frozenset({
    "ctx", "op", "ops", "name", "id", "attr", "arg", "module", "asname", "names", "kind",
    "type_comment", "level", "conversion", "is_async", "simple", "kwd_attrs", "rest", "str",
    "type_ignores",
})
"""Fields that never hold a node worth visiting: identifiers, flags, contexts, operators and
type-ignore comments (``names`` is only ever identifiers or ``alias`` nodes)."""

_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of AST node type ``kind`` that may hold child nodes (cached per type)."""
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        fields = _CHILD_FIELDS[kind] = tuple(
            f for f in getattr(kind, "_fields", ()) if f not in SCALAR_FIELDS)
    return fields


def all_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` in ``ast.walk``'s breadth-first order, minus contexts, operators,
    aliases and type-ignore comments. Iterative: any depth is fine."""
    out: list[ast.AST] = []
    level: list[object] = [tree]
    node_type, fields_of = ast.AST, _CHILD_FIELDS
    while level:
        below: list[object] = []
        for node in level:
            if not isinstance(node, node_type):  # None in kw_defaults, a Constant's value
                continue
            out.append(node)
            kind = type(node)
            fields = fields_of.get(kind) or child_fields(kind)
            for name in fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    below.extend(value)
                elif value is not None:
                    below.append(value)
        level = below
    return out
