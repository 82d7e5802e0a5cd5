"""Python's ``math`` module in converted code: std ``f32`` methods and consts (issue 12).

The converter's Python floats are ``f32`` (float literals, ``float(x)``), so ``math``'s results
are too. Python raises where std would hand back a special value: ``math.log`` / ``math.sqrt``
outside their domain (``ValueError: math domain error``), ``math.exp`` past the float range
(``OverflowError``), ``math.floor`` / ``math.ceil`` of NaN or infinity (their result is an
``int``). The Rust code returns ``Err`` there, never a NaN or a saturated integer Python would
not give; a literal argument inside the domain needs no check. Names outside this table raise
``Fail`` (the statement stays Python, with the reason).
"""

from __future__ import annotations

import ast
from typing import Protocol

from batuta.convert.core import Fail, Val

# math.X constants, as f32 (Python's float); math.nan / math.inf are the special values
CONSTS = {
    "pi": "std::f32::consts::PI",
    "e": "std::f32::consts::E",
    "tau": "std::f32::consts::TAU",
    "inf": "f32::INFINITY",
    "nan": "f32::NAN",
}

# one-argument functions: the std method and the check of the argument `v` that raises in
# Python (None: defined everywhere); a NaN argument passes each check, as Python returns NaN
_DOMAIN = {
    "sqrt": ("sqrt", "v < 0.0"),
    "log": ("ln", "v <= 0.0"),
    "log2": ("log2", "v <= 0.0"),
    "log10": ("log10", "v <= 0.0"),
    "exp": ("exp", None),
    "fabs": ("abs", None),
}



class Exprs(Protocol):
    """What this module needs of the expression translator."""

    def value(self, node: ast.expr, want: str) -> str: ...

    def typed_or_none(self, node: ast.expr) -> Val | None: ...


def math_const(name: str) -> Val:
    """``math.pi`` and friends."""
    if name not in CONSTS:
        raise Fail(f"math.{name} has no translation")
    return Val(CONSTS[name], "f32")


def math_call(node: ast.Call, name: str, tr: Exprs) -> Val:
    """A call of ``math.<name>``."""
    if name == "isclose":
        return _isclose(node, tr)
    if node.keywords or len(node.args) != 1:
        raise Fail(f"math.{name} with other than one positional argument")
    arg = node.args[0]
    if name in ("floor", "ceil"):
        return _to_int(arg, name, tr)
    if name not in _DOMAIN:
        raise Fail(f"math.{name} has no translation")
    method, bad = _DOMAIN[name]
    literal = _literal(arg)
    code = tr.value(arg, "f32")
    if name == "exp":  # Python's OverflowError where the result leaves the float range
        return Val(f"{{ let v: f32 = {code}; let r = v.exp(); if r.is_infinite() && "
                   "v.is_finite() { Err::<(), _>(\"math range error\")?; } r }", "f32")
    if bad is None or (literal is not None and _inside(literal, bad)):
        return Val(f"f32::{method}({code})", "f32")
    return Val(f"{{ let v: f32 = {code}; if {bad} {{ Err::<(), _>(\"math domain error\")?; }} "
               f"v.{method}() }}", "f32")


def _literal(node: ast.expr) -> float | None:
    """A number literal (``-2.0`` included), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and (
            not isinstance(node.value, bool)):
        return float(node.value)
    return None


def _inside(number: float, bad: str) -> bool:
    """Whether a literal argument passes the domain check ``bad`` (so needs none)."""
    return number >= 0.0 if bad == "v < 0.0" else number > 0.0


def _to_int(arg: ast.expr, name: str, tr: Exprs) -> Val:
    """``math.floor`` / ``math.ceil``: Python's ``int``; NaN, infinity and floats beyond i64
    raise (Python's ValueError / OverflowError, or an int wider than i64) where ``as i64``
    would give 0 or saturate."""
    known = tr.typed_or_none(arg)
    if known is not None and known.ty.lstrip("&") in ("i64", "i32", "usize"):
        return Val(tr.value(arg, "i64"), "i64")  # of an int: the int itself
    code = tr.value(arg, "f32")
    return Val(f"{{ let r = ({code}).{name}(); if !(r.abs() < 9.223372e18) {{ "
               f"Err::<(), _>(\"cannot convert float NaN or infinity (or beyond i64) to "
               f"integer\")?; }} r as i64 }}", "i64")


def _isclose(node: ast.Call, tr: Exprs) -> Val:
    """``math.isclose(a, b, rel_tol=1e-09, abs_tol=0.0)`` with Python's rule: equal values
    are close, an infinity is close to nothing else, negative tolerances raise ValueError."""
    if len(node.args) != 2:
        raise Fail("math.isclose with other than two positional arguments")
    tols = {"rel_tol": "1e-9", "abs_tol": "0.0"}
    for keyword in node.keywords:
        if keyword.arg not in tols:
            raise Fail(f"math.isclose's {keyword.arg}")
        tols[keyword.arg] = tr.value(keyword.value, "f32")
    a, b = tr.value(node.args[0], "f32"), tr.value(node.args[1], "f32")
    return Val(f"{{ let (a, b, rel, abs_tol): (f32, f32, f32, f32) = ({a}, {b}, "
               f"{tols['rel_tol']}, {tols['abs_tol']}); if rel < 0.0 || abs_tol < 0.0 {{ "
               "Err::<(), _>(\"tolerances must be non-negative\")?; } a == b || "
               "(!a.is_infinite() && !b.is_infinite() && "
               "(a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs_tol)) }", "bool")
