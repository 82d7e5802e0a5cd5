"""NumPy -> trueno mappings, read from the tables (issue 12).

1-D arrays are ``trueno::Vector<f32>``, 2-D arrays ``trueno::Matrix<f32>``. Every method called
is looked up in the table, so ``std`` is ``stddev``, ``log`` is ``ln``, and ``?`` follows each
method that returns ``Result``. trueno has no ``zeros`` / ``arange`` / ``linspace`` for vectors:
those build a ``Vec<f32>`` and wrap it (``Vector::from_vec``). Reductions also work on
aprender's ``Vector<f32>`` (what its ``predict`` returns), with aprender's method names.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from batuta.convert import mapping
from batuta.convert.coerce import coerce, paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.types import (
    APRENDER_MATRIX,
    APRENDER_VECTOR,
    FLOATS_T,
    SCALARS,
    TRUENO_MATRIX,
    TRUENO_VECTOR,
    deref,
    mark,
    type_path,
)

R = REGISTRY.register
FW = "numpy"
V, M = "trueno::Vector", "trueno::Matrix"
AV = "aprender::primitives::Vector"


def _vector_from_vec(site: Site, code: str) -> Val:
    return site.tr.call_item(mapping.item(f"{V}::from_vec"), None, [code])


def _flat(node: ast.expr, depth: int = 0) -> tuple[list[ast.expr], list[int]]:
    if not isinstance(node, (ast.List, ast.Tuple)):
        return [node], []
    if depth > 1:
        raise Fail("arrays of more than 2 dimensions have no trueno type")
    rows = [_flat(e, depth + 1) for e in node.elts]
    if not rows:
        raise Fail("an empty array literal")
    if len({tuple(s) for _, s in rows}) != 1:
        raise Fail("ragged nested lists do not form an array")
    return [x for elems, _ in rows for x in elems], [len(rows), *rows[0][1]]


def _dtype_ok(site: Site, node: ast.expr | None = None) -> None:
    node = site.arg(None, "dtype") if node is None else node
    if node is not None and not ast.unparse(node).endswith(("float32", "float", "float64")):
        raise Fail(f"dtype={ast.unparse(node)}: trueno holds f32")
    if isinstance(node, ast.Attribute):
        site.tr.typed(node)  # np.float32: recorded as mapped (trueno is f32 throughout)


@R(FW, "numpy.float32", "numpy.float64", explain="trueno holds f32 throughout")
def _float_dtype(site: Site) -> Val:
    return Val("()", "()")


@R(FW, "numpy.array", "numpy.asarray", explain="trueno::Vector / Matrix from the data",
   emits=(f"{V}::from_slice", f"{M}::from_vec"))
def _array(site: Site) -> Val:
    _dtype_ok(site)
    node = site.need(0, "object")
    if isinstance(node, (ast.List, ast.Tuple)) and _vector_rows(site, node):
        return _stack_rows(site, node)
    if isinstance(node, (ast.List, ast.Tuple)):
        elems, shape = _flat(node)
        items = ", ".join(site.tr.value(e, "f32") for e in elems)
        if len(shape) == 1:
            return site.tr.call_item(mapping.item(f"{V}::from_slice"), None, [f"&[{items}]"])
        return site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                                 [str(shape[0]), str(shape[1]), f"vec![{items}]"])
    value = site.tr.typed(node)
    if deref(value.ty) == TRUENO_VECTOR:
        return Val(f"{paren(value.code)}.clone()", TRUENO_VECTOR)
    return site.tr.call_item(mapping.item(f"{V}::from_slice"), None,
                             [site.tr.value(node, "&[f32]")])


def _vector_rows(site: Site, node: ast.List | ast.Tuple) -> bool:
    """Whether a list literal holds 1-D arrays (``np.array([a, b])``), not numbers."""
    first = node.elts[0] if node.elts else None
    if first is None or isinstance(first, (ast.List, ast.Tuple, ast.Constant, ast.UnaryOp)):
        return False
    try:
        return deref(site.tr.typed(first).ty) == TRUENO_VECTOR
    except Fail:
        return False


def _stack_rows(site: Site, node: ast.List | ast.Tuple) -> Val:
    """``np.array([a, b, ...])`` of equal-length 1-D arrays: a Matrix with one row each
    (ragged rows are an error at run time, as in NumPy)."""
    parts = [site.tr.value(e, f"&{TRUENO_VECTOR}") for e in node.elts]
    names = [f"r{i}" for i in range(len(parts))]
    kinds = ", ".join(f"&{mark(V)}<f32>" for _ in parts)
    bind = f"let ({', '.join(names)},): ({kinds},) = ({', '.join(parts)},);"
    check = (f"if [{', '.join(f'{n}.len()' for n in names)}].iter().any(|&k| k != r0.len()) "
             "{ Err::<(), _>(\"np.array of rows with different lengths\")?; }")
    data = f"[{', '.join(f'{n}.as_slice()' for n in names)}].concat()"
    inner = site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                              [str(len(parts)), "r0.len()", data])
    return Val(f"{{ {bind} {check} {inner.code} }}", TRUENO_MATRIX)


def _shape(site: Site, node: ast.expr) -> list[str]:
    if isinstance(node, (ast.Tuple, ast.List)):
        if not 1 <= len(node.elts) <= 2:
            raise Fail("arrays of more than 2 dimensions have no trueno type")
        return [site.tr.value(e, "usize") for e in node.elts]
    if isinstance(node, (ast.Name, ast.Attribute)):  # `np.empty(X1.shape)`: read twice, pure
        try:
            known: Val | None = site.tr.typed(node)
        except Fail:
            known = None
        if known is not None and deref(known.ty) == "(usize, usize)":
            return [f"{paren(known.code)}.0", f"{paren(known.code)}.1"]
    return [site.tr.value(node, "usize")]


def _filled(site: Site, fill: str) -> Val:
    _dtype_ok(site)
    dims = _shape(site, site.need(0, "shape"))
    if len(dims) == 1:
        return _vector_from_vec(site, f"vec![{fill}; {dims[0]}]")
    if fill == "0.0":
        return site.tr.call_item(mapping.item(f"{M}::zeros"), None, dims)
    return site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                             [dims[0], dims[1], f"vec![{fill}; {dims[0]} * {dims[1]}]"])


@R(FW, "numpy.zeros", "numpy.empty", explain="zero-filled Vector / Matrix",
   emits=(f"{V}::from_vec", f"{M}::zeros"))
def _zeros(site: Site) -> Val:
    return _filled(site, "0.0")


@R(FW, "numpy.ones", explain="one-filled Vector / Matrix", emits=(f"{V}::from_vec",))
def _ones(site: Site) -> Val:
    return _filled(site, "1.0")


@R(FW, "numpy.full", explain="constant-filled Vector / Matrix", emits=(f"{V}::from_vec",))
def _full(site: Site) -> Val:
    fill = site.tr.value(site.need(1, "fill_value"), "f32")
    return _filled(site, fill)


@R(FW, "numpy.eye", "numpy.identity", explain="identity Matrix", emits=(f"{M}::identity",))
def _eye(site: Site) -> Val:
    n = site.tr.value(site.need(0, "N"), "usize")
    return site.tr.call_item(mapping.item(f"{M}::identity"), None, [n])


@R(FW, "numpy.arange", explain="evenly spaced Vector (start, stop, step)",
   emits=(f"{V}::from_vec",))
def _arange(site: Site) -> Val:
    nodes = [site.arg(i) for i in range(3)]
    given = [n for n in nodes if n is not None]
    if not 1 <= len(given) <= 3 or site.node.keywords:
        raise Fail("arange with keyword arguments")
    ints = all(site.tr.literal_int(n) is not None for n in given)
    if ints or all(_int_typed(site, n) for n in given):
        args = [site.tr.value(n, "i64") for n in given]
        start, stop = ("0", args[0]) if len(args) == 1 else (args[0], args[1])
        by = 1 if len(given) < 3 else site.tr.literal_int(given[2])
        if by is None or by == 0:
            raise Fail("arange with an integer step that is not a non-zero literal")
        if by < 0:  # arange(10, 0, -3): 10, 7, 4, 1
            span = f"({paren(stop)} + 1..={start}).rev()"
            return _vector_from_vec(
                site, f"{span}.step_by({-by}).map(|v| v as f32).collect()")
        step = f".step_by({by})" if by != 1 else ""
        return _vector_from_vec(site, f"({start}..{stop}){step}.map(|v| v as f32).collect()")
    args = [site.tr.value(n, "f32") for n in given]
    start, stop = ("0.0", args[0]) if len(args) == 1 else (args[0], args[1])
    step = args[2] if len(args) == 3 else "1.0"
    bind, (start, stop, step) = bound_once(("a", start), ("b", stop), ("s", step), kind="f32")
    count = f"f32::ceil(({stop} - {start}) / {step}).max(0.0) as usize"
    value = _vector_from_vec(site, f"(0..{count}).map(|i| {start} + i as f32 * {step})"
                                   ".collect()")
    return Val(f"{{ {bind}{value.code} }}", value.ty) if bind else value


def bound_once(*parts: tuple[str, str], kind: str) -> tuple[str, tuple[str, ...]]:
    """Values a closure reads: plain literals and names as they are; anything computed (a
    ``X.min()?``, which cannot run inside a closure) bound once first, in Python's order, to
    the given names: ``(prefix, the codes to use)``."""
    if all(re.fullmatch(r"-?[A-Za-z0-9_.]+", code) for _, code in parts):
        return "", tuple(code for _, code in parts)
    names = ", ".join(name for name, _ in parts)
    kinds = ", ".join(kind for _ in parts)
    values = ", ".join(code for _, code in parts)
    return f"let ({names}): ({kinds}) = ({values}); ", tuple(name for name, _ in parts)


def _int_typed(site: Site, node: ast.expr) -> bool:
    try:
        return site.tr.typed(node).ty in ("i64", "usize", "i32")
    except Fail:
        return False


@R(FW, "numpy.linspace", explain="num evenly spaced points from start to stop",
   emits=(f"{V}::from_vec",))
def _linspace(site: Site) -> Val:
    start = site.tr.value(site.need(0, "start"), "f32")
    stop = site.tr.value(site.need(1, "stop"), "f32")
    num_node = site.arg(2, "num")
    num = "50" if num_node is None else site.tr.value(num_node, "usize")
    endpoint = _literal_flag(site.arg(3, "endpoint"), "endpoint", True)
    if _literal_flag(site.arg(4, "retstep"), "retstep", False):
        raise Fail("linspace(retstep=True) returns the step too")
    # endpoint=False: num points of step (stop - start) / num, stop left out
    steps = f"({num}).max(2) - 1" if endpoint else num
    bind = ""
    if not all(re.fullmatch(r"-?[A-Za-z0-9_.]+", c) for c in (start, stop, num)):
        # computed bounds (`X.min()?`) evaluated once, in Python's order, outside the closure
        bind = f"let (a, b, n): (f32, f32, usize) = ({start}, {stop}, {num}); "
        start, stop, num = "a", "b", "n"
        steps = "n.max(2) - 1" if endpoint else "n"
    code = (f"(0..{num}).map(|i| {start} + ({stop} - {start}) * i as f32 / "
            f"({steps}) as f32).collect()")
    value = _vector_from_vec(site, code)
    return Val(f"{{ {bind}{value.code} }}", value.ty) if bind else value


def _literal_flag(node: ast.expr | None, name: str, default: bool) -> bool:
    """A literal ``True`` / ``False`` argument (the default when it is not given)."""
    if node is None:
        return default
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    raise Fail(f"{name}=... that is not a literal True / False")


UNARY = {"exp": "exp", "log": "ln", "sqrt": "sqrt", "abs": "abs", "absolute": "abs",
         "sin": "sin", "cos": "cos", "tan": "tan", "tanh": "tanh", "sinh": "sinh",
         "cosh": "cosh", "arcsin": "asin", "arccos": "acos", "arctan": "atan", "floor": "floor",
         "ceil": "ceil", "round": "round", "log2": "log2", "log10": "log10", "sign": "signum",
         "negative": "neg", "trunc": "trunc"}
"""NumPy element-wise function -> trueno ``Vector`` method (and f32's, for scalars)."""

REDUCE = {"sum": "sum", "mean": "mean", "std": "stddev", "var": "variance", "max": "max",
          "min": "min", "argmax": "argmax", "argmin": "argmin", "amax": "max", "amin": "min"}
"""NumPy reduction -> trueno ``Vector`` method."""

APRENDER_REDUCE = {"sum": "sum", "mean": "mean", "std": "std", "var": "variance",
                   "argmax": "argmax", "argmin": "argmin"}
"""The same reductions on aprender's ``Vector<f32>`` (plain values, no ``Result``)."""

_STD_UNARY = {"ln": "ln", "neg": None}


def _operand(site: Site) -> Val:
    if site.recv is not None:
        value = site.recv
    else:
        node = site.need(0, "a")
        value = _typed_or_evidence(site, node)
        if value.ty.startswith("Vec<f32>") or value.ty == "&[f32]":
            record = mapping.item(f"{V}::from_slice")
            return site.tr.call_item(record, None, [site.tr.value(node, "&[f32]")])
    if deref(value.ty) == APRENDER_MATRIX:
        # aprender's Matrix (a model's output) has no element-wise NumPy: trueno's, rebuilt
        # from the same row-major data.
        code = coerce(value.code, value.ty, TRUENO_MATRIX)
        assert code is not None
        return Val(code, TRUENO_MATRIX)
    return value


def _typed_or_evidence(site: Site, node: ast.expr, evidence: str = TRUENO_VECTOR) -> Val:
    try:
        return site.tr.typed(node)
    except Fail:
        site.tr.evidence(node, evidence)
        raise


def _method_on(site: Site, value: Val, trueno_name: str, aprender_name: str | None,
               *args: str) -> Val:
    path = type_path(value.ty)
    if path == V:
        return site.tr.call_item(mapping.item(f"{V}::{trueno_name}"), value.code, list(args))
    if path == AV and aprender_name is not None:
        return site.tr.call_item(mapping.item(f"{AV}::{aprender_name}"), value.code, list(args))
    raise Fail(f"{trueno_name} of a {value.ty}")


_STD_ELEMENT = {"sign": "if v == 0.0 { 0.0 } else { v.signum() }",
                "round": "v.round_ties_even()", "negative": "-v"}
"""Where NumPy's element function is not the f32 method of the same name: ``sign(0)`` is 0
(``f32::signum(0.0)`` is 1) and ``round`` rounds half to even."""


def _element(name: str) -> str:
    """The f32 expression of NumPy's ``name`` applied to ``v``."""
    return _STD_ELEMENT.get(name, f"v.{UNARY[name]}()")


def _unary(site: Site) -> Val:
    name = site.symbol.rpartition(".")[2]
    value = _operand(site)
    if value.ty in FLOATS_T and name not in _STD_ELEMENT:
        return Val(f"{paren(value.code)}.{UNARY[name]}()", value.ty)
    if value.ty in FLOATS_T:
        return Val(f"{{ let v: {value.ty} = {value.code}; {_element(name)} }}", value.ty)
    if deref(value.ty) == TRUENO_MATRIX:
        # trueno's Matrix has no element-wise math: each element of the row-major data.
        data = f"a.as_slice().iter().map(|&v| {_element(name)}).collect()"
        inner = site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                                  ["a.rows()", "a.cols()", data])
        bind = f"let a: &{mark(M)}<f32> = &{paren(value.code)};"
        return Val(f"{{ {bind} {inner.code} }}", TRUENO_MATRIX)
    if name in ("sign", "round"):
        # trueno's own signum / round follow f32's rules, not NumPy's: each element instead.
        path = type_path(value.ty)
        if path != V:
            raise Fail(f"{name} of a {value.ty}")
        data = f"a.as_slice().iter().map(|&v| {_element(name)}).collect()"
        inner = site.tr.call_item(mapping.item(f"{V}::from_vec"), None, [data])
        return Val(f"{{ let a: &{mark(V)}<f32> = &{paren(value.code)}; {inner.code} }}",
                   TRUENO_VECTOR)
    return _method_on(site, value, UNARY[name], None)


