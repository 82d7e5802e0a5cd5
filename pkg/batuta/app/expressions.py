"""The ``{{ source | transform(args) | ... }}`` expression language: tokenizer, parser, AST.

Grammar (whitespace between tokens is free)::

    template   := (text | "{{" pipeline "}}")*
    pipeline   := source ("|" call)*
    source     := NAME ("." NAME)*
    call       := NAME ["(" [arg ("," arg)*] ")"]
    arg        := NAME "=" operand | operand [CMP operand]
    operand    := NAME ("." NAME)* | STRING | NUMBER | "true" | "false" | "null"
    CMP        := "==" | "!=" | "<" | "<=" | ">" | ">="

Every transform's arguments are checked when the expression is parsed, so an unknown transform
or a bad argument fails at load time. Nothing is ever passed to ``eval``; evaluation lives in
:mod:`batuta.app._evaluate`. ``unparse`` gives text that parses back to an equal AST.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from batuta.errors import ExpressionError
from batuta.limits import MAX_EXPRESSION_CHARS, MAX_TEMPLATE_CHARS

__all__ = ["MAX_EXPRESSION_CHARS", "MAX_STEPS", "TRANSFORMS", "Call", "Compare", "Field",
           "Literal", "Pipeline", "Template", "check_call", "is_template", "parse",
           "parse_template", "tokenize", "unparse", "unparse_template"]

MAX_STEPS = 32
"""Most transforms one pipeline may chain."""

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Field:
    """A (dotted) field or source name, e.g. ``language`` or ``tdg.score``."""

    path: tuple[str, ...]


@dataclass(frozen=True)
class Literal:
    """A string, number, boolean or null constant."""

    value: Scalar


@dataclass(frozen=True)
class Compare:
    """``left OP right`` inside a transform's argument list (``filter(code > 100)``)."""

    left: Operand
    op: str
    right: Operand


Operand = Field | Literal
Arg = Field | Literal | Compare


@dataclass(frozen=True)
class Call:
    """One transform step: its name, positional and named arguments."""

    name: str
    args: tuple[Arg, ...] = ()
    named: tuple[tuple[str, Operand], ...] = ()


@dataclass(frozen=True)
class Pipeline:
    """``source | step | step``: where the data comes from and what is done to it."""

    source: Field
    steps: tuple[Call, ...] = ()


@dataclass(frozen=True)
class Template:
    """A string with zero or more ``{{ }}`` holes; ``parts`` alternate text and pipelines."""

    parts: tuple[str | Pipeline, ...]

    @property
    def single(self) -> Pipeline | None:
        """The pipeline when the whole string is exactly one ``{{ }}`` (value keeps its type)."""
        only = [p for p in self.parts if not (isinstance(p, str) and not p.strip())]
        return only[0] if len(only) == 1 and isinstance(only[0], Pipeline) else None

    @property
    def pipelines(self) -> tuple[Pipeline, ...]:
        return tuple(p for p in self.parts if isinstance(p, Pipeline))


# --- transform signatures --------------------------------------------------------------------
_AGGREGATES = ("sum", "mean", "min", "max")
TRANSFORMS: dict[str, str] = {
    "filter": "keep rows matching every condition: filter(code > 100, language == \"Python\")",
    "select": "keep only the named columns: select(language, code)",
    "sort": "order rows by a column: sort(code) or sort(code, desc=true)",
    "limit": "keep the first N rows: limit(10)",
    "count": "number of rows: count",
    "sum": "total of a column: sum(code)",
    "mean": "average of a column: mean(code)",
    "min": "smallest value of a column: min(code)",
    "max": "largest value of a column: max(code)",
    "percentage": "share of the source's rows (or of a column's total) kept: percentage",
    "group_by": "one row per key with a count: group_by(language, sum=code)",
    "join": "merge rows of another source on a key: join(other, on=id)",
}
"""Every transform the language knows, with a one-line usage shown in errors."""


def _bad(call: Call, why: str) -> ExpressionError:
    return ExpressionError(f"{call.name}: {why}; usage: {TRANSFORMS[call.name]}",
                           transform=call.name)


def _fields_only(call: Call, lo: int, hi: int) -> None:
    if not lo <= len(call.args) <= hi or any(not isinstance(a, Field) for a in call.args):
        want = f"{lo}" if lo == hi else f"{lo} to {hi}"
        raise _bad(call, f"expects {want} column name(s)")


def _check_filter(call: Call) -> None:
    if not call.args and not call.named:
        raise _bad(call, "needs at least one condition")
    if any(isinstance(a, Literal) for a in call.args):
        raise _bad(call, "a condition must name a column")


