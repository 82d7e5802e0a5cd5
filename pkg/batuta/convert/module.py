"""A whole Python module -> the items of one Rust module, through the type passes: repeated
until a pass learns nothing new (a fixpoint), at most ``translate.PASSES`` times.

Top-level functions become ``pub fn`` items with typed parameters (PEP 484 annotations first,
then the types their uses in the body expect, then the argument types of the module's call
sites) and a typed return; module-level ``NAME = literal`` become ``const`` items; the rest of
the script (including an ``if __name__ == "__main__":`` block) becomes one function, ``main``
(or ``run_script`` when the module defines ``main`` itself). A ``torch.nn.Module`` subclass
becomes a struct with ``new`` and ``&self`` methods (``classes``); other classes are kept as
comments.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from batuta.analyze.symbols import ImportTable
from batuta.convert import classes
from batuta.convert._rust import rust_float, rust_str, rust_type_name
from batuta.convert.core import FnFacts, Signature, Val
from batuta.convert.results import MappedConstruct, UnsupportedConstruct
from batuta.convert.spans import split_tags
from batuta.convert.translate import PASSES, Translator, _annotation, _unify
from batuta.convert.types import SCALARS, _split_top, marked_type, owned

SCRIPT = "<script>"


@dataclass
class ModuleOutput:
    """The translated items, before rendering: lines, ``use`` paths and the accounting."""

    consts: list[str]
    items: list[str]
    script_fn: list[str]
    uses: set[str]
    mappings: list[MappedConstruct]
    unsupported: list[UnsupportedConstruct]
    functions: list[str]
    translator: Translator
    script: list[str]


def _consts(tree: ast.Module) -> tuple[dict[str, Val], list[str], set[int]]:
    consts: dict[str, Val] = {}
    lines: list[str] = []
    taken: set[int] = set()
    for stmt in tree.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id.isupper()
                and stmt.targets[0].id.isascii() and isinstance(stmt.value, ast.Constant)):
            continue
        name, value = stmt.targets[0].id, stmt.value.value
        if isinstance(value, bool):
            rust_type, code = "bool", "true" if value else "false"
        elif isinstance(value, int) and abs(value) < 2**63:
            rust_type, code = "i64", str(value)
        elif isinstance(value, float):
            rust_type, code = "f32", rust_float(value)
        elif isinstance(value, str):
            rust_type, code = "&str", rust_str(value)
        else:
            continue
        ident = rust_type_name(name).upper()
        if name in consts:
            continue
        consts[name] = Val(ident, rust_type)
        lines.append(f"pub const {ident}: {rust_type} = {code};")
        taken.add(id(stmt))
    return consts, lines, taken


def _param_type(value_type: str, mutated: bool) -> str:
    if value_type in SCALARS or value_type == "&str" or value_type.startswith("&"):
        return value_type
    if value_type.startswith("Vec<"):
        return f"&[{value_type[4:-1]}]"
    return f"&mut {value_type}" if mutated else f"&{value_type}"


def _signature(fn: ast.FunctionDef, facts: FnFacts) -> Signature:
    args = fn.args
    params = [a.arg for a in [*args.posonlyargs, *args.args]]
    types = []
    for i, arg in enumerate([*args.posonlyargs, *args.args]):
        value = (_annotation(arg.annotation) or _unify(facts.expected.get(arg.arg, []))
                 or _unify(facts.param_args.get(i, [])))
        types.append("()" if value is None or value in ("()", "!") else
                     _param_type(value, arg.arg in facts.mutated - facts.shadowed))
    ret = _annotation(fn.returns) if fn.returns is not None else None
    returns = ret or _unify(facts.returns) or "()"
    if returns == "&str":
        returns = "String"  # a returned borrow would need a lifetime: return it owned
    elif returns.startswith("&"):
        returns = owned(returns)
    elif returns.startswith("(") and "&" in returns:  # (&String, &Tensor): each part owned
        parts = [("String" if p == "&str" else owned(p)) for p in _split_top(returns[1:-1])]
        returns = f"({', '.join(parts)}{',' if len(parts) == 1 else ''})"
    return Signature(fn.name, params, types, returns, list(args.defaults))


def _script_body(tree: ast.Module, taken: set[int], has_main: bool) -> list[ast.stmt]:
    body: list[ast.stmt] = []
    for index, stmt in enumerate(tree.body):
        if index == 0 and _is_docstring(stmt):
            continue  # the module docstring heads the Rust module (``//!``)
        if id(stmt) in taken or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                  ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue
        if isinstance(stmt, ast.If) and ast.unparse(stmt.test) in (
                "__name__ == '__main__'", '__name__ == "__main__"') and not stmt.orelse:
            inner = stmt.body
            if has_main and len(inner) == 1 and ast.unparse(inner[0]) == "main()":
                continue  # Python's main() is the Rust entry point already
            body += inner
            continue
        body.append(stmt)
    return body


def translate_module(tree: ast.Module, source: str, table: ImportTable,
                     snippet: bool = False, primary: str = "") -> ModuleOutput:
    """Run the passes; the last one's translation is the result."""
    from batuta.errors import NestingTooDeepError

    try:
        return _passes(tree, source, table, snippet, primary)
    except RecursionError:
        raise NestingTooDeepError("code nests too deeply to translate") from None


