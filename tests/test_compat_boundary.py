"""Only ``batuta._compat._in_pyodide`` may import ``js`` / ``pyodide`` (STYLE.md 5)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from batuta._compat import select_host
from batuta._compat._native import NativeHost
from batuta.errors import InvalidArgumentError

PKG = Path(__file__).resolve().parents[1] / "pkg" / "batuta"
ALLOWED = PKG / "_compat" / "_in_pyodide.py"
BROWSER_MODULES = {"js", "pyodide", "pyodide_js"}


def _browser_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in BROWSER_MODULES]
    return found


def test_only_in_pyodide_imports_js_or_pyodide() -> None:
    offenders = {str(p.relative_to(PKG)): _browser_imports(p) for p in sorted(PKG.rglob("*.py"))
                 if p != ALLOWED and _browser_imports(p)}
    assert offenders == {}, f"js/pyodide imported outside _compat/_in_pyodide.py: {offenders}"


def test_the_bridge_module_does_import_pyodide() -> None:
    # The scanner must actually see imports, or the test above proves nothing.
    assert "pyodide.ffi" in _browser_imports(ALLOWED)


def test_no_dynamic_import_of_browser_modules() -> None:
    for path in PKG.rglob("*.py"):
        if path == ALLOWED:
            continue
        text = path.read_text(encoding="utf-8")
        for mod in BROWSER_MODULES:
            assert f'import_module("{mod}' not in text and f"__import__(\"{mod}" not in text, path


def test_native_host_is_chosen_off_emscripten() -> None:
    host = select_host("linux")
    assert isinstance(host, NativeHost)
    assert host.to_bytes(bytearray(b"ab")) == b"ab"
    with pytest.raises(InvalidArgumentError):
        host.to_bytes("not bytes")
    seen: list[tuple[int, int]] = []
    callback = host.progress_callback(lambda d, t: seen.append((d, t)))
    assert callback is not None
    callback(1, 2)
    assert seen == [(1, 2)]
    assert host.progress_callback(None) is None
    with pytest.raises(InvalidArgumentError):
        host.progress_callback(3)


def test_pyodide_host_needs_pyodide() -> None:
    with pytest.raises(ModuleNotFoundError):
        select_host("emscripten")
