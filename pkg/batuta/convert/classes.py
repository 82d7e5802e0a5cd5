"""``torch.nn.Module`` subclasses -> a Rust struct with ``new`` and ``&self`` methods (issue 12).

The same holds for a ``LightningModule`` (an ``nn.Module`` with training hooks), a
``torch.utils.data.Dataset`` subclass, whose ``__len__`` / ``__getitem__`` become ``len`` /
``get``, an ``IterableDataset`` subclass (its ``__iter__`` is not converted, so no DataLoader
runs over it) and a ``LightningDataModule``: Lightning calls its ``setup(stage)`` before its
``*_dataloader()`` methods, so the attributes ``setup`` assigns are ``Option<T>`` fields
(``None`` from ``new``), ``setup`` takes ``&mut self`` and sets ``Some(..)``, and a read of one
is ``self.x.as_ref().ok_or(..)?`` (an ``Err`` where Python raises ``AttributeError``). A field's
``T`` is the type ``setup`` assigned in the previous pass (the passes run to a fixpoint).
A subclass of ``nn.Module`` is a bag of layers plus a ``forward``. It becomes::

    pub struct Net { fc1: realizar::layers::Linear, dropout: f32, ... }
    impl Net {
        pub fn new(<typed __init__ params>) -> Result<Self> { ...; Ok(Self { fc1, ... }) }
        pub fn forward(&self, x: &realizar::Tensor<f32>) -> Result<realizar::Tensor<f32>> {..}
    }

The fields are the ``self.NAME = value`` assignments of ``__init__`` whose value has a type
(a mapped layer, a scalar, a tensor); each is bound as a local first, so ``__init__``'s other
statements translate like a function body. An assignment that cannot be translated still binds
its field when the type is known (``todo!`` with the reason); a field whose type is not known
is left out and reported, and a method that reads it keeps that statement as a ``todo!``.
Every other method becomes a ``&self`` method (realizar's layers all run ``forward`` on
``&self``, see the tables); one that assigns to ``self`` keeps that statement as Python.
``nn.init`` needs a layer owned (realizar's ``weight_mut`` takes ``&mut self``): in ``__init__``
it runs on the local, and a method ``__init__`` calls for it (``self.init_weights()``, no
parameters, no return value, no ``self.x = ..``) is inlined into ``new`` instead of emitted.
Inside the methods ``self.layer(x)`` runs the layer's mapping and ``self.name`` reads a field.
Outside, ``Net(...)`` calls ``Net::new(...)?`` and ``net(x)`` calls ``net.forward(..)?``.

realizar is an inference engine: the struct computes ``forward`` in eval mode (dropout is the
identity); training state (``requires_grad``, hooks, ``train()``) has no counterpart.
This module never imports the emitter (``module`` / ``translate``): the module pass hands it
the function translator and the signature builder.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from batuta.convert._rust import rust_type_name
from batuta.convert.coerce import paren
from batuta.convert.core import Fail, FnFacts, Signature, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.targets import load
from batuta.convert.types import deref, marked_type, owned, type_path

STRUCT_BASES = {"torch.nn.Module": "torch.nn.Module",
                "torch.nn.modules.module.Module": "torch.nn.Module",
                # an nn.Module subclass with training hooks: the same struct for inference
                "pytorch_lightning.LightningModule": "torch.nn.Module",
                "lightning.pytorch.LightningModule": "torch.nn.Module",
                "lightning.LightningModule": "torch.nn.Module",
                "pytorch_lightning.core.LightningModule": "torch.nn.Module",
                "pytorch_lightning.core.module.LightningModule": "torch.nn.Module",
                "lightning.pytorch.core.LightningModule": "torch.nn.Module",
                "lightning.pytorch.core.module.LightningModule": "torch.nn.Module",
                "torch.utils.data.Dataset": "torch.utils.data.Dataset",
                # a data module: its setup() sets the datasets its *_dataloader() methods read
                "pytorch_lightning.LightningDataModule": "pytorch_lightning.LightningDataModule",
                "lightning.pytorch.LightningDataModule": "pytorch_lightning.LightningDataModule",
                "lightning.LightningDataModule": "pytorch_lightning.LightningDataModule",
                "pytorch_lightning.core.LightningDataModule": (
                    "pytorch_lightning.LightningDataModule"),
                "pytorch_lightning.core.datamodule.LightningDataModule": (
                    "pytorch_lightning.LightningDataModule"),
                "lightning.pytorch.core.LightningDataModule": (
                    "pytorch_lightning.LightningDataModule"),
                "torch.utils.data.dataset.Dataset": "torch.utils.data.Dataset",
                # its items come from __iter__: a struct, but no DataLoader over it
                "torch.utils.data.IterableDataset": "torch.utils.data.IterableDataset",
                "torch.utils.data.dataset.IterableDataset": "torch.utils.data.IterableDataset"}
"""The base classes whose subclasses become structs (qualified name -> registry key)."""

RUST_NAMES = {"__len__": "len", "__getitem__": "get"}
"""Python's protocol methods under their Rust names (``len(ds)`` calls ``ds.len()?``)."""

