"""``convert_file``: a whole Python file -> one self-contained Rust module (SPEC.md §5).

The module has a ``//!`` header, its own ``use`` lines, a ``Result`` alias, the constants, one
``pub fn`` per top-level Python function, a ``pub fn main`` (or ``run_script``) holding the
script's statements, and a closing comment listing what was not converted and why. Python that
was not translated is kept as ``// py:`` comments, never lost; the names it binds stay bound.
"""

from __future__ import annotations

import ast

from batuta._version import __version__
from batuta.convert._driver import make_table, parse, recommend, reconcile
from batuta.convert.module import ModuleOutput, translate_module
from batuta.convert.results import FileConversion, MappedConstruct
from batuta.convert.spans import locate, with_spans
from batuta.convert.types import render

RESULT_ALIAS = "type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;"
"""Every converted function returns this: any crate's error converts into it with ``?``."""


def check_size(data_size: object) -> int:
    from batuta.errors import InvalidArgumentError

    if isinstance(data_size, bool) or not isinstance(data_size, (int, float)) or (
            isinstance(data_size, float) and not data_size.is_integer()):
        raise InvalidArgumentError("data_size must be a whole number", got=repr(data_size))
    size = int(data_size)
    if not 0 <= size <= 10**18:
        raise InvalidArgumentError("data_size must be between 0 and 1e18", got=size)
    return size


def explain(mappings: list[MappedConstruct], unsupported: int, backend_why: str) -> str:
    """One paragraph: what was mapped (one entry per distinct mapping), gaps, backend reason."""
    seen: dict[str, str] = {}
    for m in mappings:
        seen.setdefault(m.python, m.note)
    parts = [f"{sym}: {note}" if note else sym for sym, note in seen.items()]
    text = "; ".join(parts) if parts else "No NumPy, scikit-learn or PyTorch construct found"
    if unsupported:
        text += f". {unsupported} construct(s) not converted (see unsupported)"
    return f"{text}. Backend: {backend_why}"


def rust_module(out: ModuleOutput, header: str) -> tuple[str, tuple[str, ...],
                                                          dict[int, tuple[int, int]]]:
    """The module text, its ``use`` lines and the line span of each statement tag."""
    body = [*out.consts, *([""] if out.consts else []), *out.items, *out.script_fn]
    text, uses = render("\n".join(body), {c.split(":")[0].split()[-1] for c in out.consts})
    uses |= out.uses
    use_lines = tuple(sorted(f"use {u};" for u in uses))
    lines = [header, ""]
    if use_lines:
        lines += [*use_lines, ""]
    if out.functions:
        lines += [RESULT_ALIAS, ""]
    lines += text.split("\n")
    if out.unsupported:
        lines += ["", "// Not converted:"]
        lines += [_clean(f"// - line {u.span.line}: {u.python}: {' '.join(u.reason.split())}")
                  for u in out.unsupported]
    final, spans = locate(lines, tidy=True)  # tags read off the final lines (rust_span)
    return "\n".join(final) + "\n", use_lines, spans


def convert_file(code: str, filename: str = "module.py", *,
                 data_size: int = 1_000_000) -> FileConversion:
    """Convert every NumPy, scikit-learn and PyTorch construct of a file into one Rust module.

    ``data_size`` only steers ``backend_recommendation`` (the highest backend any converted
    operation needs at that size).

    Example:
        >>> out = convert_file("import numpy as np\\nx = np.zeros(3)\\n", "a.py")
        >>> "let x: Vector<f32> = Vector::from_vec(vec![0.0; 3]);" in out.rust_code
        True
    """
    if not isinstance(filename, str):
        filename = "module.py"
    size = check_size(data_size)
    tree = parse(code, filename)
    table = make_table(tree, primary="", snippet=False)
    out = translate_module(tree, code, table)
    reconcile(out.mappings, out.unsupported, tree, out.translator.failed)
    header = (f"//! Converted from {_clean(filename)} by Batuta {__version__}: "
              f"{len(out.mappings)} construct(s) mapped, {len(out.unsupported)} not converted.")
    doc = ast.get_docstring(tree)
    if doc:
        header += "\n//!\n" + "\n".join(_clean(f"//! {line}").rstrip()
                                         for line in doc.splitlines())
    rust, use_lines, spans = rust_module(out, header)
    mappings = with_spans(out.mappings, out.translator.tags, spans)
    backend, why = recommend(out.mappings, size, unsupported=out.unsupported)
    return FileConversion(
        filename=filename, rust_code=rust, imports=use_lines, functions=tuple(out.functions),
        mappings=tuple(mappings), unsupported=tuple(out.unsupported),
        frameworks=tuple(sorted({m.framework for m in out.mappings})),
        backend_recommendation=backend,
        explanation=explain(out.mappings, len(out.unsupported), why))


def _clean(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)