for _name in UNARY:
    R(FW, f"numpy.{_name}", operation="element_wise", explain="element-wise (a Matrix, and "
      "NumPy's sign / round rules, element by element on the row-major data)",
      emits=(f"{V}::{UNARY[_name]}", f"{V}::from_vec", f"{M}::from_vec"))(_unary)


_SCALAR_ITSELF = frozenset({"sum", "mean", "max", "min", "amax", "amin"})


def _reduce(site: Site) -> Val:
    name = site.symbol.rpartition(".")[2]
    if site.arg(None, "axis") is not None:
        raise Fail("reductions along an axis: trueno reduces whole vectors")
    value = _operand(site)
    if value.ty in FLOATS_T and name in _SCALAR_ITSELF:
        return value  # NumPy reads a number as a 0-d array: its sum, mean, max or min is itself
    if deref(value.ty) == TRUENO_MATRIX:
        # Without an axis NumPy reduces every element (argmax: the flat, row-major index):
        # the matrix's row-major data as one vector.
        data = f"{paren(value.code)}.as_slice()"
        value = site.tr.call_item(mapping.item(f"{V}::from_slice"), None, [data])
    elif deref(value.ty) == APRENDER_VECTOR and name not in APRENDER_REDUCE:
        # aprender's Vector has no max / min / argmax...: trueno's over the same data
        data = f"{paren(value.code)}.as_slice()"
        value = site.tr.call_item(mapping.item(f"{V}::from_slice"), None, [data])
    return _method_on(site, value, REDUCE[name], APRENDER_REDUCE.get(name))


