"""convert/ and backend/ run unchanged in Pyodide: stdlib only, no NumPy, no browser modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import batuta

PACKAGE = Path(batuta.__file__).parent
ALLOWED_THIRD_PARTY: set[str] = set()


@pytest.mark.parametrize("sub", ["convert", "backend"])
def test_imports_are_stdlib_or_batuta(sub: str) -> None:
    import sys

    bad = []
    files = sorted((PACKAGE / sub).glob("*.py"))
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom)
                     and node.level == 0 else [])
            for name in names:
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top != "batuta" and (
                        top not in ALLOWED_THIRD_PARTY) and top != "__future__":
                    bad.append(f"{path.name}: {name}")
    assert bad == []
