"""Calls, attributes and subscripts: how the engine finds the handler registered for a
recognized construct (``dispatch``), follows method receivers by the kind of object they hold, and
writes the plain calls around them. A mixin of ``_engine.Ctx``, which holds the state."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, cast

from batuta.analyze.symbols import CONVERTIBLE_FRAMEWORKS, framework_of
from batuta.analyze.symbols import dotted_name as _dotted
from batuta.convert._rust import receiver, rust_type_name
from batuta.convert._syntax import arg_ref as _arg_ref
from batuta.convert._syntax import looks_like_module as _looks_like_module
from batuta.convert._syntax import println as _println
from batuta.convert._syntax import root_name as _root_name
from batuta.convert._syntax import self_code as _self_code
from batuta.convert._values import (
    KIND_FRAMEWORK,
    PARAM_TYPE,
    TYPE_KIND,
    CallSite,
    Expr,
    Unmappable,
    span_of,
)
from batuta.convert.registry import REGISTRY
from batuta.convert.results import UnsupportedConstruct

if TYPE_CHECKING:
    from batuta.analyze.symbols import ImportTable
    from batuta.convert._engine import Ctx
    from batuta.convert._rust import Namer
    from batuta.convert.registry import Rule

_KIND_KEY = {"matrix": "ndarray"}  # matrices share the array methods
_INDEX_BUILDERS = frozenset({"numpy.c_", "numpy.r_"})  # arrays built by indexing: np.c_[a, b]

_CRATES = {"numpy": "Trueno", "sklearn": "Aprender", "pytorch": "Realizar",
           "transformers": "Realizar"}
_GENERIC_CLS = {"rng": "numpy.random.RandomState", "ndarray": "numpy.ndarray",
                "matrix": "numpy.ndarray",
                "estimator": "sklearn.estimator", "model": "torch.nn.Module",
                "tensor": "torch.Tensor", "layer": "torch.nn.Module",
                "tokenizer": "transformers.PreTrainedTokenizer"}


class CallTranslation:
    """The call-shaped half of expression translation (``Ctx`` supplies the state)."""

    if TYPE_CHECKING:
        table: ImportTable
        assume: dict[str, dict[str, str]]
        namer: Namer
        unsupported: list[UnsupportedConstruct]
        visited: set[int]
        params: set[str]
        user_functions: dict[str, ast.FunctionDef]
        user_classes: set[str]
        fn_returns: dict[str, str]
        fn_params: dict[str, list[str]]

        def expr(self, node: ast.expr, want: str = "") -> Expr: ...
        def lookup(self, name: str) -> Expr | None: ...
        def python_only(self, node: ast.AST) -> Expr: ...
        def demand(self, node: ast.expr, rust_type: str) -> None: ...
        def refine(self, name: str, kind: str) -> None: ...
        def reject(self, node: ast.AST, framework: str, symbol: str, reason: str) -> Expr: ...
        def record(self, node: ast.AST, framework: str, symbol: str, rust: str,
                   rule: Rule | None = None, note: str = "") -> None: ...

    def _expr_Subscript(self, node: ast.Subscript, want: str) -> Expr:
        symbol = self.table.qualify(node.value)
        if symbol in _INDEX_BUILDERS and self.lookup(_root_name(node.value)) is None:
            # `np.c_[a, b]` builds an array from its index: the items are the arguments.
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            site = CallSite(ast.Call(func=node.value, args=list(items), keywords=[]), symbol,
                            "numpy", None)
            self.visited.add(id(node.value))  # the subscript is the site, not `np.c_` alone
            return self.dispatch(node, "numpy", symbol, symbol, site)
        axis = self.new_axis(node)
        if axis is not None:
            # `x[:, np.newaxis]`: the new axis is the site; the indexed array its argument.
            assert isinstance(node.slice, ast.Tuple)
            where = ast.Constant(node.slice.elts.index(axis))
            site = CallSite(ast.Call(func=axis, args=[node.value, where], keywords=[]),
                            "numpy.newaxis", "numpy", None)
            self.visited.add(id(axis))
            return self.dispatch(axis, "numpy", "numpy.newaxis", "numpy.newaxis", site)
        base = self.expr(node.value)
        if isinstance(node.slice, (ast.Constant, ast.Name)):
            index = self.expr(node.slice, "usize").code
            return Expr(f"{receiver(base.code)}[{index}]")
        return self.python_only(node)

    def new_axis(self, node: ast.Subscript) -> ast.expr | None:
        """``np.newaxis`` in ``x[:, np.newaxis]`` (column) or ``x[np.newaxis, :]`` (row)."""
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        if len(items) != 2 or sum(isinstance(e, ast.Slice) for e in items) != 1:
            return None
        full = next(e for e in items if isinstance(e, ast.Slice))
        if full.lower is not None or full.upper is not None or full.step is not None:
            return None
        other = items[0] if items[1] is full else items[1]
        if self.table.qualify(other) != "numpy.newaxis":
            return None
        return other

    def _expr_Attribute(self, node: ast.Attribute, want: str) -> Expr:
        symbol = self.table.qualify(node)
        if symbol is not None and self.lookup(_root_name(node)) is None and (
                framework_of(symbol) in CONVERTIBLE_FRAMEWORKS):
            return self.attribute_symbol(node, symbol)
        dotted = _dotted(node)
        if dotted is not None and self.lookup(dotted) is not None:
            bound = self.lookup(dotted)
            assert bound is not None
            return Expr(_self_code(dotted, self.namer), bound.kind, bound.cls, bound.rust_type)
        owner = self.expr(node.value)
        if owner.kind is None and node.attr == "T" and "numpy" in self.table.frameworks():
            owner = Expr(owner.code, "ndarray", owner.cls, owner.rust_type)  # only arrays have .T
            if isinstance(node.value, ast.Name):
                self.refine(node.value.id, "ndarray")
        kind_fw = KIND_FRAMEWORK.get(owner.kind or "")
        if kind_fw is not None:
            key = f"{_KIND_KEY.get(owner.kind or '', owner.kind)}.{node.attr}"
            return self.dispatch(node, kind_fw, f"{owner.cls or owner.kind}.{node.attr}", key,
                                 CallSite(ast.Call(func=node, args=[], keywords=[]),
                                          f"{owner.cls}.{node.attr}", kind_fw, owner))
        return Expr(f"{receiver(owner.code)}.{self.namer(node.attr)}")

    def attribute_symbol(self, node: ast.expr, symbol: str) -> Expr:
        """A framework name used as a value (``np.pi``, ``np.float32``)."""
        framework = framework_of(symbol) or ""
        site = CallSite(ast.Call(func=node, args=[], keywords=[]), symbol, framework, None)
        return self.dispatch(node, framework, symbol, f"{symbol}", site)

    def _expr_Call(self, node: ast.Call, want: str) -> Expr:
        symbol = self.table.qualify(node.func)
        if symbol is not None and self.lookup(_root_name(node.func)) is None:
            framework = framework_of(symbol)
            if framework in CONVERTIBLE_FRAMEWORKS:
                site = CallSite(node, symbol, framework, None)
                return self.dispatch(node, framework, symbol, symbol, site)
        dotted = _dotted(node.func)
        bound = self.lookup(dotted) if dotted is not None else None
        if bound is not None and dotted is not None and bound.kind in ("layer", "model"):
            # Calling a module runs its forward pass: `layer(x)` is `layer.forward(x)`.
            site = CallSite(node, f"{bound.cls}.__call__", "pytorch",
                            Expr(_self_code(dotted, self.namer), bound.kind, bound.cls,
                                 bound.rust_type))
            return self.dispatch(node, "pytorch", site.symbol, f"{bound.kind}.__call__", site)
        if bound is not None and dotted is not None and bound.kind == "tokenizer":
            site = CallSite(node, f"{bound.cls}.__call__", "transformers",
                            Expr(_self_code(dotted, self.namer), bound.kind, bound.cls))
            return self.dispatch(node, "transformers", site.symbol, "tokenizer.__call__", site)
        if isinstance(node.func, ast.Attribute):
            return self.method_call(node, node.func)
        return self.plain_call(node)

    def method_call(self, node: ast.Call, func: ast.Attribute) -> Expr:
        owner = self.expr(func.value)
        kind = owner.kind or ""
        if kind not in KIND_FRAMEWORK:
            kind = self.assumed_kind(func.value, func.attr) or ""
            if not kind:
                return self.plain_method(node, owner, func.attr)
            owner = Expr(owner.code, kind, owner.cls, owner.rust_type)
            if isinstance(func.value, ast.Name):
                self.refine(func.value.id, kind)
        framework = KIND_FRAMEWORK[kind]
        self.demand(func.value, PARAM_TYPE.get(kind, "&Vector"))
        key_kind = _KIND_KEY.get(kind, kind)
        cls = owner.cls or _GENERIC_CLS.get(kind, kind)
        symbol = f"{cls}.{func.attr}"
        site = CallSite(node, symbol, framework, owner, func.value)
        return self.dispatch(node, framework, symbol, f"{key_kind}.{func.attr}", site)

    def assumed_kind(self, owner: ast.expr, method: str) -> str | None:
        """The kind an untracked receiver is taken to be, from the method name alone."""
        if not isinstance(owner, (ast.Name, ast.Attribute)):
            return None
        if isinstance(owner, ast.Name) and self.table.qualify(owner) is not None:
            return None
        for methods in self.assume.values():
            if method in methods:
                return methods[method]
        return None

    def dispatch(self, node: ast.AST, framework: str, symbol: str, key: str,
                 site: CallSite) -> Expr:
        """Run the handler for ``key``; record the mapping, or the reason there is none."""
        rule = REGISTRY.get(framework, key) or REGISTRY.find(key)
        if rule is None and key.count(".") >= 2:
            # `transformers.AutoModelForCausalLM.from_pretrained` -> `transformers.*.from_...`
            head, _, last = key.rpartition(".")
            rule = REGISTRY.find(f"{head.partition('.')[0]}.*.{last}")
        if rule is None:
            crate = _CRATES.get(framework, "the Sovereign AI Stack")
            return self.reject(node, framework, symbol, f"no {crate} mapping for {symbol}")
        try:
            result = rule.handler(cast("Ctx", self), site)  # the mixin only runs in a Ctx
        except Unmappable as exc:
            return self.reject(node, framework, symbol, exc.reason)
        self.record(node, framework, symbol, result.code, rule)
        for left in site.leftovers():
            self.unsupported.append(UnsupportedConstruct(
                framework, f"{symbol}({left})", span_of(node),
                f"argument {left} has no {_CRATES.get(framework, 'Rust')} equivalent; dropped"))
        return result

    def plain_call(self, node: ast.Call) -> Expr:
        """A call outside the frameworks: a few builtins, else a plain Rust call."""
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
                kw.arg is None for kw in node.keywords):
            return self.python_only(node)
        args = [self.expr(a) for a in node.args] + self.keyword_args(node)
        if isinstance(node.func, ast.Name):
            name = node.func.id
            if name in self.user_classes:
                # A converted class: `MLP(16, 64)` is `MLP::new(16, 64)?`.
                rust = rust_type_name(name)
                return Expr(f"{rust}::new({', '.join(_arg_ref(a) for a in args)})?", "layer",
                            name, rust)
            if name in self.params and _looks_like_module(name) and (
                    "pytorch" in self.table.frameworks()):
                self.demand(node.func, "&Model")
                site = CallSite(node, "torch.nn.Module.__call__", "pytorch",
                                Expr(self.namer(name), "model", "torch.nn.Module", "Model"),
                                node.func)
                return self.dispatch(node, "pytorch", site.symbol, "model.__call__", site)
            if name == "print":
                return _println(args[:len(node.args)], node.args)
            if name == "len" and len(args) == 1:
                return Expr(f"{receiver(args[0].code)}.len()", "usize")
            if name == "float" and len(args) == 1:
                return Expr(f"{receiver(args[0].code)} as f32", "f32")
            if name == "int" and len(args) == 1:
                return Expr(f"{receiver(args[0].code)} as i64", "int")
            func = self.namer(name)
            if name in self.user_functions:
                # Converted functions return Result; the call propagates their errors, and
                # Python's default arguments are written out (Rust has none).
                fn = self.user_functions[name].args
                missing = len(fn.args) - len(args)
                if 0 < missing <= len(fn.defaults):
                    args += [self.expr(d) for d in fn.defaults[len(fn.defaults) - missing:]]
                returned = self.fn_returns.get(name, "")
                types = self.fn_params.get(name, [])
                passed = [_pass(a, types[i] if i < len(types) else "")
                          for i, a in enumerate(args)]
                return Expr(f"{func}({', '.join(passed)})?",
                            TYPE_KIND.get(returned, "estimator" if returned[:1].isupper()
                                           else None), rust_type=returned)
        else:
            func = self.expr(node.func).code
        return Expr(f"{func}({', '.join(_arg_ref(a) for a in args)})")

    def keyword_args(self, node: ast.Call) -> list[Expr]:
        """Keyword arguments in order, each value after a ``/* name: */`` comment (Rust has
        no keyword arguments; the comment keeps the name visible)."""
        out = []
        for kw in node.keywords:
            value = self.expr(kw.value)
            code = f"/* {kw.arg}: */ {_arg_ref(value)}"
            out.append(Expr(code, "comment-arg"))
        return out

    def plain_method(self, node: ast.Call, owner: Expr, method: str) -> Expr:
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
                kw.arg is None for kw in node.keywords):
            return self.python_only(node)
        args = ", ".join([_arg_ref(self.expr(a)) for a in node.args]
                         + [k.code for k in self.keyword_args(node)])
        return Expr(f"{receiver(owner.code)}.{self.namer(method)}({args})")


def _pass(value: Expr, param_type: str) -> str:
    """An argument to a converted function, spelled for the parameter type it was given."""
    code = _arg_ref(value)
    if param_type == "f32" and re.fullmatch(r"-?\d+", code):
        return f"{code}.0"  # an integer literal where the function takes f32
    if param_type.startswith("&mut ") and code.startswith("&") and not code.startswith("&mut "):
        return f"&mut {code[1:]}"
    return code
