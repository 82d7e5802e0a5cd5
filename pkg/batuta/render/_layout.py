"""Lowering a ``Chart`` to draw commands: frame layout, scales, marks, axes, legend, notes.

``chart`` calls ``lower``; this module reads the layer and theme data from ``_model`` and names
``Chart`` for type checking only, so it never imports ``chart`` back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from batuta.errors import RenderError
from batuta.render import _axes, _data
from batuta.render._model import THEMES, Binner, Layer, Theme
from batuta.render.font import text_width
from batuta.render.scene import (
    Circle,
    Clip,
    Command,
    Image,
    Path,
    Points,
    Rect,
    Text,
    rgba,
)

if TYPE_CHECKING:
    from batuta.render.chart import Chart

TITLE, LABEL, TICK = 18, 13, 11


@dataclass
class _Frame:
    """Everything the drawing steps share."""

    chart: Chart
    theme: Theme
    px: float = 0.0
    py: float = 0.0
    pw: float = 0.0
    ph: float = 0.0
    notes: list[str] = field(default_factory=list)
    out: list[Command] = field(default_factory=list)

    def color(self, layer: Layer, index: int) -> str:
        return layer.color or self.theme.palette[index % len(self.theme.palette)]


def lower(chart: Chart, x: float, y: float, width: float, height: float, *,
          binner: Binner | None) -> tuple[Command, ...]:
    """The chart's draw commands inside the box (x, y, width, height)."""
    kinds = {layer.kind for layer in chart.layers}
    if len(kinds & {"bar", "histogram", "heatmap"}) > 1 or (
            kinds & {"bar", "histogram", "heatmap"} and kinds & {"line", "scatter"}):
        raise RenderError(f"cannot combine {sorted(kinds)} in one chart; use separate charts")
    f = _Frame(chart, THEMES[chart.theme])
    data = [_data.prepare(layer, chart, f.notes, binner) for layer in chart.layers]
    xaxis, yaxis = _data.axes(chart, data)
    legend = _legend_entries(f, data)
    left = max((text_width(t, TICK) for t in (*yaxis.labels, *(b[1] for b in yaxis.bands))),
               default=0) + 14
    left += 22 if chart.y_label else 0
    right = 16 + (max(text_width(lbl, TICK) for _, lbl, _ in legend) + 36 if legend else 0)
    right += 80 if "heatmap" in kinds else 0
    top = 40 if chart.title else 14
    bottom = 28 + (22 if chart.x_label else 0) + _band_label_depth(xaxis)
    f.px, f.py = x + left, y + top
    f.pw, f.ph = width - left - right, height - top - bottom
    if f.pw < 16 or f.ph < 16:
        raise RenderError(f"chart box {width}x{height} leaves no room to plot")
    if f.theme.plot != f.theme.background:  # a full-size shape costs a pass over every tile
        f.out.append(Rect(f.px, f.py, f.pw, f.ph, rgba(f.theme.plot)))
    xs, ys = xaxis.scale(f.px, f.px + f.pw), yaxis.scale(f.py + f.ph, f.py)
    _check_scale(xs, "x")
    _check_scale(ys, "y")
    _grid(f, xaxis, yaxis, xs, ys)
    marks: list[Command] = []
    for i, (layer, d) in enumerate(zip(chart.layers, data, strict=True)):
        marks += _marks(f, layer, d, i, xs, ys)
    f.out.append(Clip((f.px, f.py, f.pw, f.ph), tuple(marks)))
    _axes_and_labels(f, xaxis, yaxis, xs, ys, x, y, width, height)
    _legend(f, legend)
    if "heatmap" in kinds:
        _colorbar(f, data[0])
    _notes(f, data)
    return tuple(f.out)


F32_SAFE = 1e37  # pixel transforms run in f32 on the GPU (max ~3.4e38)


def _check_scale(sc: _axes.Scale, name: str) -> None:
    """The data -> pixel transform must be representable in f32."""
    if not all(math.isfinite(v) and abs(v) < F32_SAFE for v in (sc.factor, sc.offset)):
        raise RenderError(f"{name} data range {sc.lo:g}..{sc.hi:g} cannot be drawn: too "
                          "narrow or too wide for 32-bit pixel arithmetic")