for _name in REDUCE:
    R(FW, f"numpy.{_name}", f"trueno::Vector.{_name}", f"{M}.{_name}", operation="reduction",
      explain="reduction over the whole array (a matrix's every element)",
      emits=(f"{V}::{REDUCE[_name]}", f"{V}::from_slice"))(_reduce)
for _name in APRENDER_REDUCE:
    R(FW, f"{AV}.{_name}", operation="reduction",
      explain="reduction over aprender's Vector", emits=(f"{AV}::{APRENDER_REDUCE[_name]}",))(
        _reduce)
for _name in REDUCE:
    R(FW, f"aprender::primitives::Matrix.{_name}",
      *([f"{AV}.{_name}"] if _name not in APRENDER_REDUCE else []), operation="reduction",
      explain="reduction over every element: an aprender array's data as a trueno Vector",
      emits=(f"{V}::{REDUCE[_name]}", f"{V}::from_slice", f"{M}::from_vec"))(_reduce)


BINARY = {"add": "add", "subtract": "sub", "multiply": "mul", "divide": "div",
          "maximum": "maximum", "minimum": "minimum"}


def _binary_values(site: Site, name: str, left: Val, right: Val) -> Val:
    left, right = _list_as_array(site, left, right), _list_as_array(site, right, left)
    lt, rt = deref(left.ty), deref(right.ty)
    if lt == TRUENO_VECTOR and rt == TRUENO_VECTOR:
        other = right.code if right.ty.startswith("&") else f"&{right.code}"
        return site.tr.call_item(mapping.item(f"{V}::{name}"), left.code, [other])
    vector, scalar = (left, right) if lt == TRUENO_VECTOR else (right, left)
    if deref(vector.ty) == TRUENO_VECTOR and deref(scalar.ty) in SCALARS and name in (
            "mul", "div") and not (name == "div" and vector is right):
        factor = scalar.code if deref(scalar.ty) == "f32" else f"{paren(scalar.code)} as f32"
        if name == "div":
            factor = f"1.0 / {paren(factor)}"
        return site.tr.call_item(mapping.item(f"{V}::scale"), vector.code, [factor])
    if TRUENO_MATRIX in (lt, rt) and {lt, rt} <= {TRUENO_MATRIX, TRUENO_VECTOR} and (
            name in _SYMBOL):
        return _broadcast(site, name, left, right)
    return _scalar_broadcast(site, name, left, right)


