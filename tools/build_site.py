"""The browser's Python packages as one zip, and bytecode for them and for Pyodide's stdlib.

The worker used to install nine wheels on every boot, unpacking three of them file by file:
150–400 ms of a 1 s warm boot. Now ``build.py`` merges the wheels the browser imports into
``site-packages.zip``, which the worker writes in one call and imports from (zipimport). The
CLI-only packages (terminal output) are left out.

Both that zip and Pyodide's ``python_stdlib.zip`` then get ``.pyc`` files beside their sources
(``tools/bytecode.py``, run inside Pyodide under Node), since Pyodide ships sources only and
compiling them was most of a normal boot.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
SITE_FILE = "site-packages.zip"
# Where the worker writes the zip; code objects name their files under it. One place: the
# worker reads it from manifest.json.
SITE_MOUNT = "/lib/batuta-site-packages.zip"
# Distributions only the command line imports (rich's terminal rendering and its Markdown).
CLI_ONLY = ("rich", "markdown_it_py", "mdurl")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class SiteBuildError(RuntimeError):
    """The site-packages zip cannot be built (two wheels ship the same file)."""


def distribution(wheel: Path) -> str:
    """The normalised distribution name of a wheel file (``markdown_it_py-4.3.0-...`` ->
    ``markdown_it_py``)."""
    return wheel.name.split("-")[0].lower().replace(".", "_")


def browser_wheels(wheels: list[Path]) -> list[Path]:
    """The wheels the browser needs: all but the command line's own."""
    return [w for w in wheels if distribution(w) not in CLI_ONLY]


def merge_wheels(wheels: list[Path], out: Path) -> None:
    """One zip with every file of ``wheels`` (sorted, fixed timestamps: same input, same bytes).

    Raises:
        SiteBuildError: two wheels ship the same path (one would silently shadow the other).
    """
    owner: dict[str, str] = {}
    entries: list[tuple[str, bytes]] = []
    for wheel in sorted(wheels):
        with zipfile.ZipFile(wheel) as zin:
            for info in zin.infolist():
                if info.is_dir():
                    continue
                if info.filename in owner:
                    raise SiteBuildError(f"{info.filename} is in both {owner[info.filename]} "
                                         f"and {wheel.name}")
                owner[info.filename] = wheel.name
                entries.append((info.filename, zin.read(info)))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def add_bytecode(pyodide_dir: Path, jobs: list[tuple[Path, str | None]]) -> str:
    """Rewrite each zip in place with ``.pyc`` beside its sources, inside Pyodide under Node.

    Args:
        pyodide_dir: the bundled Pyodide (``dist/pyodide``): its interpreter makes the bytecode.
        jobs: (zip, mount) pairs; mount None is where Pyodide mounts its standard library.

    Returns:
        The interpreter's ``sys.version``.

    Raises:
        SiteBuildError: Node is missing or the compilation failed.
    """
    node = shutil.which("node")
    if node is None:
        raise SiteBuildError("node is not on PATH (it comes with npm)")
    with tempfile.TemporaryDirectory() as tmp:
        outputs = [(path, Path(tmp) / f"{i}.zip") for i, (path, _) in enumerate(jobs)]
        spec = [{"src": str(path), "dst": str(out), "mount": mount}
                for (path, out), (_, mount) in zip(outputs, jobs, strict=True)]
        (Path(tmp) / "jobs.json").write_text(json.dumps(spec))
        done = subprocess.run([node, str(TOOLS / "bytecode.mjs"), str(pyodide_dir),
                               f"{tmp}/jobs.json"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SiteBuildError(f"bytecode compilation failed: {done.stderr.strip()[-2000:]}")
        for path, out in outputs:
            os.replace(out, path)
    version: str = json.loads(done.stdout.strip().splitlines()[-1])["python"]
    return version


def add_site_packages(dist: Path, wheels: list[Path]) -> dict[str, Any]:
    """Write ``dist/site-packages.zip`` and give it and the stdlib their bytecode.

    Returns:
        The manifest entry: ``{"path", "mount", "bytecode"}``; ``bytecode`` is the interpreter
        version, or None when Node could not compile (the bundle still works, from sources).
    """
    site = dist / SITE_FILE
    merge_wheels(browser_wheels(wheels), site)
    try:
        version: str | None = add_bytecode(dist / "pyodide", [
            (dist / "pyodide" / "python_stdlib.zip", None), (site, SITE_MOUNT)])
    except SiteBuildError as exc:
        print(f"[build] WARNING: no bytecode ({exc}); Python compiles at every boot",
              file=sys.stderr, flush=True)
        version = None
    return {"path": SITE_FILE, "mount": SITE_MOUNT, "bytecode": version}
