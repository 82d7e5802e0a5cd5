"""The values handlers and the engine trade: ``Expr`` (Rust code and what it holds), ``CallSite``
(one recognized call with argument bookkeeping), ``Unmappable`` (a handler's refusal), and the
object kinds the engine follows."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from batuta.convert.results import SourceSpan

KIND_FRAMEWORK: dict[str, str] = {
    "ndarray": "numpy",
    "rng": "numpy",
    "matrix": "numpy",
    "estimator": "sklearn",
    "model": "pytorch",
    "tensor": "pytorch",
    "layer": "pytorch",
    "tokenizer": "transformers",
}
"""Object kinds the engine follows, and the framework whose handlers own their methods."""

ARRAY_KINDS = frozenset({"ndarray", "matrix", "tensor"})

PARAM_TYPE = {"estimator": "&mut impl Estimator", "model": "&Model", "tokenizer": "&Tokenizer",
              "tensor": "&Tensor", "layer": "&Linear", "ndarray": "&Vector", "matrix": "&Matrix"}

TYPE_KIND = {"Vector": "ndarray", "Matrix": "matrix", "Tensor": "tensor", "Model": "model",
             "Tokenizer": "tokenizer", "f32": "f32", "usize": "usize", "()": None}
"""Object / scalar kind of a value by its Rust type (a converted function's return)."""



class Unmappable(Exception):
    """Raised by a handler: the construct is recognized but has no Rust mapping."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Expr:
    """A Rust expression and what it holds.

    ``kind`` is an object kind from ``KIND_FRAMEWORK`` or a scalar kind (``f32``, ``usize``,
    ``str``, ``tuple``); ``cls`` the qualified Python class it was made from (for method
    symbols); ``rust_type`` its Rust type when known (for signatures and struct fields).
    """

    code: str
    kind: str | None = None
    cls: str = ""
    rust_type: str = ""
    parts: tuple[Expr, ...] = ()


@dataclass
class CallSite:
    """One recognized call being translated, with argument bookkeeping for its handler."""

    node: ast.Call
    symbol: str
    framework: str
    recv: Expr | None
    recv_node: ast.expr | None = None
    used_pos: set[int] = field(default_factory=set)
    used_kw: set[str | None] = field(default_factory=set)

    def arg(self, pos: int | None, name: str | None = None) -> ast.expr | None:
        """Positional ``pos`` or keyword ``name`` (whichever is given), marked as used."""
        if pos is not None and pos < len(self.node.args):
            value = self.node.args[pos]
            if isinstance(value, ast.Starred):
                raise Unmappable("starred arguments cannot be mapped")
            self.used_pos.add(pos)
            return value
        for kw in self.node.keywords:
            if name is not None and kw.arg == name:
                self.used_kw.add(name)
                return kw.value
        return None

    def nargs(self) -> int:
        return len(self.node.args)

    def keywords(self) -> list[tuple[str, ast.expr]]:
        """Keyword arguments not used yet (``**kwargs`` is refused), marked as used."""
        out = []
        for kw in self.node.keywords:
            if kw.arg is None:
                raise Unmappable("**kwargs cannot be mapped")
            if kw.arg not in self.used_kw:
                self.used_kw.add(kw.arg)
                out.append((kw.arg, kw.value))
        return out

    def leftovers(self) -> list[str]:
        """Arguments the handler did not use: ``#2`` for positions, names for keywords."""
        left = [f"#{i + 1}" for i in range(len(self.node.args)) if i not in self.used_pos]
        left += [kw.arg or "**" for kw in self.node.keywords if kw.arg not in self.used_kw]
        return left


def span_of(node: ast.AST) -> SourceSpan:
    """The source span of a node (zeros for synthesized nodes)."""
    line = getattr(node, "lineno", 0)
    col = getattr(node, "col_offset", 0)
    return SourceSpan(line, col, getattr(node, "end_lineno", None) or line,
                      getattr(node, "end_col_offset", None) or col)
