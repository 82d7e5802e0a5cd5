"""Complexity per function: Python through our own single AST pass (radon's cyclomatic rules,
SonarSource's cognitive complexity, see ``_cognitive``), other languages through lizard.

Which blocks are reported follows radon: every function and method, methods named
``Class.method``, methods of nested classes ``Outer.Inner.method``. Functions nested in
functions (radon's "closures") are reported too, named ``outer.inner`` (``Class.method.inner``
for a method's closure), with their own complexity that is not added to the outer function;
likewise methods of a class defined inside a function (``outer.Local.method``), which radon
drops. Bands are SPEC.md §6: 1-10 simple, 11-20 moderate, 21-50 complex, over 50 very complex.
"""

from __future__ import annotations

import ast
import gc
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from batuta.analyze._cognitive import FuncNode, measure_body
from batuta.analyze.results import FunctionComplexity
from batuta.errors import InputTooLargeError, NestingTooDeepError, SourceSyntaxError, TDGError
from batuta.limits import LIZARD_MAX_CHARS, LIZARD_MAX_LINE_CHARS

# Bounds (and why) live in batuta.limits; re-exported here for existing importers.
__all__ = ["LIZARD_MAX_CHARS", "LIZARD_MAX_LINE_CHARS"]

LIZARD_EXTENSIONS: frozenset[str] = frozenset({
    ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".js", ".mjs", ".cjs", ".jsx", ".ts",
    ".tsx", ".go", ".java", ".rs", ".m", ".mm", ".swift", ".kt", ".kts", ".scala", ".rb",
    ".php", ".lua", ".cs", ".f90", ".f", ".for", ".sol", ".erl", ".pl", ".pm", ".zig",
})
"""File endings lizard 1.24 has a reader for. Lizard has no shell reader, so shell scripts (and
every other kind) get no per-function data: an empty list, not an error."""


def band_for(cyclomatic: int) -> str:
    """The SPEC.md §6 band of a cyclomatic complexity.

    Example:
        >>> band_for(10), band_for(11), band_for(50), band_for(51)
        ('simple', 'moderate', 'complex', 'very complex')
    """
    if cyclomatic <= 10:
        return "simple"
    if cyclomatic <= 20:
        return "moderate"
    if cyclomatic <= 50:
        return "complex"
    return "very complex"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that builds and walks ASTs.

    An AST holds no reference cycles, so reference counting frees it; but every node is a
    GC-tracked container, and building hundreds of thousands of them triggers full collections
    that rescan everything alive. It matters when many trees are alive at once (measured here:
    parsing 157,658 lines of the standard library into a list of trees took 15.1-23.7 s with
    the collector on, 4.6-5.7 s paused); parsing one file at a time and dropping each tree,
    the difference is within noise. The previous state is restored, so nesting is safe.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_python(text: str, filename: str = "<code>") -> ast.Module:
    """``ast.parse`` with every failure typed: the one parser of untrusted Python in Batuta
    (analysis and conversion both use it). The parser itself recurses, so very deep
    expressions (about 1,000 nested ternaries or ``not``s) exhaust it. Parses with the
    collector paused (see ``gc_paused``).

    Raises:
        SourceSyntaxError: The text is not valid Python (or holds a NUL byte); ``details``
            has ``line``, ``column`` and ``reason`` (the parser's own words).
        NestingTooDeepError: The parser ran out of stack or memory on deep nesting.
    """
    try:
        with gc_paused(), warnings.catch_warnings():
            # The analyzed code's invalid escapes ("\d") warn at parse time; they are the
            # project's business, not messages for the person running Batuta.
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=filename)
    except SyntaxError as exc:  # IndentationError too ("too many levels of indentation")
        raise SourceSyntaxError(f"{filename}:{exc.lineno or 0}:{exc.offset or 0}: {exc.msg}",
                                path=filename, line=exc.lineno or 0, column=exc.offset or 0,
                                reason=f"syntax error: {exc.msg}") from None
    except ValueError as exc:  # NUL bytes, unencodable surrogates, huge int literals
        raise SourceSyntaxError(f"{filename}: {exc}", path=filename, line=0, column=0,
                                reason=f"does not parse: {exc}") from None
    except (RecursionError, MemoryError) as exc:
        raise NestingTooDeepError(f"{filename}: nesting too deep to parse "
                                  f"({type(exc).__name__})", path=filename) from None


# A definition to measure: (node, qualified name, is it a method).
_Found = tuple[FuncNode, str, bool]


