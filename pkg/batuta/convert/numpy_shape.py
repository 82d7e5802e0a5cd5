"""NumPy sorting, joining and reshaping -> std slice code around trueno's constructors (issue 12).

trueno has no sort, unique, concatenation, stacking, meshgrid or new axes, but it has what they
need at both ends: ``Vector::as_slice`` / ``Matrix::as_slice`` (row-major data), ``rows`` /
``cols`` / ``len``, and ``Vector::from_vec`` / ``Matrix::from_vec``. So each of these is a std
expression over the slices (``sort_by(f32::total_cmp)``, ``dedup``, ``concat``) fed back into a
table constructor; every crate item emitted is in the tables. Shapes NumPy allows and trueno
cannot hold (3-D and up, mixed 1-D / 2-D joins) are refused with the reason.
"""

from __future__ import annotations

import ast
import re

from batuta.convert import mapping
from batuta.convert.coerce import coerce, paren
from batuta.convert.core import Fail, Site, Val
from batuta.convert.registry import REGISTRY
from batuta.convert.types import (
    APRENDER_MATRIX,
    APRENDER_VECTOR,
    INTEGERS,
    TRUENO_MATRIX,
    TRUENO_VECTOR,
    deref,
    mark,
)

R = REGISTRY.register
FW = "numpy"
V, M = "trueno::Vector", "trueno::Matrix"
_SORTED = "v.sort_by(|a, b| a.total_cmp(b));"


