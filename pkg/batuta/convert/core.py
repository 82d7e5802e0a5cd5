"""What the translator and the mapping handlers trade: typed values, call sites, refusals.

``Val`` is a piece of Rust with its Rust type (full paths, see ``types``); every value the
converter emits has one, so a statement whose types are not known is never written as code.
``Site`` is one recognized call with its argument bookkeeping; handlers read arguments through
it and ask the translator (``Translator``, a protocol implemented by ``translate.Translator``)
to spell each one as the parameter type the tables give. ``Fail`` is a refusal with a reason:
the statement becomes a ``todo!`` with that reason, its names still bound.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Protocol

from batuta.convert.results import SourceSpan
from batuta.convert.targets import Item


class Fail(Exception):
    """The construct cannot be translated soundly; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Val:
    """Rust code and its type (``"!"`` for a diverging ``todo!``, ``"()"`` for unit)."""

    code: str
    ty: str
    parts: tuple[Val, ...] = ()


class FnFactsLike(Protocol):
    mutated: set[str]


class Translator(Protocol):
    """The translator's services to handlers."""

    def value(self, node: ast.expr, want: str) -> str:
        """Code of ``node`` spelled as type ``want`` (a parameter type from the tables)."""
        ...

    def typed(self, node: ast.expr) -> Val:
        """``node`` translated with whatever type it has."""
        ...

    def call_item(self, item: Item, recv: str | None, args: list[str],
                  generic: str = "") -> Val:
        """A call of a table item (``?`` when it returns ``Result``; its trait brought into
        scope)."""
        ...

    def evidence(self, node: ast.expr, rust_type: str) -> None:
        """``node`` (a name) is used where ``rust_type`` is expected."""
        ...

    def use_trait(self, path: str) -> None:
        ...

    @property
    def fact(self) -> FnFactsLike:
        """The facts of the function being translated (handlers note mutated receivers)."""
        ...

    def literal_int(self, node: ast.expr | None) -> int | None:
        ...


@dataclass
class Site:
    """One recognized call: its node, qualified symbol, receiver value and used arguments."""

    node: ast.Call
    symbol: str
    framework: str
    recv: Val | None
    tr: Translator
    recv_node: ast.expr | None = None
    used_pos: set[int] = field(default_factory=set)
    used_kw: set[str] = field(default_factory=set)

    def arg(self, pos: int | None, name: str | None = None) -> ast.expr | None:
        """Positional ``pos`` or keyword ``name``, marked as used."""
        if pos is not None and pos < len(self.node.args):
            value = self.node.args[pos]
            if isinstance(value, ast.Starred):
                raise Fail("starred arguments cannot be mapped")
            self.used_pos.add(pos)
            return value
        for kw in self.node.keywords:
            if name is not None and kw.arg == name:
                self.used_kw.add(name)
                return kw.value
        return None

    def need(self, pos: int | None, name: str) -> ast.expr:
        node = self.arg(pos, name)
        if node is None:
            raise Fail(f"{self.symbol} needs {name}")
        return node

    def keywords(self) -> list[tuple[str, ast.expr]]:
        """Keyword arguments not used yet (``**kwargs`` refused)."""
        out = []
        for kw in self.node.keywords:
            if kw.arg is None:
                raise Fail("**kwargs cannot be mapped")
            if kw.arg not in self.used_kw:
                out.append((kw.arg, kw.value))
        return out

    def leftovers(self) -> list[str]:
        left = [f"#{i + 1}" for i in range(len(self.node.args)) if i not in self.used_pos]
        left += [kw.arg or "**" for kw in self.node.keywords if kw.arg not in self.used_kw]
        return left


def span_of(node: ast.AST) -> SourceSpan:
    line = getattr(node, "lineno", 0)
    col = getattr(node, "col_offset", 0)
    return SourceSpan(line, col, getattr(node, "end_lineno", None) or line,
                      getattr(node, "end_col_offset", None) or col)


@dataclass
class FnFacts:
    """What the passes learned about one Python function (or the module's script body)."""

    assigned: dict[str, list[str]] = field(default_factory=dict)
    expected: dict[str, list[str]] = field(default_factory=dict)
    mutated: set[str] = field(default_factory=set)
    returns: list[str] = field(default_factory=list)
    param_args: dict[int, list[str]] = field(default_factory=dict)
    emitted: bool = True
    shadowed: set[str] = field(default_factory=set)
    """Parameters rebound by a new ``let`` (``x = self.fc1(x)``): their mutation is the new
    binding's, not the parameter's."""


@dataclass
class Signature:
    """A converted function as callers see it."""

    name: str
    params: list[str]
    param_types: list[str]
    returns: str
    defaults: list[ast.expr]