def _check_sort(call: Call) -> None:
    _fields_only(call, 1, 1)
    desc = dict(call.named).get("desc", Literal(False))
    if set(dict(call.named)) - {"desc"} or not (isinstance(desc, Literal)
                                                and isinstance(desc.value, bool)):
        raise _bad(call, "only desc=true|false may be named")


def _check_limit(call: Call) -> None:
    arg = call.args[0] if len(call.args) == 1 else None
    val = arg.value if isinstance(arg, Literal) else None
    if isinstance(val, bool) or not isinstance(val, int) or val < 0:
        raise _bad(call, "expects one non-negative whole number")


def _check_join(call: Call) -> None:
    _fields_only(call, 1, 1)
    named = dict(call.named)
    if set(named) != {"on"} or not isinstance(named["on"], Field):
        raise _bad(call, "needs on=<column>")


_CHECKS: dict[str, Callable[[Call], None]] = {
    "filter": _check_filter,
    "select": lambda c: _fields_only(c, 1, 64),
    "sort": _check_sort,
    "limit": _check_limit,
    "count": lambda c: _fields_only(c, 0, 0),
    **{name: (lambda c: _fields_only(c, 0, 1)) for name in (*_AGGREGATES, "percentage")},
    "group_by": lambda c: _check_group_by(c, dict(c.named)),
    "join": _check_join,
}


def check_call(call: Call) -> None:
    """Validate a transform's name and arguments (raises :class:`ExpressionError`)."""
    if call.name not in TRANSFORMS:
        raise ExpressionError(
            f"unknown transform {call.name!r}; known: {', '.join(sorted(TRANSFORMS))}",
            transform=call.name)
    _CHECKS[call.name](call)
    if call.name not in ("filter", "sort", "group_by", "join") and call.named:
        raise _bad(call, "takes no named arguments")


def _check_group_by(call: Call, named: dict[str, Operand]) -> None:
    _fields_only(call, 1, 1)
    for key, value in named.items():
        if key not in _AGGREGATES:
            raise _bad(call, f"named arguments are aggregates ({', '.join(_AGGREGATES)})")
        if not isinstance(value, Field):
            raise _bad(call, f"{key}= must name a column")


