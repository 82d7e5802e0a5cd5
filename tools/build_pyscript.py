"""Add PyScript to ``dist/``: the pinned ``@pyscript/core`` runtime and the page's config.

``dist/pyscript/`` gets the runtime files of the npm package (no source maps), and
``dist/pyscript.json`` names the local Pyodide as the interpreter and every wheel of the bundle
(batuta and its dependencies) as a local URL, so ``pyscript.html`` boots with the network off.
``packages_cache: "passthrough"`` hands the wheel URLs straight to ``loadPyodide``: PyScript's
default path would first ``loadPackage("micropip")``, which the interpreter-only npm Pyodide
cannot serve (SPEC.md §4).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYSCRIPT_NPM = ROOT / "node_modules" / "@pyscript" / "core"


class PyScriptBuildError(RuntimeError):
    """The PyScript runtime is missing (``npm ci`` was not run)."""


def pyscript_config(wheels: list[str]) -> dict[str, Any]:
    """The PyScript config for ``dist/pyscript.html``; ``wheels`` are paths inside ``dist/``.

    Example:
        >>> pyscript_config(["wheels/batuta-0.1.0-py3-none-any.whl"])["packages"]
        ['./wheels/batuta-0.1.0-py3-none-any.whl']
    """
    return {
        "interpreter": "./pyodide/pyodide.mjs",
        "packages": [f"./{w}" for w in sorted(wheels)],
        "packages_cache": "passthrough",
    }


def add_pyscript(dist: Path, meta: dict[str, Any]) -> str:
    """Copy the PyScript runtime into ``dist/pyscript/`` and write ``dist/pyscript.json``.

    Args:
        dist: the bundle being built.
        meta: the build metadata; its ``wheels`` list (paths inside ``dist``) is used.

    Returns:
        The ``@pyscript/core`` version copied.
    """
    src = PYSCRIPT_NPM / "dist"
    if not (src / "core.js").exists():
        raise PyScriptBuildError("node_modules/@pyscript/core is missing: run `npm ci` first")
    out = dist / "pyscript"
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.iterdir()):
        if path.is_file() and path.suffix in (".js", ".css"):
            shutil.copyfile(path, out / path.name)
    shutil.copyfile(PYSCRIPT_NPM / "LICENSE", out / "LICENSE")
    config = pyscript_config(list(meta["wheels"]))
    (dist / "pyscript.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n")
    version: str = json.loads((PYSCRIPT_NPM / "package.json").read_text())["version"]
    return version
