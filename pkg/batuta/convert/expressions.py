"""Python expressions -> typed Rust (``Val``): plain Python here, framework calls dispatched.

The expression half of ``translate.Translator`` (a mixin: the translator holds the state).
Plain Python is translated where the translation is sound for the types involved: scalar
arithmetic, comparisons, ``print`` and f-strings of printable values, list literals and
comprehensions over ranges and vectors, calls of the module's own converted functions.
Everything else raises ``Fail`` with the reason. Calls, attributes and operators on framework
values go to the handler registered for them (``registry.REGISTRY``).
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from batuta.analyze.symbols import CONVERTIBLE_FRAMEWORKS, framework_of
from batuta.convert._rust import rust_float, rust_str
from batuta.convert.coerce import coerce, literal_for, paren
from batuta.convert.core import Fail, FnFacts, Signature, Site, Val
from batuta.convert.pymath import math_call, math_const
from batuta.convert.registry import REGISTRY
from batuta.convert.types import (
    DEBUG,
    DISPLAY,
    FLOATS_T,
    INTEGERS,
    SCALARS,
    deref,
    owned,
    type_path,
)

if TYPE_CHECKING:
    from batuta.convert.classes import Struct
    from batuta.convert.targets import Item

BINOPS: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
                           ast.Mod: "%"}
CMPOPS: dict[type, str] = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=",
                           ast.Gt: ">", ast.GtE: ">="}
OPERATOR_KEY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div",
                ast.MatMult: "matmul"}
_SPEC = re.compile(r"^\.(\d+)f$")
_PERCENT = re.compile(r"(%%|%[^a-zA-Z%]*[a-zA-Z])")
"""A printf-style hole of ``str % values`` (captured, so ``split`` keeps it)."""
_HOLE = re.compile(r"%(?:0?\.(\d+))?([disf])")


class Expressions:
    """Expression translation; ``translate.Translator`` supplies the state."""

    if TYPE_CHECKING:
        from batuta.analyze.symbols import ImportTable
        from batuta.convert._rust import Namer
        from batuta.convert.results import MappedConstruct, UnsupportedConstruct

        table: ImportTable
        namer: Namer
        sigs: dict[str, Signature]
        facts: dict[str, FnFacts]
        fact: FnFacts
        consts: dict[str, Val]
        user_functions: dict[str, ast.FunctionDef]
        mappings: list[MappedConstruct]
        unsupported: list[UnsupportedConstruct]
        snippet: bool
        primary: str
        loop_vars: dict[str, str]
        structs: dict[str, Struct]

        def call_item(self, item: Item, recv: str | None, args: list[str],
                      generic: str = "") -> Val: ...
        def use_trait(self, path: str) -> None: ...

        def type_of_name(self, name: str) -> str | None: ...
        def evidence(self, node: ast.expr, rust_type: str) -> None: ...
        def declared(self, name: str) -> bool: ...
        def record(self, node: ast.AST, framework: str, symbol: str, rust: str,
                   operation: str = "", note: str = "") -> None: ...
        def reject(self, node: ast.AST, framework: str, symbol: str, reason: str) -> None: ...

    # --- entry points ----------------------------------------------------------------------
    def typed(self, node: ast.expr) -> Val:
        method = getattr(self, f"_expr_{type(node).__name__}", None)
        if method is None:
            raise Fail(f"{type(node).__name__} expressions are not translated")
        result: Val = method(node)
        return result

    def value(self, node: ast.expr, want: str) -> str:
        """``node`` as Rust code of type ``want``."""
        literal = self.literal_as(node, want)
        if literal is not None:
            return literal
        if isinstance(node, ast.Name) and self.name_type(node.id) is None and want != "bool":
            self.evidence(node, want)  # (a condition's truthiness says nothing of a type)
        value = self.typed(node)
        code = coerce(value.code, value.ty, want)
        if code is None:
            raise Fail(f"a {value.ty} where {want} is expected")
        return code

    def literal_as(self, node: ast.expr, want: str) -> str | None:
        """Number, list and empty-list literals spelled directly as ``want``."""
        number = _number(node)
        if number is not None:
            base = deref(want)
            code = literal_for(number, base)
            if code is not None:
                return f"&{code}" if want.startswith("&") and base != want else code
            return None
        if isinstance(node, ast.List) and not node.elts and deref(want).startswith("Vec<"):
            return "Vec::new()" if not want.startswith("&") else "&Vec::new()"
        if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
            elem = _elem(want)
            if elem is not None and elem in SCALARS:
                items = [self.value(e, elem) for e in node.elts]
                if want.startswith("&["):
                    return f"&[{', '.join(items)}]"
                return f"vec![{', '.join(items)}]"
        return None

    def literal_int(self, node: ast.expr | None) -> int | None:
        number = _number(node) if node is not None else None
        return number if isinstance(number, int) else None

    def name_type(self, name: str) -> str | None:
        if name in self.consts:
            return self.consts[name].ty
        return self.type_of_name(name)

    # --- leaves ----------------------------------------------------------------------------
    def _expr_Constant(self, node: ast.Constant) -> Val:
        value = node.value
        if isinstance(value, bool):
            return Val("true" if value else "false", "bool")
        if isinstance(value, int):
            if abs(value) >= 2**63:
                raise Fail("an integer beyond i64")
            return Val(str(value), "i64")
        if isinstance(value, float):
            return Val(rust_float(value), "f32")
        if isinstance(value, str):
            return Val(rust_str(value), "&str")
        raise Fail(f"the literal {value!r}")

    def _expr_Name(self, node: ast.Name) -> Val:
        if node.id in self.consts and not self.declared(node.id):
            return self.consts[node.id]
        symbol = self.table.qualify(node)
        if symbol is not None and not self.declared(node.id):
            if symbol.startswith("math.") and symbol.count(".") == 1:  # from math import pi
                return math_const(symbol[5:])
            if framework_of(symbol) in CONVERTIBLE_FRAMEWORKS and "." in symbol:
                return self.dispatch(node, framework_of(symbol) or "", symbol, symbol,
                                     Site(ast.Call(func=node, args=[], keywords=[]), symbol,
                                          framework_of(symbol) or "", None, self))
            raise Fail(f"{node.id} names a module or a library object")
        rust_type = self.type_of_name(node.id)
        if rust_type is None:
            raise Fail(f"the type of {node.id} is not known")
        if not self.declared(node.id) and node.id not in self.loop_vars and (
                not self.snippet):
            raise Fail(f"{node.id} is bound in an inner block or not at all")
        return Val(self.namer(node.id), rust_type)

    # --- operators -------------------------------------------------------------------------
    def _expr_UnaryOp(self, node: ast.UnaryOp) -> Val:
        inner = self.typed(node.operand)
        if isinstance(node.op, ast.Not):
            if inner.ty != "bool":
                raise Fail("`not` on a value that is not a bool")
            return Val(f"!{paren(inner.code)}", "bool")
        if isinstance(node.op, ast.USub) and (inner.ty in FLOATS_T or inner.ty in (
                "i64", "i32")):
            return Val(f"-{paren(inner.code)}", inner.ty)
        if isinstance(node.op, ast.UAdd) and inner.ty in SCALARS:
            return inner
        raise Fail(f"unary operator on {inner.ty}")

    def _expr_BinOp(self, node: ast.BinOp) -> Val:
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(
                node.left.value, str):
            return self.percent_format(node.left.value, node.right)
        left, failed = self.attempt(node.left)
        right, failed_right = self.attempt(node.right)
        if failed or failed_right:
            if self.snippet and self.primary == "numpy":
                # A NumPy snippet's free names in an operator are arrays (`c = a @ b`).
                kind = "trueno::Matrix<f32>" if isinstance(node.op, ast.MatMult) else (
                    "trueno::Vector<f32>")
                for side in (node.left, node.right):
                    if isinstance(side, ast.Name) and self.name_type(side.id) is None:
                        self.evidence(side, kind)
            raise failed or failed_right or Fail("operands")  # both sides left evidence
        kinds = {v.ty for v in (left, right) if v is not None}
        if any(not (t in SCALARS or t in ("&str", "String")) for t in kinds) or (
                isinstance(node.op, ast.MatMult)):
            return self.array_operator(node, left, right)
        if (left is None) != (right is None):
            left, right = self.literal_operand(node, left, right)
        if left is None and right is None:
            left = right = _literals(node)  # `64 * 4`: Python's int (i64) or float (f32)
        if left is None or right is None:
            raise Fail("an operand's type is not known")
        if isinstance(node.op, ast.Add) and {left.ty, right.ty} <= {"&str", "String"}:
            return Val(f'format!("{{}}{{}}", {left.code}, {right.code})', "String")
        return self.scalar_binop(node, left, right)

    def literal_operand(self, node: ast.BinOp, left: Val | None, right: Val | None
                        ) -> tuple[Val | None, Val | None]:
        """``n * 2``, ``2.5 * n``: a number literal beside a typed scalar takes the scalar's
        type (a float literal beside an integer makes the arithmetic f32, as Python's makes it
        float)."""
        other = left or right
        number = _number(node.left if left is None else node.right)
        if other is None or number is None or deref(other.ty) not in SCALARS - {"bool"}:
            return left, right
        kind = deref(other.ty)
        if isinstance(number, float) and kind in INTEGERS:
            kind = "f32"
        if left is None and isinstance(node.op, (ast.Pow, ast.FloorDiv, ast.Mod)):
            # `2 ** n` would be `2.pow(..)`: a method on a literal of no single Rust type
            raise Fail("a number literal on the left of **, // or %")
        if isinstance(node.op, ast.Pow) and kind in INTEGERS and number < 0:
            raise Fail("an integer to a negative power (Python's result is a float)")
        if kind not in FLOATS_T and number < 0 and kind not in ("i64", "i32"):
            raise Fail(f"a negative number as a {kind}")
        literal = Val(str(number), kind)
        return (literal, right) if left is None else (left, literal)

    def attempt(self, node: ast.expr) -> tuple[Val | None, Fail | None]:
        try:
            return self.typed_or_none(node), None
        except Fail as exc:
            return None, exc

    def typed_or_none(self, node: ast.expr) -> Val | None:
        if _number(node) is not None:
            return None
        return self.typed(node)

    def scalar_binop(self, node: ast.BinOp, left: Val, right: Val) -> Val:
        lt, rt = deref(left.ty), deref(right.ty)
        if "bool" in (lt, rt) or lt not in SCALARS or rt not in SCALARS:
            raise Fail(f"arithmetic on {left.ty} and {right.ty}")
        result = lt if lt == rt else ("f32" if "f32" in (lt, rt) else ("f64" if "f64" in (
            lt, rt) else None))
        if isinstance(node.op, ast.Div) and result in INTEGERS:
            result = "f32"  # Python's / is true division
        if result is None:
            raise Fail(f"arithmetic mixing {lt} and {rt}")
        a = self.value(node.left, result)
        b = self.value(node.right, result)
        if isinstance(node.op, ast.Pow):
            if result in FLOATS_T:
                return Val(f"{paren(a)}.powf({b})", result)
            return Val(f"{paren(a)}.pow({paren(b)} as u32)", result)
        if isinstance(node.op, ast.FloorDiv) and result in INTEGERS:
            return Val(f"{paren(a)}.div_euclid({b})", result)
        if isinstance(node.op, ast.FloorDiv):
            return Val(f"({paren(a)} / {paren(b)}).floor()", result)
        if isinstance(node.op, ast.Mod) and result in INTEGERS:
            return Val(f"{paren(a)}.rem_euclid({b})", result)
        op = BINOPS.get(type(node.op))
        if op is None:
            raise Fail(f"the operator {type(node.op).__name__}")
        return Val(f"{a} {op} {paren(b)}", result)

    def array_operator(self, node: ast.BinOp, left: Val | None, right: Val | None) -> Val:
        name = OPERATOR_KEY.get(type(node.op))
        if name is None:
            raise Fail("no array mapping for this operator")
        if left is None and right is None:
            raise Fail("operand types are not known")
        owner = left if left is not None and left.ty not in SCALARS else right
        assert owner is not None
        key = f"{type_path(owner.ty)}.operator.{name}"
        rule = REGISTRY.find(key)
        symbol = "@" if name == "matmul" else f"operator.{name}"
        framework = rule.framework if rule else "numpy"
        if rule is None:
            raise Fail(f"no mapping for {symbol} on {owner.ty}")
        site = Site(ast.Call(func=node, args=[node.left, node.right], keywords=[]),
                    f"operator.{name}", framework, None, self)
        result = rule.handler(site)
        self.record(node, framework, symbol, result.code,
                    operation_of_result(rule.operation, result), rule.explain)
        return result

    def _expr_Compare(self, node: ast.Compare) -> Val:
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            return self.containment(node.left, node.comparators[0],
                                    isinstance(node.ops[0], ast.NotIn))
        if len(node.ops) > 1 and all(type(op) in CMPOPS for op in node.ops) and all(
                isinstance(c, (ast.Name, ast.Constant)) for c in node.comparators[:-1]):
            # `a < b < c` is `a < b and b < c` with b evaluated once: a name or a literal
            # in the middle evaluates to the same value twice, with nothing else happening
            lefts = [node.left, *node.comparators[:-1]]
            parts = [self._expr_Compare(ast.Compare(left=a, ops=[op], comparators=[b]))
                     for a, op, b in zip(lefts, node.ops, node.comparators, strict=True)]
            return Val(" && ".join(f"({p.code})" for p in parts), "bool")
        if len(node.ops) != 1:
            raise Fail("chained comparisons through computed values, `in` or `is`")
        if type(node.ops[0]) not in CMPOPS:
            raise Fail("`is` / `is not` tests")
        left, right = self.typed_or_none(node.left), self.typed_or_none(node.comparators[0])
        if left is None and right is None:
            raise Fail("a comparison of two literals")
        known = deref((left or right).ty) if (left or right) else ""  # type: ignore[union-attr]
        if left is not None and right is not None and deref(left.ty) != deref(right.ty):
            if deref(left.ty) in SCALARS and deref(right.ty) in SCALARS:
                known = "f32" if "f32" in (deref(left.ty), deref(right.ty)) else ""
            if not known or {deref(left.ty), deref(right.ty)} <= {"&str", "String"}:
                raise Fail(f"comparing {left.ty} with {right.ty}")
        if known not in SCALARS and known not in ("&str", "String"):
            raise Fail(f"comparing values of type {known}")
        if known == "bool" and not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            raise Fail("ordering booleans")
        want = "&str" if known == "String" else known
        a = self.value(node.left, want)
        b = self.value(node.comparators[0], want)
        return Val(f"{paren(a)} {CMPOPS[type(node.ops[0])]} {paren(b)}", "bool")

    def containment(self, item: ast.expr, container: ast.expr, negated: bool) -> Val:
        """``a in s`` of strings -> ``s.contains(a)``; of a scalar in a vector of scalars ->
        ``v.contains(&a)``; of a string or integer in a tuple / list of literals -> ``==`` to
        each (what Python's ``in`` tests)."""
        if isinstance(container, (ast.Tuple, ast.List)) and container.elts and all(
                isinstance(e, ast.Constant) for e in container.elts):
            return self.literal_containment(item, container.elts, negated)
        whole = self.typed(container)
        kind, elem = deref(whole.ty), _elem(whole.ty)
        if kind in ("&str", "String"):
            needle = self.value(item, "&str")
        elif elem is not None and elem in SCALARS - FLOATS_T:
            needle = f"&{paren(self.value(item, elem))}"
        else:
            raise Fail(f"`in` on a {whole.ty}")
        return Val(f"{'!' if negated else ''}{paren(whole.code)}.contains({needle})", "bool")

    def literal_containment(self, item: ast.expr, options: list[ast.expr], negated: bool
                            ) -> Val:
        """``stage in ("fit", "validate")``: the item evaluated once, compared to each literal
        (strings with strings, integers with integers; anything else is refused)."""
        needle = self.typed(item)
        kind = "&str" if deref(needle.ty) in ("&str", "String") else deref(needle.ty)
        if kind != "&str" and kind not in SCALARS - FLOATS_T - {"bool"}:
            raise Fail(f"`in` a tuple of literals on a {needle.ty}")
        if any(isinstance(o, ast.Constant) and (isinstance(o.value, bool) or not isinstance(
                o.value, str if kind == "&str" else int)) for o in options):
            raise Fail("`in` a tuple whose literals are not all of the item's kind")
        tests = " || ".join(f"v == {self.value(o, kind)}" for o in options)
        code = f"{{ let v: {kind} = {self.value(item, kind)}; {tests} }}"
        return Val(f"!{code}" if negated else code, "bool")

    def _expr_BoolOp(self, node: ast.BoolOp) -> Val:
        op = " && " if isinstance(node.op, ast.And) else " || "
        return Val(op.join(paren(self.value(v, "bool")) for v in node.values), "bool")

    def _expr_IfExp(self, node: ast.IfExp) -> Val:
        cond = self.value(node.test, "bool")
        body = self.typed(node.body)
        other = self.value(node.orelse, body.ty)
        return Val(f"if {cond} {{ {body.code} }} else {{ {other} }}", body.ty)

    # --- containers ------------------------------------------------------------------------
    def _expr_List(self, node: ast.List) -> Val:
        return self.sequence(node.elts, "vec![{}]")

    def _expr_Tuple(self, node: ast.Tuple) -> Val:
        parts = [self.typed(e) for e in node.elts]
        if not parts:
            raise Fail("the empty tuple")
        code = f"({', '.join(p.code for p in parts)}{',' if len(parts) == 1 else ''})"
        return Val(code, f"({', '.join(p.ty for p in parts)}{',' if len(parts) == 1 else ''})",
                   tuple(parts))

    def sequence(self, elts: list[ast.expr], shape: str) -> Val:
        if not elts:
            raise Fail("an empty list (its element type is not known)")
        known = [self.typed(e) for e in elts if _number(e) is None]
        if any(_number(e) is not None for e in elts):
            floats = any(isinstance(_number(e), float) for e in elts) or any(
                v.ty in FLOATS_T for v in known)
            elem = "f32" if floats else "i64"
        else:
            elem = known[0].ty
        if elem == "&str":
            elem = "&str"
        items = [self.value(e, elem) for e in elts]
        return Val(shape.format(", ".join(items)), f"Vec<{elem}>")

    def _expr_ListComp(self, node: ast.ListComp) -> Val:
        if len(node.generators) != 1 or node.generators[0].is_async:
            raise Fail("comprehensions with several generators")
        gen = node.generators[0]
        header, bound = self.iteration(gen.target, gen.iter)
        saved = dict(self.loop_vars)
        self.loop_vars.update(bound)
        try:
            body = self.typed(node.elt)
            conds = [self.value(c, "bool") for c in gen.ifs]
        finally:
            self.loop_vars = saved
        pattern, source = header
        chain = source
        if conds:
            chain += f".filter(|{_ref_pattern(pattern)}| {' && '.join(conds)})"
        chain += f".map(|{pattern}| {body.code})"
        return Val(f"{chain}.collect::<Vec<{body.ty}>>()", f"Vec<{body.ty}>")

    # --- iteration -------------------------------------------------------------------------
    def loop_header(self, target: ast.expr, iterable: ast.expr) -> tuple[str, dict[str, str]]:
        (pattern, source), bound = self.iteration(target, iterable)
        return f"{pattern} in {source}", bound

    def iteration(self, target: ast.expr, iterable: ast.expr
                  ) -> tuple[tuple[str, str], dict[str, str]]:
        """``(pattern, iterator code)`` and the loop names' types."""
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and (
                iterable.func.id in ("range", "enumerate") and not self.declared(
                    iterable.func.id)):
            if iterable.func.id == "range":
                return self.range_iteration(target, iterable)
            if len(iterable.args) == 1 and not iterable.keywords and isinstance(
                    target, ast.Tuple) and len(target.elts) == 2 and isinstance(
                    target.elts[0], ast.Name):
                (inner, source), bound = self.iteration(target.elts[1], iterable.args[0])
                index = target.elts[0]
                bound[index.id] = "usize"
                return ((f"({self.namer(index.id)}, {inner})", f"{source}.enumerate()"),
                        bound)
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and (
                iterable.func.id == "zip" and not self.declared("zip")):
            return self.zip_iteration(target, iterable)
        if isinstance(iterable, (ast.List, ast.Tuple)) and isinstance(target, ast.Tuple):
            return self.rows_iteration(target, iterable.elts)
        seq = self.typed(iterable)
        elem = _elem(seq.ty)
        if isinstance(target, ast.Tuple) and elem is not None and elem.startswith("("):
            return self.tuple_iteration(target, seq, elem)
        if not isinstance(target, ast.Name):
            raise Fail("loop targets other than one name")
        if deref(seq.ty) in ("trueno::Vector<f32>", "aprender::primitives::Vector<f32>"):
            source = f"{paren(seq.code)}.as_slice().iter().copied()"
            return (self.namer(target.id), source), {target.id: "f32"}
        if elem is not None and (elem == "String" or (
                _elem(elem) in SCALARS and elem.startswith("Vec<"))):
            # each element a copy; a loop that changed one would not change the list (the
            # changing call needs a `mut` binding the pattern does not have: it cannot compile)
            source = f"{paren(seq.code)}.iter().cloned()"
            return (self.namer(target.id), source), {target.id: elem}
        if elem is None or (elem not in SCALARS and elem != "&str"):
            raise Fail(f"iterating over a {seq.ty}")
        source = f"{paren(seq.code)}.iter().copied()"
        return (self.namer(target.id), source), {target.id: elem}

    def rows_iteration(self, target: ast.Tuple, rows: list[ast.expr]
                       ) -> tuple[tuple[str, str], dict[str, str]]:
        """``for X_t, title in [(X_a, "A"), (X_b, "B")]``: an array of tuples, the values that
        are not ``Copy`` borrowed (the loop reads them; the names keep them)."""
        names = [e.id for e in target.elts if isinstance(e, ast.Name)]
        if not rows or len(names) != len(target.elts) or len(set(names)) != len(names) or any(
                not isinstance(r, ast.Tuple) or len(r.elts) != len(names) for r in rows):
            raise Fail("loop targets other than one name")
        columns: list[str] = []
        codes: list[list[str]] = [[] for _ in rows]
        for j in range(len(names)):
            cells = [r.elts[j] for r in rows if isinstance(r, ast.Tuple)]
            known = {i: self.typed(c) for i, c in enumerate(cells) if _number(c) is None}
            kinds = {deref(v.ty) for v in known.values()}
            floats = any(isinstance(_number(c), float) for c in cells)
            kind = kinds.pop() if len(kinds) == 1 else ("f32" if floats else "i64")
            if kinds or (len(known) < len(cells) and kind not in SCALARS):
                raise Fail("a list of tuples whose columns differ in type")
            copy = kind in SCALARS or kind == "&str"
            columns.append(kind if copy else f"&{kind}")
            for i, cell in enumerate(cells):
                code = known[i].code if i in known else self.value(cell, kind)
                codes[i].append(code if copy else f"&{paren(code)}")
        source = f"[{', '.join('(' + ', '.join(c) + ')' for c in codes)}]"
        pattern = f"({', '.join(self.namer(n) for n in names)})"
        return (pattern, source), dict(zip(names, columns, strict=True))

    def zip_iteration(self, target: ast.expr, call: ast.Call
                      ) -> tuple[tuple[str, str], dict[str, str]]:
        """``for a, b, c in zip(x, y, z)`` -> ``for ((a, b), c) in x.zip(y).zip(z)`` (both
        stop at the shortest)."""
        if call.keywords or len(call.args) < 2 or not isinstance(target, ast.Tuple) or len(
                target.elts) != len(call.args) or any(isinstance(a, ast.Starred)
                                                      for a in call.args):
            raise Fail("this zip() loop")
        bound: dict[str, str] = {}
        pattern = source = ""
        for sub_target, arg in zip(target.elts, call.args, strict=True):
            (sub_pattern, sub_source), sub_bound = self.iteration(sub_target, arg)
            if bound.keys() & sub_bound.keys():
                raise Fail("a name bound twice by one loop")
            bound.update(sub_bound)
            pattern = f"({pattern}, {sub_pattern})" if pattern else sub_pattern
            source = f"{source}.zip({sub_source})" if source else sub_source
        return (pattern, source), bound

    def tuple_iteration(self, target: ast.Tuple, seq: Val, elem: str
                        ) -> tuple[tuple[str, str], dict[str, str]]:
        """``for a, b in pairs`` over a vector of tuples of scalars / string slices (which are
        ``Copy``): the tuple is destructured."""
        from batuta.convert.types import _split_top

        parts = _split_top(elem[1:-1])
        if len(parts) != len(target.elts) or not all(isinstance(e, ast.Name)
                                                     for e in target.elts):
            raise Fail(f"{len(target.elts)} loop names unpack a {elem}")
        if any(p not in SCALARS and p != "&str" for p in parts):
            raise Fail(f"iterating over a {seq.ty}")
        names = [e.id for e in target.elts if isinstance(e, ast.Name)]
        if len(set(names)) != len(names):
            raise Fail("a name bound twice by one loop")
        pattern = f"({', '.join(self.namer(n) for n in names)})"
        return (pattern, f"{paren(seq.code)}.iter().copied()"), dict(zip(names, parts,
                                                                         strict=True))

    def range_iteration(self, target: ast.expr, call: ast.Call
                        ) -> tuple[tuple[str, str], dict[str, str]]:
        if not isinstance(target, ast.Name) or call.keywords or not 1 <= len(call.args) <= 3:
            raise Fail("this range() loop")
        typed = [self.typed_or_none(a) for a in call.args]
        kinds = {v.ty for v in typed if v is not None}
        kind = kinds.pop() if len(kinds) == 1 else ("usize" if not kinds else None)
        if kind not in INTEGERS:
            raise Fail("range() over values of mixed or unknown types")
        args = [self.value(a, kind) for a in call.args]
        start, stop = ("0", args[0]) if len(args) == 1 else (args[0], args[1])
        source = f"({start}..{stop})"
        if len(args) == 3:
            by = self.literal_int(call.args[2])
            if by == 0:
                raise Fail("range() with a step of 0 (Python's ValueError)")
            if by is not None and by > 0:
                source += f".step_by({args[2]} as usize)"
            elif by is not None:  # range(10, 0, -3): 10, 7, 4, 1
                source = f"({paren(stop)} + 1..={start}).rev().step_by({-by})"
            else:  # a step known only at run time, either sign, as Python counts
                source = (f"{{ let (a, b, s): ({kind}, {kind}, {kind}) = ({start}, {stop}, "
                          f"{args[2]}); if s == 0 {{ Err::<(), _>(\"range() arg 3 must not "
                          "be zero\")?; } std::iter::successors(Some(a), move |&x| "
                          "x.checked_add(s)).take_while(move |&x| if s > 0 { x < b } else "
                          "{ x > b }) }")
        return (self.namer(target.id), source), {target.id: kind}

    # --- subscripts and attributes ---------------------------------------------------------
    def _expr_Subscript(self, node: ast.Subscript) -> Val:
        trick = self.table.qualify(node.value) if isinstance(node.value, ast.Attribute) else None
        if trick in ("numpy.r_", "numpy.c_"):
            return self._index_trick(node, trick)
        base = self.typed(node.value)
        axis = self._new_axis(node.slice)
        if axis is not None:
            from batuta.convert.numpy_shape import column

            site = Site(ast.Call(func=axis, args=[], keywords=[]), "numpy.newaxis", "numpy",
                        None, self)
            result = column(site, base)
            rule = REGISTRY.find("numpy.newaxis")
            assert rule is not None
            self.record(axis, "numpy", "numpy.newaxis", result.code, rule.operation,
                        rule.explain)
            return result
        index = _number(node.slice)
        if base.ty.startswith("(") and isinstance(index, int) and base.parts == () and (
                index >= 0):
            from batuta.convert.types import _split_top

            parts = _split_top(base.ty[1:-1])
            if index < len(parts):
                return Val(f"{paren(base.code)}.{index}", parts[index])
        elem = _elem(base.ty)
        if elem is not None and not isinstance(node.slice, ast.Slice):
            if isinstance(index, int) and index < 0:
                raise Fail("negative indexes")
            position = self.value(node.slice, "usize")
            return Val(f"{paren(base.code)}[{position}]", elem)
        raise Fail(f"indexing a {base.ty}")

    def _index_trick(self, node: ast.Subscript, symbol: str) -> Val:
        """``np.r_[...]`` / ``np.c_[...]``, recorded at the ``np.r_`` node."""
        from batuta.convert.numpy_shape import index_trick

        index = node.slice
        elements = list(index.elts) if isinstance(index, ast.Tuple) else [index]
        site = Site(ast.Call(func=node.value, args=[], keywords=[]), symbol, "numpy", None, self)
        result = index_trick(site, elements)
        rule = REGISTRY.find(symbol)
        assert rule is not None
        self.record(node.value, "numpy", symbol, result.code, rule.operation, rule.explain)
        return result

    def _new_axis(self, index: ast.expr) -> ast.expr | None:
        """The ``np.newaxis`` node of an ``[:, np.newaxis]`` index, else None."""
        if not (isinstance(index, ast.Tuple) and len(index.elts) == 2):
            return None
        whole, axis = index.elts
        if not (isinstance(whole, ast.Slice) and whole.lower is None and whole.upper is None
                and whole.step is None):
            return None
        is_axis = self.table.qualify(axis) == "numpy.newaxis" if isinstance(
            axis, (ast.Attribute, ast.Name)) else False
        return axis if is_axis else None

    def _expr_Attribute(self, node: ast.Attribute) -> Val:
        symbol = self.table.qualify(node)
        root: ast.expr = node
        while isinstance(root, ast.Attribute):
            root = root.value
        if symbol is not None and not (isinstance(root, ast.Name) and self.declared(root.id)):
            if symbol.startswith("math."):
                return math_const(symbol[5:])
            framework = framework_of(symbol) or ""
            site = Site(ast.Call(func=node, args=[], keywords=[]), symbol, framework, None, self)
            return self.dispatch(node, framework, symbol, symbol, site)
        owner = self.typed(node.value)
        site = Site(ast.Call(func=node, args=[], keywords=[]), node.attr, "", owner, self,
                    node.value)
        return self.method(node, owner, node.attr, site, attribute=True)

    # --- calls -----------------------------------------------------------------------------
    def _expr_Call(self, node: ast.Call) -> Val:
        func = node.func
        symbol = self.table.qualify(func)
        root: ast.expr = func
        while isinstance(root, ast.Attribute):
            root = root.value
        local = isinstance(root, ast.Name) and self.declared(root.id)
        if symbol is not None and not local:
            framework = framework_of(symbol)
            if framework in CONVERTIBLE_FRAMEWORKS:
                return self.dispatch(node, framework or "", symbol, symbol,
                                     Site(node, symbol, framework or "", None, self))
            if symbol.startswith("math."):  # Python's math module: std f32 methods
                return math_call(node, symbol[5:], self)
            raise Fail(f"{symbol} is outside the converters' scope")
        if isinstance(func, ast.Attribute):
            try:
                owner = self.typed(func.value)
            except Fail:
                self.append_evidence(node)
                raise
            if owner.ty == "()":
                owner = self.fitted(func.value, owner)
            site = Site(node, func.attr, "", owner, self, func.value)
            return self.method(node, owner, func.attr, site)
        if isinstance(func, ast.Name):
            if self.declared(func.id) or func.id in self.loop_vars:
                owner = self.typed(func)
                site = Site(node, "__call__", "", owner, self, func)
                return self.method(node, owner, "__call__", site)
            return self.plain_call(node, func.id)
        raise Fail("calling a computed value")

    def append_evidence(self, node: ast.Call) -> None:
        """``xs.append(v)`` on a name not typed yet (``xs = []``): a ``Vec`` of ``v``'s type,
        for the next pass."""
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "append" and isinstance(
                func.value, ast.Name) and len(node.args) == 1 and not node.keywords):
            return
        try:
            item = self.typed_or_none(node.args[0])
        except Fail:
            return
        if item is not None and item.ty not in ("()", "!"):
            self.evidence(func.value, f"Vec<{owned(item.ty)}>")

    def fitted(self, node: ast.expr, done: Val) -> Val:
        """``est.fit(X).transform(X)``: scikit-learn's ``fit`` returns the estimator itself,
        aprender's returns nothing; the fit runs, then the method is called on ``est``."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "fit" and isinstance(node.func.value, ast.Name)):
            return done
        estimator = self.typed(node.func.value)
        # (an aprender model paired with the option its fit reads: SGDClassifier's alpha,
        # LogisticRegression's C, MultiOutputRegressor's per-column models)
        if not type_path(estimator.ty).startswith(("aprender::", "(aprender::")):
            return done
        return Val(f"({{ {done.code}; &{paren(estimator.code)} }})", f"&{deref(estimator.ty)}")

    def method(self, node: ast.expr, owner: Val, name: str, site: Site,
               attribute: bool = False) -> Val:
        """A method or attribute of a typed value: its type's handler, else std's."""
        if deref(owner.ty) in self.structs:  # a translated nn.Module subclass
            from batuta.convert.classes import member

            return member(self, node, owner, name, site, attribute)
        path = type_path(owner.ty)
        key = f"{path}.{name}"
        rule = (REGISTRY.find(key) or REGISTRY.find(f"{deref(owner.ty)}.{name}")
                or REGISTRY.find(f"{path.split('::')[0]}::*.{name}"))
        if rule is not None:
            site.framework = rule.framework
            site.symbol = f"{_python_class(path)}.{name}"
            return self.dispatch(node, rule.framework, site.symbol, rule.key, site)
        if not attribute:
            return self.std_method(owner, name, site)
        raise Fail(f"no mapping for .{name} on {owner.ty}")

    def std_method(self, owner: Val, name: str, site: Site) -> Val:
        """A few methods of std values: ``list.append``, ``str.upper``, float ``round``."""
        node = site.node
        elem = _elem(owner.ty)
        if name == "append" and isinstance(site.recv_node, ast.Name) and (
                site.recv_node.id in getattr(self, "param_names", set())):
            raise Fail("appending to a list parameter (borrowed, not owned, in Rust)")
        if name == "append" and elem is not None and len(node.args) == 1 and (
                isinstance(site.recv_node, ast.Name)):
            self.fact.mutated.add(site.recv_node.id)
            return Val(f"{owner.code}.push({self.value(node.args[0], elem)})", "()")
        if name == "append" and isinstance(site.recv_node, ast.Name) and len(node.args) == 1:
            arg = self.typed_or_none(node.args[0])
            if arg is not None:
                self.evidence(site.recv_node, f"Vec<{arg.ty}>")
        if deref(owner.ty) in ("&str", "String") and name in ("upper", "lower", "strip") and (
                not node.args):
            rust = {"upper": "to_uppercase()", "lower": "to_lowercase()",
                    "strip": "trim().to_string()"}[name]
            return Val(f"{paren(owner.code)}.{rust}", "String")
        raise Fail(f"the method .{name}() on a {owner.ty}")

    def dispatch(self, node: ast.AST, framework: str, symbol: str, key: str, site: Site) -> Val:
        """Run the handler for ``key``; record the mapping and the dropped arguments."""
        rule = REGISTRY.get(framework, key) or REGISTRY.find(key)
        head = key
        while rule is None and head.count(".") > 1:
            head = head.rpartition(".")[0]  # `numpy.random.rand`: what `numpy.random` says
            prefix_rule = REGISTRY.find(head)
            if prefix_rule is not None and prefix_rule.refused:
                rule = prefix_rule
        if rule is None:
            raise Fail(f"no {_CRATE.get(framework, 'Rust')} mapping for {symbol}")
        result = rule.handler(site)
        self.record(node, rule.framework, symbol, result.code,
                    operation_of_result(rule.operation, result), rule.explain)
        for left in site.leftovers():
            from batuta.convert.core import span_of
            from batuta.convert.results import UnsupportedConstruct

            self.unsupported.append(UnsupportedConstruct(
                framework, f"{symbol}({left})", span_of(node),
                f"argument {left} has no {_CRATE.get(framework, 'Rust')} equivalent; dropped"))
        return result

    def plain_call(self, node: ast.Call, name: str) -> Val:
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
                kw.arg is None for kw in node.keywords):
            raise Fail("*args / **kwargs")
        if name in self.user_functions:
            return self.user_call(node, name)
        struct = next((s for s in self.structs.values() if s.python == name), None)
        if struct is not None:
            from batuta.convert.classes import construct

            return construct(self, node, struct)
        builtin = getattr(self, f"_builtin_{name}", None)
        if builtin is None:
            raise Fail(f"{name}() is not translated")
        result: Val = builtin(node)
        return result

    def user_call(self, node: ast.Call, name: str) -> Val:
        sig = self.sigs.get(name)
        fn = self.user_functions[name]
        if sig is None:
            raise Fail(f"{name} is not converted")
        if name in self.facts and not self.facts[name].emitted:
            # its body may fail only for want of its parameters' types: give them from here
            self.untyped_param_args(node, name, sig)
            raise Fail(f"{name} is not converted")
        facts = self.facts.get(name)
        args: list[ast.expr | None] = list(node.args) + [None] * (
            len(sig.params) - len(node.args))
        if len(node.args) > len(sig.params):
            raise Fail(f"{name}() called with too many arguments")
        for kw in node.keywords:
            if kw.arg not in sig.params:
                raise Fail(f"{name}() has no parameter {kw.arg}")
            args[sig.params.index(kw.arg)] = kw.value
        codes = []
        offset = len(sig.params) - len(sig.defaults)
        for i, (arg, ptype) in enumerate(zip(args, sig.param_types, strict=True)):
            if arg is None and i >= offset:
                arg = sig.defaults[i - offset]
            if arg is None:
                raise Fail(f"{name}() is missing an argument")
            if ptype == "()":
                typed = self.typed_or_none(arg)
                if typed is not None:
                    self.fact_for(name).param_args.setdefault(i, []).append(typed.ty)
                codes.append("()")
                continue
            codes.append(self.value(arg, ptype))
        del facts, fn
        return Val(f"{self.namer(name)}({', '.join(codes)})?", sig.returns)

    def untyped_param_args(self, node: ast.Call, name: str, sig: Signature) -> None:
        """The types of the positional arguments given for parameters whose type is not
        known yet, as evidence for the next pass."""
        for i, (arg, ptype) in enumerate(zip(node.args, sig.param_types, strict=False)):
            if ptype != "()":
                continue
            number = _number(arg)
            try:
                kind = ({int: "i64", float: "f32"}[type(number)] if number is not None
                        else self.typed(arg).ty)
            except Fail:
                continue
            self.fact_for(name).param_args.setdefault(i, []).append(kind)

    def fact_for(self, name: str) -> FnFacts:
        """The facts being gathered for another function (call-site argument types)."""
        pending: dict[str, FnFacts] = self.__dict__.setdefault("pending", {})
        return pending.setdefault(name, FnFacts())

    # --- builtins --------------------------------------------------------------------------
    def _builtin_print(self, node: ast.Call) -> Val:
        if node.keywords:
            raise Fail("print() with keyword arguments")
        holes, values = [], []
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                holes.append(arg.value.replace("{", "{{").replace("}", "}}"))
                continue
            value = self.typed(arg)
            if deref(value.ty) in DISPLAY or value.ty == "&str":
                hole, code = _as_python_prints(value)
                holes.append(hole)
                values.append(code)
                continue
            if deref(value.ty) not in DEBUG:
                raise Fail(f"printing a {value.ty}")
            holes.append("{:?}")
            values.append(value.code)
        fmt = rust_str(" ".join(holes))
        return Val(f"println!({', '.join([fmt, *values])})", "()")

    def _expr_JoinedStr(self, node: ast.JoinedStr) -> Val:
        text, values = [], []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text.append(part.value.replace("{", "{{").replace("}", "}}"))
                continue
            if not isinstance(part, ast.FormattedValue) or part.conversion != -1:
                raise Fail("f-string conversions")
            spec = ""
            if part.format_spec is not None:
                raw = ast.unparse(part.format_spec)
                match = _SPEC.match(raw[2:-1] if raw.startswith("f'") else "")
                if match is None:
                    raise Fail("this f-string format")
                spec = f":.{match.group(1)}"
            value = self.typed(part.value)
            if deref(value.ty) not in DISPLAY:
                raise Fail(f"formatting a {value.ty}")
            hole, code = ("{" + spec + "}", value.code) if spec else _as_python_prints(value)
            text.append(hole)
            values.append(code)
        fmt = rust_str("".join(text))
        return Val(f"format!({', '.join([fmt, *values])})", "String")

    def percent_format(self, text: str, operand: ast.expr) -> Val:
        """``"...%d...%.3f" % (a, b)`` -> ``format!``: only ``%d`` / ``%i`` of integers,
        ``%f`` / ``%.Nf`` of numbers and ``%s`` of strings, integers, floats (``2.0``) and
        bools (``True``), whose Rust output is Python's text."""
        args = operand.elts if isinstance(operand, ast.Tuple) else [operand]
        pieces = _PERCENT.split(text)
        holes = pieces[1::2]
        if len([h for h in holes if h != "%%"]) != len(args):
            raise Fail("a %-format whose holes and values do not match")
        out, values, given = [], [], iter(args)
        for i, piece in enumerate(pieces):
            if i % 2 == 0 or piece == "%%":
                out.append((piece if i % 2 == 0 else "%").replace("{", "{{").replace("}", "}}"))
                continue
            spec, code = self.percent_hole(piece, next(given))
            out.append("{" + spec + "}")
            values.append(code)
        return Val(f"format!({', '.join([rust_str(''.join(out)), *values])})", "String")

    def percent_hole(self, hole: str, arg: ast.expr) -> tuple[str, str]:
        """The ``format!`` spec and value of one ``%`` hole."""
        match = _HOLE.fullmatch(hole)
        if match is None:
            raise Fail(f"the %-format {hole}")
        digits, kind = match.group(1), match.group(2)
        number = _number(arg)
        value = None if number is not None else self.typed(arg)
        ty = deref(value.ty) if value else ("f64" if isinstance(number, float) else "i64")
        if kind in "di" and ty in INTEGERS and digits is None:
            return "", self.value(arg, ty)
        if kind == "f" and (ty in FLOATS_T or ty in INTEGERS):
            want = ty if ty in FLOATS_T else "f64"
            return f":.{digits or 6}", self.value(arg, want) if value is None or (
                ty in FLOATS_T) else f"{paren(value.code)} as f64"
        if kind == "s" and (ty in INTEGERS or ty in ("&str", "String")) and digits is None:
            return "", self.value(arg, ty)
        if kind == "s" and (ty in FLOATS_T or ty == "bool") and digits is None:
            # str() of the value, as print writes it (2.0, True)
            hole, code = _as_python_prints(Val(self.value(arg, ty), ty))
            return hole[1:-1], code
        raise Fail(f"%{kind} of a {ty}")

    def _builtin_range(self, node: ast.Call) -> Val:
        """A ``range`` used as a value (``r = range(1, n + 1, step)``, iterated later): its
        integers collected into a ``Vec``."""
        (_, source), bound = self.range_iteration(ast.Name(id="_", ctx=ast.Store()), node)
        kind = bound["_"]
        return Val(f"{source}.collect::<Vec<{kind}>>()", f"Vec<{kind}>")

    def _builtin_len(self, node: ast.Call) -> Val:
        if len(node.args) != 1:
            raise Fail("len() with several arguments")
        value = self.typed(node.args[0])
        if _elem(value.ty) is not None or deref(value.ty) in ("trueno::Vector<f32>",
                                                              "aprender::primitives::Vector<f32>"):
            return Val(f"{paren(value.code)}.len()", "usize")
        if deref(value.ty) == "aprender::primitives::Matrix<f32>":
            return Val(f"{paren(value.code)}.n_rows()", "usize")
        if deref(value.ty) == "trueno::Matrix<f32>":
            return Val(f"{paren(value.code)}.rows()", "usize")
        if deref(value.ty) in self.structs:  # a Dataset class with a translated __len__
            from batuta.convert.classes import length

            counted = length(self, value)
            if counted is not None:
                return counted
        raise Fail(f"len() of a {value.ty}")

    def _cast(self, node: ast.Call, rust_type: str) -> Val:
        if len(node.args) != 1:
            raise Fail("a conversion with several arguments")
        value = self.typed(node.args[0])
        if deref(value.ty) not in SCALARS or deref(value.ty) == "bool":
            raise Fail(f"converting a {value.ty} to a number")
        code = coerce(value.code, value.ty, rust_type)
        if code is None:
            raise Fail(f"converting a {value.ty}")
        return Val(code, rust_type)

    def _builtin_float(self, node: ast.Call) -> Val:
        return self._cast(node, "f32")

    def _builtin_int(self, node: ast.Call) -> Val:
        return self._cast(node, "i64")

    def _builtin_str(self, node: ast.Call) -> Val:
        if len(node.args) != 1:
            raise Fail("str() with several arguments")
        value = self.typed(node.args[0])
        if deref(value.ty) not in DISPLAY:
            raise Fail(f"str() of a {value.ty}")
        if deref(value.ty) in FLOATS_T or deref(value.ty) == "bool":
            hole, code = _as_python_prints(value)
            return Val(f"format!({rust_str(hole)}, {code})", "String")
        return Val(f"{paren(value.code)}.to_string()", "String")

    def _builtin_abs(self, node: ast.Call) -> Val:
        if len(node.args) != 1:
            raise Fail("abs() with several arguments")
        value = self.typed(node.args[0])
        if value.ty not in SCALARS - {"bool", "usize", "u32", "u64"}:
            raise Fail(f"abs() of a {value.ty}")
        return Val(f"{paren(value.code)}.abs()", value.ty)

    def _builtin_round(self, node: ast.Call) -> Val:
        if len(node.args) != 1:
            raise Fail("round() to a number of digits")
        value = self.typed(node.args[0])
        if value.ty not in FLOATS_T:
            raise Fail(f"round() of a {value.ty}")
        return Val(f"{paren(value.code)}.round() as i64", "i64")

    def _builtin_sum(self, node: ast.Call) -> Val:
        if len(node.args) != 1:
            raise Fail("sum() with a start value")
        value = self.typed(node.args[0])
        elem = _elem(value.ty)
        if elem not in SCALARS or elem == "bool":
            raise Fail(f"sum() of a {value.ty}")
        if elem in FLOATS_T:  # std's float sum starts at -0.0; Python's sum() starts at 0
            return Val(f"({paren(value.code)}.iter().sum::<{elem}>() + 0.0)", elem)
        return Val(f"{paren(value.code)}.iter().sum::<{elem}>()", elem)

    def _minmax(self, node: ast.Call, which: str) -> Val:
        if len(node.args) != 2 or node.keywords:
            raise Fail(f"{which}() of other than two values")
        left = self.typed_or_none(node.args[0]) or self.typed_or_none(node.args[1])
        if left is None or left.ty not in SCALARS or left.ty == "bool":
            raise Fail(f"{which}() of these values")
        a, b = self.value(node.args[0], left.ty), self.value(node.args[1], left.ty)
        return Val(f"{paren(a)}.{which}({b})", left.ty)

    def _builtin_min(self, node: ast.Call) -> Val:
        return self._minmax(node, "min")

    def _builtin_max(self, node: ast.Call) -> Val:
        return self._minmax(node, "max")


