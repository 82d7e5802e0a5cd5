"""The translation engine: Python expressions and statements -> Rust text, one context per run.

The engine knows no framework. It resolves names through ``analyze.symbols.ImportTable`` (the
same table the detector uses), follows which local names hold framework objects (an array, an
estimator, a model), and hands every recognized call, method, attribute and operator to the
handler registered for it (``registry.REGISTRY``). Whatever a handler cannot map is recorded as
unsupported and written as ``todo!("...")`` so the Rust still parses and the gap is visible.
Plain Python the converters do not cover is kept as ``// py:`` comments, never dropped.

This module holds ``Ctx`` (the per-run state and the literal / operator / comprehension
translation); calls, attributes, subscripts and handler dispatch are its mixin in
``_calls``; the values handlers trade are in ``_values``; small syntax helpers in
``_syntax``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from batuta.analyze.symbols import CONVERTIBLE_FRAMEWORKS, ImportTable, framework_of
from batuta.convert._calls import CallTranslation
from batuta.convert._rust import (
    Namer,
    receiver,
    reference,
    rust_bytes,
    rust_float,
    rust_str,
)
from batuta.convert._syntax import BINOPS as _BINOPS
from batuta.convert._syntax import CMPOPS as _CMPOPS
from batuta.convert._syntax import OPERATOR_KEY as _OPERATOR_KEY
from batuta.convert._syntax import deref_pattern as _deref_pattern
from batuta.convert._syntax import is_number as _is_number
from batuta.convert._syntax import paren as _paren
from batuta.convert._syntax import pattern as _pattern
from batuta.convert._values import (
    ARRAY_KINDS,
    CallSite,
    Expr,
    Unmappable,
    span_of,
)
from batuta.convert.registry import REGISTRY, Rule
from batuta.convert.results import MappedConstruct, UnsupportedConstruct

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class Ctx(CallTranslation):
    """Everything one conversion accumulates: imports, mappings, unsupported, names in scope."""

    table: ImportTable
    source: str
    snippet: bool
    primary: str
    assume: dict[str, dict[str, str]] = field(default_factory=dict)
    free_arrays: bool = False
    namer: Namer = field(default_factory=Namer)
    scopes: list[dict[str, Expr]] = field(default_factory=lambda: [{}])
    imports: set[str] = field(default_factory=set)
    mappings: list[MappedConstruct] = field(default_factory=list)
    unsupported: list[UnsupportedConstruct] = field(default_factory=list)
    visited: set[int] = field(default_factory=set)
    demands: dict[str, str] = field(default_factory=dict)
    params: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    cache: dict[int, Expr] = field(default_factory=dict)
    user_functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    user_classes: set[str] = field(default_factory=set)
    fn_returns: dict[str, str] = field(default_factory=dict)
    fn_params: dict[str, list[str]] = field(default_factory=dict)
    _lines: list[bytes] | None = None

    # --- bookkeeping ------------------------------------------------------------------------
    def segment(self, node: ast.AST) -> str:
        """The source text of a node (``ast.get_source_segment`` re-splits the whole source on
        every call, which made large files quadratic; the lines are split once here)."""
        if self._lines is None:
            self._lines = [line.encode("utf-8", "surrogatepass")
                           for line in _LINE.findall(self.source)]
        start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        col, end_col = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if None in (start, end, col, end_col) or not self._lines:
            return ast.unparse(node)
        assert start is not None and end is not None and col is not None and end_col is not None
        if start > len(self._lines) or end > len(self._lines):
            return ast.unparse(node)
        raw: bytes
        if start == end:
            raw = self._lines[start - 1][col:end_col]
        else:
            raw = (self._lines[start - 1][col:] + b"".join(self._lines[start:end - 1])
                   + self._lines[end - 1][:end_col])
        return raw.decode("utf-8", "replace")

    def use(self, path: str) -> None:
        """Add ``use path;`` to the imports."""
        self.imports.add(f"use {path};")

    def lookup(self, name: str) -> Expr | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def bind(self, name: str, value: Expr) -> None:
        self.scopes[-1][name] = value

    def record(self, node: ast.AST, framework: str, symbol: str, rust: str,
               rule: Rule | None = None, note: str = "") -> None:
        """Note a mapped construct."""
        from batuta.backend.moe import OPERATIONS

        self.visited.add(id(node))
        op = rule.operation if rule else ""
        complexity = OPERATIONS[op].value if op in OPERATIONS else ""
        self.mappings.append(MappedConstruct(framework, symbol, rust, span_of(node), op,
                                             complexity, note or (rule.explain if rule else "")))

    def reject(self, node: ast.AST, framework: str, symbol: str, reason: str) -> Expr:
        """Note an unsupported construct; its Rust is a ``todo!`` naming it."""
        self.visited.add(id(node))
        self.unsupported.append(UnsupportedConstruct(framework, symbol, span_of(node), reason))
        return Expr(f"todo!({rust_str(f'{symbol}: {reason}')})")

    def refine(self, name: str, kind: str) -> None:
        """A name's use showed what it holds (``x.mean()``): remember it where it is bound."""
        for scope in reversed(self.scopes):
            if name in scope:
                old = scope[name]
                if old.kind is None:
                    scope[name] = Expr(old.code, kind, old.cls, old.rust_type)
                return
        if name in self.params or self.snippet:
            self.scopes[-1][name] = Expr("", kind)

    def param_scope_entry(self, name: str) -> Expr | None:
        """The binding of ``name`` if it is still the function parameter (not rebound)."""
        if name not in self.params:
            return None
        for scope in reversed(self.scopes):
            if name in scope:
                found = scope[name]
                return found if found.code == "" and found.kind is None else None
        return None

    def demand(self, node: ast.expr, rust_type: str) -> None:
        """A function parameter used where ``rust_type`` is expected gets that type."""
        if isinstance(node, ast.Name) and node.id in self.params:
            self.demands.setdefault(node.id, rust_type)

    # --- expressions --------------------------------------------------------------------------
    def expr(self, node: ast.expr, want: str = "") -> Expr:
        """Translate an expression; ``want`` ("f32" / "usize") steers numeric literals."""
        cached = self.cache.get(id(node))
        if cached is not None:
            return cached
        method = getattr(self, f"_expr_{type(node).__name__}", None)
        if method is None:
            return self.python_only(node)
        result: Expr = method(node, want)
        return result

    def python_only(self, node: ast.AST) -> Expr:
        """An expression kept as Python inside a ``todo!`` (outside the converters' scope)."""
        text = self.segment(node)
        text = " ".join(text.split())
        if len(text) > 80:
            text = text[:77] + "..."
        return Expr(f"todo!({rust_str('python: ' + text)})")

    def val(self, node: ast.expr, want: str = "") -> str:
        """Rust code of an argument passed by value."""
        if want:
            self.demand(node, want)
        return self.expr(node, want).code

    def ref(self, node: ast.expr, rust_type: str = "&Vector") -> str:
        """Rust code of an argument passed by reference (``&x``); strings stay ``&str``."""
        self.demand(node, rust_type)
        value = self.expr(node, "f32")
        if isinstance(node, ast.Name) and self.demands.get(node.id, "").startswith("&") and (
                self.lookup(node.id) is not None and self.lookup(node.id) is self.param_scope_entry(
                    node.id)):
            return value.code  # already a reference parameter
        if value.kind == "str" or value.code.startswith("&"):
            return value.code
        return reference(value.code)

    def recv_ref(self, site: CallSite, rust_type: str) -> str:
        """``&receiver`` for a call site, without re-borrowing a reference parameter."""
        assert site.recv is not None
        if isinstance(site.recv_node, ast.Name):
            return self.ref(site.recv_node, rust_type)
        return reference(site.recv.code)

    def num(self, node: ast.expr | None, want: str, default: str = "") -> str:
        """A numeric argument: literal spelled for ``want`` ("f32" / "usize" / "i64")."""
        if node is None:
            return default
        self.demand(node, want)
        return self.expr(node, want).code

    def _expr_Constant(self, node: ast.Constant, want: str) -> Expr:
        value = node.value
        if isinstance(value, bool):
            return Expr("true" if value else "false", "bool", rust_type="bool")
        if isinstance(value, int):
            if want == "f32":
                return Expr(rust_float(value), "f32", rust_type="f32")
            return Expr(str(value), "usize" if want == "usize" else "int", rust_type="i64")
        if isinstance(value, float):
            return Expr(rust_float(value), "f32", rust_type="f32")
        if isinstance(value, str):
            return Expr(rust_str(value), "str", rust_type="&str")
        if isinstance(value, bytes):
            return Expr(rust_bytes(value), "bytes")
        if value is None:
            return Expr("None", "none")
        return self.python_only(node)

    def _expr_Name(self, node: ast.Name, want: str) -> Expr:
        bound = self.lookup(node.id)
        if bound is not None:
            return Expr(self.namer(node.id), bound.kind, bound.cls, bound.rust_type)
        symbol = self.table.qualify(node)
        if symbol is not None and framework_of(symbol) not in CONVERTIBLE_FRAMEWORKS:
            return Expr(self.namer(node.id))  # json, plt, pd: plain Python names
        if symbol is not None and "." in symbol:
            return self.attribute_symbol(node, symbol)
        if symbol is not None:
            return self.python_only(node)  # a bare module (`np` passed around)
        kind = "ndarray" if self.free_arrays and node.id not in self.params else None
        return Expr(self.namer(node.id), kind)

    def _expr_UnaryOp(self, node: ast.UnaryOp, want: str) -> Expr:
        inner = self.expr(node.operand, want)
        if isinstance(node.op, ast.Not):
            return Expr(f"!{receiver(inner.code)}", "bool")
        if isinstance(node.op, ast.USub):
            return Expr(f"-{receiver(inner.code)}", inner.kind, inner.cls, inner.rust_type)
        if isinstance(node.op, ast.UAdd):
            return inner
        return Expr(f"!{receiver(inner.code)}", inner.kind)

    def _expr_BinOp(self, node: ast.BinOp, want: str) -> Expr:
        left = self.expr(node.left, want)
        right = self.expr(node.right, want)
        # Handlers read the operands again: hand them the translations, never translate twice
        # (literals excepted: handlers re-spell them as f32 at no cost).
        left, right = self.refined(node.left, left), self.refined(node.right, right)
        for side, value in ((node.left, left), (node.right, right)):
            if not _is_number(side):
                self.cache[id(side)] = value
        if isinstance(node.op, ast.MatMult) or left.kind in ARRAY_KINDS or (
                right.kind in ARRAY_KINDS):
            return self.array_operator(node, left, right)
        if isinstance(node.op, ast.Pow):
            return Expr(f"{receiver(left.code)}.powf({right.code})", left.kind)
        op = _BINOPS.get(type(node.op))
        if op is None:
            return self.python_only(node)
        if "f32" in (left.kind, right.kind):
            # Rust does not mix integer and float operands: `2 * PI` is `2.0 * PI`.
            left = self.expr(node.left, "f32") if _is_number(node.left) else left
            right = self.expr(node.right, "f32") if _is_number(node.right) else right
        return Expr(f"{left.code} {op} {_paren(right.code)}", left.kind or right.kind,
                    rust_type=left.rust_type or right.rust_type)

    def refined(self, node: ast.expr, value: Expr) -> Expr:
        """A bare name whose kind became known while its sibling was translated."""
        if value.kind is None and isinstance(node, ast.Name):
            bound = self.lookup(node.id)
            if bound is not None and bound.kind is not None:
                return Expr(value.code, bound.kind, bound.cls, bound.rust_type)
        return value

    def array_operator(self, node: ast.BinOp, left: Expr, right: Expr) -> Expr:
        """``a + b`` / ``a @ b`` on arrays: the handler registered as ``operator.<op>``."""
        for side in (node.left, node.right):
            if isinstance(side, ast.Name) and not _is_number(side):
                self.refine(side.id, "tensor" if "tensor" in (left.kind, right.kind)
                            else "ndarray")
        name = _OPERATOR_KEY.get(type(node.op))
        framework = "pytorch" if "tensor" in (left.kind, right.kind) else "numpy"
        symbol = {"matmul": "@"}.get(name or "", f"operator.{name}")
        rule = REGISTRY.get(framework, f"operator.{name}") if name else None
        if rule is None:
            return self.reject(node, framework, symbol or "operator",
                               "no array mapping for this operator")
        site = CallSite(ast.Call(func=node, args=[node.left, node.right], keywords=[]), symbol,
                        framework, None)
        try:
            result = rule.handler(self, site)
        except Unmappable as exc:
            return self.reject(node, framework, symbol, exc.reason)
        self.record(node, framework, symbol, result.code, rule)
        return result

    def _expr_BoolOp(self, node: ast.BoolOp, want: str) -> Expr:
        op = " && " if isinstance(node.op, ast.And) else " || "
        return Expr(op.join(_paren(self.expr(v).code) for v in node.values), "bool")

    def _expr_Compare(self, node: ast.Compare, want: str) -> Expr:
        if len(node.ops) != 1 or type(node.ops[0]) not in _CMPOPS:
            return self.python_only(node)
        left = self.expr(node.left, want)
        right = self.expr(node.comparators[0], want)
        return Expr(f"{_paren(left.code)} {_CMPOPS[type(node.ops[0])]} {_paren(right.code)}",
                    "bool")

    def _expr_List(self, node: ast.List, want: str) -> Expr:
        items = [self.expr(e, want).code for e in node.elts]
        return Expr(f"vec![{', '.join(items)}]", "list")

    def _expr_Tuple(self, node: ast.Tuple, want: str) -> Expr:
        parts = tuple(self.expr(e, want) for e in node.elts)
        code = ", ".join(p.code for p in parts)
        return Expr(f"({code},)" if len(parts) == 1 else f"({code})", "tuple", parts=parts)

    def _expr_Dict(self, node: ast.Dict, want: str) -> Expr:
        if any(k is None for k in node.keys):
            return self.python_only(node)  # {**other}
        keys = [self.expr(k) for k in node.keys if k is not None]
        values = [self.expr(v) for v in node.values]
        pairs = [f"({k.code}, {v.code})" for k, v in zip(keys, values, strict=True)]
        self.use("std::collections::HashMap")
        # Literal string keys live for the whole program: `&'static str` in a signature.
        key_types = {"&'static str" if k.rust_type == "&str" else k.rust_type for k in keys}
        value_types = {v.rust_type or _SCALAR_TYPE.get(v.kind or "", "") for v in values}
        rust_type = ""
        if len(key_types) == 1 and len(value_types) == 1 and "" not in key_types | value_types:
            rust_type = f"HashMap<{key_types.pop()}, {value_types.pop()}>"
        return Expr(f"HashMap::from([{', '.join(pairs)}])", "dict", rust_type=rust_type)

    def _expr_ListComp(self, node: ast.ListComp, want: str) -> Expr:
        return self.comprehension(node.elt, node.generators, "Vec<_>")

    def _expr_GeneratorExp(self, node: ast.GeneratorExp, want: str) -> Expr:
        return self.comprehension(node.elt, node.generators, "")

    def _expr_SetComp(self, node: ast.SetComp, want: str) -> Expr:
        return self.comprehension(node.elt, node.generators, "HashSet<_>")

    def comprehension(self, elt: ast.expr, generators: list[ast.comprehension],
                      collect: str) -> Expr:
        """``[f(v) for v in xs if c]`` -> ``xs.iter().filter(|v| c).map(|v| f(v))``."""
        if len(generators) != 1 or generators[0].is_async:
            return self.python_only(elt)
        gen = generators[0]
        target = _pattern(gen.target, self.namer)
        if target is None:
            return self.python_only(gen.target)
        self.scopes.append({n.id: Expr("") for n in ast.walk(gen.target)
                            if isinstance(n, ast.Name)})
        try:
            code = self.iterate(gen.iter)
            for cond in gen.ifs:
                code += f".filter(|{_deref_pattern(target)}| {self.expr(cond).code})"
            code += f".map(|{target}| {self.expr(elt).code})"
        finally:
            self.scopes.pop()
        if collect:
            if collect.startswith("HashSet"):
                self.use("std::collections::HashSet")
            code += f".collect::<{collect}>()"
        return Expr(code, "list" if collect else "iter")

    def iterate(self, node: ast.expr) -> str:
        """A Python iterable as a Rust iterator: ranges, ``enumerate``, ``zip``, sequences."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            args = [self.expr(a, "usize").code for a in node.args]
            name = node.func.id
            if name == "range" and 1 <= len(args) <= 3:
                start, stop = ("0", args[0]) if len(args) == 1 else (args[0], args[1])
                span = f"({_paren(start)}..{_paren(stop)})"
                return f"{span}.step_by({args[2]})" if len(args) == 3 else span
            if name == "enumerate" and len(args) == 1:
                return f"{receiver(args[0])}.iter().enumerate()"
            if name == "zip" and len(args) == 2:
                return f"{receiver(args[0])}.iter().zip({receiver(args[1])}.iter())"
        if isinstance(node, (ast.List, ast.Tuple)):
            return "[" + ", ".join(self.expr(e).code for e in node.elts) + "].into_iter()"
        return f"{receiver(self.expr(node).code)}.iter()"

    def _expr_Lambda(self, node: ast.Lambda, want: str) -> Expr:
        names = [a.arg for a in node.args.args]
        self.scopes.append({n: Expr("") for n in names})
        try:
            body = self.expr(node.body).code
        finally:
            self.scopes.pop()
        return Expr(f"|{', '.join(self.namer(n) for n in names)}| {body}", "closure")

    def _expr_IfExp(self, node: ast.IfExp, want: str) -> Expr:
        test, yes, no = self.expr(node.test), self.expr(node.body, want), self.expr(
            node.orelse, want)
        return Expr(f"if {test.code} {{ {yes.code} }} else {{ {no.code} }}", yes.kind or no.kind)

    def _expr_JoinedStr(self, node: ast.JoinedStr, want: str) -> Expr:
        pieces: list[str] = []
        args: list[str] = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                pieces.append(part.value.replace("{", "{{").replace("}", "}}"))
            elif isinstance(part, ast.FormattedValue):
                pieces.append("{}")
                args.append(self.expr(part.value).code)
            else:
                return self.python_only(node)
        fmt = rust_str("".join(pieces))
        return Expr(f"format!({fmt}{''.join(', ' + a for a in args)})", "str",
                    rust_type="String")



_SCALAR_TYPE = {"f32": "f32", "int": "i64", "usize": "usize", "bool": "bool", "str": "&str"}