def _passes(tree: ast.Module, source: str, table: ImportTable, snippet: bool,
            primary: str) -> ModuleOutput:
    facts: dict[str, FnFacts] = {}
    sigs: dict[str, Signature] = {}
    consts, const_lines, taken = _consts(tree)
    functions = [s for s in tree.body if isinstance(s, ast.FunctionDef)]
    has_main = any(f.name == "main" for f in functions)
    script = _script_body(tree, taken, has_main)
    out: ModuleOutput | None = None
    script_lines: list[str] = []
    structs: dict[str, classes.Struct] = {}
    module_classes: list[ast.ClassDef] = []
    for _ in range(PASSES):
        before = _learned(facts, sigs, structs)
        tr = Translator(tree, source, table, facts, sigs, consts, snippet=snippet,
                        primary=primary)
        for name in consts:
            tr.namer.names[name] = consts[name].code
        tr.structs.update(structs)  # a struct is known before its class statement is reached
        items: list[str] = []
        script_fn: list[str] = []
        new_facts: dict[str, FnFacts] = {}
        names: list[str] = []
        last_def = {s.name: s for s in functions}
        for stmt in tree.body:
            if isinstance(stmt, ast.FunctionDef) and last_def[stmt.name] is not stmt:
                items += [*tr.comment(stmt), ""]  # redefined later: the last one counts
            elif isinstance(stmt, ast.FunctionDef):
                lines, fact = _function(tr, stmt)
                new_facts[stmt.name] = fact
                _emitted_now(tr, {stmt.name: fact})
                items += [*lines, ""]
                names.append(stmt.name)
            elif isinstance(stmt, (ast.ClassDef, ast.AsyncFunctionDef)):
                items += [*_class(tr, stmt, module_classes, new_facts), ""]
        if any(not _is_docstring(s) for s in script):
            entry = _entry_name({tr.namer(f.name) for f in functions})
            lines, fact = _script(tr, script, entry)
            script_lines = [x[4:] for x in lines[1:-2]]
            new_facts[SCRIPT] = fact
            script_fn = lines
            names.append(entry)
        for name, pending in tr.__dict__.get("pending", {}).items():
            new_facts.setdefault(name, FnFacts()).param_args = pending.param_args
        for name, fact in new_facts.items():
            _merge(facts.setdefault(name, FnFacts()), fact)
        sigs.clear()
        sigs.update({f.name: _signature(f, facts.get(f.name, FnFacts())) for f in functions})
        sigs.update({k: v for cls in module_classes
                     for k, v in classes.signatures(cls, facts, _signature).items()})
        structs = dict(tr.structs)
        out = ModuleOutput(const_lines, items, script_fn, tr.uses, tr.mappings, tr.unsupported,
                           [*(tr.namer(n) if n != "main" else n for n in names),
                            *classes.function_names(tr)], tr, script_lines)
        if _learned(facts, sigs, structs) == before:
            break  # the next pass would start from the same facts and emit the same text
    assert out is not None
    return out


def _learned(facts: dict[str, FnFacts], sigs: dict[str, Signature],
             structs: dict[str, classes.Struct]) -> tuple[object, ...]:
    """Everything a pass starts from (the facts, the signatures and structs made of them),
    sets sorted so that equal knowledge compares equal."""
    fact_state = tuple(sorted(
        (name, tuple(sorted((k, tuple(v)) for k, v in f.assigned.items())),
         tuple(sorted((k, tuple(v)) for k, v in f.expected.items())),
         tuple(sorted(f.mutated)), tuple(f.returns),
         tuple(sorted((k, tuple(v)) for k, v in f.param_args.items())), f.emitted,
         tuple(sorted(f.shadowed))) for name, f in facts.items()))
    sig_state = tuple(sorted((k, s.name, tuple(s.params), tuple(s.param_types), s.returns,
                              len(s.defaults)) for k, s in sigs.items()))
    struct_state = tuple(sorted((k, s.python, s.rust, tuple(s.fields.items()),
                                 tuple(s.methods.items()), tuple(sorted(s.untyped)),
                                 tuple(sorted(s.optional.items())),
                                 tuple(sorted(s.learned.items())))
                                for k, s in structs.items()))
    return fact_state, sig_state, struct_state