def _once(code: str, name: str) -> tuple[str, str]:
    """``(prefix, ref)``: ``code`` bound once to ``name`` unless it is a plain variable, so an
    expression used several times (shape, then data) is evaluated once."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", code):
        return "", code
    return f"let {name} = &{paren(code)}; ", name


def _block(prefix: str, value: Val) -> Val:
    return Val(f"{{ {prefix}{value.code} }}" if prefix else value.code, value.ty)


def _vector(site: Site, code: str) -> Val:
    return site.tr.call_item(mapping.item(f"{V}::from_vec"), None, [code])


def _matrix(site: Site, rows: str, cols: str, code: str) -> Val:
    value = site.tr.call_item(mapping.item(f"{M}::from_vec"), None, [rows, cols, code])
    return Val(value.code, TRUENO_MATRIX)


def _array(site: Site, node: ast.expr) -> Val:
    """A trueno Vector or Matrix operand (a ``Vec<f32>`` is wrapped)."""
    value = site.tr.typed(node)
    if deref(value.ty) in (TRUENO_VECTOR, TRUENO_MATRIX):
        return value
    if deref(value.ty) in ("Vec<f32>", "[f32]"):
        return _vector(site, f"{paren(value.code)}.to_vec()")
    if deref(value.ty) in (APRENDER_MATRIX, APRENDER_VECTOR):
        # an aprender array (a dataset, a model's output): trueno's, from the same data
        kind = TRUENO_MATRIX if deref(value.ty) == APRENDER_MATRIX else TRUENO_VECTOR
        code = coerce(value.code, value.ty, kind)
        assert code is not None
        return Val(code, kind)
    raise Fail(f"a {value.ty} is not a trueno array")


def _axis(site: Site, default: int | None) -> int | None:
    node = site.arg(1, "axis")
    if node is None:
        return default
    if isinstance(node, ast.Constant) and node.value is None:
        return None
    number = site.tr.literal_int(node)
    if number is None:
        raise Fail("an axis that is not a literal")
    return number


@R(FW, "numpy.sort", operation="reduction", explain="sorted copy: the slice sorted with "
   "f32::total_cmp, back into a Vector / Matrix", emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _sort(site: Site) -> Val:
    value = _array(site, site.need(0, "a"))
    axis = _axis(site, -1)
    site.arg(None, "kind")  # every NumPy kind gives the same sorted values
    data = f"{paren(value.code)}.as_slice().to_vec()"
    if deref(value.ty) == TRUENO_VECTOR or axis is None:
        return _vector(site, f"{{ let mut v: Vec<f32> = {data}; {_SORTED} v }}")
    if axis not in (0, 1, -1, -2):
        raise Fail(f"axis={axis} of a 2-D array")
    prefix, m = _once(value.code, "m")
    along_rows = axis in (1, -1)
    # Sort each row (axis 1) or each column (axis 0) of the row-major data in place.
    outer, inner = ("r", "c") if along_rows else ("c", "r")
    at = "i * c + j" if along_rows else "j * c + i"
    code = (f"{{ let (r, c, mut d) = ({m}.rows(), {m}.cols(), {m}.as_slice().to_vec()); "
            f"for i in 0..{outer} {{ let mut v: Vec<f32> = (0..{inner}).map(|j| d[{at}])"
            f".collect(); {_SORTED} for (j, x) in v.into_iter().enumerate() {{ d[{at}] = x; }} }}"
            " d }")
    return _block(prefix, _matrix(site, f"{m}.rows()", f"{m}.cols()", code))


@R(FW, "numpy.unique", operation="reduction", explain="sorted distinct values (sort, dedup)",
   emits=(f"{V}::from_vec",))
def _unique(site: Site) -> Val:
    node = site.need(0, "ar")
    for flag in ("return_index", "return_inverse", "return_counts", "axis"):
        if site.arg(None, flag) is not None:
            raise Fail(f"np.unique with {flag}: only the distinct values are mapped")
    value = site.tr.typed(node)
    elem = deref(value.ty)[4:-1] if deref(value.ty).startswith("Vec<") else ""
    if elem in INTEGERS:
        return Val(f"{{ let mut v = {paren(value.code)}.to_vec(); v.sort_unstable(); v.dedup();"
                   " v }", f"Vec<{elem}>")
    value = _array(site, node)
    data = f"{paren(value.code)}.as_slice().to_vec()"
    return _vector(site, f"{{ let mut v: Vec<f32> = {data}; {_SORTED} v.dedup(); v }}")


def _parts(site: Site) -> list[Val]:
    node = site.need(0, "arrays")
    if not isinstance(node, (ast.Tuple, ast.List)) or not node.elts:
        raise Fail("joining arrays that are not a literal tuple / list")
    return [_array(site, e) for e in node.elts]


def _join(site: Site, rows: bool) -> Val:
    parts = _parts(site)
    if site.arg(None, "axis") is not None and not rows:
        raise Fail("concatenate along an axis")
    slices = ", ".join(f"{paren(p.code)}.as_slice()" for p in parts)
    kinds = {deref(p.ty) for p in parts}
    if kinds == {TRUENO_VECTOR} and not rows:
        return _vector(site, f"[{slices}].concat()")
    if kinds == {TRUENO_MATRIX} and rows:
        first = paren(parts[0].code)
        total = " + ".join(f"{paren(p.code)}.rows()" for p in parts)
        return _matrix(site, total, f"{first}.cols()", f"[{slices}].concat()")
    raise Fail("joins of mixed or 2-D arrays along columns have no trueno counterpart")


@R(FW, "numpy.concatenate", "numpy.hstack", "numpy.append", operation="element_wise",
   explain="1-D arrays joined end to end ([a, b].concat())", emits=(f"{V}::from_vec",))
def _concatenate(site: Site) -> Val:
    if site.symbol == "numpy.append":
        a, b = _array(site, site.need(0, "arr")), _array(site, site.need(1, "values"))
        if {deref(a.ty), deref(b.ty)} != {TRUENO_VECTOR}:
            raise Fail("np.append of 2-D arrays")
        return _vector(site, f"[{paren(a.code)}.as_slice(), {paren(b.code)}.as_slice()]"
                             ".concat()")
    return _join(site, rows=False)


@R(FW, "numpy.vstack", "numpy.row_stack", operation="element_wise",
   explain="matrices stacked row-wise (row-major data concatenated)",
   emits=(f"{M}::from_vec",))
def _vstack(site: Site) -> Val:
    return _join(site, rows=True)


@R(FW, "numpy.meshgrid", operation="element_wise",
   explain="two coordinate matrices (len(y) x len(x)) from the 1-D grids",
   emits=(f"{M}::from_vec",))
def _meshgrid(site: Site) -> Val:
    if len(site.node.args) != 2:
        raise Fail("meshgrid of other than two 1-D grids")
    xs, ys = _array(site, site.need(0, "x")), _array(site, site.need(1, "y"))
    if {deref(xs.ty), deref(ys.ty)} != {TRUENO_VECTOR}:
        raise Fail("meshgrid of 2-D arrays")
    px, x = _once(xs.code, "gx")
    py, y = _once(ys.code, "gy")
    rows, cols = f"{y}.len()", f"{x}.len()"
    first = _matrix(site, rows, cols, f"(0..{rows} * {cols}).map(|ix| {x}.as_slice()[ix % {cols}])"
                                      ".collect()")
    second = _matrix(site, rows, cols, f"(0..{rows} * {cols}).map(|ix| {y}.as_slice()[ix / {cols}])"
                                       ".collect()")
    pair = Val(f"({first.code}, {second.code})", f"({TRUENO_MATRIX}, {TRUENO_MATRIX})")
    return _block(px + py, pair)


@R(FW, "numpy.logspace", explain="num points 10^x for x evenly spaced from start to stop",
   emits=(f"{V}::from_vec",))
def _logspace(site: Site) -> Val:
    start = site.tr.value(site.need(0, "start"), "f32")
    stop = site.tr.value(site.need(1, "stop"), "f32")
    num_node = site.arg(2, "num")
    num = "50" if num_node is None else site.tr.value(num_node, "usize")
    if site.arg(3, "endpoint") is not None:
        raise Fail("logspace(endpoint=...): only the default endpoint=True is mapped")
    base_node = site.arg(None, "base")
    base = "10.0" if base_node is None else site.tr.value(base_node, "f32")
    from batuta.convert.numpy import bound_once

    bind, (start, stop, base) = bound_once(("a", start), ("b", stop), ("g", base), kind="f32")
    code = (f"(0..{num}).map(|i| f32::powf({base}, {start} + ({stop} - {start}) * i as f32 / "
            f"(({num}).max(2) - 1) as f32)).collect()")
    value = _vector(site, code)
    return Val(f"{{ {bind}{value.code} }}", value.ty) if bind else value


@R(FW, "numpy.newaxis", explain="x[:, np.newaxis]: a 1-D Vector as an n x 1 Matrix",
   emits=(f"{M}::from_vec",))
def _newaxis(site: Site) -> Val:
    raise Fail("np.newaxis outside x[:, np.newaxis]")


def column(site: Site, value: Val) -> Val:
    """``x[:, np.newaxis]`` for a 1-D trueno Vector: its data as an ``n x 1`` Matrix."""
    if deref(value.ty) != TRUENO_VECTOR:
        raise Fail(f"a new axis on a {value.ty}")
    prefix, code = _once(value.code, "v")
    return _block(prefix, _matrix(site, f"{code}.len()", "1", f"{code}.as_slice().to_vec()"))


@R(FW, "numpy.setdiff1d", operation="element_wise",
   explain="sorted distinct values of a not in b (filter, sort, dedup)", emits=(f"{V}::from_vec",))
def _setdiff1d(site: Site) -> Val:
    a, b = _array(site, site.need(0, "ar1")), _array(site, site.need(1, "ar2"))
    if {deref(a.ty), deref(b.ty)} != {TRUENO_VECTOR}:
        raise Fail("setdiff1d of 2-D arrays")
    site.arg(None, "assume_unique")  # the result is the same set either way
    code = (f"{{ let (sa, sb) = ({paren(a.code)}.as_slice(), {paren(b.code)}.as_slice()); "
            "let mut v: Vec<f32> = sa.iter().copied().filter(|x| !sb.contains(x)).collect(); "
            f"{_SORTED} v.dedup(); v }}")
    return _vector(site, code)


@R(FW, "numpy.r_", "numpy.c_", operation="element_wise",
   explain="np.r_[...] joins 1-D arrays end to end or stacks matrices row-wise; np.c_[...] "
           "makes 1-D arrays the columns of a matrix", emits=(f"{V}::from_vec", f"{M}::from_vec"))
def _index_trick(site: Site) -> Val:
    raise Fail(f"{site.symbol} outside an index expression")


def index_trick(site: Site, elements: list[ast.expr]) -> Val:
    """``np.r_[a, b, ...]`` / ``np.c_[a, b, ...]`` of trueno arrays (no slices, no strings)."""
    if not elements or any(isinstance(e, (ast.Slice, ast.Constant)) for e in elements):
        raise Fail(f"{site.symbol} with slices or directives")
    parts = [_array(site, e) for e in elements]
    kinds = {deref(p.ty) for p in parts}
    slices = ", ".join(f"{paren(p.code)}.as_slice()" for p in parts)
    if site.symbol == "numpy.r_":
        if kinds == {TRUENO_VECTOR}:
            return _vector(site, f"[{slices}].concat()")
        if kinds == {TRUENO_MATRIX}:
            total = " + ".join(f"{paren(p.code)}.rows()" for p in parts)
            return _matrix(site, total, f"{paren(parts[0].code)}.cols()", f"[{slices}].concat()")
        raise Fail("np.r_ of mixed 1-D / 2-D arrays")
    if kinds != {TRUENO_VECTOR}:
        raise Fail("np.c_ of 2-D arrays")
    # Row i of the result is (a[i], b[i], ...): read the columns' slices row by row. Each
    # column is bound once first, so a temporary (x.ravel()) outlives the slices of it.
    names = [f"c{i}" for i in range(len(parts))]
    bind = (f"let ({', '.join(names)},): ({', '.join(f'&{mark(V)}<f32>' for _ in parts)},) = "
            f"({', '.join('&' + paren(p.code) for p in parts)},);")
    cols = ", ".join(f"{n}.as_slice()" for n in names)
    code = (f"{{ let cols = [{cols}]; (0..cols[0].len()).flat_map(|i| cols.iter().map(move "
            "|c| c[i])).collect::<Vec<f32>>() }")
    value = _matrix(site, "c0.len()", str(len(parts)), code)
    return Val(f"{{ {bind} {value.code} }}", value.ty)


@R(FW, "numpy.ravel", "trueno::Matrix.ravel", "trueno::Matrix.flatten", "trueno::Vector.ravel",
   "trueno::Vector.flatten", explain="the row-major data as a 1-D Vector (a copy)",
   emits=(f"{V}::from_slice",))
def _ravel(site: Site) -> Val:
    value = site.recv if site.recv is not None else _array(site, site.need(0, "a"))
    if literal_order(site) != "C":
        raise Fail("ravel / flatten in Fortran order: trueno's data is row-major")
    if deref(value.ty) == TRUENO_VECTOR:
        return Val(f"{paren(value.code)}.clone()", TRUENO_VECTOR)
    if deref(value.ty) != TRUENO_MATRIX:
        raise Fail(f"ravel of a {value.ty}")
    return site.tr.call_item(mapping.item(f"{V}::from_slice"), None,
                             [f"{paren(value.code)}.as_slice()"])


def literal_order(site: Site) -> str:
    node = site.arg(None, "order")
    if node is None:
        return "C"
    if isinstance(node, ast.Constant) and node.value in ("C", "A", "K", "F"):
        return "C" if node.value in ("C", "A", "K") else "F"
    raise Fail(f"order={ast.unparse(node)}")


def _new_shape(site: Site, offset: int) -> list[ast.expr]:
    """``reshape(r, c)`` / ``reshape((r, c))`` / ``reshape(-1)``: the dimension nodes."""
    first = site.need(offset, "newshape" if offset else "shape")
    if isinstance(first, (ast.Tuple, ast.List)):
        dims = list(first.elts)
    else:
        dims = [first] + [site.need(offset + i, "shape") for i in
                          range(1, len(site.node.args) - offset)]
    if not 1 <= len(dims) <= 2:
        raise Fail("arrays of more than 2 dimensions have no trueno type")
    return dims


@R(FW, "numpy.reshape", "trueno::Vector.reshape", "trueno::Matrix.reshape",
   explain="the same row-major data in a new shape (one dimension may be -1); "
           "Matrix::from_vec checks the size at run time, as NumPy does",
   emits=(f"{V}::from_slice", f"{M}::from_vec"))
def _reshape(site: Site) -> Val:
    value = site.recv if site.recv is not None else _array(site, site.need(0, "a"))
    if deref(value.ty) not in (TRUENO_VECTOR, TRUENO_MATRIX):
        raise Fail(f"reshape of a {value.ty}")
    if literal_order(site) != "C":
        raise Fail("reshape in Fortran order: trueno's data is row-major")
    dims = _new_shape(site, 0 if site.recv is not None else 1)
    prefix, a = _once(value.code, "a")
    size = f"{a}.as_slice().len()"
    if len(dims) == 1:
        if site.tr.literal_int(dims[0]) != -1:
            raise Fail("reshape to a 1-D length other than -1: use reshape(-1)")
        vec = site.tr.call_item(mapping.item(f"{V}::from_slice"), None, [f"{a}.as_slice()"])
        return _block(prefix, vec)
    known = [site.tr.literal_int(d) for d in dims]
    if known.count(-1) > 1:
        raise Fail("reshape with more than one -1")
    codes = [f"{size} / {paren(site.tr.value(dims[1 - i], 'usize'))}" if k == -1 else
             site.tr.value(dims[i], "usize") for i, k in enumerate(known)]
    return _block(prefix, _matrix(site, codes[0], codes[1], f"{a}.as_slice().to_vec()"))
