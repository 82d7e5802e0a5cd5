"""The scene: draw commands every backend consumes (book's Trueno-Viz ``DrawCommand``).

Coordinates are pixels, origin top-left, y down. Colours are ``(r, g, b, a)`` floats in 0..1.
Commands are frozen dataclasses; ``Group``, ``Clip`` and ``Opacity`` nest. ``Points`` is the bulk
form of ``Circle`` for scatter plots: its coordinates stay in data space (any sequence or a NumPy
array) and the affine ``transform`` maps them to pixels on the GPU, so a million points never pass
through a Python loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from batuta.errors import RenderError

Color = tuple[float, float, float, float]


def rgba(value: str | Sequence[float]) -> Color:
    """Parse ``#rrggbb``/``#rrggbbaa`` or a 3/4-sequence of 0..1 floats into a colour."""
    if isinstance(value, str):
        h = value.lstrip("#")
        if len(h) not in (6, 8) or any(c not in "0123456789abcdefABCDEF" for c in h):
            raise RenderError(f"bad colour {value!r}: use #rrggbb or #rrggbbaa")
        parts = [int(h[i:i + 2], 16) / 255 for i in range(0, len(h), 2)]
        return (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0)
    vals = [float(v) for v in value]
    if len(vals) not in (3, 4) or not all(0.0 <= v <= 1.0 for v in vals):
        raise RenderError(f"bad colour {value!r}: 3 or 4 floats in 0..1")
    return (vals[0], vals[1], vals[2], vals[3] if len(vals) == 4 else 1.0)


@dataclass(frozen=True)
class Rect:
    """Axis-aligned filled rectangle with analytic edge coverage."""

    x: float
    y: float
    w: float
    h: float
    fill: Color


@dataclass(frozen=True)
class Circle:
    """Filled disc, anti-aliased by its signed distance."""

    cx: float
    cy: float
    r: float
    fill: Color


@dataclass(frozen=True)
class Path:
    """Polyline stroked with round caps and joins (capsule per segment)."""

    points: tuple[tuple[float, float], ...]
    width: float
    color: Color
    closed: bool = False


@dataclass(frozen=True)
class Text:
    """A run of text from the bundled atlas (see ``font.layout`` for anchor/baseline)."""

    x: float
    y: float
    text: str
    size: int
    color: Color
    anchor: str = "start"
    baseline: str = "alphabetic"
    rotated: bool = False


@dataclass(frozen=True)
class Image:
    """A grid of values drawn into a rectangle, nearest-neighbour.

    ``values`` is row-major (``rows`` x ``cols``) scalars mapped through ``colormap`` between
    ``vmin`` and ``vmax``; non-finite values are transparent.
    """

    x: float
    y: float
    w: float
    h: float
    values: tuple[tuple[float, ...], ...]
    colormap: str = "viridis"
    vmin: float = 0.0
    vmax: float = 1.0


@dataclass(frozen=True)
class Points:
    """Many equal markers: data-space ``xs``/``ys``, pixel = (x*sx+ox, y*sy+oy)."""

    xs: Any
    ys: Any
    transform: tuple[float, float, float, float]
    radius: float
    color: Color
    marker: str = "circle"  # or "square"
    clip: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Group:
    """Children drawn in order, shifted by ``translate``."""

    children: tuple[Command, ...]
    translate: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Clip:
    """Children clipped to ``bounds`` (x, y, w, h); pixels are kept when their centre is inside."""

    bounds: tuple[float, float, float, float]
    children: tuple[Command, ...]


@dataclass(frozen=True)
class Opacity:
    """Children with their alpha multiplied by ``alpha``."""

    alpha: float
    children: tuple[Command, ...]


Command = Rect | Circle | Path | Text | Image | Points | Group | Clip | Opacity


@dataclass(frozen=True)
class Scene:
    """A canvas size, a background and the commands painted in order over it."""

    width: int
    height: int
    background: Color = (1.0, 1.0, 1.0, 1.0)
    commands: tuple[Command, ...] = field(default=())

    def __post_init__(self) -> None:
        if not (1 <= self.width <= 8192 and 1 <= self.height <= 8192):
            raise RenderError(f"canvas {self.width}x{self.height} outside 1..8192 pixels",
                              width=self.width, height=self.height)