def _list_as_array(site: Site, value: Val, other: Val) -> Val:
    """A Python list of numbers beside an array (``X + [1, 1]``): NumPy makes it an array
    first; here a trueno Vector of f32, the arrays' element type."""
    elem = deref(value.ty)[4:-1] if deref(value.ty).startswith("Vec<") else None
    if elem not in SCALARS or elem == "bool" or deref(other.ty) not in (
            TRUENO_VECTOR, TRUENO_MATRIX):
        return value
    data = f"{paren(value.code)}.iter().map(|&v| v as f32).collect()"
    return _vector_from_vec(site, data)


def _broadcast(site: Site, name: str, left: Val, right: Val) -> Val:
    """Two arrays, one a Matrix, element by element with NumPy's broadcasting (a vector is a
    1 x n row; a dimension of 1 stretches to the other's); shapes that NumPy cannot broadcast
    are an error, as NumPy's ``ValueError``."""
    binds, dims = [], []
    for var, value in (("a", left), ("b", right)):
        kind = deref(value.ty)
        binds.append((var, f"&{mark(type_path(kind))}<f32>", f"&{paren(value.code)}"))
        dims.append(f"({var}.rows(), {var}.cols())" if kind == TRUENO_MATRIX
                    else f"(1, {var}.len())")
    head = (f"let ({binds[0][0]}, {binds[1][0]}): ({binds[0][1]}, {binds[1][1]}) = "
            f"({binds[0][2]}, {binds[1][2]}); let ((ar, ac), (br, bc)) = ({dims[0]}, {dims[1]}); "
            "let (r, c) = (if ar == 1 { br } else { ar }, if ac == 1 { bc } else { ac }); "
            "if (br != r && br != 1) || (bc != c && bc != 1) { Err::<(), _>(\"operands could "
            "not be broadcast together\")?; }")
    element = (f"a.as_slice()[(i % ar) * ac + j % ac] {_SYMBOL[name]} "
               "b.as_slice()[(i % br) * bc + j % bc]")
    data = f"(0..r * c).map(|ix| {{ let (i, j) = (ix / c, ix % c); {element} }}).collect()"
    inner = site.tr.call_item(mapping.item(f"{M}::from_vec"), None, ["r", "c", data])
    return Val(f"{{ {head} {inner.code} }}", TRUENO_MATRIX)


