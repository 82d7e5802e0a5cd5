"""Build the Manifest V3 browser extension from ``extension/`` into ``dist/extension/`` and a zip.

The extension is self-contained: its ``batuta/`` folder holds the JS API and worker, the Pyodide
runtime, every wheel and a runtime manifest, so nothing is fetched at run time and no remote code
runs (the store rules and our CSP, ``script-src 'self' 'wasm-unsafe-eval'``, both demand it).
The build's Pyodide memory snapshot goes in too when there is one (~6 MB more in the zip, first
analysis in about a second instead of several); the worker falls back to the normal boot if it
cannot be used. The offscreen document boots once and is reused. ``dist/batuta-extension.zip``
is deterministic (sorted entries, fixed timestamps): what a store upload takes.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "extension"
GUARD = ROOT / "web" / "elements" / "batuta-guard.js"
DOM = ROOT / "web" / "dom.js"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ALLOWED_PERMISSIONS = frozenset({"activeTab", "contextMenus", "offscreen", "scripting"})
EXTENSION_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"


class ExtensionBuildError(RuntimeError):
    """The extension cannot be built (missing source, or a manifest that asks for too much)."""


def check_manifest(manifest: dict[str, Any]) -> None:
    """Refuse a manifest with host access, content scripts, extra permissions or a loose CSP."""
    extra = set(manifest.get("permissions", [])) - ALLOWED_PERMISSIONS
    problems = [f"permission {p!r} is not needed" for p in sorted(extra)]
    for key in ("host_permissions", "optional_host_permissions", "content_scripts",
                "web_accessible_resources", "externally_connectable"):
        if manifest.get(key):
            problems.append(f"{key} must stay empty (no page access beyond activeTab)")
    if manifest.get("content_security_policy", {}).get("extension_pages") != EXTENSION_CSP:
        problems.append(f"extension_pages CSP must be {EXTENSION_CSP!r}")
    if problems:
        raise ExtensionBuildError("extension/manifest.json: " + "; ".join(problems))


def batuta_version(wheels: list[str]) -> str:
    """The batuta version, read from its wheel's file name (``batuta-0.1.0-py3-none-any.whl``)."""
    for wheel in wheels:
        name = Path(wheel).name
        if name.startswith("batuta-"):
            return name.split("-")[1]
    raise ExtensionBuildError("the batuta wheel is missing from the build")


def copy_runtime(dist: Path, out: Path, meta: dict[str, Any]) -> None:
    """The ``batuta/`` runtime folder: JS API, worker, guard, Pyodide, the packages' zip, and
    the manifest the worker reads."""
    out.mkdir(parents=True)
    for name in ("batuta.js", "worker.js", "stdlib-later.zip"):
        shutil.copyfile(dist / name, out / name)
    shutil.copyfile(GUARD, out / "batuta-guard.js")
    shutil.copytree(dist / "pyodide", out / "pyodide")
    shutil.copyfile(dist / meta["site"]["path"], out / meta["site"]["path"])
    snapshot = meta.get("snapshot")
    if snapshot:  # same Pyodide, same wheels: the build's snapshot boots the extension too
        (out / snapshot).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dist / snapshot, out / snapshot)
    runtime = {"pyodide": meta.get("pyodide"), "site": meta["site"], "snapshot": snapshot or None,
               "build": meta.get("build")}
    (out / "manifest.json").write_text(json.dumps(runtime, indent=1, sort_keys=True) + "\n")


def zip_folder(src: Path, dst: Path) -> None:
    """Zip ``src``'s contents (paths relative to it) with sorted entries and fixed timestamps."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(src).as_posix(), ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, path.read_bytes())


def build_extension(dist: Path, meta: dict[str, Any]) -> Path:
    """Build ``dist/extension/`` and ``dist/batuta-extension.zip`` from a built ``dist``.

    Args:
        dist: the bundle being built (``pyodide/``, ``wheels/``, ``batuta.js``, ``worker.js``,
            ``icons/`` already in place).
        meta: the build metadata (``wheels``, ``pyodide``, optionally ``build``).

    Returns:
        The path of the zip.
    """
    if not (SOURCE / "manifest.json").exists():
        raise ExtensionBuildError("extension/manifest.json is missing")
    manifest = json.loads((SOURCE / "manifest.json").read_text())
    check_manifest(manifest)
    manifest["version"] = batuta_version(meta["wheels"])
    out = dist / "extension"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in sorted(SOURCE.iterdir()):
        if path.is_file() and path.name != "manifest.json" and not path.name.startswith("."):
            shutil.copyfile(path, out / path.name)
    shutil.copyfile(DOM, out / "dom.js")  # shared with the playground; one source in web/
    shutil.copyfile(DOM.with_name("favicon.svg"), out / "favicon.svg")  # the pages' one icon
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "icons").mkdir()
    shutil.copyfile(dist / "icons" / "icon-192.png", out / "icons" / "icon-192.png")
    copy_runtime(dist, out / "batuta", meta)
    target = dist / "batuta-extension.zip"
    zip_folder(out, target)
    return target
