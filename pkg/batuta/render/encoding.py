"""Scene -> encoding: plain data buffers plus the recording that draws them. No GPU imports.

The encoding is what crosses to any engine: named blobs (little-endian ``f32``/``u32`` arrays) and
a ``recording`` of passes. Pure Python, so the browser worker can call it; a NumPy fast path is
used for bulk point data when NumPy is present (natively), never required.

Shape records are 16 ``f32``: ``[kind, a, b, c, d, e, f, g, r, g, b, a, clip x0, y0, x1, y1]``
(see ``shaders/shared/shapes_common.wgsl``). Shapes are binned into 16x16-pixel tiles per layer so
each pixel walks only the shapes that can touch it, in paint order.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import struct
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from batuta.errors import RenderError
from batuta.render import font
from batuta.render import recording as rec
from batuta.render.scene import (
    Circle,
    Clip,
    Color,
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

TILE = 16
RECORD_FLOATS = 16
KIND_RECT, KIND_CIRCLE, KIND_SEGMENT, KIND_GLYPH, KIND_IMAGE = 1, 2, 3, 4, 5
MAX_POINTS = 1 << 24  # per Points command: 128 MiB of f32 pairs, the default binding limit
MAX_SHAPES = 1 << 20
COLORMAPS = ("viridis", "magma", "cividis")

ClipBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Encoding:
    """Blobs (name -> bytes) and the recording that replays them into ``width x height`` RGBA."""

    width: int
    height: int
    blobs: dict[str, bytes]
    recording: tuple[rec.Op, ...]

    def to_json(self) -> dict[str, Any]:
        """JSON-able form for the browser: blobs as base64 strings."""
        return {"version": 1, "width": self.width, "height": self.height,
                "blobs": {k: base64.b64encode(v).decode("ascii") for k, v in self.blobs.items()},
                "recording": rec.to_json(self.recording)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Encoding:
        """Inverse of ``to_json``."""
        try:
            blobs = {k: base64.b64decode(v, validate=True) for k, v in data["blobs"].items()}
            return cls(int(data["width"]), int(data["height"]), blobs,
                       rec.from_json(data["recording"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise RenderError(f"malformed encoding: {exc}") from exc

    def summary(self) -> dict[str, int]:
        return rec.summary(self.recording, {k: len(v) for k, v in self.blobs.items()})


@lru_cache(maxsize=1)
def colormap_table() -> bytes:
    """All bundled colour maps, 256 packed RGBA8 ``u32`` each, in ``COLORMAPS`` order."""
    maps = json.loads((resources.files("batuta.render") / "data" / "colormaps.json")
                      .read_text(encoding="utf-8"))
    words = array("I")
    for name in COLORMAPS:
        for hexcol in maps[name]:
            r, g, b = (int(hexcol[i:i + 2], 16) for i in (1, 3, 5))
            words.append(r | g << 8 | b << 16 | 255 << 24)
    return _le(words)


def pack_color(c: Color) -> int:
    """RGBA floats -> the ``u32`` the shaders unpack (R in the low byte)."""
    r, g, b, a = (min(255, max(0, int(v * 255 + 0.5))) for v in c)
    return r | g << 8 | b << 16 | a << 24


def _le(arr: array[Any]) -> bytes:
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian hosts
        arr.byteswap()
    return arr.tobytes()


def _pad(data: bytes) -> bytes:
    """Bindings must be non-empty and 4-byte sized."""
    data = data + b"\0" * (-len(data) % 4)
    return data if len(data) >= 16 else data + b"\0" * (16 - len(data))


class _Builder:
    """Walks the command tree, collecting shape records, images and point layers."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.records = array("f")
        self.bboxes: list[tuple[int, int, int, int]] = []
        self.layers: list[tuple[str, Any]] = []  # ("shapes", (start, end)) | ("points", spec)
        self.images = array("f")
        self.layer_start = 0

    def close_shapes(self) -> None:
        count = len(self.bboxes)
        if count > self.layer_start:
            self.layers.append(("shapes", (self.layer_start, count)))
        self.layer_start = count

    def walk(self, cmds: tuple[Command, ...], dx: float, dy: float, clip: ClipBox,
             alpha: float) -> None:
        for cmd in cmds:
            if isinstance(cmd, Group):
                self.walk(cmd.children, dx + cmd.translate[0], dy + cmd.translate[1], clip, alpha)
            elif isinstance(cmd, Clip):
                x, y, w, h = cmd.bounds
                box = (max(clip[0], x + dx), max(clip[1], y + dy),
                       min(clip[2], x + dx + w), min(clip[3], y + dy + h))
                self.walk(cmd.children, dx, dy, box, alpha)
            elif isinstance(cmd, Opacity):
                self.walk(cmd.children, dx, dy, clip, alpha * min(1.0, max(0.0, cmd.alpha)))
            elif isinstance(cmd, Points):
                self.close_shapes()
                self.layers.append(("points", _points_layer(cmd, dx, dy, clip, alpha)))
            else:
                self.leaf(cmd, dx, dy, clip, alpha)

    def leaf(self, cmd: Command, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        handler = _ENCODERS.get(type(cmd))
        if handler is None:
            raise RenderError(f"unknown draw command {type(cmd).__name__}")
        handler(self, cmd, dx, dy, clip, alpha)

    def rect(self, cmd: Rect, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        x0, y0 = cmd.x + dx, cmd.y + dy
        self.add(KIND_RECT, (x0, y0, x0 + cmd.w, y0 + cmd.h, 0, 0, 0), cmd.fill, clip, alpha,
                 (x0, y0, x0 + cmd.w, y0 + cmd.h))

    def circle(self, cmd: Circle, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        cx, cy, r = cmd.cx + dx, cmd.cy + dy, max(0.0, cmd.r)
        self.add(KIND_CIRCLE, (cx, cy, r, 0, 0, 0, 0), cmd.fill, clip, alpha,
                 (cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1))

    def text(self, cmd: Text, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        for g in font.layout(cmd.text, cmd.x + dx, cmd.y + dy, cmd.size, anchor=cmd.anchor,
                             baseline=cmd.baseline, rotated=cmd.rotated):
            w, h = (g.glyph.height, g.glyph.width) if g.rotated else (g.glyph.width,
                                                                      g.glyph.height)
            self.add(KIND_GLYPH, (g.x, g.y, g.glyph.width, g.glyph.height, g.glyph.atlas_x,
                                  g.glyph.atlas_y, 1.0 if g.rotated else 0.0),
                     cmd.color, clip, alpha, (g.x, g.y, g.x + w, g.y + h))

    def path(self, cmd: Path, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        pts = [(x + dx, y + dy) for x, y in cmd.points if math.isfinite(x) and math.isfinite(y)]
        if cmd.closed and len(pts) > 2:
            pts.append(pts[0])
        hw = max(0.0, cmd.width) / 2
        pairs = itertools.pairwise(pts) if len(pts) > 1 else [(p, p) for p in pts]
        for (x0, y0), (x1, y1) in pairs:
            self.add(KIND_SEGMENT, (x0, y0, x1, y1, hw, 0, 0), cmd.color, clip, alpha,
                     (min(x0, x1) - hw - 1, min(y0, y1) - hw - 1,
                      max(x0, x1) + hw + 1, max(y0, y1) + hw + 1))

    def image(self, cmd: Image, dx: float, dy: float, clip: ClipBox, alpha: float) -> None:
        rows = len(cmd.values)
        cols = len(cmd.values[0]) if rows else 0
        if not rows or not cols or any(len(r) != cols for r in cmd.values):
            raise RenderError("image values must be a non-empty rectangular grid")
        if cmd.colormap not in COLORMAPS:
            raise RenderError(f"unknown colour map {cmd.colormap!r}", known=list(COLORMAPS))
        span = cmd.vmax - cmd.vmin
        offset = len(self.images)
        for row in cmd.values:
            for v in row:
                if not math.isfinite(v):
                    self.images.append(-1.0)  # transparent sentinel; shaders test < 0
                else:
                    self.images.append(min(1.0, max(0.0, (v - cmd.vmin) / span)) if span > 0
                                       else 0.5)
        x0, y0 = cmd.x + dx, cmd.y + dy
        lut = COLORMAPS.index(cmd.colormap)
        self.add(KIND_IMAGE, (x0, y0, x0 + cmd.w, y0 + cmd.h, offset, cols, rows),
                 (float(lut), 0.0, 0.0, 1.0), clip, alpha, (x0, y0, x0 + cmd.w, y0 + cmd.h))

    def add(self, kind: int, params: tuple[float, ...], color: Color, clip: ClipBox,
            alpha: float, bbox: tuple[float, float, float, float]) -> None:
        a = color[3] * alpha
        if a <= 0 or any(not math.isfinite(p) for p in params):
            return
        x0 = max(math.floor(max(bbox[0], clip[0])), 0)
        y0 = max(math.floor(max(bbox[1], clip[1])), 0)
        x1 = min(math.ceil(min(bbox[2], clip[2])), self.scene.width)
        y1 = min(math.ceil(min(bbox[3], clip[3])), self.scene.height)
        if x1 <= x0 or y1 <= y0:
            return
        if len(self.bboxes) >= MAX_SHAPES:
            raise RenderError(f"scene has more than {MAX_SHAPES} shapes", limit=MAX_SHAPES)
        self.records.extend((float(kind), *params, color[0], color[1], color[2], a, *clip))
        self.bboxes.append((x0, y0, x1, y1))


_ENCODERS: dict[type, Callable[..., None]] = {}


def register_encoder(kind: type, handler: Callable[..., None]) -> None:
    """Register how a leaf draw command becomes shape records; duplicates are refused."""
    if kind in _ENCODERS:
        raise RenderError(f"an encoder for {kind.__name__} is already registered")
    _ENCODERS[kind] = handler


for _kind, _handler in ((Rect, _Builder.rect), (Circle, _Builder.circle),
                        (Path, _Builder.path), (Text, _Builder.text), (Image, _Builder.image)):
    register_encoder(_kind, _handler)


def _points_layer(cmd: Points, dx: float, dy: float, clip: ClipBox,
                  alpha: float) -> dict[str, Any]:
    data, n = _interleave(cmd.xs, cmd.ys)
    sx, ox, sy, oy = cmd.transform
    if cmd.clip is not None:
        x, y, w, h = cmd.clip
        clip = (max(clip[0], x + dx), max(clip[1], y + dy),
                min(clip[2], x + dx + w), min(clip[3], y + dy + h))
    if cmd.marker not in ("circle", "square"):
        raise RenderError(f"unknown marker {cmd.marker!r}: circle or square")
    radius = min(max(cmd.radius, 0.0), 16.0)  # the gather loop is (2r+2)^2 reads per pixel
    return {"data": data, "n": n, "transform": (sx, ox + dx, sy, oy + dy), "clip": clip,
            "radius": radius, "color": (*cmd.color[:3], cmd.color[3] * alpha),
            "square": cmd.marker == "square"}


def _interleave(xs: Any, ys: Any) -> tuple[bytes, int]:
    """x0, y0, x1, y1, ... as little-endian f32; non-finite pairs are dropped."""
    try:
        import numpy as np
    except ImportError:  # the browser: pure Python
        np = None  # type: ignore[assignment]
    if np is not None and (isinstance(xs, np.ndarray) or isinstance(ys, np.ndarray)):
        x = np.asarray(xs, dtype=np.float64).ravel()
        y = np.asarray(ys, dtype=np.float64).ravel()
        _check_lengths(len(x), len(y))
        keep = np.isfinite(x) & np.isfinite(y)
        out = np.empty((int(keep.sum()), 2), dtype="<f4")
        out[:, 0], out[:, 1] = x[keep], y[keep]
        return out.tobytes(), len(out)
    xl, yl = list(xs), list(ys)
    _check_lengths(len(xl), len(yl))
    flat = array("f")
    for x0, y0 in zip(xl, yl, strict=True):
        if math.isfinite(x0) and math.isfinite(y0):
            flat.append(x0)
            flat.append(y0)
    return _le(flat), len(flat) // 2


def _check_lengths(nx: int, ny: int) -> None:
    if nx != ny:
        raise RenderError(f"x has {nx} values but y has {ny}")
    if nx > MAX_POINTS:
        raise RenderError(f"{nx} points exceed the limit of {MAX_POINTS} per series",
                          points=nx, limit=MAX_POINTS)


def _tiles(bboxes: list[tuple[int, int, int, int]], start: int, end: int, tiles_x: int,
           tiles_y: int) -> tuple[bytes, int, int]:
    """Per-tile shape lists: ``tiles_x*tiles_y+1`` offsets, the shape indices, then the ids of
    the non-empty tiles (the shapes pass runs one 16x16 workgroup per listed tile only).

    Returns:
        (blob, word offset of the tile-id list, number of non-empty tiles)
    """
    lists: list[list[int]] = [[] for _ in range(tiles_x * tiles_y)]
    for i in range(start, end):
        x0, y0, x1, y1 = bboxes[i]
        for ty in range(y0 // TILE, (y1 - 1) // TILE + 1):
            row = ty * tiles_x
            for tx in range(x0 // TILE, (x1 - 1) // TILE + 1):
                lists[row + tx].append(i)
    words = array("I", [0] * (len(lists) + 1))
    total = 0
    for t, lst in enumerate(lists):
        total += len(lst)
        words[t + 1] = total
    for lst in lists:
        words.extend(lst)
    base = len(words)
    words.extend(t for t, lst in enumerate(lists) if lst)
    return _le(words), base, len(words) - base


def encode(scene: Scene) -> Encoding:
    """Lower a scene to blobs and a recording (clear, then one pass group per layer, readback).

    Raises:
        RenderError: a command cannot be encoded (bad image grid, too many points or shapes).
    """
    b = _Builder(scene)
    b.walk(scene.commands, 0.0, 0.0, (0.0, 0.0, float(scene.width), float(scene.height)), 1.0)
    b.close_shapes()
    w, h = scene.width, scene.height
    tiles_x, tiles_y = -(-w // TILE), -(-h // TILE)
    at = font.atlas()
    glyph_rows = _atlas_rows(b.records, at)  # first: it rebases the glyph records' atlas y
    blobs: dict[str, bytes] = {
        "shapes": _pad(_le(b.records)), "atlas": _pad(glyph_rows), "images": _pad(_le(b.images)),
        "lut": colormap_table(),
        "p_clear": struct.pack("<IIII", w, h, pack_color(scene.background), 0),
    }
    grid = rec.pixel_workgroups(w, h)
    ops: list[rec.Op] = [rec.Create("out", w * h * 4),
                         rec.Dispatch("clear", ("p_clear", "out"), grid)]
    for name in ("shapes", "atlas", "images", "lut", "p_clear"):
        ops.insert(0, rec.Upload(name, name))
    for i, (kind, spec) in enumerate(b.layers):
        if kind == "shapes":
            blobs[f"tiles{i}"], base, busy = _tiles(b.bboxes, spec[0], spec[1], tiles_x, tiles_y)
            blobs[f"p{i}"] = struct.pack("<8I", w, h, tiles_x, at.width, base, busy, 0, 0)
            ops += [rec.Upload(f"tiles{i}", f"tiles{i}"), rec.Upload(f"p{i}", f"p{i}"),
                    rec.Dispatch("shapes", (f"p{i}", "shapes", f"tiles{i}", "atlas", "images",
                                            "lut", "out"), rec.item_workgroups(busy, 1))]
        else:
            ops += list(_points_ops(i, spec, w, h, blobs))
    ops.append(rec.Readback("out"))
    return Encoding(w, h, blobs, tuple(ops))


def _atlas_rows(records: array[float], at: font.Atlas) -> bytes:
    """The atlas rows this scene's glyphs use (the sizes of one pixel ratio sit together), with
    each glyph record's atlas y made relative to the first of them: the atlas holds every size
    for every pixel ratio (~0.9 MB), an encoding carries only what it draws."""
    rows = [i for i in range(0, len(records), RECORD_FLOATS) if records[i] == KIND_GLYPH]
    if not rows:
        return b""
    top = int(min(records[i + 6] for i in rows))
    bottom = int(max(records[i + 6] + records[i + 4] for i in rows))
    for i in rows:
        records[i + 6] -= top
    return at.data[top * at.width: bottom * at.width]


def _points_ops(i: int, spec: dict[str, Any], w: int, h: int,
                blobs: dict[str, bytes]) -> Iterator[rec.Op]:
    """Bin the points into a count grid (atomics), then gather marker coverage per pixel."""
    if spec["n"] == 0:
        return
    sx, ox, sy, oy = spec["transform"]
    reach = math.ceil(spec["radius"] + 0.5)
    blobs[f"pts{i}"] = _pad(spec["data"])
    blobs[f"pp{i}"] = struct.pack("<IIII4f", spec["n"], w, h, reach, sx, ox, sy, oy)
    alpha = min(1.0, max(0.0, spec["color"][3]))
    blobs[f"pc{i}"] = struct.pack("<IIII4f4f", w, h, reach, 0, *spec["color"][:3], alpha,
                                  *spec["clip"])
    blobs[f"pw{i}"] = _le(array("f", marker_weights(spec["radius"], reach, spec["square"])))
    yield rec.Upload(f"pts{i}", f"pts{i}")
    yield rec.Upload(f"pp{i}", f"pp{i}")
    yield rec.Upload(f"pc{i}", f"pc{i}")
    yield rec.Upload(f"pw{i}", f"pw{i}")
    yield rec.Create(f"grid{i}", (w + 2 * reach) * (h + 2 * reach) * 4)
    yield rec.Dispatch("points", (f"pp{i}", f"pts{i}", f"grid{i}"),
                       rec.item_workgroups(spec["n"]))
    yield rec.Dispatch("points_composite", (f"pc{i}", f"grid{i}", f"pw{i}", "out"),
                       rec.pixel_workgroups(w, h, TILE), (("OPAQUE", 1 if alpha >= 1.0 else 0),))


def marker_weights(radius: float, reach: int, square: bool) -> list[float]:
    """Coverage x 255 (rounded) of a pixel by a marker centred (dx, dy) pixels away, row-major
    over dy, dx in -reach..reach: the gather kernel of ``points_composite``."""
    out: list[float] = []
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            if square:
                k = (min(1.0, max(0.0, radius + 0.5 - abs(dx)))
                     * min(1.0, max(0.0, radius + 0.5 - abs(dy))))
            else:
                k = min(1.0, max(0.0, radius + 0.5 - math.hypot(dx, dy)))
            out.append(float(math.floor(k * 255 + 0.5)))
    return out


def histogram_encoding(samples: Any, lo: float, hi: float, nbins: int) -> Encoding:
    """A recording that counts finite ``samples`` into ``nbins`` equal bins over [lo, hi].

    Engines replay it with the ``hist_bin`` pass and read back ``counts`` (``u32`` per bin).
    """
    if nbins < 1 or not (math.isfinite(lo) and math.isfinite(hi)) or hi < lo:
        raise RenderError(f"bad histogram range [{lo}, {hi}] with {nbins} bins")
    # Samples go up relative to lo (float64 subtraction, then f32) so large offsets such as
    # timestamps keep their precision; the pass then bins [0, hi - lo].
    data, n = _samples(samples, lo)
    inv = nbins / (hi - lo) if hi > lo else 0.0
    blobs = {"samples": _pad(data),
             "p_hist": struct.pack("<IIII4f", n, nbins, 0, 0, 0.0, inv, hi - lo, 0)}
    ops: tuple[rec.Op, ...] = (
        rec.Upload("samples", "samples"), rec.Upload("p_hist", "p_hist"),
        rec.Create("counts", max(16, nbins * 4)),
        rec.Dispatch("hist_bin", ("p_hist", "samples", "counts"), rec.item_workgroups(n)),
        rec.Readback("counts"))
    return Encoding(nbins, 1, blobs, ops)


def _samples(values: Any, shift: float = 0.0) -> tuple[bytes, int]:
    """Finite ``value - shift`` as little-endian f32 (NumPy fast path for arrays)."""
    try:
        import numpy as np
    except ImportError:
        np = None  # type: ignore[assignment]
    if np is not None and isinstance(values, np.ndarray):
        v = np.asarray(values, dtype=np.float64).ravel()
        v = (v[np.isfinite(v)] - shift).astype("<f4")
        return v.tobytes(), len(v)
    flat = array("f", (float(x) - shift for x in values if math.isfinite(x)))
    return _le(flat), len(flat)