_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def _scalar_broadcast(site: Site, name: str, left: Val, right: Val) -> Val:
    """An array and a scalar (either order): the operator applied to each element of the
    row-major data, back into the same shape (trueno has ``scale`` only, for vectors)."""
    lt = deref(left.ty)
    array_left = lt in (TRUENO_VECTOR, TRUENO_MATRIX)
    array, scalar = (left, right) if array_left else (right, left)
    kind = deref(array.ty)
    if kind not in (TRUENO_VECTOR, TRUENO_MATRIX) or deref(scalar.ty) not in SCALARS or (
            name not in _SYMBOL or deref(scalar.ty) == "bool"):
        raise Fail(f"{name} of {left.ty} and {right.ty}")
    k = scalar.code if deref(scalar.ty) == "f32" else f"{paren(scalar.code)} as f32"
    op = _SYMBOL[name]
    element = f"v {op} k" if array_left else f"k {op} v"
    data = f"a.as_slice().iter().map(|&v| {element}).collect()"
    if kind == TRUENO_VECTOR:
        inner = site.tr.call_item(mapping.item(f"{V}::from_vec"), None, [data])
    else:
        inner = site.tr.call_item(mapping.item(f"{M}::from_vec"), None,
                                  ["a.rows()", "a.cols()", data])
    # Each operand is evaluated once, in Python's left-to-right order, before the map.
    rust_kind = f"{mark(type_path(kind))}<f32>"
    bind = (f"let (a, k): (&{rust_kind}, f32) = (&{paren(array.code)}, {k});" if array_left
            else f"let (k, a): (f32, &{rust_kind}) = ({k}, &{paren(array.code)});")
    return Val(f"{{ {bind} {inner.code} }}", kind)