def _definitions(body: list[ast.stmt], prefix: str, in_class: bool) -> list[_Found]:
    """Functions and methods defined in a module or class body, at any statement depth.

    Definitions can only sit in statement lists, so only those are walked (iteratively);
    class bodies are entered with the class name added to the prefix.
    """
    found: list[_Found] = []
    stack: list[tuple[ast.stmt, str, bool]] = [(s, prefix, in_class) for s in reversed(body)]
    while stack:
        node, pre, method = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append((node, pre + node.name, method))
        elif isinstance(node, ast.ClassDef):
            stack.extend((s, f"{pre}{node.name}.", True) for s in reversed(node.body))
        else:
            stack.extend((s, pre, method) for s in reversed(_child_statements(node)))
    return found


def _child_statements(node: ast.stmt) -> list[ast.stmt]:
    children: list[ast.stmt] = []
    for name in ("body", "orelse", "finalbody"):
        children.extend(getattr(node, name, ()))
    for handler in getattr(node, "handlers", ()):
        children.extend(handler.body)
    for case in getattr(node, "cases", ()):
        children.extend(case.body)
    return children


def python_functions(tree: ast.Module, *, path: str | None = None) -> list[FunctionComplexity]:
    """Cyclomatic (radon's rules) and cognitive complexity of every function in a module.

    Args:
        tree: The parsed module (any nesting depth; the walk is iterative).
        path: Stored on each result.

    Returns:
        One ``FunctionComplexity`` per function, method and nested function, sorted by line.

    Example:
        >>> src = "class A:\\n    def m(self, x):\\n        return 1 if x else 2"
        >>> [(f.name, f.cyclomatic, f.cognitive) for f in python_functions(ast.parse(src))]
        [('A.m', 2, 1)]
    """
    with gc_paused():  # the walk allocates a tuple per node; see gc_paused
        return _measure_all(tree, path)


def _measure_all(tree: ast.Module, path: str | None) -> list[FunctionComplexity]:
    results: list[FunctionComplexity] = []
    todo = _definitions(tree.body, "", False)
    while todo:
        node, name, is_method = todo.pop()
        metrics = measure_body(node, is_method=is_method)
        results.append(FunctionComplexity(
            name=name, line=node.lineno, end_line=node.end_lineno or node.lineno,
            cyclomatic=metrics.cyclomatic, cognitive=metrics.cognitive,
            band=band_for(metrics.cyclomatic), path=path))
        for inner in metrics.nested:
            if isinstance(inner, ast.ClassDef):
                todo.extend(_definitions(inner.body, f"{name}.{inner.name}.", True))
            else:
                todo.append((inner, f"{name}.{inner.name}", False))
    results.sort(key=lambda f: (f.line, f.name))
    return results


def _check_lizard_bounds(code: str, filename: str) -> None:
    if len(code) > LIZARD_MAX_CHARS:
        raise InputTooLargeError(
            f"{filename}: {len(code):,} characters is over the {LIZARD_MAX_CHARS:,} bound "
            "for per-function complexity", path=filename, chars=len(code))
    longest = max((len(line) for line in code.splitlines()), default=0)
    if longest > LIZARD_MAX_LINE_CHARS:
        raise InputTooLargeError(
            f"{filename}: a {longest:,}-character line looks minified; per-function complexity "
            "skipped", path=filename, line_chars=longest)


def other_functions(code: str, filename: str, *,
                    path: str | None = None) -> list[FunctionComplexity]:
    """Cyclomatic complexity per function of a non-Python file, through lizard.

    Args:
        code: The file's text.
        filename: Decides the language (by extension, as lizard does).
        path: Stored on each result.

    Returns:
        One result per function lizard finds (``cognitive`` is None: lizard has no such
        measure); an empty list for file kinds lizard has no reader for.

    Raises:
        InputTooLargeError: The text is over ``LIZARD_MAX_CHARS`` or has a line over
            ``LIZARD_MAX_LINE_CHARS`` (minified code); callers list the file as not measured.
        NestingTooDeepError: Lizard ran out of stack.
        TDGError: Lizard failed in any other way (so the failure stays typed).
    """
    if os.path.splitext(filename)[1].lower() not in LIZARD_EXTENSIONS:
        return []
    _check_lizard_bounds(code, filename)
    from lizard import analyze_file  # imported late: lizard loads all its language readers

    try:
        info = analyze_file.analyze_source_code(filename, code)
    except RecursionError:
        raise NestingTooDeepError(f"{filename}: nesting too deep for lizard",
                                  path=filename) from None
    except Exception as exc:  # a third-party reader's bug must not escape untyped
        raise TDGError(f"{filename}: lizard could not read it ({type(exc).__name__}: {exc})",
                       path=filename) from None
    results = [
        FunctionComplexity(
            name=fn.name, line=fn.start_line, end_line=fn.end_line,
            cyclomatic=fn.cyclomatic_complexity, cognitive=None,
            band=band_for(fn.cyclomatic_complexity), path=path)
        for fn in info.function_list
    ]
    results.sort(key=lambda f: (f.line, f.name))
    return results