_CRATE = {"numpy": "trueno", "sklearn": "aprender", "pytorch": "realizar",
          "transformers": "realizar"}


def _python_class(path: str) -> str:
    from batuta.convert.targets.emitted import (
        APRENDER_BUILT,
        APRENDER_ESTIMATORS,
        APRENDER_PAIRS,
    )

    if path in APRENDER_PAIRS:
        return APRENDER_PAIRS[path]
    for python, rust in {**APRENDER_ESTIMATORS, **APRENDER_BUILT}.items():
        if path == f"aprender::{rust}":
            return python
    return {"trueno::Vector": "numpy.ndarray", "trueno::Matrix": "numpy.ndarray",
            "realizar::Tensor": "torch.Tensor"}.get(path, path)


def _number(node: ast.expr | None) -> int | float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not (
            isinstance(node.value, bool)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    return None


def _literals(node: ast.BinOp) -> Val | None:
    """The type of arithmetic on two number literals: i64 when both are ints and the exact
    result fits an i64 (so Rust's constant evaluation cannot overflow), f32 when one is a
    float; None otherwise (other operators, a result out of range)."""
    a, b = _number(node.left), _number(node.right)
    if a is None or b is None or not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
        return None  # (`/`, `//`, `%`, `**` of two literals: Python's rules differ from Rust's)
    if isinstance(a, float) or isinstance(b, float):
        return Val("", "f32")
    exact = a + b if isinstance(node.op, ast.Add) else (
        a - b if isinstance(node.op, ast.Sub) else a * b)
    return Val("", "i64") if -(2**63) <= exact < 2**63 else None


def _as_python_prints(value: Val) -> tuple[str, str]:
    """The ``format!`` hole and value that print a scalar as Python's ``str`` does: a float
    with its point (``2.0``, which ``{}`` writes ``2``: ``{:?}`` keeps it), a bool as
    ``True`` / ``False``."""
    kind = deref(value.ty)
    if kind in FLOATS_T:
        return "{:?}", value.code
    if kind == "bool":
        return "{}", f'if {value.code} {{ "True" }} else {{ "False" }}'
    return "{}", value.code


def _elem(rust_type: str) -> str | None:
    """The element type of ``Vec<T>`` / ``&[T]`` / ``&Vec<T>``."""
    t = deref(rust_type) if not rust_type.startswith("&[") else rust_type
    if t.startswith("Vec<") and t.endswith(">"):
        return t[4:-1]
    if t.startswith("&[") and t.endswith("]"):
        return t[2:-1]
    return None


def _ref_pattern(pattern: str) -> str:
    """``filter`` closures see ``&item``: the pattern destructures the reference."""
    return f"&{pattern}"


def operation_of_result(operation: str, result: Val) -> str:
    """The router operation of one call: a matrix product whose result is a scalar multiplied
    two vectors, which is a dot product (O(n), SPEC.md section 6), not a matrix multiply."""
    if operation == "matrix_multiply" and result.ty in SCALARS:
        return "dot_product"
    return operation