def _operand_at(site: Site, pos: int, evidence: str = TRUENO_VECTOR) -> Val:
    node = site.need(pos, "x")
    number = site.tr.literal_int(node)
    if number is not None or (isinstance(node, ast.Constant) and isinstance(node.value, float)):
        return Val(site.tr.value(node, "f32"), "f32")
    return _typed_or_evidence(site, node, evidence)


def _binary(site: Site) -> Val:
    name = BINARY[site.symbol.rpartition(".")[2]]
    left = _operand_at(site, 0)
    right_node = site.arg(1, "x2")
    if name == "maximum" and deref(left.ty) == TRUENO_VECTOR and isinstance(
            right_node, ast.Constant) and right_node.value == 0:
        # np.maximum(x, 0) is ReLU, which trueno has.
        return site.tr.call_item(mapping.item(f"{V}::relu"), left.code, [])
    return _binary_values(site, name, left, _operand_at(site, 1))


for _name in BINARY:
    R(FW, f"numpy.{_name}", operation="element_wise", explain="element-wise",
      emits=(f"{V}::{BINARY[_name]}", f"{V}::scale"))(_binary)


def _operator(site: Site) -> Val:
    name = site.symbol.rpartition(".")[2]
    left, right = _operand_at(site, 0), _operand_at(site, 1)
    if name == "matmul":
        return _matmul_values(site, left, right)
    return _binary_values(site, name, left, right)


