"""The three snippet converters of the JS API (SPEC.md §5): code in, ``Conversion`` out.

A snippet is translated like a file's script body, with the snippet's framework names
available without imports (``np``, ``KMeans``, ...) and its free names (``a`` in
``np.add(a, b)``) typed by how they are used. The result is the statements, not a module.
"""

from __future__ import annotations

import ast

from batuta.convert._driver import make_table, parse, recommend, reconcile
from batuta.convert.file import check_size, explain
from batuta.convert.module import translate_module
from batuta.convert.results import Conversion
from batuta.convert.spans import locate, with_spans
from batuta.convert.types import render


def convert(code: str, primary: str, data_size: int) -> Conversion:
    """Convert a snippet with ``primary`` as the framework its bare names default to."""
    size = check_size(data_size)
    tree = parse(code)
    table = make_table(tree, primary=primary, snippet=True)
    out = translate_module(tree, code, table, snippet=True, primary=primary)
    reconcile(out.mappings, out.unsupported, tree, out.translator.failed)
    lines = list(out.script)
    if out.items:
        lines = [*out.items, *lines]
    text, uses = render("\n".join([*out.consts, *lines]), set())
    lines, spans = locate(text.split("\n"), tidy=False) if text else ([], {})
    single_expr = len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
    if single_expr and len(lines) == 1 and lines[0].endswith(";"):
        lines = [lines[0][:-1]]  # one expression: shown as an expression, as in the book
    primary_maps = [m for m in out.mappings if m.framework in (primary, "transformers")]
    primary_gaps = [u for u in out.unsupported if u.framework in (primary, "transformers")]
    backend, why = recommend(primary_maps or out.mappings, size, unsupported=primary_gaps)
    imports = tuple(sorted(f"use {u};" for u in uses | out.uses))
    return Conversion(
        rust_code="\n".join(lines), imports=imports,
        backend_recommendation=backend,
        explanation=explain(out.mappings, len(out.unsupported), why),
        mappings=tuple(with_spans(out.mappings, out.translator.tags, spans)),
        unsupported=tuple(out.unsupported),
        framework=primary, data_size=size)


def convert_numpy(code: str, *, data_size: int = 1000) -> Conversion:
    """Convert NumPy usage to trueno.

    Example:
        >>> convert_numpy("np.add(a, b)").rust_code
        'a.add(&b)?'
    """
    return convert(code, "numpy", data_size)


def convert_sklearn(code: str, *, data_size: int = 1000) -> Conversion:
    """Convert scikit-learn usage to aprender.

    Example:
        >>> convert_sklearn("KMeans(n_clusters=3)").rust_code
        'KMeans::new(3)'
    """
    return convert(code, "sklearn", data_size)


def convert_pytorch(code: str, *, data_size: int = 1_000_000) -> Conversion:
    """Convert PyTorch / transformers inference code to realizar.

    Example:
        >>> convert_pytorch("nn.Linear(4, 2)").rust_code
        'Linear::new(4, 2)?'
    """
    return convert(code, "pytorch", data_size)