# --- tokenizer ---------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<number>-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|=|\||\(|\)|,|\.)
""", re.VERBOSE)
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "r": "\r"}
_KEYWORDS: dict[str, Scalar] = {"true": True, "false": False, "null": None}


@dataclass(frozen=True)
class Token:
    kind: str  # number | string | name | op | end
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """Split a pipeline body into tokens; anything not in the grammar is an error."""
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"expression is {len(text)} characters; the bound is "
                              f"{MAX_EXPRESSION_CHARS}")
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            raise ExpressionError(f"unexpected character {text[pos]!r} at column {pos + 1}",
                                  column=pos + 1)
        kind = m.lastgroup or "ws"
        if kind != "ws":
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _unquote(tok: Token) -> str:
    body, out, i = tok.text[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt not in _ESCAPES:
                raise ExpressionError(f"unknown escape \\{nxt} at column {tok.pos + i + 2}")
            out.append(_ESCAPES[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


# --- parser ------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self, kind: str, text: str | None = None) -> Token:
        tok = self.peek()
        if tok.kind != kind or (text is not None and tok.text != text):
            want = repr(text) if text else kind
            got = repr(tok.text) if tok.kind != "end" else "end of expression"
            raise ExpressionError(f"expected {want} at column {tok.pos + 1}, found {got}",
                                  column=tok.pos + 1)
        self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.peek()
        return tok.kind == kind and (text is None or tok.text == text)

    def pipeline(self) -> Pipeline:
        source = self.dotted()
        steps: list[Call] = []
        while self.at("op", "|"):
            self.take("op", "|")
            steps.append(self.call())
            if len(steps) > MAX_STEPS:
                raise ExpressionError(f"more than {MAX_STEPS} transforms in one pipeline")
        self.take("end")
        return Pipeline(source, tuple(steps))

    def name(self) -> str:
        tok = self.take("name")
        if tok.text in _KEYWORDS:
            raise ExpressionError(f"{tok.text!r} is a keyword, not a name (column {tok.pos + 1})",
                                  column=tok.pos + 1)
        return tok.text

    def dotted(self) -> Field:
        parts = [self.name()]
        while self.at("op", "."):
            self.take("op", ".")
            parts.append(self.name())
        return Field(tuple(parts))

    def call(self) -> Call:
        name = self.name()
        args: list[Arg] = []
        named: list[tuple[str, Operand]] = []
        if self.at("op", "("):
            self.take("op", "(")
            if not self.at("op", ")"):
                self.argument(args, named)
                while self.at("op", ","):
                    self.take("op", ",")
                    self.argument(args, named)
            self.take("op", ")")
        if len({k for k, _ in named}) != len(named):
            raise ExpressionError(f"{name}: a named argument is given twice")
        call = Call(name, tuple(args), tuple(named))
        check_call(call)
        return call

    def argument(self, args: list[Arg], named: list[tuple[str, Operand]]) -> None:
        # The token list always ends with "end"; at it there is no next token to look at.
        nxt = self.tokens[min(self.i + 1, len(self.tokens) - 1)]
        if self.at("name") and nxt.kind == "op" and nxt.text == "=":
            key = self.name()
            self.take("op", "=")
            named.append((key, self.operand()))
            return
        if named:
            tok = self.peek()
            raise ExpressionError(f"positional argument after a named one (column {tok.pos + 1})")
        left = self.operand()
        if self.peek().kind == "op" and self.peek().text in ("==", "!=", "<", "<=", ">", ">="):
            op = self.take("op").text
            args.append(Compare(left, op, self.operand()))
        else:
            args.append(left)

    def operand(self) -> Operand:
        tok = self.peek()
        if tok.kind == "string":
            self.i += 1
            return Literal(_unquote(tok))
        if tok.kind == "number":
            self.i += 1
            is_int = re.fullmatch(r"-?\d+", tok.text) is not None
            return Literal(int(tok.text) if is_int else float(tok.text))
        if tok.kind == "name" and tok.text in _KEYWORDS:
            self.i += 1
            return Literal(_KEYWORDS[tok.text])
        return self.dotted()


def parse(text: str) -> Pipeline:
    """Parse one pipeline body (the text between ``{{`` and ``}}``).

    Example:
        >>> parse('data.files | filter(code > 100) | count').steps[0].name
        'filter'
    """
    return _Parser(text).pipeline()


def parse_template(text: str) -> Template:
    """Split a string into literal text and ``{{ }}`` pipelines; stray braces are errors.

    One left-to-right scan with ``str.find`` (linear): a ``{{`` with no ``}}`` after it fails at
    once instead of being retried from every later ``{{``.
    """
    if len(text) > MAX_TEMPLATE_CHARS:
        raise ExpressionError(f"template is {len(text):,} characters; the bound is "
                              f"{MAX_TEMPLATE_CHARS:,}")
    parts: list[str | Pipeline] = []
    pos = 0
    while (start := text.find("{{", pos)) >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break
        parts.append(text[pos:start])
        parts.append(parse(text[start + 2:end]))
        pos = end + 2
    parts.append(text[pos:])
    for part in parts:
        if isinstance(part, str) and ("{{" in part or "}}" in part):
            raise ExpressionError(f"unbalanced '{{{{' or '}}}}' in {text[:80]!r}")
    return Template(tuple(p for p in parts if p != ""))


def is_template(value: object) -> bool:
    """Whether a YAML value is a string holding at least one ``{{``."""
    return isinstance(value, str) and ("{{" in value or "}}" in value)


# --- unparse -------------------------------------------------------------------------------------
def _unparse_scalar(value: Scalar) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExpressionError("non-finite numbers are not in the grammar")
        return repr(value)
    if isinstance(value, int):
        return str(value)
    body = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + body.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


def _unparse_arg(arg: Arg) -> str:
    if isinstance(arg, Field):
        return ".".join(arg.path)
    if isinstance(arg, Literal):
        return _unparse_scalar(arg.value)
    return f"{_unparse_arg(arg.left)} {arg.op} {_unparse_arg(arg.right)}"


def unparse(node: Pipeline) -> str:
    """Text for a pipeline AST; ``parse(unparse(p)) == p``."""
    out = ".".join(node.source.path)
    for step in node.steps:
        out += f" | {step.name}"
        items = [_unparse_arg(a) for a in step.args]
        items += [f"{k}={_unparse_arg(v)}" for k, v in step.named]
        if items:
            out += f"({', '.join(items)})"
    return out


def unparse_template(template: Template) -> str:
    """Text for a template: literal text kept, each pipeline as ``{{ ... }}``."""
    return "".join(p if isinstance(p, str) else f"{{{{ {unparse(p)} }}}}" for p in template.parts)
