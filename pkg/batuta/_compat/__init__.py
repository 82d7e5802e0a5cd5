"""Host capabilities: the small interface between the pure-Python core and its host.

The core never asks "am I in a browser?"; the bridge picks one ``Host`` here, once, by
``sys.platform == "emscripten"``, and passes it to the code that needs it. Only
``_in_pyodide`` may import ``js`` / ``pyodide`` (a test greps the package to keep it so).
The interface lives in ``_host`` (a leaf both implementations import), re-exported here.
"""

from __future__ import annotations

import sys

from batuta._compat._host import Host, ProgressCallback


def select_host(platform: str = sys.platform) -> Host:
    """The host implementation for ``platform`` (chosen once by the caller and passed on)."""
    if platform == "emscripten":
        from batuta._compat._in_pyodide import PyodideHost

        return PyodideHost()
    from batuta._compat._native import NativeHost

    return NativeHost()


__all__ = ["Host", "ProgressCallback", "select_host"]
