"""Charts rendered by WGSL compute shaders: chart model, scene, encoding, engines.

Data flows one way: ``Chart`` -> ``Scene`` (draw commands) -> ``Encoding`` (plain buffers and a
recording, no GPU imports) -> an engine: ``GpuEngine`` (wgpu-py), ``CpuEngine`` (NumPy reference)
or ``web/render/webgpu.js`` in the browser. Heavy modules load lazily.
"""

from __future__ import annotations

import atexit
from typing import Any

from batuta.errors import RenderError
from batuta.render._analysis import analysis_charts, analysis_scene
from batuta.render.chart import THEMES, Chart, Layer, Theme
from batuta.render.encoding import Encoding, encode
from batuta.render.png import encode_png
from batuta.render.scene import (
    Circle,
    Clip,
    Group,
    Image,
    Opacity,
    Path,
    Points,
    Rect,
    Scene,
    Text,
    rgba,
)

__all__ = [
    "THEMES", "Chart", "Circle", "Clip", "Encoding", "Group", "Image", "Layer", "Opacity",
    "Path", "Points", "Rect", "Scene", "Text", "Theme", "analysis_charts", "analysis_png",
    "analysis_scene", "chart_encoding", "close_default_engine", "default_engine", "encode",
    "encode_png", "render_scene", "rgba",
]

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


def render_scene(scene: Scene, *, engine: Any = None) -> bytes:
    """PNG bytes of a scene."""
    eng = engine or default_engine()
    return encode_png(eng.render(encode(scene)), scene.width, scene.height)


def analysis_png(analysis: Any, *, width: int = 1280, height: int = 720,
                 engine: Any = None) -> bytes:
    """PNG of the language-share and complexity-distribution charts (``analyze --plot``)."""
    return render_scene(analysis_scene(analysis, width=width, height=height), engine=engine)


def chart_encoding(chart_or_analysis: Any, *, width: int = 1280,
                   height: int = 720, theme: str = "light") -> dict[str, Any]:
    """JSON-able encoding for ``renderEncoding(canvas, encoding)`` in ``web/render/webgpu.js``.

    Args:
        chart_or_analysis: A ``Chart``, a ``Scene``, or a ``ProjectAnalysis`` (object or its
            JSON dict), which draws the analysis charts.
        width: Canvas width for an analysis.
        height: Canvas height for an analysis.
        theme: Chart theme of an analysis ("light", "dark").
    """
    if isinstance(chart_or_analysis, Chart):
        scene = chart_or_analysis.to_scene()
    elif isinstance(chart_or_analysis, Scene):
        scene = chart_or_analysis
    else:
        scene = analysis_scene(chart_or_analysis, width=width, height=height, theme=theme)
    return encode(scene).to_json()
