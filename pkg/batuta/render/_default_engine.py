"""The shared native engine (wgpu-py, else the NumPy CPU reference) and its release at exit.

A leaf of ``render``: ``Chart.render`` and the package's ``render_scene`` both take the engine
from here, so ``chart`` never imports the package ``__init__`` back. ``render`` re-exports
``default_engine`` and ``close_default_engine``.
"""

from __future__ import annotations

import atexit
from typing import Any

from batuta.errors import RenderError

_engine: Any = None


def default_engine() -> Any:
    """The shared native engine: wgpu-py when an adapter exists, else the NumPy reference.

    Raises:
        RenderError: neither wgpu-py nor NumPy is importable (e.g. inside Pyodide, where
            charts go through ``chart_encoding`` and ``web/render/webgpu.js`` instead).
    """
    global _engine
    if _engine is None:
        try:
            from batuta.render.gpu import GpuEngine

            _engine = GpuEngine()
        # wgpu raises a plain RuntimeError when no driver loads at all (no Vulkan ICD): that is
        # "no adapter" too, and the CPU reference must take over rather than crash the command.
        except (RenderError, ImportError, RuntimeError):
            try:
                from batuta.render.cpu import CpuEngine
            except ImportError as exc:
                raise RenderError("no native renderer: install batuta[native] (wgpu, numpy), "
                                  "or render chart_encoding() with web/render/webgpu.js") from exc
            _engine = CpuEngine()
    return _engine


@atexit.register
def close_default_engine() -> None:
    """Release the shared engine's GPU objects (also run at exit)."""
    global _engine
    if _engine is not None:
        _engine.close()
        _engine = None


__all__ = ["close_default_engine", "default_engine"]
