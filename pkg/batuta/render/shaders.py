"""Loading WGSL passes through a minimal preprocessor (``#include``, ``#if``/``#else``/``#endif``).

Variants are data (``defines``), not copied files. ``#if NAME`` takes the branch when the define
is non-zero; a name that is not defined is an error, so a typo never silently selects a branch.
Each file is included at most once. ``web/render/webgpu.js`` implements the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from batuta.errors import RenderError
from batuta.render._shader_dir import shader_dir

PASSES = ("clear", "shapes", "points", "points_composite", "hist_bin", "present")
_INCLUDE = re.compile(r'^\s*#include\s+"([A-Za-z0-9_/.-]+\.wgsl)"\s*$')
_DIRECTIVE = re.compile(r"^\s*#(if|else|endif)\b\s*([A-Za-z_][A-Za-z0-9_]*)?\s*$")
ReadFn = Callable[[str], str]


def preprocess(source: str, defines: Mapping[str, int], read: ReadFn, *,
               name: str = "<source>") -> str:
    """Expand includes and conditionals of ``source``.

    Args:
        source: WGSL text with directives.
        defines: Values for ``#if`` names.
        read: Returns the text of an included path (relative to the shader folder).
        name: File name for error messages.

    Returns:
        Plain WGSL.

    Raises:
        RenderError: an undefined name, an unbalanced ``#if`` or a bad directive.
    """
    lines = _expand(source, dict(defines), read, name, set(), 0)
    return "\n".join(lines) + "\n" if lines else ""


def _expand(source: str, defines: dict[str, int], read: ReadFn, name: str, seen: set[str],
            depth: int) -> list[str]:
    if depth > 8:
        raise RenderError(f"{name}: #include nested deeper than 8")
    out: list[str] = []
    stack: list[tuple[bool, bool]] = []  # (this branch active, parent active)
    for lineno, line in enumerate(source.splitlines(), 1):
        active = all(s[0] for s in stack)
        inc = _INCLUDE.match(line)
        if inc:
            if active and inc.group(1) not in seen:
                seen.add(inc.group(1))
                text = read(inc.group(1))
                out += _expand(text, defines, read, inc.group(1), seen, depth + 1)
            continue
        if line.lstrip().startswith("#"):
            _directive(line, defines, stack, f"{name}:{lineno}")
            continue
        if active:
            out.append(line)
    if stack:
        raise RenderError(f"{name}: #if without #endif")
    return out


def _directive(line: str, defines: dict[str, int], stack: list[tuple[bool, bool]],
               where: str) -> None:
    m = _DIRECTIVE.match(line)
    if not m:
        raise RenderError(f"{where}: unknown directive {line.strip()!r}")
    kind, var = m.group(1), m.group(2)
    if kind == "if":
        if var is None:
            raise RenderError(f"{where}: #if needs a name")
        if var not in defines:
            raise RenderError(f"{where}: #if {var}: {var} is not defined", name=var)
        parent = all(s[0] for s in stack)
        stack.append((bool(defines[var]), parent))
    elif not stack:
        raise RenderError(f"{where}: #{kind} without #if")
    elif kind == "else":
        cond, parent = stack.pop()
        stack.append((not cond, parent))
    else:
        stack.pop()


@lru_cache(maxsize=64)
def load(pass_name: str, defines: tuple[tuple[str, int], ...] = ()) -> str:
    """The preprocessed WGSL of ``shaders/<pass_name>.wgsl`` with ``defines``."""
    if pass_name not in PASSES:
        raise RenderError(f"unknown shader pass {pass_name!r}", known=list(PASSES))
    root = shader_dir()
    return preprocess(_read(root, f"{pass_name}.wgsl"), dict(defines),
                      lambda rel: _read(root, rel), name=f"{pass_name}.wgsl")


def _read(root: Path, rel: str) -> str:
    path = (root / rel).resolve()
    if root.resolve() not in path.parents or not path.is_file():
        raise RenderError(f"shader include {rel!r} not found under {root}")
    return path.read_text(encoding="utf-8")