for _op in ("add", "sub", "mul", "div", "matmul"):
    R(FW, f"trueno::Vector.operator.{_op}", f"trueno::Matrix.operator.{_op}",
      operation="matrix_multiply" if _op == "matmul" else "element_wise",
      explain="array operator -> trueno method")(_operator)


def _matmul_values(site: Site, left: Val, right: Val) -> Val:
    lt, rt = deref(left.ty), deref(right.ty)
    other = right.code if right.ty.startswith("&") else f"&{paren(right.code)}"
    if lt == TRUENO_MATRIX and rt == TRUENO_MATRIX:
        return site.tr.call_item(mapping.item(f"{M}::matmul"), left.code, [other])
    if lt == TRUENO_MATRIX and rt == TRUENO_VECTOR:
        return site.tr.call_item(mapping.item(f"{M}::matvec"), left.code, [other])
    if lt == TRUENO_VECTOR and rt == TRUENO_VECTOR:
        return site.tr.call_item(mapping.item(f"{V}::dot"), left.code, [other])
    if lt == TRUENO_VECTOR and rt == TRUENO_MATRIX:
        # v @ M (NumPy treats the 1-D left operand as a row): trueno's vecmat.
        mine = left.code if left.ty.startswith("&") else f"&{paren(left.code)}"
        return site.tr.call_item(mapping.item(f"{M}::vecmat"), None, [mine, other])
    raise Fail(f"matmul of {left.ty} and {right.ty}")


@R(FW, "numpy.dot", "numpy.matmul", "trueno::Vector.dot", operation="matrix_multiply",
   explain="dot / matrix product",
   emits=(f"{M}::matmul", f"{M}::matvec", f"{M}::vecmat", f"{V}::dot"))
def _dot(site: Site) -> Val:
    if site.recv is not None:
        return _matmul_values(site, site.recv, _operand_at(site, 0))
    kind = TRUENO_MATRIX if site.symbol == "numpy.matmul" else TRUENO_VECTOR
    left, failed = _attempt(site, 0, kind)
    right, failed_right = _attempt(site, 1, kind)
    if left is None or right is None:
        raise failed or failed_right or Fail("matmul operands")
    return _matmul_values(site, left, right)


def _attempt(site: Site, pos: int, kind: str) -> tuple[Val | None, Fail | None]:
    try:
        return _operand_at(site, pos, kind), None
    except Fail as exc:
        return None, exc


@R(FW, "numpy.clip", "trueno::Vector.clip", operation="element_wise",
   explain="clamp to [lo, hi]", emits=(f"{V}::clip",))
