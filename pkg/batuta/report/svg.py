"""A ``batuta.render`` Scene as SVG text: the pure-Python chart path of the migration report.

The WGSL engines rasterize scenes to PNG and need wgpu-py or NumPy; the browser worker has
neither, and a report should print crisply at any size. So the report walks the same Scene
(the charts are built by ``batuta.render.chart``) and writes each draw command as an SVG
element. Scatter ``Points`` and heat-map ``Image`` commands are written as circles and cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from batuta.render.scene import Circle, Clip, Group, Image, Opacity, Path, Points, Rect, Scene, Text

MAX_POINTS = 5_000
"""More scatter points than this are thinned (an inline SVG stays small)."""


def _color(c: tuple[float, float, float, float]) -> str:
    r, g, b, a = (max(0.0, min(1.0, float(v))) for v in c)
    rgb = f"rgb({round(r * 255)},{round(g * 255)},{round(b * 255)})"
    return rgb if a >= 1.0 else f"{rgb}\" fill-opacity=\"{a:.3g}"


def _num(v: float) -> str:
    return f"{float(v):.2f}".rstrip("0").rstrip(".")


def _text(cmd: Text) -> str:
    anchor = {"start": "start", "middle": "middle", "center": "middle", "end": "end"}.get(
        cmd.anchor, "start")
    baseline = {"middle": "central", "top": "hanging", "hanging": "hanging"}.get(
        cmd.baseline, "alphabetic")
    rotate = f' transform="rotate(-90 {_num(cmd.x)} {_num(cmd.y)})"' if cmd.rotated else ""
    return (f'<text x="{_num(cmd.x)}" y="{_num(cmd.y)}" font-size="{cmd.size}" '
            f'fill="{_color(cmd.color)}" text-anchor="{anchor}" dominant-baseline="{baseline}"'
            f'{rotate}>{escape(cmd.text)}</text>')


def _path(cmd: Path) -> str:
    pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in cmd.points)
    tag = "polygon" if cmd.closed else "polyline"
    stroke = _color(cmd.color).replace("fill-opacity", "stroke-opacity")
    return (f'<{tag} points="{pts}" fill="none" stroke="{stroke}" '
            f'stroke-width="{_num(cmd.width)}" stroke-linecap="round" stroke-linejoin="round"/>')


def _points(cmd: Points) -> Iterator[str]:
    sx, ox, sy, oy = cmd.transform
    xs, ys = list(cmd.xs), list(cmd.ys)
    step = max(1, len(xs) // MAX_POINTS)
    for x, y in zip(xs[::step], ys[::step], strict=False):
        yield (f'<circle cx="{_num(sx * float(x) + ox)}" cy="{_num(sy * float(y) + oy)}" '
               f'r="{_num(cmd.radius)}" fill="{_color(cmd.color)}"/>')


def _image(cmd: Image) -> Iterator[str]:
    rows = len(cmd.values)
    cols = len(cmd.values[0]) if rows else 0
    span = (cmd.vmax - cmd.vmin) or 1.0
    for i, row in enumerate(cmd.values):
        for j, v in enumerate(row):
            t = max(0.0, min(1.0, (float(v) - cmd.vmin) / span))
            shade = round(255 * (1 - t))
            x, y = cmd.x + j * cmd.w / cols, cmd.y + i * cmd.h / rows
            yield (f'<rect x="{_num(x)}" y="{_num(y)}"'
                   f' width="{_num(cmd.w / cols)}" height="{_num(cmd.h / rows)}" '
                   f'fill="rgb({shade},{shade},255)"/>')


def _commands(commands: tuple[Any, ...], ids: Iterator[str]) -> Iterator[str]:
    for cmd in commands:
        if isinstance(cmd, Rect):
            yield (f'<rect x="{_num(cmd.x)}" y="{_num(cmd.y)}" width="{_num(cmd.w)}" '
                   f'height="{_num(cmd.h)}" fill="{_color(cmd.fill)}"/>')
        elif isinstance(cmd, Circle):
            yield (f'<circle cx="{_num(cmd.cx)}" cy="{_num(cmd.cy)}" r="{_num(cmd.r)}" '
                   f'fill="{_color(cmd.fill)}"/>')
        elif isinstance(cmd, Path):
            yield _path(cmd)
        elif isinstance(cmd, Text):
            yield _text(cmd)
        elif isinstance(cmd, Points):
            yield from _points(cmd)
        elif isinstance(cmd, Image):
            yield from _image(cmd)
        elif isinstance(cmd, Group):
            dx, dy = cmd.translate
            yield f'<g transform="translate({_num(dx)} {_num(dy)})">'
            yield from _commands(cmd.children, ids)
            yield "</g>"
        elif isinstance(cmd, Clip):
            n = next(ids)
            x, y, w, h = cmd.bounds
            yield (f'<clipPath id="{n}"><rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" '
                   f'height="{_num(h)}"/></clipPath><g clip-path="url(#{n})">')
            yield from _commands(cmd.children, ids)
            yield "</g>"
        elif isinstance(cmd, Opacity):
            yield f'<g opacity="{_num(cmd.alpha)}">'
            yield from _commands(cmd.children, ids)
            yield "</g>"


def scene_svg(scene: Scene, *, title: str, prefix: str = "s") -> str:
    """The scene as one ``<svg>`` element (scales to its container; ``title`` for readers).

    ``prefix`` keeps clip-path ids unique when several charts share one HTML page.
    """
    ids = (f"{prefix}-clip{n}" for n in range(10**9))  # unique within one report
    body = "".join(_commands(scene.commands, ids))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width} {scene.height}"'
            f' role="img" aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif">'
            f"<title>{escape(title)}</title>"
            f'<rect width="{scene.width}" height="{scene.height}" '
            f'fill="{_color(scene.background)}"/>'
            f"{body}</svg>")
