"""Raw per-file measures behind the TDG components: import fan-out, docstring coverage, naming
and layout consistency, and the normalized line hashes that duplication is found from.

Everything here reads text or the statement level of a Python tree only (definitions and
imports live in statement lists), so it adds little to the one full AST pass of ``complexity``.
"""

from __future__ import annotations

import ast
import re
import zlib
from dataclasses import dataclass

LONG_LINE = 120
"""A line longer than this is counted against layout consistency (black uses 88, many C/Java
style guides 100-120; 120 flags only what is long under any of them)."""

MIN_DUP_LINE_CHARS = 4
"""Normalized lines shorter than this (``}``, ``)``, ``fi``) join no duplication window: runs of
closing brackets are alike in every file and say nothing about copied code."""

_COMMENT_PREFIXES: dict[str, tuple[str, ...]] = {
    "Python": ("#",),
    "Shell": ("#",),
    "Rust": ("//", "/*", "*"),
}
_C_STYLE_COMMENTS = ("//", "/*", "*")

_IMPORT_PATTERNS: dict[str, re.Pattern[str]] = {
    "C": re.compile(r'^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]', re.M),
    "C++": re.compile(r'^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]', re.M),
    "Rust": re.compile(r"^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?(?:use|extern[ \t]+crate)[ \t]+"
                       r"([\w:]+)", re.M),
    "Java": re.compile(r"^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)", re.M),
    "JavaScript": re.compile(r"""(?:\bfrom[ \t]+|^[ \t]*import[ \t]+|\brequire[ \t]*\([ \t]*)"""
                             r"""['"]([^'"\n]+)['"]""", re.M),
    "Shell": re.compile(r"^[ \t]*(?:source|\.)[ \t]+([^\s;&|]+)", re.M),
}
_IMPORT_PATTERNS["TypeScript"] = _IMPORT_PATTERNS["JavaScript"]
_GO_SINGLE = re.compile(r'^[ \t]*import[ \t]+(?:[\w.]+[ \t]+)?"([^"\n]+)"', re.M)
_GO_BLOCK = re.compile(r"^[ \t]*import[ \t]*\(([^)]*)\)", re.M)
_GO_PATH = re.compile(r'"([^"\n]+)"')

_SNAKE = re.compile(r"_{0,2}[a-z0-9]+(?:_[a-z0-9]+)*_{0,2}")
_LOWER_CAMEL = re.compile(r"_?[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+")
_CAP_WORDS = re.compile(r"_?[A-Z][A-Za-z0-9]*")


@dataclass(frozen=True)
class LineScan:
    """What one pass over a file's lines found."""

    hashes: tuple[int, ...]
    indent_share: float
    short_share: float


@dataclass(frozen=True)
class PythonFacts:
    """What the statement-level walk of a Python tree found."""

    imports: int
    documentable: int
    documented: int
    function_styles: tuple[int, int, int]  # snake_case, lowerCamelCase, anything else
    classes: int
    cap_word_classes: int


def scan_lines(text: str, language: str) -> LineScan:
    """One pass over the lines: duplication hashes and the two layout-consistency shares.

    A meaningful line (for duplication) is stripped, not blank, not comment-only and at least
    ``MIN_DUP_LINE_CHARS`` long. Layout: the share of indented lines using the majority indent
    character (1.0 when nothing is indented) and the share of non-blank lines of at most
    ``LONG_LINE`` characters.

    Example:
        >>> len(scan_lines("x = 1\\n\\n  # note\\n}\\nreturn x\\n", "Python").hashes)
        2
    """
    prefixes = _COMMENT_PREFIXES.get(language, _C_STYLE_COMMENTS)
    crc32 = zlib.crc32
    out: list[int] = []
    tabs = spaces = long = lines = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        lines += 1
        long += len(raw) > LONG_LINE
        tabs += raw[0] == "\t"
        spaces += raw[0] == " "
        if len(line) < MIN_DUP_LINE_CHARS or line.startswith(prefixes):
            continue
        # crc32 + length, not hash(): stable across processes, so files measured in worker
        # processes still meet in one duplicate table.
        out.append(crc32(line.encode("utf-8", "surrogatepass")) | (len(line) << 32))
    indent = max(tabs, spaces) / (tabs + spaces) if tabs + spaces else 1.0
    short = 1.0 - long / lines if lines else 1.0
    return LineScan(tuple(out), indent, short)


def text_imports(text: str, language: str) -> int | None:
    """Distinct modules/headers/crates a non-Python file pulls in, or None if not known."""
    if language == "Go":
        found = set(_GO_SINGLE.findall(text))
        for block in _GO_BLOCK.findall(text):
            found.update(_GO_PATH.findall(block))
        return len(found)
    pattern = _IMPORT_PATTERNS.get(language)
    return None if pattern is None else len(set(pattern.findall(text)))


def _has_docstring(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
                   ) -> bool:
    body = node.body
    return bool(body) and isinstance(body[0], ast.Expr) and isinstance(
        body[0].value, ast.Constant) and isinstance(body[0].value.value, str)


def _style(name: str) -> int:
    if _SNAKE.fullmatch(name):
        return 0
    return 1 if _LOWER_CAMEL.fullmatch(name) else 2


_BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")
_BLOCKS_OF: dict[type, tuple[str, ...]] = {}
_CLAUSES = (ast.ExceptHandler, ast.match_case)


def _blocks_of(kind: type) -> tuple[str, ...]:
    fields = _BLOCKS_OF.get(kind)
    if fields is None:
        present = getattr(kind, "_fields", ())
        fields = _BLOCKS_OF[kind] = tuple(f for f in _BLOCK_FIELDS if f in present)
    return fields


class _FactsWalk:
    """Accumulates ``PythonFacts`` over the statements of a tree, without recursion."""

    def __init__(self) -> None:
        self.modules: set[str] = set()
        self.documentable = 1  # the module itself
        self.documented = 0
        self.styles = [0, 0, 0]
        self.classes = 0
        self.cap_words = 0

    def visit(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Import):
            self.modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            self.modules.add("." * node.level + (node.module or ""))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.styles[_style(node.name)] += 1
            self._public(node)
        elif isinstance(node, ast.ClassDef):
            self.classes += 1
            self.cap_words += bool(_CAP_WORDS.fullmatch(node.name))
            self._public(node)

    def _public(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Public means not underscored; dunders (``__init__``) are documented by their class.
        if node.name.startswith("_"):
            return
        self.documentable += 1
        self.documented += _has_docstring(node)


_INTERESTING = frozenset({ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                          ast.ClassDef})


def python_facts(tree: ast.Module) -> PythonFacts:
    """Imports, docstring coverage and naming styles of one module, from its statements."""
    walk = _FactsWalk()
    walk.documented += _has_docstring(tree)
    stack: list[ast.stmt] = list(tree.body)
    pop, push, extend = stack.pop, stack.append, stack.extend
    blocks = _BLOCKS_OF
    while stack:
        node = pop()
        kind = type(node)
        if kind in _INTERESTING:
            walk.visit(node)
        fields = blocks.get(kind)
        if fields is None:
            fields = _blocks_of(kind)
        for name in fields:  # the statement lists inside a compound statement
            for child in getattr(node, name):
                if isinstance(child, _CLAUSES):
                    extend(child.body)
                else:
                    push(child)
    snake, camel, other = walk.styles
    return PythonFacts(imports=len(walk.modules), documentable=walk.documentable,
                       documented=walk.documented, function_styles=(snake, camel, other),
                       classes=walk.classes, cap_word_classes=walk.cap_words)
