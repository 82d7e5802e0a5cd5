"""The type pass and the emitter: a Python module -> one Rust module, every value typed.

The module is translated several times (until a pass learns nothing new, at most
``PASSES``). Each pass records what it learned about
names: the type of each value assigned to a name, the type each use of a name expects (a name
passed to ``KMeans.fit`` as X must be aprender's ``Matrix<f32>``), the argument types each
converted function is called with. The next pass starts from those facts, so types flow from
annotations, literals, known call results and uses to every binding, parameter and return
value. The last pass's text is the output.

A value whose type is not known is never written as code. A statement that cannot be
translated soundly is kept as ``// py:`` comments, and every name it binds whose type is known
is still bound (``let data: Matrix<f32> = todo!("numpy.loadtxt: ...")``), so the rest of the
function type-checks. Framework calls go to the handlers in ``registry.REGISTRY``.
"""

from __future__ import annotations

import ast

from batuta.analyze.symbols import CONVERTIBLE_FRAMEWORKS, ImportTable, framework_of
from batuta.analyze.symbols import dotted_name as _dotted
from batuta.convert import expressions
from batuta.convert._rust import Namer, rust_str, rust_type_name
from batuta.convert.classes import Struct
from batuta.convert.core import Fail, FnFacts, Signature, Val, span_of
from batuta.convert.results import MappedConstruct, UnsupportedConstruct
from batuta.convert.targets import Item
from batuta.convert.types import (
    DISPLAY,
    FLOATS_T,
    INTEGERS,
    default_value,
    deref,
    from_table,
    marked_type,
    owned,
    result_parts,
)

PASSES = 16
"""At most this many passes. Type facts travel one step per pass (a call's result -> a name ->
a parameter -> a nested module's forward -> ...); the passes stop at the first that learns
nothing new, usually the second or third."""


def _unify(types: list[str]) -> str | None:
    kinds = [t for t in types if t and t != "!"]
    if not kinds:
        return None
    return kinds[0] if all(t == kinds[0] for t in kinds) else None


def _annotation(node: ast.expr | None) -> str | None:
    """A PEP 484 annotation as a Rust value type, when it says one."""
    if node is None:
        return None
    text = ast.unparse(node).replace("typing.", "")
    simple = {"float": "f32", "int": "i64", "bool": "bool", "str": "&str",
              "list[float]": "Vec<f32>", "List[float]": "Vec<f32>",
              "list[int]": "Vec<i64>", "List[int]": "Vec<i64>",
              "list[str]": "Vec<String>", "List[str]": "Vec<String>"}
    return simple.get(text)


