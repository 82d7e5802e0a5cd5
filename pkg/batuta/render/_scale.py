"""A scene drawn for a device pixel ratio: the CSS-pixel layout times ``k`` in device pixels.

A chart is laid out once, in CSS pixels (``_layout``), then every coordinate, size, line width,
marker radius and clip box is multiplied by the pixel ratio ``k``, and text is drawn with the
atlas glyphs rasterized at ``k`` times its size (``font``: 22/26/36 px at k = 2). So the layout is
the same at every ratio and on every engine (they all replay the same encoding), and a canvas
whose backing store is CSS size x ``devicePixelRatio`` shows crisp text and hairlines instead of
an upscaled bitmap. Rectangle edges snap to whole device pixels (a 1 px grid line at k = 1.5
stays one sharp 2 px line, not a blurred 1.5 px one); at k = 1 the scene is returned unchanged.
"""

from __future__ import annotations

from batuta.errors import RenderError
from batuta.render.scene import (
    Circle,
    Clip,
    Command,
    Group,
    Image,
    Opacity,
    Path,
    Points,
    Rect,
    Scene,
    Text,
)

MIN_SCALE, MAX_SCALE = 1.0, 3.0  # the atlas has glyphs up to 3x (and denser ratios gain nothing)


def clamp_scale(scale: float) -> float:
    """A pixel ratio the renderer draws: ``scale`` within 1..3 (non-numbers are refused)."""
    try:
        k = float(scale)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"pixel ratio {scale!r} is not a number") from exc
    if k != k:  # NaN
        raise RenderError("pixel ratio is not a number")
    return min(MAX_SCALE, max(MIN_SCALE, k))


MAX_PIXELS = 8192  # a scene's largest side (Scene's own bound)


def scale_scene(scene: Scene, scale: float) -> Scene:
    """``scene`` drawn at ``scale`` device pixels per CSS pixel (clamped to 1..3, and lowered
    so that neither side exceeds ``MAX_PIXELS``: a 3000 px wide chart at DPR 3 is drawn at 2.7)."""
    k = max(1.0, min(clamp_scale(scale), MAX_PIXELS / scene.width, MAX_PIXELS / scene.height))
    if k == 1.0:
        return scene
    return Scene(round(scene.width * k), round(scene.height * k), scene.background,
                 scale_commands(scene.commands, k))


def scale_commands(cmds: tuple[Command, ...], k: float) -> tuple[Command, ...]:
    """Every command of ``cmds`` (and its children) times ``k``."""
    return tuple(_scale(c, k) for c in cmds)


def _box(box: tuple[float, float, float, float], k: float) -> tuple[float, float, float, float]:
    return (box[0] * k, box[1] * k, box[2] * k, box[3] * k)


def _rect(r: Rect, k: float) -> Rect:
    """Edges on whole device pixels; a visible rect keeps at least one pixel each way."""
    x0, y0 = round(r.x * k), round(r.y * k)
    x1, y1 = round((r.x + r.w) * k), round((r.y + r.h) * k)
    if r.w > 0 and x1 <= x0:
        x1 = x0 + 1
    if r.h > 0 and y1 <= y0:
        y1 = y0 + 1
    return Rect(x0, y0, x1 - x0, y1 - y0, r.fill)


def _scale(c: Command, k: float) -> Command:
    if isinstance(c, Rect):
        return _rect(c, k)
    if isinstance(c, Text):
        return Text(c.x * k, c.y * k, c.text, round(c.size * k), c.color, c.anchor, c.baseline,
                    c.rotated)
    if isinstance(c, Path):
        return Path(tuple((x * k, y * k) for x, y in c.points), c.width * k, c.color, c.closed)
    if isinstance(c, Circle):
        return Circle(c.cx * k, c.cy * k, c.r * k, c.fill)
    if isinstance(c, Image):
        return Image(c.x * k, c.y * k, c.w * k, c.h * k, c.values, c.colormap, c.vmin, c.vmax)
    if isinstance(c, Points):
        sx, ox, sy, oy = c.transform
        return Points(c.xs, c.ys, (sx * k, ox * k, sy * k, oy * k), c.radius * k, c.color,
                      c.marker, None if c.clip is None else _box(c.clip, k))
    if isinstance(c, Group):
        # Whole device pixels, so the snapped rectangles inside stay on the pixel grid.
        return Group(scale_commands(c.children, k),
                     (round(c.translate[0] * k), round(c.translate[1] * k)))
    if isinstance(c, Clip):
        return Clip(_box(c.bounds, k), scale_commands(c.children, k))
    if isinstance(c, Opacity):
        return Opacity(c.alpha, scale_commands(c.children, k))
    raise RenderError(f"unknown draw command {type(c).__name__}")
