"""Python functions and classes -> Rust ``fn`` items and ``struct`` + ``impl`` blocks.

A function becomes ``pub fn name(params) -> Result<T>`` only when its body converted at least
one framework construct; otherwise it is kept whole as ``// py:`` comments. Parameter types come
from how the body uses them (an estimator receiver, a matrix argument, a size); return types
from what is returned. A class whose methods convert becomes a struct whose fields are the
``self.x = ...`` assignments of ``__init__`` (which becomes ``new``) and an ``impl`` block.
"""

from __future__ import annotations

import ast

from batuta.convert._rust import rust_type_name
from batuta.convert._statements import Emitter, _indent, comment, mutated_names
from batuta.convert._values import Expr

DEFAULT_PARAM_TYPE = "&Vector"
_KIND_TYPE = {"ndarray": "Vector", "matrix": "Matrix", "tensor": "Tensor", "f32": "f32",
              "usize": "usize", "int": "i64", "bool": "bool", "str": "String"}


def rust_type_of(value: Expr) -> str:
    """The Rust type of a returned or stored value, or "" when unknown."""
    if value.kind == "tuple" and value.parts:
        parts = [rust_type_of(p) for p in value.parts]
        return f"({', '.join(parts)})" if all(parts) else ""
    if value.rust_type:
        return "String" if value.rust_type == "&str" else value.rust_type
    return _KIND_TYPE.get(value.kind or "", "")


def _params(em: Emitter, args: ast.arguments, skip_self: bool) -> list[str]:
    names = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    if skip_self and names and names[0] in ("self", "cls"):
        names = names[1:]
    return names


def function(em: Emitter, stmt: ast.FunctionDef, owner: str | None,
             method_self: str = "") -> list[str]:
    """One Python function as a Rust ``fn`` (or as comments when nothing in it converts)."""
    ctx = em.ctx
    saved = (ctx.params, ctx.demands, em.mutated, em.returns, em.fn_depth)
    before = (len(ctx.mappings), len(ctx.unsupported))
    names = _params(em, stmt.args, owner is not None)
    ctx.params, ctx.demands = set(names), {}
    em.mutated, em.returns = mutated_names(stmt.body), []
    ctx.scopes.append({n: Expr("") for n in names})
    em.fn_depth = len(ctx.scopes) - 1
    try:
        body = em.block(stmt.body)
        demands, returns = ctx.demands, em.returns
    finally:
        ctx.scopes.pop()
        ctx.params, ctx.demands, em.mutated, em.returns, em.fn_depth = saved
    if (len(ctx.mappings), len(ctx.unsupported)) == before:
        return comment(em.source(stmt))
    ctx.use("anyhow::Result")
    is_new = owner is not None and stmt.name == "__init__"
    params = [f"{ctx.namer(n)}: {demands.get(n, DEFAULT_PARAM_TYPE)}" for n in names]
    if method_self:
        params.insert(0, method_self)
    ret = "Self" if is_new else _return_type(returns)
    if owner is None:
        ctx.fn_returns[stmt.name] = ret
        ctx.fn_params[stmt.name] = [demands.get(n, DEFAULT_PARAM_TYPE) for n in names]
    if not is_new:
        body = _tail(body)
    name = "new" if is_new else ctx.namer(stmt.name)
    lines = []
    for decorator in stmt.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        symbol = ctx.table.qualify(target)
        if symbol in ("torch.no_grad", "torch.inference_mode"):
            ctx.record(decorator, "pytorch", symbol or "", "(nothing)",
                       note="Realizar is inference-only: no gradients are recorded")
        lines += comment("@" + em.source(decorator))
    if any(n not in demands for n in names):
        lines.append(f"// note: parameter types not evident from use default to "
                     f"{DEFAULT_PARAM_TYPE}")
    signature = f"pub fn {name}({', '.join(params)}) -> Result<{ret}> {{"
    use_types(ctx, signature)
    lines.append(signature)
    return [*lines, *_indent(body), "}"]


