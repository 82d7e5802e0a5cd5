"""``convert_file``: a whole Python file -> one Rust module (SPEC.md §5, issue 3 item 2).

The module has a ``//!`` header, the ``use`` block, one ``fn`` per Python function whose
framework calls converted, a ``struct`` + ``impl`` per such class, a ``fn main`` for the
script's top-level code, and a closing comment block listing what was not converted and why.
Plain Python outside the converters' scope is kept as ``// py:`` comments, never lost.
"""

from __future__ import annotations

import ast

from batuta.api import __version__
from batuta.convert._driver import emit_top, make_ctx, parse, recommend
from batuta.convert._engine import Ctx
from batuta.convert._rust import rust_float, rust_str, rust_type_name
from batuta.convert.results import FileConversion
from batuta.convert.snippet import check_size, explain

_ITEM_STARTS = ("pub fn ", "pub struct ", "impl ", "fn ", "// py: class ", "// py: @",
                "// note: ")


def _split_items(lines: list[str]) -> tuple[list[str], list[str]]:
    """Separate top-level items (fns, structs, impls) from statements that belong in main."""
    items: list[str] = []
    body: list[str] = []
    depth = 0
    for line in lines:
        if (depth == 0 and line.startswith(_ITEM_STARTS)) or depth > 0:
            items.append(line)
            depth += line.count("{") - line.count("}") if not line.startswith("//") else 0
            if depth == 0 and not line.startswith("//"):
                items.append("")
        else:
            body.append(line)
    return items, body


def convert_file(code: str, filename: str = "module.py", *,
                 data_size: int = 1_000_000) -> FileConversion:
    """Convert every NumPy, scikit-learn and PyTorch construct of a file into one Rust module.

    ``data_size`` only steers ``backend_recommendation`` (the highest backend any converted
    operation needs at that size).

    Example:
        >>> out = convert_file("import numpy as np\\nx = np.zeros(3)\\n", "a.py")
        >>> "let x = Vector::zeros(3);" in out.rust_code
        True
    """
    if not isinstance(filename, str):
        filename = "module.py"
    tree = parse(code, filename)
    ctx = make_ctx(tree, code, primary="", snippet=False)
    ctx.user_functions.update((s.name, s) for s in tree.body if isinstance(s, ast.FunctionDef))
    ctx.user_classes.update(s.name for s in tree.body if isinstance(s, ast.ClassDef))
    consts = _constants(tree, ctx)
    lines, _em = emit_top(ctx, tree)
    items, body = _split_items(lines)
    main_name = "main" if "main" not in ctx.user_functions else "run_script"
    out = [f"//! Converted from {filename} by Batuta {__version__}: "
           f"{len(ctx.mappings)} construct(s) mapped, {len(ctx.unsupported)} not converted.", ""]
    if any(not line.startswith("//") and line for line in body):
        ctx.use("anyhow::Result")
    imports = sorted(ctx.imports)
    out += [*imports, ""] if imports else []
    out += [*consts, ""] if consts else []
    code_lines = [b for b in body if b and not b.startswith("//")]
    if code_lines == ["main()?;"] and "main" in ctx.user_functions:
        body = [b for b in body if b.startswith("//")]  # Python's main() is Rust's entry point
    if any(not line.startswith("//") and line for line in body):
        out += items
        out += [f"fn {main_name}() -> Result<()> {{", *("    " + b for b in body if b),
                "    Ok(())", "}"]
    else:
        out += _spaced([line for line in lines if line != "main()?;"])  # source order
    if ctx.unsupported:
        out += ["", "// Not converted:"]
        out += [f"// - line {u.span.line}: {u.python}: {u.reason}" for u in ctx.unsupported]
    backend, why = recommend(ctx.mappings, check_size(data_size))
    functions = tuple(line.split("(")[0].removeprefix("pub fn ").removeprefix("fn ")
                      for line in out if line.startswith(("pub fn ", "fn ")))
    return FileConversion(
        filename=filename, rust_code="\n".join(_tidy(out)) + "\n", imports=tuple(imports),
        functions=functions, mappings=tuple(ctx.mappings), unsupported=tuple(ctx.unsupported),
        frameworks=tuple(sorted({m.framework for m in ctx.mappings})),
        backend_recommendation=backend, explanation=explain(ctx, why))


def _constants(tree: ast.Module, ctx: Ctx) -> list[str]:
    """Module-level ``NAME = literal`` as ``const`` items (functions read them)."""
    out = []
    for stmt in list(tree.body):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id.isupper()
                and isinstance(stmt.value, ast.Constant)):
            continue
        value = stmt.value.value
        name = stmt.targets[0].id
        if isinstance(value, bool):
            rust_type, code = "bool", "true" if value else "false"
        elif isinstance(value, int):
            rust_type, code = ("usize" if value >= 0 else "i64"), str(value)
        elif isinstance(value, float):
            rust_type, code = "f32", rust_float(value)
        elif isinstance(value, str):
            rust_type, code = "&str", rust_str(value)
        else:
            continue
        ident = rust_type_name(name).upper() if name.isascii() else ctx.namer(name).upper()
        ctx.namer.names[name] = ident
        ctx.namer.taken.add(ident)
        tree.body.remove(stmt)
        out.append(f"const {ident}: {rust_type} = {code};")
    return out


def _spaced(lines: list[str]) -> list[str]:
    """A blank line around each top-level item."""
    out: list[str] = []
    for line in lines:
        if line.startswith(("pub fn ", "pub struct ", "// py: def ", "// py: class ")):
            out.append("")
        out.append(line)
        if line == "}":
            out.append("")
    return out


def _tidy(lines: list[str]) -> list[str]:
    """No runs of blank lines, no trailing blanks."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