def _marks(f: _Frame, layer: Layer, d: _data.Prepared, i: int, xs: _axes.Scale,
           ys: _axes.Scale) -> list[Command]:
    color = rgba(f.color(layer, i))
    if layer.kind == "line":
        pts = _data.decimated_pixels(d.x, d.y, xs, ys)
        return [Path(tuple(pts), layer.size, color)] if pts else []
    if layer.kind == "scatter":
        # Shift by the domain start in float64 before the GPU's f32: data such as Unix
        # timestamps (1.7e9) keep sub-pixel precision instead of 128-unit steps.
        return [Points(_data.shifted(d.x, xs.lo), _data.shifted(d.y, ys.lo),
                       (xs.factor, xs.p0, ys.factor, ys.p0), layer.size,
                       (*color[:3], color[3] * layer.alpha), layer.marker)] if d.count else []
    if layer.kind == "bar":
        return _bars(f, layer, d, xs, ys)
    if layer.kind == "histogram":
        return _histogram(layer, d, xs, ys, color)
    return [Image(f.px, f.py, f.pw, f.ph, d.grid, layer.colormap, d.vmin, d.vmax)]


MAX_BAR = 90.0  # pixels: one wide bar reads as a panel, not a bar
LABELLED_BARS = 24  # value labels above bars up to this many bars


def _bars(f: _Frame, layer: Layer, d: _data.Prepared, xs: _axes.Scale,
          ys: _axes.Scale) -> list[Command]:
    bars = [lay for lay in f.chart.layers if lay.kind == "bar"]
    j, nser = bars.index(layer), len(bars)
    band = f.pw / max(1, d.count)
    gw = min(band * 0.8 / nser, MAX_BAR)
    base = ys(10 ** ys.lo) if ys.log else ys(min(max(0.0, ys.lo), ys.hi))
    out: list[Command] = []
    idx = f.chart.layers.index(layer)
    labelled = d.count * nser <= LABELLED_BARS
    for k, v in enumerate(d.y):
        if v is None:
            continue
        top = ys(v)
        col = layer.colors[k % len(layer.colors)] if layer.colors else f.color(layer, idx)
        x0 = f.px + k * band + (band - nser * gw) / 2 + j * gw
        out.append(Rect(x0, min(top, base), gw - (1 if nser > 1 else 0), abs(base - top),
                        rgba(col)))
        if labelled:
            out.append(Text(x0 + gw / 2, min(top, base) - 4, _value(v), TICK,
                            rgba(f.theme.muted), "middle"))
    return out


