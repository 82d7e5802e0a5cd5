"""The three snippet converters of the JS API (SPEC.md §5): code in, ``Conversion`` out."""

from __future__ import annotations

import ast

from batuta.convert._driver import emit_top, make_ctx, parse, recommend
from batuta.convert._engine import Ctx
from batuta.convert.results import Conversion
from batuta.errors import InvalidArgumentError

_CRATE = {"numpy": "Trueno", "sklearn": "Aprender", "pytorch": "Realizar"}


def check_size(data_size: object) -> int:
    if isinstance(data_size, bool) or not isinstance(data_size, (int, float)) or (
            isinstance(data_size, float) and not data_size.is_integer()):
        raise InvalidArgumentError("data_size must be a whole number", got=repr(data_size))
    size = int(data_size)
    if not 0 <= size <= 10**18:
        raise InvalidArgumentError("data_size must be between 0 and 1e18", got=size)
    return size


def explain(ctx: Ctx, backend_why: str) -> str:
    """One paragraph: what was mapped (one line per distinct mapping), gaps, backend reason."""
    seen: dict[str, str] = {}
    for m in ctx.mappings:
        seen.setdefault(m.python, m.note)
    parts = [f"{sym}: {note}" if note else sym for sym, note in seen.items()]
    text = "; ".join(parts) if parts else "No NumPy, scikit-learn or PyTorch construct found"
    if ctx.unsupported:
        text += f". {len(ctx.unsupported)} construct(s) not converted (see unsupported)"
    return f"{text}. Backend: {backend_why}"


def convert(code: str, primary: str, data_size: int) -> Conversion:
    """Convert a snippet with ``primary`` as the framework its bare names default to."""
    size = check_size(data_size)
    tree = parse(code)
    ctx = make_ctx(tree, code, primary=primary, snippet=True)
    lines, _ = emit_top(ctx, tree)
    single_expr = len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
    if single_expr and len(lines) == 1 and lines[0].endswith(";"):
        lines = [lines[0][:-1]]  # one expression: shown as an expression, as in the book
    primary_maps = [m for m in ctx.mappings if m.framework in (primary, "transformers")]
    backend, why = recommend(primary_maps or ctx.mappings, size)
    return Conversion(
        rust_code="\n".join(lines), imports=tuple(sorted(ctx.imports)),
        backend_recommendation=backend, explanation=explain(ctx, why),
        mappings=tuple(ctx.mappings), unsupported=tuple(ctx.unsupported),
        framework=primary, data_size=size)


def convert_numpy(code: str, *, data_size: int = 1000) -> Conversion:
    """Convert NumPy usage to Trueno.

    Example:
        >>> convert_numpy("np.add(a, b)").rust_code
        'a.add(&b)?'
    """
    return convert(code, "numpy", data_size)


def convert_sklearn(code: str, *, data_size: int = 1000) -> Conversion:
    """Convert scikit-learn usage to Aprender.

    Example:
        >>> convert_sklearn("KMeans(n_clusters=3)").rust_code
        'KMeans::new(3)'
    """
    return convert(code, "sklearn", data_size)


def convert_pytorch(code: str, *, data_size: int = 1_000_000) -> Conversion:
    """Convert PyTorch / transformers inference code to Realizar.

    Example:
        >>> convert_pytorch("model.generate(prompt, max_length=100)").rust_code
        'realizar::generate_text(&model, &prompt, 100)?'
    """
    return convert(code, "pytorch", data_size)