def _class(tr: Translator, stmt: ast.ClassDef | ast.AsyncFunctionDef,
           module_classes: list[ast.ClassDef], new_facts: dict[str, FnFacts]) -> list[str]:
    """An ``nn.Module`` subclass as a struct (its methods' facts into ``new_facts``); any
    other class, and ``async def``, as Python comments."""
    if isinstance(stmt, ast.ClassDef) and classes.is_module_class(tr, stmt):
        if stmt not in module_classes:
            module_classes.append(stmt)
        lines, class_facts = classes.translate_class(tr, stmt, _function)
        new_facts.update(class_facts)
        _emitted_now(tr, class_facts)
        return lines
    tr.reject_sites(stmt, "classes other than torch.nn.Module subclasses are kept as Python "
                          "comments")
    return tr.comment(stmt)


def _emitted_now(tr: Translator, done: dict[str, FnFacts]) -> None:
    """Whether each function just translated was emitted, for the callers later in this same
    pass (their signatures are the previous pass's either way): a nested module's forward is
    callable one pass sooner."""
    for key, fact in done.items():
        if key in tr.facts:
            tr.facts[key].emitted = fact.emitted


def _entry_name(taken: set[str]) -> str:
    """``main``, unless the module defines a function of that name."""
    for name in ("main", "run_script", "run_module_script"):
        if name not in taken:
            return name
    return "run_script_" + str(len(taken))


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str)


def _merge(old: FnFacts, new: FnFacts) -> None:
    """Facts accumulate over the passes (a use seen once stays evidence)."""
    for mine, theirs in ((old.assigned, new.assigned), (old.expected, new.expected)):
        for name, types in theirs.items():
            known = mine.setdefault(name, [])
            known += [t for t in types if t not in known]
    for index, types in new.param_args.items():
        known = old.param_args.setdefault(index, [])
        known += [t for t in types if t not in known]
    old.mutated |= new.mutated
    old.shadowed |= new.shadowed
    old.emitted = new.emitted
    old.returns += [t for t in new.returns if t not in old.returns]


def _function(tr: Translator, fn: ast.FunctionDef, key: str = "",
              receiver: tuple[str, str] | None = None) -> tuple[list[str], FnFacts]:
    """A function as ``pub fn``; a method (``receiver``: its ``self`` name and type, ``key``:
    its facts / signature key) gets ``&self`` first."""
    key = key or fn.name
    sig = tr.sigs.get(key) or _signature(fn, tr.facts.get(key, FnFacts()))
    tr.fn_name, tr.fact = key, FnFacts()
    tr.env, tr.scopes, tr.loop_vars = {}, [set(sig.params)], {}
    tr.param_names = set(sig.params)
    params, notes = [], []
    if receiver is not None:
        tr.env[receiver[0]] = receiver[1]
        tr.scopes[0].add(receiver[0])
        params.append("&mut self" if receiver[1].startswith("&mut ") else "&self")
    for name, ptype in zip(sig.params, sig.param_types, strict=True):
        ident = tr.namer(name)
        if ptype == "()":
            notes.append(f"// note: the type of `{ident}` is not known from annotations or use;"
                         f" `()` stands in for it")
            params.append(f"_{ident.removeprefix('r#')}: ()")
            tr.scopes[0].discard(name)
            continue
        tr.env[name] = ptype
        params.append(f"{ident}: {marked_type(ptype)}")
    body = tr.block(fn.body)
    fact = tr.fact
    if all(line.lstrip().startswith("//") for line in body):
        # Nothing in it translates: kept whole as Python, and callers cannot call it.
        fact.emitted = False
        return tr.comment(fn), fact
    fact.expected = {k: v for k, v in fact.expected.items()}
    ret = sig.returns
    ends = bool(body) and body[-1].startswith("return ")
    if ends:
        last, tags = split_tags(body[-1])  # tags mark the statement's Rust lines (spans)
        body[-1] = (last[len("return "):-1] if last.endswith(";") else last) + tags
    elif ret == "()":
        body.append("Ok(())")
    else:
        body.append(rust_todo("the Python function can end without returning a value"))
    head = f"pub fn {tr.namer(fn.name)}({', '.join(params)}) -> Result<{marked_type(ret)}> {{"
    decorators = [line for d in fn.decorator_list for line in tr.comment(d)]
    return [*decorators, *notes, head, *("    " + line for line in body), "}"], fact


def rust_todo(reason: str) -> str:
    return f"todo!({rust_str(reason)})"


def _script(tr: Translator, body: list[ast.stmt], entry: str) -> tuple[list[str], FnFacts]:
    tr.fn_name, tr.fact = "<script>", FnFacts()
    tr.env, tr.scopes, tr.loop_vars = {}, [set()], {}
    tr.param_names = set()
    lines = tr.block(body)
    return [f"pub fn {entry}() -> Result<()> {{", *("    " + x for x in lines), "    Ok(())",
            "}"], tr.fact
