"""One iterative pass over a Python function body: radon's cyclomatic count and Sonar's cognitive
complexity together, plus the nested definitions found on the way.

Cyclomatic (radon 6.0.1 ``ComplexityVisitor``, re-implemented, counted only inside the body):
1, plus 1 per ``if``/``elif``/ternary, ``for``/``while`` (+1 more with an ``else``), ``try``
(+1 per ``except``, +1 for its ``else``; ``try/except*`` adds nothing, as in radon), each
comprehension (+1 per ``if`` filter), each boolean operator (``len(values) - 1``), ``assert``
(+1, not looked into), ``match`` (+1 per case, not counting one catch-all case). ``with``,
``lambda`` and decorators add nothing; nested ``def`` and ``class`` bodies are their own blocks.

Cognitive (SonarSource, "Cognitive Complexity", G. Ann Campbell, 2017), as read for Python:
``if``, ternary, ``for``/``while``, ``except`` and ``match`` cost 1 plus the nesting level;
``elif``, ``else`` and a loop's ``else`` cost 1 flat; each run of one boolean operator costs 1
(``a and b and c`` is 1, ``a and b or c`` is 2); each comprehension ``if`` filter costs 1; a
recursive call (``f()`` inside ``f``, ``self.f()`` inside method ``f``) costs 1. The bodies of
those structures and of ``lambda`` are one level deeper. Nested ``def`` bodies are measured as
their own functions (as radon does), not added to the outer one. ``break``/``continue`` have no
labels in Python and cost nothing.

The walk uses an explicit stack, so arbitrarily deep trees never hit the recursion limit.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from batuta.analyze._nodes import child_fields

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef
_DEFS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_LEAVES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias,
                     ast.Global, ast.Nonlocal, ast.Load, ast.Store, ast.Del})
_FIELDS: dict[type, tuple[str, ...]] = {}


@dataclass
class BodyMetrics:
    """What one function body measured, and the definitions nested inside it."""

    cyclomatic: int = 1
    cognitive: int = 0
    nested: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = field(
        default_factory=list)


# A stack frame: (nodes, their nesting level, whether radon's cyclomatic count looks inside).
# Frames hold whole child lists, so most nodes never get a stack entry of their own.
_Frame = tuple[Sequence[ast.AST], int, bool]


def _is_elif(node: ast.If) -> bool:
    """``elif`` parses as an ``If`` alone in ``orelse``, starting in the parent's column."""
    if len(node.orelse) != 1:
        return False
    child = node.orelse[0]
    return isinstance(child, ast.If) and child.col_offset == node.col_offset


def _is_recursive(call: ast.Call, name: str, is_method: bool) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return not is_method and func.id == name
    return (is_method and isinstance(func, ast.Attribute) and func.attr == name
            and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))


