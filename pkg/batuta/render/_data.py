"""Data preparation for charts: cleaning, log transforms, binning, axes and line decimation.

Pure Python with a NumPy fast path when the caller passes arrays (natively). Values a chart
cannot show (NaN, infinities, values <= 0 on a log axis) are dropped and counted; the chart
prints the count as a note, so nothing disappears silently.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from batuta.errors import RenderError
from batuta.render import _axes
from batuta.render.font import text_width

MAX_LINE_POINTS = 200_000  # unsorted lines beyond this cannot be decimated per pixel column


@dataclass
class Prepared:
    """One layer's cleaned data (``x``/``y`` in scale space: log10 on log axes)."""

    x: Any = None
    y: Any = None
    count: int = 0
    edges: list[float] = field(default_factory=list)
    grid: tuple[tuple[float, ...], ...] = ()
    vmin: float = 0.0
    vmax: float = 1.0


@dataclass(frozen=True)
class Axis:
    """Ticks (data values) and labels of one axis, or category bands."""

    lo: float
    hi: float
    log: bool = False
    ticks: tuple[float, ...] = ()
    labels: tuple[str, ...] = ()
    bands: tuple[tuple[int, str], ...] = ()
    band_count: int = 1
    band_style: str = "flat"  # x bands: "flat", "wrap" (two lines) or "rotated" (reads upwards)

    def scale(self, p0: float, p1: float) -> _axes.Scale:
        return _axes.Scale(self.lo, self.hi, p0, p1, self.log)


def _np(*values: Any) -> Any:
    if any(type(v).__module__.startswith("numpy") for v in values):
        import numpy

        return numpy
    return None


def clean_xy(x: Any, y: Any, xlog: bool, ylog: bool,
             notes: list[str]) -> tuple[Any, Any, int]:
    """Finite pairs (log10 where the axis is log); returns (xs, ys, count)."""
    np = _np(x, y)
    if np is not None:
        xa, ya = np.asarray(x, dtype=np.float64).ravel(), np.asarray(y, dtype=np.float64).ravel()
        _same_length(len(xa), len(ya))
        ok = np.isfinite(xa) & np.isfinite(ya)
        _note(notes, int(len(xa) - ok.sum()), "non-finite values omitted")
        pos = ok & (xa > 0 if xlog else True) & (ya > 0 if ylog else True)
        _note(notes, int(ok.sum() - pos.sum()), "values ≤ 0 omitted (log axis)")
        xa, ya = xa[pos], ya[pos]
        return (np.log10(xa) if xlog else xa), (np.log10(ya) if ylog else ya), len(xa)
    xl, yl = [float(v) for v in x], [float(v) for v in y]
    _same_length(len(xl), len(yl))
    pairs = [(a, b) for a, b in zip(xl, yl, strict=True) if math.isfinite(a) and math.isfinite(b)]
    _note(notes, len(xl) - len(pairs), "non-finite values omitted")
    kept = [(a, b) for a, b in pairs if (a > 0 or not xlog) and (b > 0 or not ylog)]
    _note(notes, len(pairs) - len(kept), "values ≤ 0 omitted (log axis)")
    xs = [math.log10(a) if xlog else a for a, _ in kept]
    ys = [math.log10(b) if ylog else b for _, b in kept]
    return xs, ys, len(xs)


def _same_length(nx: int, ny: int) -> None:
    if nx != ny:
        raise RenderError(f"x has {nx} values but y has {ny}")


def _note(notes: list[str], n: int, what: str) -> None:
    if n > 0:
        notes.append(f"{n:,} {what}" if n > 1 else f"1 {what.replace('values', 'value')}")


def prepare(layer: Any, chart: Any, notes: list[str], binner: Any) -> Prepared:
    """Clean one layer's data for drawing."""
    if layer.kind in ("line", "scatter"):
        y = layer.y
        x = layer.x if layer.x is not None else range(len(y))
        xs, ys, n = clean_xy(x, y, chart.x_scale == "log", chart.y_scale == "log", notes)
        return Prepared(xs, ys, n)
    if layer.kind == "bar":
        return _prepare_bar(layer, chart.y_scale == "log", notes)
    if layer.kind == "histogram":
        if chart.x_scale == "log":
            raise RenderError("a histogram needs a linear x axis")
        return _prepare_histogram(layer, notes, binner)
    return _prepare_heatmap(layer, notes)


