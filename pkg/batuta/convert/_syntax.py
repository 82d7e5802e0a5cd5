"""Small syntax helpers of the engine: Python operators and their Rust spellings, assignment
patterns, ``print`` -> ``println!``, dotted names, and how arguments are passed."""

from __future__ import annotations

import ast

from batuta.convert._rust import Namer, reference, rust_str
from batuta.convert._values import KIND_FRAMEWORK, Expr

BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Mod: "%",
          ast.FloorDiv: "/", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
          ast.LShift: "<<", ast.RShift: ">>"}
OPERATOR_KEY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div",
                ast.MatMult: "matmul", ast.Pow: "pow"}
CMPOPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
          ast.GtE: ">="}


def pattern(target: ast.expr, namer: Namer) -> str | None:
    if isinstance(target, ast.Name):
        return namer(target.id)
    if isinstance(target, ast.Tuple) and all(isinstance(e, ast.Name) for e in target.elts):
        return "(" + ", ".join(namer(e.id) for e in target.elts if isinstance(e, ast.Name)) + ")"
    return None


def deref_pattern(pattern: str) -> str:
    return f"&{pattern}" if pattern.startswith("(") else pattern


def looks_like_module(name: str) -> bool:
    return any(part in name.lower() for part in ("model", "net", "module", "layer"))


def println(args: list[Expr], nodes: list[ast.expr]) -> Expr:
    """``print(a, "b", c)`` -> ``println!("{:?} b {:?}", a, c)``: string literals inline."""
    pieces: list[str] = []
    values: list[str] = []
    for value, node in zip(args, nodes, strict=True):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            pieces.append(node.value.replace("{", "{{").replace("}", "}}"))
        else:
            # Text prints as text (Display); everything else with Debug.
            pieces.append("{}" if value.rust_type == "String" else "{:?}")
            values.append(value.code)
    return Expr(f"println!({rust_str(' '.join(pieces))}{''.join(', ' + v for v in values)})")


def is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and (
        not isinstance(node.value, bool))


def arg_ref(value: Expr) -> str:
    """Framework objects and arrays are borrowed; scalars and literals go by value."""
    if value.kind in KIND_FRAMEWORK or value.kind in ("list",):
        return reference(value.code)
    return value.code


def paren(code: str) -> str:
    return code if " " not in code or code.startswith(("todo!", "vec![")) else f"({code})"


def root_name(node: ast.expr) -> str:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""




def self_code(dotted: str, namer: Namer) -> str:
    head, *rest = dotted.split(".")
    return ".".join(["self" if head == "self" else namer(head), *(namer(r) for r in rest)])