class _Walker:
    """Pushes children with the right nesting and adds both counts, one node at a time."""

    def __init__(self, func: FuncNode, is_method: bool) -> None:
        self.name = func.name
        self.is_method = is_method
        self.out = BodyMetrics()
        self.stack: list[_Frame] = [(func.body, 0, True)]
        self.elifs: set[int] = set()
        self.continued: set[int] = set()  # BoolOps that continue their parent's operator run

    def push(self, nodes: Sequence[ast.AST], level: int, cc: bool) -> None:
        if nodes:
            self.stack.append((nodes, level, cc))

    def push_node(self, node: ast.AST | None, level: int, cc: bool) -> None:
        if node is not None:
            self.stack.append(((node,), level, cc))

    def run(self) -> BodyMetrics:
        stack, pop, push = self.stack, self.stack.pop, self.stack.append
        handlers, leaves, fields_of, nested = _HANDLERS, _LEAVES, _FIELDS, self.out.nested
        while stack:
            nodes, level, cc = pop()
            for node in nodes:
                kind = type(node)
                if kind in leaves:
                    continue
                handler = handlers.get(kind)
                if handler is not None:
                    handler(self, node, level, cc)
                    continue
                if kind in _DEFS:
                    nested.append(node)  # type: ignore[arg-type]
                    continue
                fields = fields_of.get(kind)
                if fields is None:
                    fields = fields_of[kind] = child_fields(kind)
                children: list[ast.AST] = []
                for name in fields:  # inlined ast.iter_child_nodes, minus scalar fields
                    value = getattr(node, name)
                    if type(value) is list:
                        children.extend(value)
                    elif value is not None:
                        children.append(value)
                if children:
                    push((children, level, cc))
        return self.out

    def on_if(self, node: ast.If, level: int, cc: bool) -> None:
        self.out.cyclomatic += cc
        self.out.cognitive += 1 if id(node) in self.elifs else 1 + level
        self.push_node(node.test, level, cc)
        self.push(node.body, level + 1, cc)
        if _is_elif(node):
            self.elifs.add(id(node.orelse[0]))
            self.push_node(node.orelse[0], level, cc)
        elif node.orelse:
            self.out.cognitive += 1
            self.push(node.orelse, level + 1, cc)

    def on_loop(self, node: ast.For | ast.AsyncFor | ast.While, level: int, cc: bool) -> None:
        self.out.cyclomatic += cc * (1 + bool(node.orelse))
        self.out.cognitive += 1 + level + bool(node.orelse)
        if isinstance(node, ast.While):
            self.push_node(node.test, level, cc)
        else:
            self.push((node.target, node.iter), level, cc)
        self.push(node.body, level + 1, cc)
        self.push(node.orelse, level + 1, cc)

    def on_try(self, node: ast.Try, level: int, cc: bool) -> None:
        # radon matches the class name "Try" only, so ``try/except*`` (TryStar) adds nothing.
        if type(node) is ast.Try:
            self.out.cyclomatic += cc * (len(node.handlers) + bool(node.orelse))
        self.push(node.body, level, cc)
        for handler in node.handlers:
            self.out.cognitive += 1 + level
            self.push_node(handler.type, level, cc)
            self.push(handler.body, level + 1, cc)
        self.push(node.orelse, level, cc)
        self.push(node.finalbody, level, cc)

    def on_match(self, node: ast.Match, level: int, cc: bool) -> None:
        catch_all = any(getattr(c.pattern, "pattern", False) is None for c in node.cases)
        self.out.cyclomatic += cc * max(0, len(node.cases) - catch_all)
        self.out.cognitive += 1 + level
        self.push_node(node.subject, level, cc)
        for case in node.cases:
            self.push_node(case.pattern, level + 1, cc)
            self.push_node(case.guard, level + 1, cc)
            self.push(case.body, level + 1, cc)

    def on_ifexp(self, node: ast.IfExp, level: int, cc: bool) -> None:
        self.out.cyclomatic += cc
        self.out.cognitive += 1 + level
        self.push_node(node.test, level, cc)
        self.push((node.body, node.orelse), level + 1, cc)

    def on_boolop(self, node: ast.BoolOp, level: int, cc: bool) -> None:
        self.out.cyclomatic += cc * (len(node.values) - 1)
        if id(node) not in self.continued:
            self.out.cognitive += 1
        for value in node.values:
            if isinstance(value, ast.BoolOp) and type(value.op) is type(node.op):
                self.continued.add(id(value))
        self.push(node.values, level, cc)

    def on_comprehension(self, node: ast.comprehension, level: int, cc: bool) -> None:
        self.out.cyclomatic += cc * (1 + len(node.ifs))
        self.out.cognitive += len(node.ifs)
        self.push((node.target, node.iter, *node.ifs), level, cc)

    def on_assert(self, node: ast.Assert, level: int, cc: bool) -> None:
        # radon adds 1 and never looks inside an assert; cognitive still reads its condition.
        self.out.cyclomatic += cc
        self.push_node(node.test, level, False)
        self.push_node(node.msg, level, False)

    def on_lambda(self, node: ast.Lambda, level: int, cc: bool) -> None:
        self.push_node(node.args, level, cc)
        self.push_node(node.body, level + 1, cc)

    def on_call(self, node: ast.Call, level: int, cc: bool) -> None:
        if _is_recursive(node, self.name, self.is_method):
            self.out.cognitive += 1
        self.push_node(node.func, level, cc)
        self.push(node.args, level, cc)
        self.push([k.value for k in node.keywords], level, cc)


_HANDLERS: dict[type[ast.AST], Callable[[_Walker, Any, int, bool], None]] = {
    ast.If: _Walker.on_if,
    ast.For: _Walker.on_loop,
    ast.AsyncFor: _Walker.on_loop,
    ast.While: _Walker.on_loop,
    ast.Try: _Walker.on_try,
    ast.Match: _Walker.on_match,
    ast.IfExp: _Walker.on_ifexp,
    ast.BoolOp: _Walker.on_boolop,
    ast.comprehension: _Walker.on_comprehension,
    ast.Assert: _Walker.on_assert,
    ast.Lambda: _Walker.on_lambda,
    ast.Call: _Walker.on_call,
}
if hasattr(ast, "TryStar"):  # Python 3.11+; the browser's 3.14 has it too
    _HANDLERS[ast.TryStar] = _Walker.on_try


def measure_body(func: FuncNode, *, is_method: bool) -> BodyMetrics:
    """Cyclomatic and cognitive complexity of one function, and its nested definitions.

    Example:
        >>> f = ast.parse("def f(a, b):\\n    if a and b:\\n        return 1").body[0]
        >>> m = measure_body(f, is_method=False); (m.cyclomatic, m.cognitive)
        (3, 2)
    """
    return _Walker(func, is_method).run()