class Translator(expressions.Expressions):
    """One module's translation state for one pass."""

    def __init__(self, tree: ast.Module, source: str, table: ImportTable,
                 facts: dict[str, FnFacts], sigs: dict[str, Signature],
                 consts: dict[str, Val], snippet: bool = False, primary: str = "") -> None:
        self.tree = tree
        self.source = source
        self.table = table
        self.facts = facts
        self.sigs = sigs
        self.consts = consts
        self.snippet = snippet
        self.primary = primary
        self.namer = Namer()
        self.uses: set[str] = set()
        self.mappings: list[MappedConstruct] = []
        self.unsupported: list[UnsupportedConstruct] = []
        self.user_functions = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
        self.user_classes = {s.name for s in tree.body if isinstance(s, ast.ClassDef)}
        self.structs: dict[str, Struct] = {}  # Rust name -> a translated nn.Module subclass
        self.fn_name = ""
        self.fact = FnFacts()
        self.env: dict[str, str] = {}
        self.scopes: list[set[str]] = [set()]
        self.param_names: set[str] = set()
        self.lines_src = source.splitlines()
        self.loop_vars: dict[str, str] = {}
        self.failed: list[tuple[int, int, str]] = []
        self.loops = 0
        self.tags: dict[int, tuple[MappedConstruct, int]] = {}  # id(mapping) -> its statement
        self.top_level_only: dict[str, set[str]] = {}  # fn -> names bound only at its top

    # --- facts ---------------------------------------------------------------------------
    def prior(self) -> FnFacts:
        return self.facts.get(self.fn_name, FnFacts())

    def type_of_name(self, name: str) -> str | None:
        """The type a name has in this function: its assignments agree, else its uses."""
        if name in self.loop_vars:
            return self.loop_vars[name]
        if name in self.env:
            return self.env[name]
        prior = self.prior()
        assigned = _unify(prior.assigned.get(name, []))
        if assigned is not None:
            return assigned
        expected = _unify(prior.expected.get(name, []))
        if expected is not None:
            return expected
        return None

    def evidence(self, node: ast.expr, rust_type: str) -> None:
        if isinstance(node, ast.Name) and rust_type and rust_type != "T":
            self.fact.expected.setdefault(node.id, []).append(owned(rust_type))

    def assigned(self, name: str, rust_type: str) -> None:
        self.fact.assigned.setdefault(name, []).append(rust_type)

    def use_trait(self, path: str) -> None:
        self.uses.add(path)

    def declared(self, name: str) -> bool:
        return any(name in scope for scope in self.scopes)

    # --- recording -----------------------------------------------------------------------
    def record(self, node: ast.AST, framework: str, symbol: str, rust: str, operation: str = "",
               note: str = "") -> None:
        from batuta.backend.moe import OPERATIONS

        complexity = OPERATIONS[operation].value if operation in OPERATIONS else ""
        rust = rust.replace("\x01", "").replace("\x02", "")
        self.mappings.append(MappedConstruct(framework, symbol, rust, span_of(node), operation,
                                             complexity, note))

    def reject(self, node: ast.AST, framework: str, symbol: str, reason: str) -> None:
        self.unsupported.append(UnsupportedConstruct(framework, symbol, span_of(node), reason))

    # --- calls of table items --------------------------------------------------------------
    def call_item(self, item: Item, recv: str | None, args: list[str],
                  generic: str = "") -> Val:
        ok, is_result = result_parts(item.returns)
        rust_type = from_table(ok, item, generic)
        if item.trait:
            self.use_trait(item.trait)
        if recv is None:
            owner, _, name = item.path.rpartition("::")
            if item.kind == "fn" and item.self_type:
                head = f"{marked_type(owner)}::{name}"
            else:
                head = marked_type(item.path)
        else:
            from batuta.convert.coerce import paren

            head = f"{paren(recv)}.{item.path.rpartition('::')[2]}"
        code = f"{head}({', '.join(args)})" + ("?" if is_result else "")
        return Val(code, rust_type)

    # --- statements ------------------------------------------------------------------------
    def block(self, body: list[ast.stmt]) -> list[str]:
        if len(self.scopes) == 1:  # the first top-level block of a function is its body
            self.top_level_only.setdefault(self.fn_name, _top_level_only(body))
        out: list[str] = []
        for stmt in body:
            out += self.statement(stmt)
        return out

    def statement(self, stmt: ast.stmt) -> list[str]:
        before = (len(self.mappings), len(self.unsupported))
        try:
            return self.tagged(stmt, self.statement_or_fail(stmt), before[0])
        except Fail as exc:
            reason = exc.reason
        except RecursionError:
            raise
        except Exception as exc:  # a converter bug must not lose the user's code
            reason = f"internal converter error ({type(exc).__name__}: {exc})"
        del self.mappings[before[0]:]
        del self.unsupported[before[1]:]
        return self.fallback(stmt, reason)

    def tagged(self, stmt: ast.stmt, lines: list[str], first: int) -> list[str]:
        """Tag the lines of ``stmt`` for the mappings it recorded itself (``spans``); inner
        statements tagged theirs already. A ``with`` block has no Rust line of its own."""
        from batuta.convert.spans import tag_lines

        own = [m for m in self.mappings[first:]
               if self.tags.get(id(m), (None, 0))[0] is not m]
        tag = len(self.tags)
        for m in own:
            self.tags[id(m)] = (m, tag)
        if not own or isinstance(stmt, ast.With):
            return lines  # claimed, so an enclosing statement does not take them
        return tag_lines(lines, tag, isinstance(stmt, (ast.If, ast.While, ast.For)))

    def comment(self, stmt: ast.AST) -> list[str]:
        start = getattr(stmt, "lineno", 1) - 1
        end = getattr(stmt, "end_lineno", start + 1)
        lines = self.lines_src[start:end] or [ast.unparse(stmt)]
        indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        return ["// py: " + x[indent:].rstrip().replace("\r", "") for x in lines]

    def fallback(self, stmt: ast.stmt, reason: str) -> list[str]:
        """The statement as comments; the names it binds still bound, typed, as ``todo!``."""
        from batuta.convert._driver import bound_names

        before = len(self.unsupported)
        self.failed.append((getattr(stmt, "lineno", 0), getattr(stmt, "end_lineno", 0) or 0,
                            reason))
        self.reject_sites(stmt, reason)
        if self.snippet and len(self.unsupported) == before and any(
                isinstance(n, ast.Call) for n in ast.walk(stmt)):
            # A book snippet's `model.generate(...)`: the receiver is untyped; say so.
            call = next(n for n in ast.walk(stmt) if isinstance(n, ast.Call))
            self.reject(call, self.primary or "python", _call_text(call), reason)
        out = self.comment(stmt)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return out
        why = rust_str(f"{_first_symbol(self, stmt)}{reason}"[:200])
        for name in sorted(bound_names(stmt)):
            rust_type = self.type_of_name(name)
            if rust_type is None or name in self.loop_vars:
                continue
            ident = self.namer(name)
            rebound = _unify(self.prior().assigned.get(name, []))
            if name in self.param_names and len(self.scopes) == 1 and rebound is not None:
                # A parameter rebound at the top of the body (`x = self.conv1(x)`): the new
                # binding shadows it, typed as the function's later assignments type it.
                self.param_names.discard(name)
                self.fact.shadowed.add(name)
                self.env[name] = rebound
                mut = "mut " if name in self.prior().mutated else ""
                out.append(f"let {mut}{ident}: {marked_type(rebound)} = todo!({why});")
            elif self.declared(name):
                out.append(f"{ident} = todo!({why});")
            else:
                self.scopes[-1].add(name)
                self.env[name] = rust_type
                out.append(f"let {ident}: {marked_type(rust_type)} = todo!({why});")
        return out

    def reject_sites(self, stmt: ast.AST, reason: str) -> None:
        """Every framework call in an untranslated statement is listed, with the reason (method
        calls the import table cannot name are added by ``_driver.reconcile``)."""
        seen = {(u.span.line, u.span.col) for u in self.unsupported}
        if sum(isinstance(n, ast.Call) for n in ast.walk(stmt)) > 1:
            reason = f"in a statement that was not translated: {reason}"
        for node in ast.walk(stmt):
            target = node.func if isinstance(node, ast.Call) else node
            if not isinstance(target, (ast.Name, ast.Attribute)) or isinstance(
                    node, (ast.Name, ast.Attribute)):
                continue
            symbol = self.table.qualify(target)
            framework = framework_of(symbol) if symbol else None
            where = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
            if symbol and framework in CONVERTIBLE_FRAMEWORKS and where not in seen:
                from batuta.convert._driver import operation_of

                seen.add(where)
                self.unsupported.append(UnsupportedConstruct(
                    framework, symbol, span_of(node), reason, operation_of(symbol)))

    def statement_or_fail(self, stmt: ast.stmt) -> list[str]:
        method = getattr(self, f"_stmt_{type(stmt).__name__}", None)
        if method is None:
            raise Fail(f"{type(stmt).__name__} statements are not translated")
        lines: list[str] = method(stmt)
        return lines

    def _stmt_Pass(self, stmt: ast.Pass) -> list[str]:
        return []

    def _stmt_Break(self, stmt: ast.Break) -> list[str]:
        if not self.loops:
            raise Fail("break outside a translated loop")
        return ["break;"]

    def _stmt_Continue(self, stmt: ast.Continue) -> list[str]:
        if not self.loops:
            raise Fail("continue outside a translated loop")
        return ["continue;"]

    def _stmt_Import(self, stmt: ast.Import) -> list[str]:
        return []

    def _stmt_ImportFrom(self, stmt: ast.ImportFrom) -> list[str]:
        return []

    def _stmt_Expr(self, stmt: ast.Expr) -> list[str]:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return [f"// {line}".rstrip() for line in stmt.value.value.strip().splitlines()]
        value = self.typed(stmt.value)
        if value.code == "()":  # a call with nothing to do in Rust (`model.eval()`)
            return [f"// {' '.join(ast.unparse(stmt.value).split())}: nothing to do in Rust"]
        return [f"{value.code};"]

    def _stmt_Assert(self, stmt: ast.Assert) -> list[str]:
        cond = self.value(stmt.test, "bool")
        return [f"assert!({cond});"]

    def _stmt_Raise(self, stmt: ast.Raise) -> list[str]:
        text = ast.unparse(stmt.exc) if stmt.exc is not None else "error"
        return [f"return Err({rust_str(text)}.into());"]

    def _stmt_Return(self, stmt: ast.Return) -> list[str]:
        if self.fn_name == "<script>":
            raise Fail("return outside a function")
        want = self.sigs[self.fn_name].returns if self.fn_name in self.sigs else None
        if stmt.value is None:
            self.fact.returns.append("()")
            return ["return Ok(());"]
        value = self.typed(stmt.value) if want in (None, "()") else None
        if value is not None:
            self.fact.returns.append(value.ty)
            if want == "()":
                raise Fail("the returned value's type is not known")
            return [f"return Ok({value.code});"]
        assert want is not None
        code = self.value(stmt.value, want)
        self.fact.returns.append(want)
        return [f"return Ok({code});"]

    def _stmt_Assign(self, stmt: ast.Assign) -> list[str]:
        if len(stmt.targets) != 1:
            raise Fail("chained assignment")
        target = stmt.targets[0]
        if isinstance(target, ast.Name):
            return self.assign_name(target.id, stmt.value)
        if isinstance(target, (ast.Tuple, ast.List)) and all(
                isinstance(e, ast.Name) for e in target.elts):
            return self.assign_tuple([e.id for e in target.elts if isinstance(e, ast.Name)],
                                     stmt.value)
        if isinstance(target, ast.Attribute):  # a field a DataModule's setup() sets
            from batuta.convert.classes import assign_field

            lines = assign_field(self, target, stmt.value)
            if lines is not None:
                return lines
        raise Fail("assignment to an attribute, subscript or pattern")

    def _stmt_AnnAssign(self, stmt: ast.AnnAssign) -> list[str]:
        if not isinstance(stmt.target, ast.Name) or stmt.value is None:
            raise Fail("annotation without a value")
        hint = _annotation(stmt.annotation)
        if hint is not None:
            self.fact.expected.setdefault(stmt.target.id, []).append(hint)
        return self.assign_name(stmt.target.id, stmt.value)

    def assign_name(self, name: str, node: ast.expr) -> list[str]:
        ident = self.namer(name)
        if name in self.param_names:
            if len(self.scopes) > 1:
                raise Fail(f"rebinding the parameter {name} inside a block")
            # A parameter rebound at the top of the body: a new binding that shadows it (the
            # value is read first: `x = self.fc1(x)` reads the parameter).
            value = self.typed(node)
            self.param_names.discard(name)
            self.env.pop(name, None)
            self.scopes[0].discard(name)
            self.fact.shadowed.add(name)
            if value.ty in ("()", "!"):
                raise Fail("the value has no type to bind")
            self.scopes[-1].add(name)
            self.env[name] = value.ty
            self.assigned(name, value.ty)
            mut = "mut " if name in self.prior().mutated else ""
            return [f"let {mut}{ident}: {marked_type(value.ty)} = {value.code};"]
        known = self.type_of_name(name)
        shadow = (self.widened(name, node) or self.aliased(name, node)
                  or self.rebinding([name], node))
        if shadow is not None:
            return shadow
        if self.declared(name):
            if known is None:
                raise Fail(f"the type of {name} is not known")
            self.no_truncation(node, known)
            code = self.value(node, known)
            self.assigned(name, known)
            if code == ident:  # e.g. dropout at inference: the value passes through unchanged
                return [f"// {ident} is unchanged here"]
            self.fact.mutated.add(name)
            return [f"{ident} = {code};"]
        if known is not None:
            self.no_truncation(node, known)
        if known is not None and _unify(self.prior().assigned.get(name, [])) is None:
            code = self.value(node, known)
            rust_type = known
        elif known is not None:
            code, rust_type = self.value(node, known), known
        else:
            typed = self.typed(node)
            code, rust_type = typed.code, typed.ty
        if rust_type in ("()", "!"):
            raise Fail("the value has no type to bind")
        self.assigned(name, rust_type)
        self.scopes[-1].add(name)
        self.env[name] = rust_type
        mut = "mut " if name in self.prior().mutated else ""
        return [f"let {mut}{ident}: {marked_type(rust_type)} = {code};"]

    def rebinding(self, names: list[str], node: ast.expr) -> list[str] | None:
        """A top-level assignment that gives names a value of another type than they have
        (``X = X.reshape(-1, 1)`` makes a vector a matrix, ``reg = DecisionTreeRegressor()``
        replaces a ``LinearRegression``) as a new ``let`` that shadows the old binding. The
        same meaning as Python's only when every assignment of the names is at the function's
        top level: no block ends and brings an old binding back, no later read sees it."""
        only = self.top_level_only.get(self.fn_name, set())
        if len(self.scopes) != 1 or any(n not in only or n in self.param_names
                                        or n in self.loop_vars for n in names):
            return None
        if not any(self.declared(n) for n in names) and all(
                len(set(self.prior().assigned.get(n, []))) <= 1 for n in names):
            return None  # a first binding whose assignments agree: the usual path
        first = (len(self.mappings), len(self.unsupported))
        value = self.rebound_value(node, names)
        parts = [value.ty] if value is not None and len(names) == 1 else (
            _tuple_parts(value.ty) if value is not None else [])
        if value is None or len(parts) != len(names) or any(
                t in ("()", "!") for t in parts) or all(
                self.env.get(n) == t for n, t in zip(names, parts, strict=True)):
            del self.mappings[first[0]:]
            del self.unsupported[first[1]:]
            return None
        pats = self.bind_all(names, parts)
        if len(names) == 1:
            return [f"let {pats[0]}: {marked_type(value.ty)} = {value.code};"]
        return [f"let ({', '.join(pats)}) = {value.code};"]

    def rebound_value(self, node: ast.expr, names: list[str]) -> Val | None:
        """The value with its own type, else as one of the types the names were assigned
        (``x = n * 2``: a bare literal takes its type from the other operand's)."""
        first = (len(self.mappings), len(self.unsupported))
        wants: list[str | None] = [None]
        if len(names) == 1:
            wants += list(dict.fromkeys(self.prior().assigned.get(names[0], [])))
        for want in wants:
            try:
                return self.typed(node) if want is None else Val(self.value(node, want), want)
            except Fail:
                del self.mappings[first[0]:]
                del self.unsupported[first[1]:]
        return None

    def bind_all(self, names: list[str], types: list[str]) -> list[str]:
        """Bind each name to its type in this scope; the ``let`` patterns (``mut`` where a
        later statement changes the name)."""
        pats = []
        for name, rust_type in zip(names, types, strict=True):
            self.assigned(name, rust_type)
            self.scopes[-1].add(name)
            self.env[name] = rust_type
            mut = "mut " if name in self.prior().mutated else ""
            pats.append(f"{mut}{self.namer(name)}")
        return pats

    def assign_tuple(self, names: list[str], node: ast.expr) -> list[str]:
        if isinstance(node, ast.Tuple) and len(node.elts) == len(names) and len(set(names)) == len(
                names) and all(isinstance(e, ast.Constant) or expressions._number(e) is not None
                               or (isinstance(e, ast.List) and not e.elts) for e in node.elts):
            # `a, b, c = 0, 0, 0` / `xs, ys = [], []`: literals cannot read the names, so one
            # assignment each is the same, and each name gets its own type
            scope, env = set(self.scopes[-1]), dict(self.env)
            try:
                return [line for n, e in zip(names, node.elts, strict=True)
                        for line in self.assign_name(n, e)]
            except Fail:
                self.scopes[-1], self.env = scope, env  # none of them is bound then
                raise
        shadow = self.rebinding(names, node)
        if shadow is not None:
            return shadow
        if any(self.declared(n) for n in names):
            return self.reassign_tuple(names, node)
        value = self.typed(node)
        inner = value.ty[1:-1] if value.ty.startswith("(") else ""
        from batuta.convert.types import _split_top

        parts = _split_top(inner)
        if len(parts) != len(names):
            raise Fail(f"{len(names)} names unpack a value of type {value.ty}")
        pats = self.bind_all(names, parts)
        return [f"let ({', '.join(pats)}) = {value.code};"]

    def widened(self, name: str, node: ast.expr) -> list[str] | None:
        """``s = 0`` that a later ``s += 0.5`` makes a float: a float from here (0 == 0.0)."""
        if not isinstance(expressions._number(node), int) or self.declared(name) or (
                "f32" not in self.prior().expected.get(name, [])):
            return None
        self.assigned(name, "f32")
        self.scopes[-1].add(name)
        self.env[name] = "f32"
        mut = "mut " if name in self.prior().mutated else ""
        return [f"let {mut}{self.namer(name)}: f32 = {self.value(node, 'f32')};"]

    def aliased(self, name: str, node: ast.expr) -> list[str] | None:
        """``b = a`` of an owned array, list or string: in Python one object with two names.
        A clone is the same while neither name changes it afterwards; a Rust move would leave
        ``a`` unusable. When either name is changed later (``b += 1`` changes ``a`` too in
        NumPy) it is refused."""
        if not isinstance(node, ast.Name) or node.id == name or self.declared(name) or (
                not self.declared(node.id)) or node.id in self.loop_vars:
            return None
        source = self.type_of_name(node.id)
        if source is None or not (source in _ARRAYS or source in _APRENDER_ARRAYS
                                  or source == "String" or source.startswith("Vec<")):
            return None
        if {name, node.id} & self.prior().mutated:
            raise Fail(f"{name} = {node.id}: one object with two names in Python, changed "
                       "later through one of them")
        self.assigned(name, source)
        self.scopes[-1].add(name)
        self.env[name] = source
        return [f"let {self.namer(name)}: {marked_type(source)} = {self.namer(node.id)}.clone();"]

    def no_truncation(self, node: ast.expr, want: str) -> None:
        """A float value for an integer binding (``s = 0`` then ``s += 0.5``) is refused:
        Python's variable becomes a float, the Rust ``as`` cast would truncate it."""
        if want not in INTEGERS:
            return
        first = (len(self.mappings), len(self.unsupported))
        try:
            found = None if expressions._number(node) is not None else self.typed(node).ty
        except Fail:
            found = None
        finally:
            del self.mappings[first[0]:]
            del self.unsupported[first[1]:]
        number = expressions._number(node)
        if isinstance(number, float) or (found is not None and deref(found) in FLOATS_T):
            raise Fail(f"a float where the integer ({want}) variable is: Python's variable "
                       "becomes a float, an `as` cast would truncate it")

    def reassign_tuple(self, names: list[str], node: ast.expr) -> list[str]:
        """``X_train, X_test, y_train, y_test = train_test_split(...)`` again, the names bound
        earlier with these very types: a destructuring assignment to the same bindings."""
        if not all(self.declared(n) for n in names) or any(
                n in self.param_names or n in self.loop_vars for n in names):
            raise Fail("tuple assignment to names bound earlier")
        value = self.typed(node)
        parts = _tuple_parts(value.ty)
        if len(parts) != len(names) or any(
                self.type_of_name(n) != t for n, t in zip(names, parts, strict=True)):
            raise Fail(f"tuple assignment of a {value.ty} to names bound earlier with "
                       "other types")
        for name, rust_type in zip(names, parts, strict=True):
            self.assigned(name, rust_type)
            self.fact.mutated.add(name)
        return [f"({', '.join(self.namer(n) for n in names)}) = {value.code};"]

    def _stmt_AugAssign(self, stmt: ast.AugAssign) -> list[str]:
        target = stmt.target
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and (
                self.declared(target.value.id)):
            name = target.value.id
            known = self.type_of_name(name)
            if known not in _ARRAYS or name in self.param_names or name in self.loop_vars:
                raise Fail(f"updating a slice of a {known} that this function does not own")
            from batuta.convert.numpy_update import slice_update

            self.fact.mutated.add(name)
            return slice_update(self, target, stmt.op, stmt.value, self.namer(name), known)
        if not isinstance(stmt.target, ast.Name) or not self.declared(stmt.target.id):
            raise Fail("augmented assignment to something not bound here")
        name = stmt.target.id
        known = self.type_of_name(name)
        if known in _ARRAYS and name not in self.param_names and name not in self.loop_vars:
            # `y += noise` on an array this function owns: the new array replaces it (no
            # other name can see the old one: an assignment `b = y` moves it in the Rust)
            combined = ast.copy_location(ast.BinOp(
                left=ast.copy_location(ast.Name(id=name, ctx=ast.Load()), stmt.target),
                op=stmt.op, right=stmt.value), stmt)
            code = self.value(combined, known)
            self.fact.mutated.add(name)
            return [f"{self.namer(name)} = {code};"]
        if known is None or known not in DISPLAY - {"String", "&str", "bool"}:
            raise Fail(f"+= on a value of type {known}")
        op = expressions.BINOPS.get(type(stmt.op))
        if op is None or (op == "/" and known not in ("f32", "f64")):
            raise Fail("this augmented operator")
        try:
            self.no_truncation(stmt.value, known)
        except Fail:
            self.fact.expected.setdefault(name, []).append("f32")  # the next pass widens it
            raise
        code = self.value(stmt.value, known)
        self.fact.mutated.add(name)
        return [f"{self.namer(name)} {op}= {code};"]

    def _stmt_If(self, stmt: ast.If) -> list[str]:
        cond = self.value(stmt.test, "bool")
        out = [f"if {cond} {{", *self.nested(stmt.body)]
        if stmt.orelse:
            out += ["} else {", *self.nested(stmt.orelse)]
        return [*out, "}"]

    def _stmt_While(self, stmt: ast.While) -> list[str]:
        if stmt.orelse:
            raise Fail("while ... else")
        cond = self.value(stmt.test, "bool")
        self.loops += 1
        try:
            return [f"while {cond} {{", *self.nested(stmt.body), "}"]
        finally:
            self.loops -= 1

    def _stmt_For(self, stmt: ast.For) -> list[str]:
        if stmt.orelse:
            raise Fail("for ... else")
        header, bound = self.loop_header(stmt.target, stmt.iter)
        saved = dict(self.loop_vars)
        self.loop_vars.update(bound)
        self.loops += 1
        try:
            body = self.nested(stmt.body)
        finally:
            self.loop_vars = saved
            self.loops -= 1
        return [f"for {header} {{", *body, "}"]

    def _stmt_With(self, stmt: ast.With) -> list[str]:
        for item in stmt.items:
            call = item.context_expr
            symbol = self.table.qualify(call.func if isinstance(call, ast.Call) else call)
            if symbol not in ("torch.no_grad", "torch.inference_mode") or item.optional_vars:
                raise Fail("with blocks other than torch.no_grad()")
            self.record(call, "pytorch", symbol, "(nothing)",
                        note="realizar runs inference only: no gradients are recorded")
        return self.block(stmt.body)

    def nested(self, body: list[ast.stmt]) -> list[str]:
        self.scopes.append(set())
        try:
            return ["    " + line for line in self.block(body)]
        finally:
            self.scopes.pop()