def _clip(site: Site) -> Val:
    value = _operand(site)
    offset = 0 if site.recv is not None else 1
    lo = site.tr.value(site.need(offset, "a_min"), "f32")
    hi = site.tr.value(site.need(offset + 1, "a_max"), "f32")
    return _method_on(site, value, "clip", None, lo, hi)


@R(FW, "numpy.linalg.norm", operation="reduction", explain="L2 norm",
   emits=(f"{V}::norm_l2",))
def _norm(site: Site) -> Val:
    if site.arg(None, "ord") is not None or site.arg(None, "axis") is not None:
        raise Fail("norms other than the vector L2 norm")
    return _method_on(site, _operand(site), "norm_l2", "norm")


@R(FW, "numpy.transpose", "trueno::Matrix.T", "trueno::Matrix.transpose",
   explain="matrix transpose", emits=(f"{M}::transpose",))
def _transpose(site: Site) -> Val:
    value = site.recv if site.recv is not None else site.tr.typed(site.need(0, "a"))
    if deref(value.ty) != TRUENO_MATRIX:
        raise Fail(f"transpose of a {value.ty}")
    return site.tr.call_item(mapping.item(f"{M}::transpose"), value.code, [])


@R(FW, "trueno::Matrix.shape", explain="(rows, cols)", emits=(f"{M}::shape",))
def _shape_attr(site: Site) -> Val:
    assert site.recv is not None
    return site.tr.call_item(mapping.item(f"{M}::shape"), site.recv.code, [])


@R(FW, "trueno::Vector.copy", "trueno::Matrix.copy", "numpy.copy", explain="copy -> clone")
def _copy(site: Site) -> Val:
    value = site.recv if site.recv is not None else site.tr.typed(site.need(0, "a"))
    if type_path(value.ty) not in (V, M):
        raise Fail(f"copy of a {value.ty}")
    return Val(f"{paren(value.code)}.clone()", deref(value.ty))


@R(FW, "trueno::Vector.astype", "trueno::Matrix.astype", explain="trueno holds f32: a copy")
def _astype(site: Site) -> Val:
    assert site.recv is not None
    _dtype_ok(site, site.need(0, "dtype"))
    return Val(f"{paren(site.recv.code)}.clone()", deref(site.recv.ty))


@R(FW, "trueno::Vector.size", explain="element count", emits=(f"{V}::len",))
def _size(site: Site) -> Val:
    assert site.recv is not None
    return site.tr.call_item(mapping.item(f"{V}::len"), site.recv.code, [])


@R(FW, "trueno::Vector.tolist", explain="to a Vec<f32>", emits=(f"{V}::as_slice",))
def _tolist(site: Site) -> Val:
    assert site.recv is not None
    return Val(f"{paren(site.recv.code)}.as_slice().to_vec()", "Vec<f32>")


@R(FW, "numpy.pi", "numpy.e", "numpy.inf", explain="f32 constant")
def _constant(site: Site) -> Val:
    name = site.symbol.rpartition(".")[2]
    code = {"pi": "std::f32::consts::PI", "e": "std::f32::consts::E",
            "inf": "f32::INFINITY"}[name]
    return Val(code, "f32")


_NO_TRUENO = {
    "numpy.random": "the crates have no random number generator; rand / randn / normal / "
                    "uniform / random and RandomState are mapped to std-only sampling, "
                    "this one is not",
    "numpy.loadtxt": "trueno reads no files: parse the data (csv crate) into a Vec<f32>",
    "numpy.genfromtxt": "trueno reads no files: parse the data (csv crate) into a Vec<f32>",
    "numpy.load": "trueno reads no files",
    "numpy.save": "trueno writes no files",
    "numpy.where": "trueno has no element-wise select",
    "numpy.argsort": "trueno has no argsort",
    "numpy.cumsum": "trueno has no cumulative sum",
}

def _refusal(why: str) -> Callable[[Site], Val]:
    def refuse(site: Site) -> Val:
        raise Fail(why)

    return refuse


for _name, _why in _NO_TRUENO.items():
    R(FW, _name, explain=_why, refused=True)(_refusal(_why))

_ = APRENDER_VECTOR