FunctionFn = Callable[..., tuple[list[str], FnFacts]]
SignatureFn = Callable[[ast.FunctionDef, FnFacts], Signature]


@dataclass
class Struct:
    """A translated class as the rest of the module sees it."""

    python: str
    rust: str
    fields: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Python attribute -> (Rust field name, Rust type, Python class of its value or "")."""
    methods: dict[str, str] = field(default_factory=dict)
    """Python method name -> the facts/signature key of its translation."""
    untyped: set[str] = field(default_factory=set)
    """Attributes ``__init__`` assigns whose type is not known (left out of the struct)."""
    inlined: dict[str, ast.FunctionDef] = field(default_factory=dict)
    optional: dict[str, str] = field(default_factory=dict)
    """A data module's attributes that ``setup`` sets -> the Rust type ``T`` of their
    ``Option<T>`` field (the previous pass's; ``None`` until ``setup`` has run)."""
    learned: dict[str, str] = field(default_factory=dict)
    """The types ``setup``'s assignments have in this pass (the next pass's ``optional``)."""
    iterable: bool = False
    """An ``IterableDataset``: its items come from ``__iter__``, not from indices."""
    setters: set[str] = field(default_factory=set)
    """Attributes ``setup`` may set (``Option`` fields once their type is known)."""
    """Methods ``__init__`` calls that run inside ``new`` (``self.init_weights()``)."""


def function_names(tr: Any) -> list[str]:
    """``Net::new`` and each emitted method (``Net::forward``) of the translated structs."""
    names = []
    for struct in tr.structs.values():
        names.append(f"{struct.rust}::new")
        names += [f"{struct.rust}::{rust_method(tr, m)}" for m, key in struct.methods.items()
                  if tr.facts.get(key, FnFacts()).emitted]
    return names


def is_module_class(tr: Any, cls: ast.ClassDef) -> bool:
    """Whether ``cls`` derives from ``torch.nn.Module`` or ``Dataset`` directly."""
    return any(isinstance(b, (ast.Name, ast.Attribute)) and tr.table.qualify(b) in STRUCT_BASES
               for b in cls.bases)


def rust_method(tr: Any, name: str) -> str:
    ident: str = tr.namer(RUST_NAMES.get(name, name))
    return ident


def struct_name(cls: ast.ClassDef) -> str:
    """The Rust name; one that a crate type shares gets ``Module`` appended (the crate type's
    short name may be imported into the same module)."""
    name = rust_type_name(cls.name)
    crate_types = {p.rpartition("::")[2] for p in load().paths()}
    return name + "Module" if name in crate_types | _STD_TYPES else name


_STD_TYPES = frozenset({"Result", "Option", "Vec", "String", "Box", "Some", "None", "Ok", "Err",
                        "Self_", "Iterator", "Clone", "Copy", "Default", "Fn"})
"""Names of the prelude and of the module's own ``Result`` alias, which a struct must not take."""


def key_of(cls: ast.ClassDef, method: str) -> str:
    return f"{cls.name}.{method}"


def without_self(fn: ast.FunctionDef) -> ast.FunctionDef:
    """``fn`` with its first parameter (``self``) removed, for the signature pass."""
    stripped = copy.copy(fn)
    args = copy.copy(fn.args)
    positional = [*args.posonlyargs, *args.args]
    args.posonlyargs, args.args = [], positional[1:]
    defaults = list(args.defaults)
    args.defaults = defaults[-len(args.args):] if args.args and defaults else []
    stripped.args = args
    return stripped


def methods_of(cls: ast.ClassDef) -> list[ast.FunctionDef]:
    """The plain methods (first parameter ``self``, no decorator), last definition wins."""
    found: dict[str, ast.FunctionDef] = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and not stmt.decorator_list and [
                *stmt.args.posonlyargs, *stmt.args.args][:1] and [
                *stmt.args.posonlyargs, *stmt.args.args][0].arg == "self" and not (
                stmt.args.vararg or stmt.args.kwarg or stmt.args.kwonlyargs) and (
                stmt.name != "new"):  # `new` is the constructor's name in Rust
            found[stmt.name] = stmt
    for python, rust in RUST_NAMES.items():
        if python in found and rust in found:
            del found[python]  # `len` is taken by the class's own method: __len__ stays Python
    return list(found.values())


def signatures(cls: ast.ClassDef, facts: dict[str, FnFacts],
               signature: SignatureFn) -> dict[str, Signature]:
    """The signatures of the class's methods from what the passes learned (``self`` dropped)."""
    return {key_of(cls, m.name): signature(without_self(m), facts.get(key_of(cls, m.name),
                                                                        FnFacts()))
            for m in methods_of(cls)}


def translate_class(tr: Any, cls: ast.ClassDef, function: FunctionFn
                    ) -> tuple[list[str], dict[str, FnFacts]]:
    """The struct and its ``impl``; the facts of each method, by key. A class redefined later
    in the module, or one the translation fails on, stays Python comments with the reason."""
    last = {s.name: s for s in tr.tree.body if isinstance(s, ast.ClassDef)}
    before = (len(tr.mappings), len(tr.unsupported))
    reason = "the class is defined again later in the module (the last one counts)"
    if last.get(cls.name) is cls:
        try:
            return _translate_class(tr, cls, function)
        except RecursionError:
            raise
        except Fail as exc:
            reason = exc.reason
        except Exception as exc:  # a converter bug must not lose the user's code
            reason = f"internal converter error ({type(exc).__name__}: {exc})"
        del tr.mappings[before[0]:]
        del tr.unsupported[before[1]:]
        tr.structs.pop(struct_name(cls), None)
    tr.reject_sites(cls, reason)
    return tr.comment(cls), {}


def _translate_class(tr: Any, cls: ast.ClassDef, function: FunctionFn
                     ) -> tuple[list[str], dict[str, FnFacts]]:
    name = struct_name(cls)
    previous: Struct | None = tr.structs.get(name)
    struct = Struct(cls.name, name)
    tr.structs[name] = struct
    methods = methods_of(cls)
    struct.iterable = any(STRUCT_BASES.get(tr.table.qualify(b) or "") == (
        "torch.utils.data.IterableDataset") for b in cls.bases
        if isinstance(b, (ast.Name, ast.Attribute)))
    if _is_data_module(tr, cls):
        struct.setters = _setup_attrs(methods)
        struct.optional = dict(previous.learned) if previous is not None else {}
    struct.inlined = _inlinable(tr, methods)
    struct.methods = {m.name: key_of(cls, m.name) for m in methods
                      if m.name != "__init__" and m.name not in struct.inlined}
    facts: dict[str, FnFacts] = {}
    impl: list[str] = []
    init = next((m for m in methods if m.name == "__init__"), None)
    if init is not None:
        lines, facts[key_of(cls, "__init__")] = _constructor(tr, struct, init)
    else:
        lines = ["pub fn new() -> Result<Self> {", "    Ok(Self {})", "}"]
    impl += [*lines, ""]
    for method in methods:
        if method.name == "__init__":
            continue
        if method.name in struct.inlined:
            impl += [f"// {method.name}(): inlined into new() (see there)", ""]
            continue
        mutable = method.name == "setup" and bool(struct.setters)
        lines, facts[key_of(cls, method.name)] = _method(tr, struct, method, function, mutable)
        impl += [*lines, ""]
    for stmt in cls.body:
        if not (isinstance(stmt, ast.FunctionDef) and stmt in methods) and not _is_doc(stmt):
            tr.reject_sites(stmt, "only plain methods of an nn.Module are translated")
            impl += [*tr.comment(stmt), ""]
    fields = [f"    pub {ident}: {marked_type(ty)}," for ident, ty, _ in struct.fields.values()]
    fields += [f"    pub {tr.namer(a)}: Option<{marked_type(ty)}>,  // set by setup()"
               for a, ty in struct.optional.items()]
    doc = ast.get_docstring(cls)
    head = [f"/// {line}".rstrip() for line in (doc or "").strip().splitlines()]
    first = len(tr.mappings)
    kinds = []
    for base in cls.bases:
        qualified = tr.table.qualify(base) or ""
        symbol = STRUCT_BASES.get(qualified)
        if symbol is not None:
            rule = REGISTRY.find(symbol)
            tr.record(base, "pytorch", qualified, f"pub struct {name}",
                      note=rule.explain if rule else "")
            kinds.append(qualified)
    header = tr.tagged(cls, [f"pub struct {name} {{"], first)  # its Rust line (rust_span)
    use = ", for inference" if "torch.nn.Module" in kinds else ""
    body = [*head, f"/// `{cls.name}` (a {' and '.join(kinds)}){use}.",
            *header, *fields, "}", "", f"impl {name} {{"]
    return [*body, *("    " + x if x else "" for x in impl[:-1]), "}"], facts


def _is_data_module(tr: Any, cls: ast.ClassDef) -> bool:
    return any(STRUCT_BASES.get(tr.table.qualify(b) or "") == (
        "pytorch_lightning.LightningDataModule") for b in cls.bases
        if isinstance(b, (ast.Name, ast.Attribute)))


def _setup_attrs(methods: list[ast.FunctionDef]) -> set[str]:
    """The attributes a data module's ``setup`` assigns (``self.x = ..``, at any depth)."""
    setup = next((m for m in methods if m.name == "setup"), None)
    if setup is None:
        return set()
    return {a for n in ast.walk(setup) if isinstance(n, ast.Assign) for t in n.targets
            if (a := _self_attr(t)) is not None}


def assign_field(tr: Any, target: ast.Attribute, value: ast.expr) -> list[str] | None:
    """``self.x = v`` in a data module's ``setup``: ``self.x = Some(v)``; None when ``target``
    is not such a field (the caller refuses the assignment)."""
    attr = _self_attr(target)
    receiver = tr.env.get("self", "")
    struct: Struct | None = tr.structs.get(deref(receiver))
    if attr is None or struct is None or not receiver.startswith("&mut ") or (
            attr not in struct.setters) or attr in struct.fields:
        return None
    got: Val = tr.typed(value)
    ty = _field_type(got.ty)
    if ty in ("()", "!"):
        raise Fail(f"the value of self.{attr} has no Rust type")
    if got.ty != ty and deref(got.ty) in tr.structs:
        raise Fail(f"self.{attr} would hold a copy of a {deref(got.ty)} (the converted structs "
                   "are not Clone)")
    if struct.learned.setdefault(attr, ty) != ty:
        raise Fail(f"setup() sets self.{attr} to values of different types")
    if struct.optional.get(attr) != ty:
        raise Fail(f"self.{attr}: its type is learned in this pass")
    code = got.code if got.ty == ty else (
        f"{got.code}.to_string()" if got.ty == "&str" else f"{paren(got.code)}.to_vec()"
        if got.ty.startswith("&[") else f"{paren(got.code)}.clone()")
    return [f"self.{tr.namer(attr)} = Some({code});"]


def _is_doc(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str)


def _self_attr(target: ast.expr) -> str | None:
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and (
            target.value.id == "self"):
        return target.attr
    return None


def _is_super_init(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and ast.unparse(stmt.value).startswith(
        ("super().__init__(", "super(")) and ".__init__(" in ast.unparse(stmt.value)


def _constructor(tr: Any, struct: Struct, init: ast.FunctionDef) -> tuple[list[str], FnFacts]:
    """``__init__`` -> ``new``: each ``self.x = v`` bound as a local, then ``Ok(Self {..})``."""
    key = f"{struct.python}.__init__"
    stripped = without_self(init)
    sig = tr.sigs.get(key)
    tr.fn_name, tr.fact = key, FnFacts()
    params = _enter(tr, stripped, sig)
    body: list[str] = []
    assigned: dict[str, ast.expr] = {}
    order: list[str] = []  # the fields in the order __init__ assigns them
    for stmt in init.body:
        if _is_doc(stmt):
            continue
        if _is_super_init(stmt):
            body.append("// super().__init__(): nothing to do in Rust")
            continue
        inlined = _inlined_call(stmt, struct.inlined)
        if inlined is not None:
            body.append(f"// self.{inlined.name}(): its statements run here, on the layers "
                        "before the struct is built (nn.init needs them owned)")
            fields = {*assigned, *struct.fields}
            for inner in inlined.body:
                if not _is_doc(inner):
                    body += tr.statement(_on_locals(inner, fields))
            continue
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(
            stmt.targets) == 1 else (stmt.target if isinstance(stmt, ast.AnnAssign) else None)
        attr = _self_attr(target) if target is not None else None
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if attr is None or value is None:
            local = _on_locals(stmt, {*assigned, *struct.fields}) if _sets_init(tr, stmt) else stmt
            body += tr.statement(local)
            continue
        assert target is not None
        stateless = _stateless(tr, stmt, attr, value)
        if stateless is not None:
            body += stateless
            assert isinstance(value, ast.Call)  # _stateless said so
            struct.fields[attr] = (tr.namer(attr), "()", tr.table.qualify(value.func))
            order.append(attr)
            continue
        local = ast.copy_location(ast.Assign(targets=[ast.copy_location(
            ast.Name(id=attr, ctx=ast.Store()), target)], value=value), stmt)
        body += tr.statement(local)
        assigned[attr] = value
        order.append(attr)
    for attr, value in assigned.items():
        ty = tr.env.get(attr) if tr.declared(attr) else None
        if ty is None or ty in ("()", "!"):
            body.append(f"// field self.{attr}: its type is not known; left out of the struct")
            struct.untyped.add(attr)
            continue
        symbol = tr.table.qualify(value.func) if isinstance(value, ast.Call) and isinstance(
            value.func, (ast.Name, ast.Attribute)) else None
        struct.fields[attr] = (tr.namer(attr), _field_type(ty), symbol or "")
    struct.fields = {a: struct.fields[a] for a in dict.fromkeys(order) if a in struct.fields}
    inits = []
    for attr, (ident, ty, _) in struct.fields.items():
        have = tr.env.get(attr, ty)
        code = ident if have == ty else (
            f"{ident}.to_string()" if have == "&str" else f"{paren(ident)}.clone()")
        inits.append(ident if code == ident else f"{ident}: {code}")
    inits += [f"{tr.namer(a)}: None" for a in struct.optional]
    body.append(f"Ok(Self {{ {', '.join(inits)} }})" if inits else "Ok(Self {})")
    head = f"pub fn new({', '.join(params)}) -> Result<Self> {{"
    return [head, *("    " + line for line in body), "}"], tr.fact


def _inlinable(tr: Any, methods: list[ast.FunctionDef]) -> dict[str, ast.FunctionDef]:
    """The methods ``__init__`` calls as ``self.m()`` that set weights with ``nn.init``:
    realizar's weight accessors take ``&mut self``, so they run in ``new`` on the owned
    layers. Only a method without parameters, return value or ``self.x = ..`` qualifies."""
    init = next((m for m in methods if m.name == "__init__"), None)
    if init is None:
        return {}
    by_name = {m.name: m for m in methods if m.name not in ("__init__", "forward")}
    called = [s.value.func.attr for s in init.body if isinstance(s, ast.Expr) and isinstance(
        s.value, ast.Call) and not s.value.args and not s.value.keywords and _self_attr(
        s.value.func) is not None and isinstance(s.value.func, ast.Attribute)]
    found = {}
    for name in called:
        method = by_name.get(name)
        if method is None or called.count(name) > 1 or len(method.args.args) != 1:
            continue
        nodes = list(ast.walk(method))
        sets_init = _sets_init(tr, method)
        returns = any(isinstance(n, ast.Return) and n.value is not None for n in nodes)
        assigns_self = any(_self_attr(t) is not None for n in nodes
                           if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                           for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))
        nested = any(isinstance(n, (ast.FunctionDef, ast.Lambda, ast.ClassDef))
                     for n in nodes[1:])
        if sets_init and not (returns or assigns_self or nested):
            found[name] = method
    return found


def _sets_init(tr: Any, node: ast.AST) -> bool:
    """Whether ``node`` calls a ``torch.nn.init`` function (it needs the layers owned)."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute))
               and (tr.table.qualify(n.func) or "").startswith("torch.nn.init.")
               for n in ast.walk(node))


def _inlined_call(stmt: ast.stmt, inlined: dict[str, ast.FunctionDef]
                  ) -> ast.FunctionDef | None:
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(
            stmt.value.func, ast.Attribute) and _self_attr(stmt.value.func) in inlined:
        return inlined[stmt.value.func.attr]
    return None


class _Locals(ast.NodeTransformer):
    """``self.fc`` -> ``fc`` for the fields ``__init__`` has bound as locals so far."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        attr = _self_attr(node)
        if attr is not None and attr in self.names and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Name(id=attr, ctx=ast.Load()), node)
        self.generic_visit(node)
        return node


