"""The chart model: a small grammar of graphics (line, bar, scatter, histogram, heatmap).

A ``Chart`` is frozen; each method returns a copy with one more layer, so charts compose:

    >>> png = (Chart(title="Latency", x_label="n", y_label="ms")
    ...        .line([1, 2, 3], [4.0, 2.5, 3.1], label="p50")
    ...        .scatter([1, 2, 3], [5.0, 3.5, 4.0], label="p99")
    ...        .to_png())  # doctest: +SKIP

``to_scene`` lowers it (``_layout.py``) to draw commands; ``encode`` to the engine-neutral
encoding; ``to_png`` renders natively through wgpu-py, or the NumPy CPU reference when no adapter
exists. Bad data never crashes: non-finite values and values a log axis cannot show are left out
and the chart says so in a note; what cannot be drawn at all is a ``RenderError``. The layer and
theme data (``Layer``, ``Theme``, ``THEMES``) live in ``_model``, which ``_layout`` reads too, and
are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from batuta.errors import RenderError
from batuta.render._model import THEMES, Binner, Layer, Theme
from batuta.render.scene import Command, Scene, rgba

KINDS = ("line", "scatter", "bar", "histogram", "heatmap")
SCALES = ("linear", "log")


def _same_length(x: Any, y: Any) -> None:
    if x is not None and hasattr(x, "__len__") and hasattr(y, "__len__") and len(x) != len(y):
        raise RenderError(f"x has {len(x)} values but y has {len(y)}")


@dataclass(frozen=True, kw_only=True)
class Chart:
    """A chart: labels, scales, theme and the layers drawn in order."""

    title: str = ""
    x_label: str = ""
    y_label: str = ""
    width: int = 800
    height: int = 500
    theme: str = "light"
    x_scale: str = "linear"
    y_scale: str = "linear"
    legend: bool = True
    layers: tuple[Layer, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise RenderError(f"unknown theme {self.theme!r}", known=sorted(THEMES))
        if self.x_scale not in SCALES or self.y_scale not in SCALES:
            raise RenderError(f"scales must be one of {SCALES}")
        if not (64 <= self.width <= 8192 and 64 <= self.height <= 8192):
            raise RenderError(f"chart size {self.width}x{self.height} outside 64..8192")

    def _add(self, layer: Layer) -> Chart:
        if layer.color is not None:
            rgba(layer.color)  # fail early on a bad colour
        for c in layer.colors:
            rgba(c)
        return replace(self, layers=(*self.layers, layer))

    def line(self, x: Any, y: Any, *, label: str = "", color: str | None = None,
             width: float = 2.0) -> Chart:
        """Add a polyline through (x, y), in the given order."""
        _same_length(x, y)
        return self._add(Layer("line", x, y, label, color, size=width))

    def scatter(self, x: Any, y: Any, *, label: str = "", color: str | None = None,
                size: float = 2.5, alpha: float = 0.75, marker: str = "circle") -> Chart:
        """Add markers of radius ``size`` pixels; overlaps darken like stacked alpha."""
        _same_length(x, y)
        return self._add(Layer("scatter", x, y, label, color, size=size, alpha=alpha,
                               marker=marker))

    def bar(self, categories: Sequence[str], values: Sequence[float], *, label: str = "",
            color: str | None = None, colors: Sequence[str] = ()) -> Chart:
        """Add one bar per category (several bar layers group side by side)."""
        if len(categories) != len(values):
            raise RenderError(f"{len(categories)} categories but {len(values)} values")
        return self._add(Layer("bar", None, list(values), label, color,
                               categories=tuple(str(c) for c in categories),
                               colors=tuple(colors)))

    def histogram(self, values: Any, *, bins: str | int = "sturges", label: str = "",
                  color: str | None = None, alpha: float = 1.0) -> Chart:
        """Add a histogram; ``bins`` is ``sturges``, ``scott``, ``fd`` or a count."""
        return self._add(Layer("histogram", values, None, label, color, alpha=alpha, bins=bins))

    def heatmap(self, matrix: Any, *, x_labels: Sequence[str] = (),
                y_labels: Sequence[str] = (), colormap: str = "viridis",
                vmin: float | None = None, vmax: float | None = None) -> Chart:
        """Add a grid of values (rows top to bottom) coloured through ``colormap``."""
        return self._add(Layer("heatmap", None, matrix, colormap=colormap, vmin=vmin,
                               vmax=vmax, x_labels=tuple(map(str, x_labels)),
                               y_labels=tuple(map(str, y_labels))))

    def to_commands(self, x: float, y: float, width: float, height: float, *,
                    binner: Binner | None = None) -> tuple[Command, ...]:
        """Draw commands for this chart in the box (x, y, width, height)."""
        from batuta.render._layout import lower

        try:
            return lower(self, x, y, width, height, binner=binner)
        except (OverflowError, ZeroDivisionError) as exc:
            # Last line of defence for arithmetic at the edge of float range: a typed error,
            # never a traceback (the property test in test_render_degenerate.py hunts these).
            raise RenderError(f"chart data cannot be drawn: {exc}") from exc

    def to_scene(self, *, binner: Binner | None = None, scale: float = 1.0) -> Scene:
        """The whole chart as a scene of ``width x height`` CSS pixels, drawn at ``scale``
        device pixels each (the device pixel ratio, clamped to 1..3; see ``_scale``)."""
        from batuta.render._scale import scale_scene

        bg = rgba(THEMES[self.theme].background)
        return scale_scene(Scene(self.width, self.height, bg,
                                 self.to_commands(0, 0, self.width, self.height, binner=binner)),
                           scale)

    def encode(self, *, scale: float = 1.0) -> Any:
        """The engine-neutral encoding (see ``encoding.Encoding``)."""
        from batuta.render.encoding import encode

        return encode(self.to_scene(scale=scale))

    def render(self, *, engine: Any = None, scale: float = 1.0) -> bytes:
        """RGBA8 pixels, through ``engine`` or the default native engine."""
        from batuta.render._default_engine import default_engine
        from batuta.render.encoding import encode

        eng = engine or default_engine()
        return bytes(eng.render(encode(self.to_scene(binner=eng.histogram, scale=scale))))

    def to_png(self, *, engine: Any = None, scale: float = 1.0) -> bytes:
        """PNG bytes (wgpu-py, or the NumPy CPU reference when no adapter exists); ``scale``
        draws ``width x height`` CSS pixels at that device pixel ratio (2: twice the pixels)."""
        from batuta.render._default_engine import default_engine
        from batuta.render.encoding import encode
        from batuta.render.png import encode_png

        eng = engine or default_engine()
        scene = self.to_scene(binner=eng.histogram, scale=scale)
        return encode_png(bytes(eng.render(encode(scene))), scene.width, scene.height)


__all__ = ["KINDS", "SCALES", "THEMES", "Binner", "Chart", "Layer", "Theme"]
