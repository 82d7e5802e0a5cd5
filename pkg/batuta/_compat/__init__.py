"""Host capabilities: the small interface between the pure-Python core and its host.

The core never asks "am I in a browser?"; the bridge picks one ``Host`` here, once, by
``sys.platform == "emscripten"``, and passes it to the code that needs it. Only
``_in_pyodide`` may import ``js`` / ``pyodide`` (a test greps the package to keep it so).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

ProgressCallback = Callable[[int, int], None]


class Host(Protocol):
    """What the bridge needs from the place it runs in."""

    name: str

    def to_bytes(self, obj: object) -> bytes:
        """Copy a host buffer (bytes natively, a JS ``Uint8Array`` in Pyodide) into ``bytes``."""
        ...

    def progress_callback(self, fn: object) -> ProgressCallback | None:
        """Wrap a host callable ``fn(done, total)``; ``None`` when ``fn`` is ``None``."""
        ...


def select_host(platform: str = sys.platform) -> Host:
    """The host implementation for ``platform`` (chosen once by the caller and passed on)."""
    if platform == "emscripten":
        from batuta._compat._in_pyodide import PyodideHost

        return PyodideHost()
    from batuta._compat._native import NativeHost

    return NativeHost()


__all__ = ["Host", "ProgressCallback", "select_host"]
