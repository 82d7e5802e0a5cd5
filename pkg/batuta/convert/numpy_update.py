"""NumPy's in-place update of a slice (``y[::5] += noise``, ``X[:2, :] -= 1.0``) -> std code that
rebuilds the trueno array (issue 12).

trueno's ``Vector`` / ``Matrix`` have no mutable element access, but they have the row-major data
(``as_slice``), the shape (``len`` / ``rows`` / ``cols``) and ``from_vec``: the data is copied,
the selected elements updated, and the array rebuilt under the same name. Python's meaning is kept:
slices with literal bounds and a positive literal step (negative bounds count from the end,
bounds are clamped to the length), the right-hand side a number or an array broadcast as NumPy
broadcasts it (a dimension of 1 stretches; other shapes are NumPy's ``ValueError``, returned as an
error). The array must be one the function owns: no other name can see it (an assignment
``b = y`` moves it in the Rust), so replacing it is the same as updating it.
"""

from __future__ import annotations

import ast
from typing import Protocol

from batuta.convert.coerce import paren
from batuta.convert.core import Fail, Val
from batuta.convert.types import FLOATS_T, INTEGERS, TRUENO_MATRIX, TRUENO_VECTOR, deref

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class _Translator(Protocol):
    def typed(self, node: ast.expr) -> Val: ...

    def value(self, node: ast.expr, want: str) -> str: ...

    def literal_int(self, node: ast.expr | None) -> int | None: ...


def _bound(tr: _Translator, node: ast.expr | None, default: str, n: str) -> str:
    """One slice bound as a ``usize`` expression over the length ``n``."""
    if node is None:
        return default
    value = tr.literal_int(node)
    if value is None:
        raise Fail("a slice bound that is not a literal integer")
    if value < 0:
        return f"{n}.saturating_sub({-value})"
    return f"{n}.min({value})"


def _indices(tr: _Translator, index: ast.expr, n: str) -> str:
    """The indices a slice (or ``:``) selects from ``0..n``, as a ``Vec<usize>`` expression."""
    if not isinstance(index, ast.Slice):
        raise Fail("an index other than a slice (a single element or fancy indexing)")
    step = 1 if index.step is None else tr.literal_int(index.step)
    if step is None or step <= 0:
        raise Fail("a slice step that is not a positive literal")
    start = _bound(tr, index.lower, "0", n)
    stop = _bound(tr, index.upper, n, n)
    stepped = f".step_by({step})" if step != 1 else ""
    return f"({start}..{stop}){stepped}.collect::<Vec<usize>>()"


def slice_update(tr: _Translator, target: ast.Subscript, op: ast.operator, rhs: ast.expr,
                 ident: str, array_type: str) -> list[str]:
    """``ident[slices] op= rhs`` on a trueno array ``ident`` of type ``array_type``."""
    symbol = _OPS.get(type(op))
    if symbol is None:
        raise Fail("this augmented operator on a slice")
    parts = target.slice.elts if isinstance(target.slice, ast.Tuple) else [target.slice]
    matrix = array_type == TRUENO_MATRIX
    if len(parts) != (2 if matrix else 1) and not (matrix and len(parts) == 1):
        raise Fail("a slice with more indices than the array has dimensions")
    if matrix:
        rows = _indices(tr, parts[0], "y.rows()")
        cols = _indices(tr, parts[1], "y.cols()") if len(parts) == 2 else (
            "(0..y.cols()).collect::<Vec<usize>>()")
        width = "y.cols()"
    else:
        rows, cols, width = "vec![0usize]", _indices(tr, parts[0], "y.len()"), "0"
    other = _operand(tr, rhs)
    if not matrix and deref(other.ty) == TRUENO_MATRIX:
        raise Fail("a matrix added into a slice of a vector")
    head = (f"let y = &{ident}; let (rs, cs): (Vec<usize>, Vec<usize>) = ({rows}, {cols}); "
            f"let w: usize = {width}; let mut v: Vec<f32> = y.as_slice().to_vec();")
    if other.ty == "f32":
        # the right-hand side first (Python evaluates it before the update)
        bind, check, element = f"let k: f32 = {other.code};", "", "k"
    else:
        matrix_rhs = deref(other.ty) == TRUENO_MATRIX
        kind = "trueno::Matrix<f32>" if matrix_rhs else "trueno::Vector<f32>"
        dims = "(d.rows(), d.cols())" if matrix_rhs else "(1, d.len())"
        bind = f"let d: &{kind} = &{paren(other.code)};"
        check = (f"let (dr, dc): (usize, usize) = {dims}; "
                 "if (dr != rs.len() && dr != 1) || (dc != cs.len() && dc != 1) { "
                 "Err::<(), _>(\"could not broadcast input array into the slice's shape\")?; }")
        element = "d.as_slice()[(a % dr) * dc + b % dc]"
    loop = (f"for (a, &i) in rs.iter().enumerate() {{ for (b, &j) in cs.iter().enumerate() {{ "
            f"v[i * w + j] {symbol}= {element}; }} }}")
    rebuilt = ("trueno::Matrix::from_vec(y.rows(), y.cols(), v)?" if matrix
               else "trueno::Vector::from_vec(v)")
    return [f"{ident} = {{ {bind} {head} {check} {loop} {rebuilt} }};"]


def _operand(tr: _Translator, rhs: ast.expr) -> Val:
    """The right-hand side: a number (as f32) or a trueno array."""
    try:
        value = tr.typed(rhs)
    except Fail:
        return Val(tr.value(rhs, "f32"), "f32")
    kind = deref(value.ty)
    if kind in FLOATS_T or kind in INTEGERS:
        return Val(tr.value(rhs, "f32"), "f32")
    if kind in (TRUENO_VECTOR, TRUENO_MATRIX):
        return value
    raise Fail(f"updating a slice with a {value.ty}")
