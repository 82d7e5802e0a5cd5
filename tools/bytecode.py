"""Add CPython bytecode beside every Python source in a zip; runs inside Pyodide at build time.

Pyodide ships its standard library as ``.py`` sources only, and zipimport never writes bytecode
back, so every boot compiled every module it imported: about three of the four seconds of a
normal (no snapshot) boot on the project's machines. Bytecode is only valid for the exact
interpreter that made it, so ``build.py`` runs this file inside the bundled Pyodide (under Node,
``tools/bytecode.mjs``), never under the build machine's CPython.

The ``.pyc`` files are PEP 552 *unchecked* hash-based pycs: zipimport loads them without reading
the source again, and the sources stay in the zip for tracebacks and ``inspect``.
"""

from __future__ import annotations

import io
import marshal
import zipfile
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


def add_bytecode(data: bytes, mount: str) -> bytes:
    """A copy of the zip ``data`` with ``x.pyc`` beside each ``x.py``.

    Args:
        data: a zip archive (a wheel, the merged site packages, Pyodide's stdlib zip).
        mount: the path the zip will have in the browser's file system; code objects name
            their files under it, as zipimport's own compilation would.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(_entry(info.filename, info), body)
            if info.filename.endswith(".py"):
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