def _on_locals(stmt: ast.stmt, names: set[str]) -> ast.stmt:
    """A copy of ``stmt`` (same positions) reading the bound fields as ``__init__``'s locals."""
    result: ast.stmt = _Locals(names).visit(copy.deepcopy(stmt))
    return result


def _stateless(tr: Any, stmt: ast.stmt, attr: str, value: ast.expr) -> list[str] | None:
    """``self.act = nn.ReLU()``: a module whose mapping stores nothing (its value is ``()``)
    becomes a ``()`` field; None when ``value`` is not such a call or is refused."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute))):
        return None
    symbol = tr.table.qualify(value.func)
    rule = REGISTRY.find(symbol) if symbol else None
    if rule is None or rule.refused or not REGISTRY.find(f"{symbol}.__call__"):
        return None
    first, failed = len(tr.mappings), len(tr.unsupported)
    try:
        result: Val = tr.typed(value)
    except Fail:
        del tr.mappings[first:]
        del tr.unsupported[failed:]
        return None
    if result.ty != "()":
        del tr.mappings[first:]
        del tr.unsupported[failed:]
        return None
    lines: list[str] = tr.tagged(stmt, [f"let {tr.namer(attr)}: () = ();"], first)
    return lines


def _field_type(rust_type: str) -> str:
    """A field owns its value: ``&str`` -> ``String``, ``&T`` -> ``T``, ``&[T]`` -> ``Vec<T>``."""
    if rust_type == "&str":
        return "String"
    return owned(rust_type) if rust_type.startswith("&") else rust_type


def _enter(tr: Any, fn: ast.FunctionDef, sig: Signature | None) -> list[str]:
    """Start translating a method body: parameters typed from ``sig`` (unknown: ``()``)."""
    names = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
    types = sig.param_types if sig is not None else ["()"] * len(names)
    tr.env, tr.scopes, tr.loop_vars = {}, [set(names)], {}
    tr.param_names = set(names)
    params = []
    for name, ptype in zip(names, types, strict=True):
        ident = tr.namer(name)
        if ptype == "()":
            params.append(f"_{ident.removeprefix('r#')}: ()")
            tr.scopes[0].discard(name)
            continue
        tr.env[name] = ptype
        params.append(f"{ident}: {marked_type(ptype)}")
    return params


def _method(tr: Any, struct: Struct, method: ast.FunctionDef, function: FunctionFn,
            mutable: bool = False) -> tuple[list[str], FnFacts]:
    """A method as ``pub fn name(&self, ..)``: the module's function translation with ``self``
    bound to ``&Struct`` (``&mut Struct`` for a data module's ``setup``)."""
    saved = tr.namer.names.get("self")
    tr.namer.names["self"] = "self"
    try:
        stripped = without_self(method)
        stripped.name = RUST_NAMES.get(method.name, method.name)
        borrow = "&mut " if mutable else "&"
        return function(tr, stripped, key=f"{struct.python}.{method.name}",
                        receiver=("self", f"{borrow}{struct.rust}"))
    finally:
        if saved is None:
            tr.namer.names.pop("self", None)
        else:
            tr.namer.names["self"] = saved


# --- uses of a struct value (the translator's ``method`` hands them here) ---------------------

def member(tr: Any, node: ast.expr, owner: Val, name: str, site: Site, attribute: bool) -> Val:
    """``self.field``, ``self.layer(x)``, ``self.method(x)`` or ``net(x)`` on a struct value."""
    struct: Struct = tr.structs[deref(owner.ty)]
    if name in struct.fields:
        ident, ty, python = struct.fields[name]
        access = f"{paren(owner.code)}.{ident}"
        if attribute:
            from batuta.convert.types import is_copy

            return Val(access, ty) if is_copy(ty) else Val(f"&{access}", f"&{ty}")
        return _call_field(tr, node, Val(access, ty), python, site)
    if name in struct.optional and attribute:
        ty = struct.optional[name]
        got = (f"{paren(owner.code)}.{tr.namer(name)}.as_ref().ok_or("
               f"\"self.{name} is set by setup(), which has not run\")?")
        from batuta.convert.types import is_copy

        return Val(f"(*{got})", ty) if is_copy(ty) else Val(got, f"&{ty}")
    if name in struct.setters:
        raise Fail(f"self.{name} (set by setup()) has no Rust type yet")
    if name in struct.untyped:
        raise Fail(f"self.{name} has no Rust type (its value in __init__ was not converted)")
    if attribute:
        raise Fail(f"self.{name} is not a field with a known type")
    method = "forward" if name == "__call__" else name
    if method not in struct.methods:
        raise Fail(f"{struct.python} has no translated method {method}")
    if method == "setup" and struct.setters:  # setup(&mut self)
        if (owner.ty.startswith("&") and not owner.ty.startswith("&mut ")) or not isinstance(
                site.recv_node, ast.Name):
            raise Fail(f"{struct.python}.setup() needs the data module itself (it sets fields)")
        tr.fact.mutated.add(site.recv_node.id)
    return _call_method(tr, f"{paren(owner.code)}.{rust_method(tr, method)}", struct,
                        struct.methods[method], site)


def length(tr: Any, value: Val) -> Val | None:
    """``len(value)`` of a struct whose ``__len__`` was translated, as a usize (else None)."""
    struct: Struct | None = tr.structs.get(deref(value.ty))
    key = struct.methods.get("__len__") if struct is not None else None
    sig: Signature | None = tr.sigs.get(key) if key else None
    if sig is None or sig.params or sig.returns not in ("i64", "usize", "i32", "u32", "u64"):
        return None
    facts = tr.facts.get(key)
    if facts is not None and not facts.emitted:
        return None
    return Val(f"({paren(value.code)}.len()? as usize)", "usize")


def _call_field(tr: Any, node: ast.expr, field_val: Val, python: str, site: Site) -> Val:
    """A layer field called like a function: the layer's ``__call__`` mapping, or the
    ``forward`` of a field that is itself a translated struct."""
    if deref(field_val.ty) in tr.structs:
        return member(tr, node, field_val, "__call__", site, attribute=False)
    call = site.node
    rule = (REGISTRY.find(f"{python}.__call__") if python else None) or REGISTRY.find(
        f"{type_path(field_val.ty)}.__call__")
    if rule is None or rule.refused:
        raise Fail(f"no mapping for calling a {python or field_val.ty}")
    layer_site = Site(call, f"{python}.__call__", rule.framework, field_val, tr,
                      site.recv_node)
    symbol = f"{python}.__call__" if python else f"{type_path(field_val.ty)}.__call__"
    result: Val = tr.dispatch(node, rule.framework, symbol, rule.key, layer_site)
    return result


def _call_method(tr: Any, head: str, struct: Struct, key: str, site: Site) -> Val:
    """``head(args)?`` with the arguments spelled as the translated method's parameters."""
    method = key.rpartition(".")[2]
    sig: Signature | None = tr.sigs.get(key)
    facts = tr.facts.get(key)
    if sig is None or (facts is not None and not facts.emitted):
        raise Fail(f"{struct.python}.{method} is not converted")
    call = site.node
    if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > len(sig.params):
        raise Fail(f"{struct.python}.{method}() called with these arguments")
    args: list[ast.expr | None] = [*call.args, *[None] * (len(sig.params) - len(call.args))]
    for kw in call.keywords:
        if kw.arg not in sig.params:
            raise Fail(f"{struct.python}.{method}() has no parameter {kw.arg}")
        args[sig.params.index(kw.arg)] = kw.value
    offset = len(sig.params) - len(sig.defaults)
    codes = []
    for i, (arg, ptype) in enumerate(zip(args, sig.param_types, strict=True)):
        if arg is None and i >= offset:
            arg = sig.defaults[i - offset]
        if arg is None:
            raise Fail(f"{struct.python}.{method}() is missing an argument")
        codes.append("()" if ptype == "()" else tr.value(arg, ptype))
    return Val(f"{head}({', '.join(codes)})?", sig.returns)


def construct(tr: Any, node: ast.Call, struct: Struct) -> Val:
    """``Net(args)`` -> ``Net::new(args)?``."""
    key = f"{struct.python}.__init__"
    sig: Signature | None = tr.sigs.get(key)
    if sig is None:
        if node.args or node.keywords:
            raise Fail(f"{struct.python}() is not converted")
        return Val(f"{struct.rust}::new()?", struct.rust)
    value = _call_method(tr, f"{struct.rust}::new", struct, key, Site(node, "new", "", None, tr))
    return Val(value.code, struct.rust)