_TYPE_PATHS = {"Vector": "trueno::Vector", "Matrix": "trueno::Matrix",
               "Tensor": "realizar::Tensor", "Model": "realizar::Model",
               "Tokenizer": "realizar::Tokenizer", "Estimator": "aprender::prelude::*"}


def use_types(ctx: object, text: str) -> None:
    """Import the stack types a signature or struct mentions."""
    import re

    from batuta.convert._engine import Ctx

    assert isinstance(ctx, Ctx)
    for word in set(re.findall(r"[A-Za-z_]+", text)):
        if word in _TYPE_PATHS:
            ctx.use(_TYPE_PATHS[word])


def _return_type(returns: list[Expr]) -> str:
    for value in returns:
        found = rust_type_of(value)
        if found:
            return found
    return "Vector" if returns else "()"


def _tail(body: list[str]) -> list[str]:
    """``return Ok(x);`` as the last line becomes the tail ``Ok(x)``; else append ``Ok(())``."""
    if body and body[-1].startswith("return Ok(") and body[-1].endswith(");"):
        return [*body[:-1], body[-1][len("return "):-1]]
    if body and body[-1].startswith("return "):
        return body
    return [*body, "Ok(())"]


def class_def(em: Emitter, stmt: ast.ClassDef) -> list[str]:
    """A class as ``pub struct`` + ``impl``, or comments when none of its methods convert."""
    ctx = em.ctx
    before = (len(ctx.mappings), len(ctx.unsupported))
    ctx.scopes.append({})
    class_scope = ctx.scopes[-1]
    saved_scope, em.class_scope = em.class_scope, class_scope
    methods: list[str] = []
    other: list[str] = []
    try:
        for item in stmt.body:
            if isinstance(item, ast.FunctionDef):
                init = item.name == "__init__"
                em.init_fields = init
                receiver = "" if init else ("&mut self" if _assigns_self(item) else "&self")
                lines = function(em, item, stmt.name, receiver)
                em.init_fields = False
                if init and lines and not lines[0].startswith("// py:"):
                    lines = _finish_new(lines, class_scope, ctx.namer)
                methods += [*lines, ""]
            else:
                other += comment(em.source(item))
    finally:
        ctx.scopes.pop()
        em.class_scope = saved_scope
    if (len(ctx.mappings), len(ctx.unsupported)) == before:
        return comment(em.source(stmt))
    name = rust_type_name(stmt.name)
    for base in stmt.bases:
        if ctx.table.qualify(base) == "torch.nn.Module":
            ctx.record(base, "pytorch", "torch.nn.Module", f"pub struct {name} + impl {name}",
                       note="nn.Module subclass -> a struct of its layers with new and forward")
    fields = [f"pub {ctx.namer(f.partition('.')[2])}: {rust_type_of(v)},"
              for f, v in class_scope.items() if f.startswith("self.") and rust_type_of(v)]
    use_types(ctx, " ".join(fields))
    bases = ", ".join(em.source(b) for b in stmt.bases)
    head = comment(f"class {stmt.name}({bases}):") if bases else []
    return [*head, f"pub struct {name} {{", *_indent(fields), "}", "",
            f"impl {name} {{", *_indent(other), *_indent(methods[:-1]), "}"]


def _finish_new(lines: list[str], scope: dict[str, Expr], namer: object) -> list[str]:
    """End ``new`` with ``Ok(Self { fields })`` built from the ``let`` bindings of ``self.x``."""
    from batuta.convert._rust import Namer

    assert isinstance(namer, Namer)
    fields = [namer(f.partition(".")[2]) for f, v in scope.items()
              if f.startswith("self.") and rust_type_of(v)]
    body = lines[:-1]
    if body and body[-1].strip() == "Ok(())":
        body = body[:-1]
    return [*body, f"    Ok(Self {{ {', '.join(fields)} }})", "}"]


def _assigns_self(fn: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
               and n.value.id == "self" and isinstance(n.ctx, ast.Store) for n in ast.walk(fn))