def _value(v: float) -> str:
    """A bar's value label: whole numbers with separators, else one decimal."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def _histogram(layer: Layer, d: _data.Prepared, xs: _axes.Scale, ys: _axes.Scale,
               color: tuple[float, float, float, float]) -> list[Command]:
    out: list[Command] = []
    fill = (*color[:3], color[3] * layer.alpha)
    base = ys(10 ** ys.lo) if ys.log else ys(0.0)
    for k, c in enumerate(d.y):
        if c <= 0:
            continue
        x0, x1 = xs(d.edges[k]), xs(d.edges[k + 1])
        gap = 1.0 if x1 - x0 > 4 else 0.0
        top = ys(c)
        out.append(Rect(x0, top, x1 - x0 - gap, base - top, fill))
    return out


def _grid(f: _Frame, xaxis: _data.Axis, yaxis: _data.Axis, xs: _axes.Scale,
          ys: _axes.Scale) -> None:
    grid = rgba(f.theme.grid)
    for t in yaxis.ticks:
        f.out.append(Rect(f.px, round(ys(t)), f.pw, 1, grid))
    for t in xaxis.ticks:
        f.out.append(Rect(round(xs(t)), f.py, 1, f.ph, grid))


def _axes_and_labels(f: _Frame, xaxis: _data.Axis, yaxis: _data.Axis, xs: _axes.Scale,
                     ys: _axes.Scale, x: float, y: float, width: float, height: float) -> None:
    axis, text = rgba(f.theme.axis), rgba(f.theme.text)
    bottom = f.py + f.ph
    f.out += [Rect(f.px - 1, f.py, 1, f.ph + 1, axis), Rect(f.px - 1, bottom, f.pw + 1, 1, axis)]
    for t, lbl in zip(xaxis.ticks, xaxis.labels, strict=True):
        f.out += [Rect(round(xs(t)), bottom, 1, 4, axis),
                  Text(round(xs(t)) + 0.5, bottom + 7, lbl, TICK, text, "middle", "top")]
    for k, lbl in xaxis.bands:
        cx = f.px + (k + 0.5) * f.pw / xaxis.band_count
        if xaxis.band_style == "rotated":  # ends under its band, reads upwards
            f.out.append(Text(cx, bottom + 7, lbl, TICK, text, "end", "middle", rotated=True))
            continue
        for n, line in enumerate(lbl.split("\n")):
            f.out.append(Text(cx, bottom + 7 + n * BAND_LINE, line, TICK, text, "middle",
                              "top"))
    for t, lbl in zip(yaxis.ticks, yaxis.labels, strict=True):
        f.out += [Rect(f.px - 5, round(ys(t)), 4, 1, axis),
                  Text(f.px - 8, round(ys(t)) + 0.5, lbl, TICK, text, "end", "middle")]
    for k, lbl in yaxis.bands:
        f.out.append(Text(f.px - 8, f.py + (k + 0.5) * f.ph / yaxis.band_count, lbl, TICK,
                          text, "end", "middle"))
    if f.chart.title:
        f.out.append(Text(x + width / 2, y + 26, f.chart.title, TITLE, text, "middle"))
    if f.chart.x_label:
        f.out.append(Text(f.px + f.pw / 2, y + height - 8, f.chart.x_label, LABEL, text,
                          "middle"))
    if f.chart.y_label:
        f.out.append(Text(x + 16, f.py + f.ph / 2, f.chart.y_label, LABEL, text, "middle",
                          rotated=True))


BAND_LINE = 14  # pixels between the two lines of a wrapped band label


def _band_label_depth(xaxis: _data.Axis) -> int:
    """Extra room under the plot for wrapped or rotated category labels."""
    if xaxis.band_style == "wrap":
        return BAND_LINE
    if xaxis.band_style == "rotated":
        return max((round(text_width(lbl, TICK)) for _, lbl in xaxis.bands), default=0) - 8
    return 0


def _legend_entries(f: _Frame, data: list[_data.Prepared]) -> list[tuple[str, str, str]]:
    if not f.chart.legend:
        return []
    return [(layer.kind, layer.label, f.color(layer, i))
            for i, layer in enumerate(f.chart.layers) if layer.label]


def _legend(f: _Frame, entries: list[tuple[str, str, str]]) -> None:
    x0, text = f.px + f.pw + 14, rgba(f.theme.text)
    for k, (kind, label, col) in enumerate(entries):
        yy = f.py + 8 + k * 20
        c = rgba(col)
        if kind == "line":
            f.out.append(Path(((x0, yy + 6), (x0 + 14, yy + 6)), 2.0, c))
        elif kind == "scatter":
            f.out.append(Circle(x0 + 7, yy + 6, 4, c))
        else:
            f.out.append(Rect(x0 + 1, yy, 12, 12, c))
        f.out.append(Text(x0 + 20, yy + 6.5, label, TICK, text, "start", "middle"))


def _colorbar(f: _Frame, d: _data.Prepared) -> None:
    x0, h = f.px + f.pw + 16, f.ph
    steps = 64
    col = tuple((d.vmax - (d.vmax - d.vmin) * (k + 0.5) / steps,) for k in range(steps))
    layer = f.chart.layers[0]
    f.out.append(Image(x0, f.py, 14, h, col, layer.colormap, d.vmin, d.vmax))
    if d.vmax <= d.vmin:
        return
    _, _, ticks = _axes.linear_ticks(d.vmin, d.vmax, 5)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    text = rgba(f.theme.text)
    for t in ticks:
        if d.vmin <= t <= d.vmax:
            yy = round(f.py + (d.vmax - t) / (d.vmax - d.vmin) * h)
            f.out += [Rect(x0 + 14, yy, 4, 1, rgba(f.theme.axis)),
                      Text(x0 + 21, yy + 0.5, _axes.format_tick(t, step), TICK, text,
                           "start", "middle")]


def _notes(f: _Frame, data: list[_data.Prepared]) -> None:
    muted = rgba(f.theme.muted)
    if all(d.count == 0 for d in data):
        f.out.append(Text(f.px + f.pw / 2, f.py + f.ph / 2, "no data", LABEL, muted, "middle",
                          "middle"))
    if f.notes:
        note = " · ".join(dict.fromkeys(f.notes))
        f.out.append(Text(f.px + 6, f.py + 6, note, TICK, muted, "start", "top"))
