"""Statements -> Rust lines: ``let`` bindings, expression statements, blocks and functions.

A simple statement whose translation recorded no framework construct and touched no framework
object is plain Python outside the converters' scope: it is kept as a ``// py:`` comment.
Every recognized construct that a translation did not visit (an argument inside a comprehension,
say) is added to ``unsupported`` by ``sweep``, so nothing recognized disappears silently.
"""

from __future__ import annotations

import ast
from collections.abc import Container, Iterator
from dataclasses import dataclass, field

from batuta.analyze.symbols import CONVERTIBLE_FRAMEWORKS, framework_of
from batuta.convert._engine import Ctx
from batuta.convert._rust import receiver, reference, rust_type_name
from batuta.convert._values import KIND_FRAMEWORK, Expr, span_of
from batuta.convert.results import UnsupportedConstruct

INDENT = "    "
_MUTATING = frozenset({"fit", "partial_fit", "fit_transform", "fit_predict", "train",
                       "load_state_dict"})


def comment(text: str) -> list[str]:
    """Python source kept as ``// py:`` comment lines (one per source line)."""
    lines = text.splitlines() or [""]
    return [("// py: " + line.replace("\r", "\\r")).rstrip() for line in lines]


@dataclass
class Block:
    """Rust lines of one block plus the names it declared (for ``let mut`` patching)."""

    lines: list[str] = field(default_factory=list)


