"""Spelling a typed value as another type: borrows, slices, casts and crate crossings.

``coerce(code, have, want)`` returns Rust code of type ``want`` made from ``code`` of type
``have``, or ``None`` when no sound conversion exists. Data crossing between trueno and aprender
types, or between label vectors and float vectors, is converted explicitly here (the tables say
aprender's classifiers take ``&[usize]`` labels and its regressors ``&Vector<f32>``).
"""

from __future__ import annotations

import re

from batuta.convert.types import (
    APRENDER_MATRIX,
    APRENDER_VECTOR,
    FLOATS_T,
    INTEGERS,
    SCALARS,
    TRUENO_MATRIX,
    TRUENO_VECTOR,
    deref,
    mark,
)

_SIMPLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\([^()]*\))?)*$")


def paren(code: str) -> str:
    """``code`` wrapped in parentheses unless it is a plain name, path, call or literal."""
    if _SIMPLE.match(code) or re.fullmatch(r"-?[0-9][0-9_.]*(?:_?[a-z0-9]+)?", code):
        return code
    if code.startswith(("vec![", "format!(")) and code.endswith((")", "]")):
        return code
    depth = 0
    for i, ch in enumerate(code):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and ch in " +-*/%<>=!&|" and i not in (0,):
            return f"({code})"
    return code if not code.startswith(("&", "-", "!", "*")) else f"({code})"


_VECTORS = {TRUENO_VECTOR, APRENDER_VECTOR}
_MATRICES = {TRUENO_MATRIX, APRENDER_MATRIX}


def _slice_of(code: str, have: str, elem: str) -> str | None:
    """``&[elem]`` from ``have``."""
    base = deref(have)
    is_ref = have.startswith("&")
    if base == f"Vec<{elem}>" or have == f"&[{elem}]":
        return code if is_ref else f"&{code}"
    if base in _VECTORS and elem == "f32":
        return f"{paren(code)}.as_slice()"
    if elem == "usize" and base in _VECTORS:
        return (f"&{paren(code)}.as_slice().iter().map(|&v| v as usize)"
                f".collect::<Vec<usize>>()")
    if elem == "usize" and (base in ("Vec<i64>", "Vec<i32>") or have in ("&[i64]", "&[i32]")):
        return f"&{paren(code)}.iter().map(|&v| v as usize).collect::<Vec<usize>>()"
    if elem == "f32" and (base in ("Vec<i64>", "Vec<usize>") or have in ("&[i64]", "&[usize]")):
        return f"&{paren(code)}.iter().map(|&v| v as f32).collect::<Vec<f32>>()"
    return None


def _owned(code: str, have: str, want: str) -> str | None:
    """A value of owned type ``want``."""
    base = deref(have)
    if base == want:
        if have.startswith("&"):
            return f"*{code}" if want in SCALARS else f"{paren(code)}.clone()"
        return code
    if want in SCALARS and base in SCALARS and want != "bool" and base != "bool":
        value = f"*{code}" if have.startswith("&") else code
        return f"{paren(value)} as {want}"
    if want == "String" and base in ("&str", "String"):
        return f"{paren(code)}.to_string()"
    if want.startswith("Vec<") and have == f"&[{want[4:-1]}]":
        return f"{code}.to_vec()"
    if want in (APRENDER_VECTOR, TRUENO_VECTOR):
        path = mark(want.partition("<")[0])
        slice_code = _slice_of(code, have, "f32")
        if slice_code is not None and base != want:
            return f"{path}::from_slice({slice_code})"
    if want in _MATRICES and base in _MATRICES and base != want:
        # aprender and trueno each have their own Matrix<f32>: rebuild from the row-major data.
        rows, cols = ("n_rows", "n_cols") if base == APRENDER_MATRIX else ("rows", "cols")
        path = mark(want.partition("<")[0])
        c = paren(code)
        rebuilt = f"{path}::from_vec(m.{rows}(), m.{cols}(), m.as_slice().to_vec())?"
        if _SIMPLE.match(code) and "(" not in code:
            return rebuilt.replace("m.", f"{c}.")
        # Bind a computed matrix once: its expression (a call) must not run three times.
        return f"{{ let m = &{c}; {rebuilt} }}"
    if want == "Vec<usize>" or want == "Vec<f32>":
        slice_code = _slice_of(code, have, want[4:-1])
        if slice_code is not None:
            return f"{paren(slice_code)}.to_vec()"
    return None


def coerce(code: str, have: str, want: str) -> str | None:
    """``code`` (of type ``have``) as a value of type ``want``, or ``None``."""
    if have == want or have == "!":
        return code
    if want == "&str":
        return {"String": f"&{code}", "&String": code}.get(have)
    if want.startswith("&mut "):
        inner = want[5:]
        if have == want:
            return code
        if have == inner:
            return f"&mut {code}"
        return None
    if want.startswith("&["):
        return _slice_of(code, have, want[2:-1])
    if want.startswith("&"):
        inner = want[1:]
        if have in (f"&mut {inner}", inner + "&"):
            return code
        if have == inner:
            return f"&{code}"
        value = _owned(code, have, inner)
        return None if value is None else f"&{paren(value)}"
    if want in INTEGERS and have == "i64" and code.lstrip("-").isdigit():
        return code  # an integer literal fits any integer type
    return _owned(code, have, want)


def literal_for(value: int | float, want: str) -> str | None:
    """A Python number literal spelled as ``want`` (``3`` as ``f32`` -> ``3.0``)."""
    from batuta.convert._rust import rust_float

    if isinstance(value, bool):
        return None
    if want in FLOATS_T:
        return rust_float(float(value))
    if want in INTEGERS and isinstance(value, int):
        if value < 0 and want.startswith("u"):
            return None
        return str(value)
    return None
