"""Charts rendered by WGSL compute shaders: chart model, scene, encoding, engines.

Data flows one way: ``Chart`` -> ``Scene`` (draw commands) -> ``Encoding`` (plain buffers and a
recording, no GPU imports) -> an engine: ``GpuEngine`` (wgpu-py), ``CpuEngine`` (NumPy reference)
or ``web/render/webgpu.js`` in the browser. Heavy modules load lazily. The leaf modules never
import this package back: the shared engine lives in ``_default_engine``, the layer and theme
data in ``_model``; both are re-exported here.
"""

from __future__ import annotations

from typing import Any

from batuta.render._analysis import analysis_charts, analysis_scene
from batuta.render._default_engine import close_default_engine, default_engine
from batuta.render._scale import scale_scene
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


def render_scene(scene: Scene, *, engine: Any = None) -> bytes:
    """PNG bytes of a scene."""
    eng = engine or default_engine()
    return encode_png(eng.render(encode(scene)), scene.width, scene.height)


def analysis_png(analysis: Any, *, width: int = 1280, height: int = 720,
                 engine: Any = None) -> bytes:
    """PNG of the language-share and complexity-distribution charts (``analyze --plot``)."""
    return render_scene(analysis_scene(analysis, width=width, height=height), engine=engine)


def chart_encoding(chart_or_analysis: Any, *, width: int = 1280,
                   height: int = 720, theme: str = "light", scale: float = 1.0) -> dict[str, Any]:
    """JSON-able encoding for ``renderEncoding(canvas, encoding)`` in ``web/render/webgpu.js``.

    Args:
        chart_or_analysis: A ``Chart``, a ``Scene``, or a ``ProjectAnalysis`` (object or its
            JSON dict), which draws the analysis charts.
        width: Canvas width for an analysis.
        height: Canvas height for an analysis.
        theme: Chart theme of an analysis ("light", "dark").
        scale: Device pixel ratio (clamped to 1..3): the encoding has ``scale`` times the
            pixels each way, laid out as at 1 with glyphs rasterized at the larger size, for a
            canvas whose backing store is its CSS size times ``devicePixelRatio``.
    """
    if isinstance(chart_or_analysis, Chart):
        scene = chart_or_analysis.to_scene(scale=scale)
    elif isinstance(chart_or_analysis, Scene):
        scene = scale_scene(chart_or_analysis, scale)
    else:
        scene = analysis_scene(chart_or_analysis, width=width, height=height, theme=theme,
                               scale=scale)
    return encode(scene).to_json()