def _prepare_bar(layer: Any, ylog: bool, notes: list[str]) -> Prepared:
    vals: list[float | None] = []
    bad = nonpos = 0
    for v in layer.y:
        fv = float(v)
        if not math.isfinite(fv):
            bad += 1
            vals.append(None)
        elif ylog and fv <= 0:
            nonpos += 1
            vals.append(None)
        else:
            vals.append(fv)
    _note(notes, bad, "non-finite values omitted")
    _note(notes, nonpos, "values ≤ 0 omitted (log axis)")
    return Prepared(None, vals, len(vals))


def _prepare_histogram(layer: Any, notes: list[str], binner: Any) -> Prepared:
    values = layer.x
    np = _np(values)
    if np is not None:
        arr = np.asarray(values, dtype=np.float64).ravel()
        finite = arr[np.isfinite(arr)]
        _note(notes, int(len(arr) - len(finite)), "non-finite values omitted")
        lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
    else:
        raw = [float(v) for v in values]
        finite = [v for v in raw if math.isfinite(v)]
        _note(notes, len(raw) - len(finite), "non-finite values omitted")
        lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if not len(finite):
        return Prepared(None, [], 0, [0.0, 1.0])
    nbins = _axes.bin_count(finite, layer.bins)
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    counts = (binner or _axes.count_bins)(finite, lo, hi, nbins)
    edges = [lo + (hi - lo) * k / nbins for k in range(nbins + 1)]
    return Prepared(None, counts, len(finite), edges)


def _prepare_heatmap(layer: Any, notes: list[str]) -> Prepared:
    try:
        grid = tuple(tuple(float(v) for v in row) for row in layer.y)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"heatmap needs a grid of numbers: {exc}") from exc
    if not grid or not grid[0] or any(len(r) != len(grid[0]) for r in grid):
        raise RenderError("heatmap needs a non-empty rectangular grid")
    finite = [v for row in grid for v in row if math.isfinite(v)]
    _note(notes, len(grid) * len(grid[0]) - len(finite), "empty (non-finite) cells")
    vmin = layer.vmin if layer.vmin is not None else (min(finite) if finite else 0.0)
    vmax = layer.vmax if layer.vmax is not None else (max(finite) if finite else 1.0)
    return Prepared(None, None, len(finite), [], grid, vmin, vmax)


def axes(chart: Any, data: list[Prepared]) -> tuple[Axis, Axis]:
    """The x and y axes for the prepared layers."""
    kinds = {layer.kind for layer in chart.layers}
    if "heatmap" in kinds:
        layer, d = chart.layers[0], data[0]
        return (_band_axis(layer.x_labels, len(d.grid[0]), chart.width),
                _band_axis(layer.y_labels, len(d.grid), chart.height, vertical=True))
    if "bar" in kinds:
        cats = max((lay.categories for lay in chart.layers), key=len)
        vals = [v for d in data for v in d.y if v is not None]
        head = max(vals) * 1.08 if vals and max(vals) > 0 else 0.0  # room for value labels
        vals += [head] if math.isfinite(head) and head > 0 else []
        return (_band_axis(cats, len(cats), chart.width),
                _numeric(vals, chart.y_scale == "log", True))
    if "histogram" in kinds:
        edges = [e for d in data for e in (d.edges[:1] + d.edges[-1:])]
        counts = [float(c) for d in data for c in d.y if c > 0]
        return _numeric(edges, False, False), _numeric(counts, chart.y_scale == "log", True,
                                                       raw=True)
    xs = [v for d in data if d.count for v in _extent(d.x)]
    ys = [v for d in data if d.count for v in _extent(d.y)]
    return (_numeric(xs, chart.x_scale == "log", False, log_space=True),
            _numeric(ys, chart.y_scale == "log", False, log_space=True))


def _extent(values: Any) -> tuple[float, float]:
    np = _np(values)
    if np is not None:
        return float(values.min()), float(values.max())
    return min(values), max(values)


def _numeric(values: list[float], log: bool, zero: bool, *, log_space: bool = False,
             raw: bool = False) -> Axis:
    """A linear or log axis over ``values`` (already log10 when ``log_space``)."""
    if log:
        vals = [10 ** v for v in values] if log_space else [v for v in values if v > 0]
        lo, hi = (min(vals), max(vals)) if vals else (1.0, 10.0)
        dlo, dhi, ticks = _axes.log_ticks(lo, hi)
        return Axis(dlo, dhi, True, tuple(ticks),
                    tuple(_axes.format_tick(t, 1.0, log=True) for t in ticks))
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    dlo, dhi, ticks = _axes.linear_ticks(lo, hi)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return Axis(dlo, dhi, False, tuple(ticks), tuple(_axes.format_tick(t, step) for t in ticks))


