"""Parsing untrusted code and running one conversion: the shared front half of every converter.

Bad input becomes a typed error: non-text or oversize input (``InvalidArgumentError``,
``InputTooLargeError``), code that does not parse (``SourceSyntaxError`` with line and column),
and code nested deeper than the translator walks (``NestingTooDeepError``).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from batuta.analyze.complexity import parse_python
from batuta.analyze.symbols import ImportTable
from batuta.backend import backend_recommend
from batuta.convert.results import MappedConstruct, SourceSpan, UnsupportedConstruct
from batuta.errors import (
    InputTooLargeError,
    InvalidArgumentError,
    NestingTooDeepError,
)
from batuta.limits import MAX_CONVERT_DEPTH as MAX_DEPTH
from batuta.limits import MAX_SOURCE_CHARS


def _sklearn_names() -> dict[str, str]:
    from batuta.convert.targets.emitted import APRENDER_ESTIMATORS, APRENDER_FUNCTIONS

    return {q.rpartition(".")[2]: q for q in [*APRENDER_ESTIMATORS, *APRENDER_FUNCTIONS]}


SNIPPET_DEFAULTS: dict[str, dict[str, str]] = {
    "numpy": {"np": "numpy", "numpy": "numpy"},
    "sklearn": {"np": "numpy", **_sklearn_names()},
    "pytorch": {"np": "numpy", "torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional",
                **{name: f"transformers.{name}" for name in (
                    "AutoTokenizer", "AutoModel", "AutoModelForCausalLM",
                    "AutoModelForSequenceClassification", "pipeline")}},
}
"""Names a snippet may use without importing them (the book's examples do: ``np.add(a, b)``)."""

def parse(code: object, filename: str = "<snippet>") -> ast.Module:
    """Parse untrusted Python source into a tree, or raise a typed ``BatutaError``."""
    if not isinstance(code, str):
        raise InvalidArgumentError("code must be a string", got=type(code).__name__)
    if len(code) > MAX_SOURCE_CHARS:
        raise InputTooLargeError(f"{filename} has {len(code):,} characters; the limit is "
                                 f"{MAX_SOURCE_CHARS:,}", limit=MAX_SOURCE_CHARS)
    tree = parse_python(code, filename)
    depth = nesting_depth(tree)
    if depth > MAX_DEPTH:
        raise NestingTooDeepError(f"{filename} nests {depth} levels deep; the limit is "
                                  f"{MAX_DEPTH}", depth=depth, limit=MAX_DEPTH)
    return tree


def nesting_depth(tree: ast.AST) -> int:
    """Deepest node depth, computed without recursion."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def bound_names(tree: ast.AST) -> set[str]:
    """Every name a tree binds (assignments, parameters, defs, imports, loop targets)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).partition(".")[0])
    return names


def make_table(tree: ast.Module, *, primary: str, snippet: bool) -> ImportTable:
    """The import table of a module (a snippet's bare names default to its framework)."""
    table = ImportTable.from_tree(tree)
    if snippet:
        bound = bound_names(tree)
        for name, qual in SNIPPET_DEFAULTS.get(primary, {}).items():
            if name not in bound:
                table.bindings[name] = qual
    return table


def reconcile(mappings: list[MappedConstruct], unsupported: list[UnsupportedConstruct],
              tree: ast.Module, failed: list[tuple[int, int, str]] | None = None) -> None:
    """Every call site the analyzer detects is mapped or listed as unsupported.

    The analyzer (``analyze.frameworks``) and the converters read code through the same import
    table; this pass makes their agreement a guarantee: a detected site that no translation
    accounted for (a class base, a decorator, a default value, a class attribute) is added to
    ``unsupported`` with the reason.
    """
    from batuta.analyze.frameworks import find_call_sites

    seen = {(m.span.line, m.span.col) for m in mappings}
    seen |= {(u.span.line, u.span.col) for u in unsupported}
    for site in find_call_sites(tree):
        if not site.convertible or (site.line, site.column) in seen:
            continue
        seen.add((site.line, site.column))
        # The innermost statement kept as Python that holds the site says why.
        around = [(end - start, why) for start, end, why in failed or []
                  if start <= site.line <= end]
        reason = (f"in a statement kept as Python: {min(around)[1]}" if around else
                  "not converted: it sits in code kept as Python comments (a class, a "
                  "decorator or a default value)")
        unsupported.append(UnsupportedConstruct(
            site.framework, site.symbol, SourceSpan(site.line, site.column, site.line,
                                                    site.column), reason,
            operation_of(site.symbol)))


def operation_of(symbol: str) -> str:
    """The router operation a mapping of ``symbol`` has ("" when none or refused)."""
    from batuta.convert.registry import REGISTRY

    rule = REGISTRY.find(symbol)
    return rule.operation if rule is not None and not rule.refused else ""


_ORDER = ("Scalar", "SIMD", "GPU")


def recommend(mappings: list[MappedConstruct] | tuple[MappedConstruct, ...], data_size: int,
              hardware: Mapping[str, object] | None = None,
              unsupported: list[UnsupportedConstruct] | tuple[UnsupportedConstruct, ...] = (),
              ) -> tuple[str, str]:
    """The highest backend any recognized operation needs at ``data_size``, and why (the
    operations of recognized calls whose statements stayed Python count too)."""
    best, why = "Scalar", "no operation in the router's table was converted"
    ops = {m.operation for m in mappings if m.operation}
    ops |= {u.operation for u in unsupported if u.operation}
    for op in sorted(ops):
        decision = backend_recommend(op, data_size, hardware)
        if _ORDER.index(decision.backend) >= _ORDER.index(best):
            if decision.backend != best or why.startswith("no operation"):
                why = f"{op}: {decision.rationale}"
            best = decision.backend
    return best, why