class Emitter:
    """Turns statement lists into Rust lines through one ``Ctx``."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.mutated: set[str] = set()
        self.returns: list[Expr] = []
        self.init_fields = False  # inside __init__: `self.x = v` declares a struct field
        self.class_scope: dict[str, Expr] | None = None
        self.fn_depth = 1  # scopes from here on belong to the function being emitted

    # --- helpers -------------------------------------------------------------------------------
    def source(self, node: ast.AST) -> str:
        return self.ctx.segment(node)

    def touched(self, node: ast.AST) -> bool:
        """Whether a statement reads a name bound to a framework object."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                bound = self.ctx.lookup(sub.id)
                if bound is not None and bound.kind in KIND_FRAMEWORK:
                    return True
        return False

    def sweep(self, node: ast.AST) -> None:
        """Report recognized constructs inside ``node`` that no handler visited."""
        ctx = self.ctx
        inner: set[int] = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                inner.add(id(sub.func))
            elif isinstance(sub, ast.Attribute):
                inner.add(id(sub.value))
        for sub in ast.walk(node):
            if id(sub) in ctx.visited:
                continue
            symbol = self.recognized(sub, inner)
            if symbol is None:
                continue
            ctx.visited.add(id(sub))
            ctx.unsupported.append(UnsupportedConstruct(
                framework_of(symbol) or "", symbol, span_of(sub),
                "inside Python the converters keep as-is (comprehension, lambda, f-string, "
                "or a statement kind they do not translate)"))

    def recognized(self, node: ast.AST, inner: set[int]) -> str | None:
        table = self.ctx.table
        if isinstance(node, ast.Call):
            symbol = table.qualify(node.func)
            if symbol is None and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name):
                    bound = self.ctx.lookup(owner.id)
                    if bound is not None and bound.kind in KIND_FRAMEWORK and bound.cls:
                        return f"{bound.cls}.{node.func.attr}"
        elif isinstance(node, (ast.Attribute, ast.Name)) and id(node) not in inner and (
                isinstance(node.ctx, ast.Load)):
            symbol = table.qualify(node)
            if symbol is not None and "." not in symbol:
                return None
        else:
            return None
        if symbol is None or framework_of(symbol) not in CONVERTIBLE_FRAMEWORKS:
            return None
        return symbol

    # --- statements ----------------------------------------------------------------------------
    def block(self, body: list[ast.stmt]) -> list[str]:
        self.ctx.scopes.append({})
        try:
            lines: list[str] = []
            for stmt in body:
                lines.extend(self.statement(stmt))
            return lines
        finally:
            self.ctx.scopes.pop()

    def statement(self, stmt: ast.stmt) -> list[str]:
        method = getattr(self, f"_stmt_{type(stmt).__name__}", None)
        if method is None:
            self.sweep(stmt)
            return comment(self.source(stmt))
        depth = len(self.ctx.scopes)
        try:
            lines: list[str] = method(stmt)
        except RecursionError:
            raise
        except Exception as exc:  # a converter bug must not lose the user's code: keep it
            del self.ctx.scopes[depth:]
            self.ctx.unsupported.append(UnsupportedConstruct(
                "", f"statement at line {stmt.lineno}", span_of(stmt),
                f"internal converter error ({type(exc).__name__}: {exc}); kept as Python"))
            return comment(self.source(stmt))
        return lines

    def simple(self, stmt: ast.stmt, build: Iterator[str] | list[str]) -> list[str]:
        """Keep a simple statement's Rust only if it involved the frameworks, else comment it."""
        before = (len(self.ctx.mappings), len(self.ctx.unsupported))
        touched = self.touched(stmt)
        lines = list(build)
        self.sweep(stmt)
        if (len(self.ctx.mappings), len(self.ctx.unsupported)) == before and not touched:
            if _keeps_as_rust(stmt, lines, {*self.ctx.user_functions, *self.ctx.user_classes}):
                return lines
            return comment(self.source(stmt))
        return lines

    def _stmt_Expr(self, stmt: ast.Expr) -> list[str]:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return comment(self.source(stmt))  # docstring

        def build() -> Iterator[str]:
            value = self.ctx.expr(stmt.value)
            if value.kind == "rng":
                self.mutated.add("rng")
                yield f"let mut rng = {value.code};"
            elif _is_path(value.code):
                # `model.eval()` and friends map to the object itself: nothing to run.
                yield f"// {' '.join(self.source(stmt).split())}: nothing to do in Rust"
            else:
                yield value.code + ";"
        return self.simple(stmt, build())

    def _stmt_Assign(self, stmt: ast.Assign) -> list[str]:
        if len(stmt.targets) != 1:
            self.sweep(stmt)
            return comment(self.source(stmt))
        return self.simple(stmt, self.assign(stmt.targets[0], stmt.value))

    def _stmt_AnnAssign(self, stmt: ast.AnnAssign) -> list[str]:
        if stmt.value is None:
            return comment(self.source(stmt))
        return self.simple(stmt, self.assign(stmt.target, stmt.value))

    def _stmt_AugAssign(self, stmt: ast.AugAssign) -> list[str]:
        binop = ast.BinOp(left=_load(stmt.target), op=stmt.op, right=stmt.value)
        ast.copy_location(binop, stmt)
        ast.fix_missing_locations(binop)
        return self.simple(stmt, self.assign(stmt.target, binop, rebind=True))

    def assign(self, target: ast.expr, value_node: ast.expr, rebind: bool = False
               ) -> Iterator[str]:
        if isinstance(target, ast.Name) and _is_ctor_fit(value_node):
            yield from self.split_fit(target, value_node)
            return
        value = self.ctx.expr(value_node)
        if isinstance(target, ast.Name):
            yield self.bind(target.id, value, rebind)
        elif isinstance(target, ast.Tuple) and all(isinstance(t, ast.Name) for t in target.elts):
            names = [t.id for t in target.elts if isinstance(t, ast.Name)]
            parts = value.parts if len(value.parts) == len(names) else (Expr(""),) * len(names)
            for name, part in zip(names, parts, strict=True):
                self.ctx.bind(name, Expr("", part.kind, part.cls, part.rust_type))
            yield f"let ({', '.join(self.ctx.namer(n) for n in names)}) = {value.code};"
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            dotted = f"{target.value.id}.{target.attr}"
            held = Expr("", value.kind, value.cls, value.rust_type)
            if target.value.id == "self" and self.class_scope is not None:
                self.class_scope[dotted] = held
            else:
                self.ctx.bind(dotted, held)
            field = self.ctx.namer(target.attr)
            if self.init_fields and target.value.id == "self":
                yield f"let {field} = {value.code};"
                return
            owner = "self" if target.value.id == "self" else self.ctx.namer(target.value.id)
            yield f"{owner}.{field} = {value.code};"
        else:
            yield f"{self.ctx.python_only(target).code};"

    def split_fit(self, target: ast.Name, call: ast.expr) -> Iterator[str]:
        """``m = KMeans(3).fit(X)`` -> ``let mut m = KMeans::new(3); m.fit(&x)?;``: Aprender's
        ``fit`` returns ``&mut Self``, which must not outlive a temporary."""
        assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        self.mutated.add(target.id)
        yield from self.assign(target, call.func.value)
        name = ast.copy_location(ast.Name(id=target.id, ctx=ast.Load()), target)
        method = ast.copy_location(ast.Attribute(value=name, attr="fit", ctx=ast.Load()),
                                   call.func)
        fit = ast.copy_location(ast.Call(func=method, args=call.args, keywords=call.keywords),
                                call)
        yield self.ctx.expr(fit).code + ";"

    def bind(self, name: str, value: Expr, rebind: bool) -> str:
        rust = self.ctx.namer(name)
        outer = any(name in scope for scope in self.ctx.scopes[self.fn_depth:-1])
        declared_here = name in self.ctx.scopes[-1]
        self.ctx.bind(name, Expr("", value.kind, value.cls, value.rust_type))
        if rebind or (outer and not declared_here):
            # Assigning a name from an enclosing block updates it (Python has function scope).
            self.mutated.add(name)
            return f"{rust} = {value.code};"
        mut = "mut " if name in self.mutated or value.kind == "rng" else ""
        return f"let {mut}{rust} = {value.code};"

    def _stmt_Return(self, stmt: ast.Return) -> list[str]:
        if stmt.value is None:
            return ["return Ok(());"]
        value = self.ctx.expr(stmt.value)
        self.sweep(stmt)
        self.returns.append(value)
        return [f"return Ok({value.code});"]

    def _stmt_Pass(self, stmt: ast.Pass) -> list[str]:
        return []

    def _stmt_Import(self, stmt: ast.Import) -> list[str]:
        return self.import_lines(stmt, [a.name for a in stmt.names])

    def _stmt_ImportFrom(self, stmt: ast.ImportFrom) -> list[str]:
        return self.import_lines(stmt, [stmt.module or ""])

    def import_lines(self, stmt: ast.stmt, modules: list[str]) -> list[str]:
        if all(framework_of(m) in CONVERTIBLE_FRAMEWORKS for m in modules):
            return []  # replaced by the `use` block
        return comment(self.source(stmt))

    def _stmt_With(self, stmt: ast.With) -> list[str]:
        lines: list[str] = []
        for item in stmt.items:
            symbol = self.ctx.table.qualify(item.context_expr.func) if isinstance(
                item.context_expr, ast.Call) else None
            if symbol in ("torch.no_grad", "torch.inference_mode"):
                self.ctx.record(item.context_expr, "pytorch", symbol or "", "{ ... }",
                                note="Realizar is inference-only: no gradients are recorded")
                lines.append(f"// {symbol}(): Realizar never records gradients")
            else:
                self.sweep(item.context_expr)
                lines.extend(comment("with " + self.source(item) + ":"))
        # No Rust block: names bound inside a Python `with` stay visible after it.
        for sub in stmt.body:
            lines.extend(self.statement(sub))
        return lines

    def _stmt_If(self, stmt: ast.If) -> list[str]:
        if _is_main_guard(stmt):
            return ["// py: if __name__ == \"__main__\":", *self.block(stmt.body)]
        test = self.ctx.expr(stmt.test)
        self.sweep(stmt.test)
        lines = [f"if {test.code} {{", *_indent(self.block(stmt.body))]
        if stmt.orelse:
            lines += ["} else {", *_indent(self.block(stmt.orelse))]
        return [*lines, "}"]

    def _stmt_For(self, stmt: ast.For) -> list[str]:
        target = self.loop_target(stmt.target)
        iterable = self.loop_iter(stmt.iter)
        self.sweep(stmt.iter)
        self.ctx.scopes.append({})
        for name in _names(stmt.target):
            self.ctx.bind(name, Expr(""))
        body = self.block(stmt.body)
        self.ctx.scopes.pop()
        lines = [f"for {target} in {iterable} {{", *_indent(body), "}"]
        if stmt.orelse:
            lines += comment("else:  (for-else has no Rust equivalent)")
            lines += self.block(stmt.orelse)
        return lines

    def loop_target(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return self.ctx.namer(node.id)
        if isinstance(node, ast.Tuple) and all(isinstance(e, ast.Name) for e in node.elts):
            return "(" + ", ".join(self.ctx.namer(e.id) for e in node.elts
                                   if isinstance(e, ast.Name)) + ")"
        return "_item"

    def loop_iter(self, node: ast.expr) -> str:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            args = [self.ctx.expr(a, "usize").code for a in node.args]
            if node.func.id == "range" and 1 <= len(args) <= 3:
                start, stop = ("0", args[0]) if len(args) == 1 else (args[0], args[1])
                span = f"{_paren(start)}..{_paren(stop)}"
                return f"({span}).step_by({args[2]})" if len(args) == 3 else span
            if node.func.id == "enumerate" and len(args) == 1:
                return f"{receiver(args[0])}.iter().enumerate()"
            if node.func.id == "zip" and len(args) == 2:
                return f"{receiver(args[0])}.iter().zip({receiver(args[1])}.iter())"
        value = self.ctx.expr(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            # A literal sequence: a Rust array iterates by value (edition 2021); framework
            # objects in it are borrowed so they stay usable after the loop.
            items = [self.ctx.expr(e) for e in node.elts]
            return "[" + ", ".join(reference(i.code) if i.kind in KIND_FRAMEWORK else i.code
                                   for i in items) + "]"
        return f"{receiver(value.code)}.iter()" if not value.code.startswith("&") else value.code

    def _stmt_While(self, stmt: ast.While) -> list[str]:
        test = self.ctx.expr(stmt.test)
        self.sweep(stmt.test)
        return [f"while {test.code} {{", *_indent(self.block(stmt.body)), "}"]

    def _stmt_Try(self, stmt: ast.Try) -> list[str]:
        lines = ["// py: try:", *self.block(stmt.body)]
        for handler in stmt.handlers:
            self.sweep(handler)
            lines += comment(self.source(handler))
        for part in (stmt.orelse, stmt.finalbody):
            lines += self.block(part) if part else []
        return lines

    def _stmt_FunctionDef(self, stmt: ast.FunctionDef) -> list[str]:
        from batuta.convert._functions import function

        return function(self, stmt, None)

    def _stmt_ClassDef(self, stmt: ast.ClassDef) -> list[str]:
        from batuta.convert._functions import class_def

        return class_def(self, stmt)


_LITERALISH = (ast.Constant, ast.Name, ast.BinOp, ast.UnaryOp, ast.Tuple, ast.List,
               ast.operator, ast.unaryop, ast.expr_context)


def _keeps_as_rust(stmt: ast.stmt, lines: list[str], user_functions: Container[str]) -> bool:
    """Plain statements still worth Rust: literal bindings (``n = 5``) and calls of
    converted functions (``main()``); everything else stays a comment."""
    if any("todo!" in line for line in lines):
        return False
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        return isinstance(func, ast.Name) and (func.id in user_functions or func.id == "print")
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
        return all(isinstance(n, _LITERALISH) or _user_call(n, user_functions)
                   or isinstance(n, (ast.keyword, ast.Load))
                   for n in ast.walk(stmt.value))
    return False


def _user_call(node: ast.AST, user_functions: Container[str]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
        node.func.id in user_functions)


def _is_ctor_fit(node: ast.expr) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "fit" and isinstance(node.func.value, ast.Call))


def _is_path(code: str) -> bool:
    return all(part.isidentifier() or part.startswith("r#") for part in code.split("."))


def _paren(code: str) -> str:
    return code if receiver(code) == code else f"({code})"


def _indent(lines: list[str]) -> list[str]:
    return [INDENT + line if line else line for line in lines]


def _load(target: ast.expr) -> ast.expr:
    node = ast.parse(ast.unparse(target), mode="eval").body
    return ast.copy_location(node, target)


def _names(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _is_main_guard(stmt: ast.If) -> bool:
    test = stmt.test
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__" and not stmt.orelse)


def mutated_names(body: list[ast.stmt]) -> set[str]:
    """Names that need ``let mut``: receivers of mutating methods (``model.fit``), augmented
    assignments, and names bound at the top of a body and assigned again in a nested block.

    Re-assignment at the same level shadows with a fresh ``let`` instead.
    """
    names: set[str] = set()
    top = {n.id for stmt in body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
           for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    nested = {n.id for stmt in body if isinstance(stmt, (ast.For, ast.While, ast.If, ast.With,
                                                          ast.Try))
              for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    names |= top & nested
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in _MUTATING) and isinstance(node.func.value, ast.Name):
            names.add(node.func.value.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def type_name(name: str) -> str:
    """Rust type name for a Python class name."""
    return rust_type_name(name)