_ARRAYS = frozenset({"trueno::Vector<f32>", "trueno::Matrix<f32>"})
_APRENDER_ARRAYS = frozenset({"aprender::primitives::Vector<f32>",
                              "aprender::primitives::Matrix<f32>"})


def _tuple_parts(rust_type: str) -> list[str]:
    from batuta.convert.types import _split_top

    return _split_top(rust_type[1:-1]) if rust_type.startswith("(") else []


def _top_level_only(body: list[ast.stmt]) -> set[str]:
    """Names that only the body's own (top-level) assignments bind: none of its blocks
    (loops, branches, ``with``) or nested definitions binds them."""
    from batuta.convert._driver import bound_names

    top: set[str] = set()
    nested: set[str] = set()
    for stmt in body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            top |= bound_names(stmt)
        else:
            nested |= bound_names(stmt)
    return top - nested


def _call_text(call: ast.Call) -> str:
    text = ast.unparse(call.func)
    return text if len(text) < 60 else text[:57] + "..."


def _first_symbol(tr: Translator, stmt: ast.stmt) -> str:
    """``numpy.loadtxt: `` for the first framework call of a statement, else ``""``."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call):
            symbol = tr.table.qualify(node.func)
            if symbol is not None and framework_of(symbol) in CONVERTIBLE_FRAMEWORKS:
                return f"{symbol}: "
    return ""


__all__ = ["FnFacts", "Signature", "Translator", "_dotted", "default_value", "rust_type_name"]
