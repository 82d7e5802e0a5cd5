"""Add CPython bytecode beside every Python source in a zip; runs inside Pyodide at build time.

Pyodide ships its standard library as ``.py`` sources only, and zipimport never writes bytecode
back, so every boot compiled every module it imported: about three of the four seconds of a
normal (no snapshot) boot on the project's machines. Bytecode is only valid for the exact
interpreter that made it, so ``build.py`` runs this file inside the bundled Pyodide (under Node,
``tools/bytecode.mjs``), never under the build machine's CPython.

The ``.pyc`` files are PEP 552 *unchecked* hash-based pycs: zipimport loads them without reading
the source again, and the sources stay in the zip for tracebacks and ``inspect``.

Only modules a Batuta session imports get bytecode (``session_modules``): bytecode for all of
the standard library and of Pygments' 300 lexers (lizard imports Pygments for Erlang) doubled
the download for modules no page ever imports. One imported later compiles from its source on
first use, as every module did before.
"""

from __future__ import annotations

import importlib
import io
import json
import marshal
import pkgutil
import sys
import zipfile
from collections.abc import Collection
from importlib.util import MAGIC_NUMBER, source_hash

UNCHECKED_HASH_FLAGS = (0b01).to_bytes(4, "little")  # PEP 552: hash-based, do not check source


def pyc_bytes(source: bytes, filename: str) -> bytes | None:
    """The ``.pyc`` content for ``source``, or None when it does not compile (py2-only files
    inside some wheels): zipimport then falls back to the source, as it did before."""
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return MAGIC_NUMBER + UNCHECKED_HASH_FLAGS + source_hash(source) + marshal.dumps(code)


def add_bytecode(data: bytes, mount: str, only: Collection[str] | None = None) -> bytes:
    """A copy of the zip ``data`` with ``x.pyc`` beside each ``x.py`` (of ``only``, if given).

    Args:
        data: a zip archive (a wheel, the merged site packages, Pyodide's stdlib zip).
        mount: the path the zip will have in the browser's file system; code objects name
            their files under it, as zipimport's own compilation would.
        only: the entry names (``pkg/mod.py``) to compile; None compiles every source.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(_entry(info.filename, info), body)
            if info.filename.endswith(".py") and (only is None or info.filename in only):
                pyc = pyc_bytes(body, f"{mount}/{info.filename}")
                if pyc is not None:
                    dst.writestr(_entry(info.filename + "c", info), pyc)
    return out.getvalue()


def _entry(name: str, like: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A deflated entry named ``name`` with ``like``'s timestamp and mode (same input, same zip)."""
    info = zipfile.ZipInfo(name, like.date_time)
    info.external_attr = like.external_attr
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


# What a session does after boot, so that the modules it imports lazily are found too: the
# calls the playground, the documentation elements and the extension make.
_SESSION_CALLS: list[tuple[str, list[object]]] = [
    ("analyze_code", ["import numpy as np\nfrom sklearn.linear_model import LinearRegression\n"
                      "def f(x):\n    if x:\n        return np.zeros(3)\n", "a.py"]),
    ("analyze_code", ["int main(void) { for (;;) { if (1) return 0; } }\n", "m.c"]),
    ("convert_file", ["import numpy as np\nimport torch\nx = np.dot(np.ones(3), np.ones(3))\n"
                      "m = torch.nn.Linear(2, 2)\n", "m.py"]),
    ("analyze_project", [{"a.py": "import numpy as np\nnp.sum(1)\n", "b.sh": "echo hi\n",
                          "c/d.cpp": "int f() { return 1; }\n", ".gitignore": "build/\n",
                          "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['numpy']\n",
                          "requirements.txt": "torch==2.4\n", "package.json": "{}\n"}]),
    ("backend_recommend", ["matrix_multiply", 20000]),
]


def session_modules(mounts: list[str]) -> dict[str, list[str]]:
    """Per mount, the zip entries of every module a Batuta session imports.

    Imports every module of ``batuta`` (the command line's, which need ``rich``, fail and are
    skipped: the browser never loads them) and runs ``_SESSION_CALLS`` through the bridge.
    """
    import batuta

    for found in pkgutil.walk_packages(batuta.__path__, "batuta.", onerror=lambda _: None):
        if found.name.endswith(".__main__"):  # runs the command line when imported
            continue
        try:
            importlib.import_module(found.name)
        except Exception:  # a CLI-only module; see the docstring
            continue
    from batuta import bridge

    project = None
    for name, args in _SESSION_CALLS:
        answer = json.loads(bridge.call(name, json.dumps(args)))
        if name == "analyze_project":
            project = answer.get("ok")
    if project is not None:
        bridge.call("chart_encoding", json.dumps([project, 640, 320]))
    found_files: dict[str, list[str]] = {mount: [] for mount in mounts}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        for mount in mounts:
            if path.startswith(mount + "/"):
                entry = path[len(mount) + 1:]
                found_files[mount].append(entry[:-1] if entry.endswith(".pyc") else entry)
    return {mount: sorted(set(names)) for mount, names in found_files.items()}