def _band_axis(labels: tuple[str, ...], count: int, extent: int, *,
               vertical: bool = False) -> Axis:
    """Category bands, every label shown: on one line when they fit side by side, else on two
    lines (split at a space), else rotated to read upwards. Only when even rotated labels
    (one text line each) would overlap is every n-th shown."""
    if not labels:
        return Axis(0.0, 1.0, band_count=max(1, count))
    labels = labels[:count]
    room = extent * 0.85 / max(1, count)  # pixels per band, about (axes and margins aside)
    if vertical:
        return _thinned(labels, count, math.ceil(16 / room))
    if max(text_width(lbl, 11) for lbl in labels) + 8 <= room:
        return Axis(0.0, 1.0, bands=tuple(enumerate(labels)), band_count=max(1, count))
    wrapped = tuple(_two_lines(lbl) for lbl in labels)
    if max(text_width(line, 11) for lbl in wrapped for line in lbl.split("\n")) + 8 <= room:
        return Axis(0.0, 1.0, bands=tuple(enumerate(wrapped)), band_count=max(1, count),
                    band_style="wrap")
    short = tuple(lbl if len(lbl) <= ROTATED_CHARS else lbl[:ROTATED_CHARS - 1] + "…"
                  for lbl in labels)
    axis = _thinned(short, count, math.ceil(14 / room))
    return Axis(0.0, 1.0, bands=axis.bands, band_count=axis.band_count, band_style="rotated")


ROTATED_CHARS = 24  # a rotated label longer than this is cut with an ellipsis


def _thinned(labels: tuple[str, ...], count: int, stride: int) -> Axis:
    stride = max(1, stride)
    bands = tuple((k, lbl) for k, lbl in enumerate(labels) if k % stride == 0)
    return Axis(0.0, 1.0, bands=bands, band_count=max(1, count))


def _two_lines(label: str) -> str:
    """The label split at the space nearest its middle ("21–50 complex" -> "21–50", "complex")."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return f"{label[:cut]}\n{label[cut + 1:]}"


def decimated_pixels(x: Any, y: Any, xs: _axes.Scale, ys: _axes.Scale) -> list[tuple[float, float]]:
    """Pixel points of a line; per-column min/max (M4) when there are more points than pixels."""
    n = len(x)
    if n == 0:
        return []
    px = _affine(x, xs.factor, xs.offset)
    py = _affine(y, ys.factor, ys.offset)
    span = abs(xs.p1 - xs.p0)
    if n > 4 * span:
        reduced = _m4(px, py, n)
        if reduced is not None:
            return reduced
        if n > MAX_LINE_POINTS:
            raise RenderError(f"a line of {n:,} points whose x is not sorted cannot be drawn; "
                              "sort by x or use a scatter plot", points=n)
    return list(zip(_tolist(px), _tolist(py), strict=True))


def shifted(v: Any, by: float) -> Any:
    """``v - by`` elementwise, in float64 (array or list)."""
    if by == 0:
        return v
    return v - by if _np(v) is not None else [a - by for a in v]


def _affine(v: Any, k: float, o: float) -> Any:
    np = _np(v)
    return v * k + o if np is not None else [a * k + o for a in v]


def _tolist(v: Any) -> list[float]:
    return v.tolist() if hasattr(v, "tolist") else list(v)


def _m4(px: Any, py: Any, n: int) -> list[tuple[float, float]] | None:
    """First, min, max and last point of each pixel column; None when x decreases somewhere."""
    np = _np(px)
    if np is not None:
        if not bool(np.all(np.diff(px) >= 0)):
            return None
        cols = np.floor(px).astype(np.int64)
        starts = np.concatenate(([0], np.flatnonzero(np.diff(cols)) + 1))
        ends = np.concatenate((starts[1:], [n])) - 1
        lo, hi = np.minimum.reduceat(py, starts), np.maximum.reduceat(py, starts)
        quad = np.stack([px[starts], py[starts], px[starts], lo, px[starts], hi,
                        px[ends], py[ends]], axis=1).reshape(-1, 2)
        return [(float(a), float(b)) for a, b in quad.tolist()]
    pxl, pyl = list(px), list(py)
    if any(b < a for a, b in itertools.pairwise(pxl)):
        return None
    out: list[tuple[float, float]] = []
    i = 0
    while i < n:
        col, j = math.floor(pxl[i]), i
        while j + 1 < n and math.floor(pxl[j + 1]) == col:
            j += 1
        seg = pyl[i:j + 1]
        out += [(pxl[i], pyl[i]), (pxl[i], min(seg)), (pxl[i], max(seg)), (pxl[j], pyl[j])]
        i = j + 1
    return out

