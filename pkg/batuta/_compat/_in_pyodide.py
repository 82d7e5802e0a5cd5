"""The Pyodide host: the ONLY module in the package that imports ``js`` / ``pyodide``.

It turns JS typed arrays into ``bytes`` and JS functions into Python progress callbacks.
"""

from __future__ import annotations

from pyodide.ffi import JsProxy

from batuta._compat._host import ProgressCallback
from batuta.errors import InvalidArgumentError


class PyodideHost:
    """Host capabilities inside Pyodide (a Web Worker in the browser)."""

    name = "pyodide"

    def to_bytes(self, obj: object) -> bytes:
        """Copy a JS ``Uint8Array`` / ``ArrayBuffer`` (or Python bytes) into ``bytes``."""
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return bytes(obj)
        if isinstance(obj, JsProxy) and hasattr(obj, "to_bytes"):
            return bytes(obj.to_bytes())
        raise InvalidArgumentError(f"expected a byte buffer, got {type(obj).__name__}")

    def progress_callback(self, fn: object) -> ProgressCallback | None:
        """Wrap a JS function so Python can report ``(done, total)`` through it."""
        if fn is None:
            return None
        if not callable(fn):
            raise InvalidArgumentError("progress callback is not callable")

        def report(done: int, total: int) -> None:
            fn(int(done), int(total))

        return report
