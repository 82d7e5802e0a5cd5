"""NumPy CPU reference: the same passes, names and inputs as ``shaders/*.wgsl``.

Replays an encoding's recording like the GPU engines do; each ``_pass_<name>`` mirrors the WGSL
file of that name in float32, so the parity tests compare like with like (vello's
``vello_shaders/src/cpu``). Native only (NumPy is never on a browser code path).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import numpy as np

from batuta.errors import RenderError
from batuta.render import recording as rec
from batuta.render.encoding import TILE, Encoding, histogram_encoding

F32 = np.float32
Buffers = dict[str, np.ndarray]


class CpuEngine:
    """Replays recordings with NumPy; same interface as ``GpuEngine``."""

    adapter_name = "NumPy CPU reference"

    def __enter__(self) -> CpuEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release; present for symmetry with ``GpuEngine``."""

    def render(self, encoding: Encoding) -> bytes:
        """RGBA8 pixels of a scene encoding."""
        return self.run(encoding)["out"][: encoding.width * encoding.height * 4]

    def histogram(self, samples: Any, lo: float, hi: float, nbins: int) -> list[int]:
        """Bin counts through the ``hist_bin`` reference pass."""
        data = self.run(histogram_encoding(samples, lo, hi, nbins))["counts"]
        return [int(c) for c in np.frombuffer(data, dtype="<u4")[:nbins]]

    def run(self, encoding: Encoding) -> dict[str, bytes]:
        """Replay the recording; returns every read-back buffer's bytes by name."""
        bufs: Buffers = {}
        out: dict[str, bytes] = {}
        with np.errstate(all="ignore"):  # inf/NaN follow IEEE like the GPU; no warnings
            for op in encoding.recording:
                if isinstance(op, rec.Upload):
                    bufs[op.buffer] = np.frombuffer(encoding.blobs[op.blob], np.uint8).copy()
                elif isinstance(op, rec.Create):
                    bufs[op.buffer] = np.zeros(max(16, op.size), np.uint8)
                elif isinstance(op, rec.Clear):
                    bufs[op.buffer][:] = 0
                elif isinstance(op, rec.Dispatch):
                    fn = PASSES.get(op.pass_name)
                    if fn is None:
                        raise RenderError(f"no CPU reference for pass {op.pass_name!r}")
                    fn(dict(op.defines), *(bufs[b] for b in op.bindings))
                else:
                    out[op.buffer] = bufs[op.buffer].tobytes()
        return out


def _u32(buf: np.ndarray) -> np.ndarray:
    return buf.view("<u4")


def _f32(buf: np.ndarray) -> np.ndarray:
    return buf.view("<f4")


def _pass_clear(defines: dict[str, int], params: np.ndarray, out: np.ndarray) -> None:
    w, h, color, _ = struct.unpack_from("<IIII", params.tobytes())
    _u32(out)[: w * h] = color


def unpack(px: np.ndarray) -> np.ndarray:
    """RGBA8 (..., 4 bytes) -> float32 0..1, as ``unpack_rgba``."""
    return px.astype(F32) / F32(255.0)


def pack(c: np.ndarray) -> np.ndarray:
    """float32 0..1 -> RGBA8, as ``pack_rgba``: floor(clamp(c) * 255 + 0.5)."""
    q: np.ndarray = np.floor(np.clip(c, F32(0), F32(1)) * F32(255.0) + F32(0.5))
    return q.astype(np.uint8)


def _tile_regions(tiles: np.ndarray, ntiles: int, tiles_x: int) -> list[tuple[int, ...]]:
    """Per shape (in paint order): its index and the tile rectangle whose lists name it."""
    offsets = tiles[: ntiles + 1].astype(np.int64)
    ids = tiles[ntiles + 1: ntiles + 1 + offsets[-1]].astype(np.int64)
    if not len(ids):
        return []
    tile_of = np.repeat(np.arange(ntiles), np.diff(offsets))
    order = np.argsort(ids, kind="stable")
    ids, tile_of = ids[order], tile_of[order]
    shapes, starts = np.unique(ids, return_index=True)
    tx, ty = tile_of % tiles_x, tile_of // tiles_x
    return list(zip(shapes.tolist(), np.minimum.reduceat(tx, starts).tolist(),
                    np.minimum.reduceat(ty, starts).tolist(),
                    np.maximum.reduceat(tx, starts).tolist(),
                    np.maximum.reduceat(ty, starts).tolist(), strict=True))


def _pass_shapes(defines: dict[str, int], params: np.ndarray, shapes: np.ndarray,
                 tiles: np.ndarray, atlas: np.ndarray, images: np.ndarray, lut: np.ndarray,
                 out: np.ndarray) -> None:
    w, h, tiles_x, atlas_w = struct.unpack_from("<IIII", params.tobytes())
    ntiles = tiles_x * ((h + TILE - 1) // TILE)
    recs = _f32(shapes).reshape(-1, 16)
    px = out[: w * h * 4].reshape(h, w, 4)
    img = unpack(px)
    ctx = (atlas[: len(atlas)], atlas_w, _f32(images), _u32(lut))
    for sid, tx0, ty0, tx1, ty1 in _tile_regions(_u32(tiles), ntiles, tiles_x):
        x0, y0 = tx0 * TILE, ty0 * TILE
        x1, y1 = min((tx1 + 1) * TILE, w), min((ty1 + 1) * TILE, h)
        _paint(img[y0:y1, x0:x1], recs[sid], x0, y0, ctx)
    px[:] = pack(img)


def _paint(region: np.ndarray, s: np.ndarray, x0: int, y0: int, ctx: tuple[Any, ...]) -> None:
    hh, ww = region.shape[:2]
    cx = np.arange(x0, x0 + ww, dtype=F32)[None, :]
    cy = np.arange(y0, y0 + hh, dtype=F32)[:, None]
    ccx, ccy = cx + F32(0.5), cy + F32(0.5)
    inside = (ccx >= s[12]) & (ccy >= s[13]) & (ccx < s[14]) & (ccy < s[15])
    rgb = np.broadcast_to(s[8:11], (hh, ww, 3))
    kind = int(s[0])
    if kind == 1:
        cov = (np.clip(np.minimum(cx + 1, s[3]) - np.maximum(cx, s[1]), 0, 1)
               * np.clip(np.minimum(cy + 1, s[4]) - np.maximum(cy, s[2]), 0, 1))
    elif kind == 2:
        cov = np.clip(s[3] + F32(0.5) - np.sqrt((ccx - s[1]) ** 2 + (ccy - s[2]) ** 2), 0, 1)
    elif kind == 3:
        cov = _capsule(ccx, ccy, s)
    elif kind == 4:
        cov = _glyph(cx.astype(np.int64), cy.astype(np.int64), s, ctx[0], ctx[1])
    elif kind == 5:
        rgb, cov = _image(ccx, ccy, s, ctx[2], ctx[3])
    else:
        return
    a = (s[11] * cov * inside).astype(F32)[..., None]
    region[..., :3] = rgb * a + region[..., :3] * (F32(1) - a)
    region[..., 3:] = a + region[..., 3:] * (F32(1) - a)


def _capsule(cx: np.ndarray, cy: np.ndarray, s: np.ndarray) -> np.ndarray:
    ax, ay, bx, by, hw = s[1], s[2], s[3], s[4], s[5]
    abx, aby = bx - ax, by - ay
    len2 = abx * abx + aby * aby
    t = (np.clip(((cx - ax) * abx + (cy - ay) * aby) / len2, 0, 1) if len2 > 0
         else np.zeros((1, 1), F32))
    dx, dy = cx - (ax + abx * t), cy - (ay + aby * t)
    cov: np.ndarray = np.clip(hw + F32(0.5) - np.sqrt(dx * dx + dy * dy), 0, 1)
    return cov


def _glyph(px: np.ndarray, py: np.ndarray, s: np.ndarray, atlas: np.ndarray,
           atlas_w: int) -> np.ndarray:
    lx, ly = px - int(s[1]), py - int(s[2])
    gw, gh = int(s[3]), int(s[4])
    u, v = (gw - 1 - ly + 0 * lx, lx + 0 * ly) if s[7] > 0.5 else (lx + 0 * ly, ly + 0 * lx)
    ok = (u >= 0) & (v >= 0) & (u < gw) & (v < gh)
    idx = (int(s[6]) + v) * atlas_w + int(s[5]) + u
    cov: np.ndarray = np.where(ok, atlas[np.where(ok, idx, 0)], 0).astype(F32) / F32(255.0)
    return cov


def _image(cx: np.ndarray, cy: np.ndarray, s: np.ndarray, images: np.ndarray,
           lut: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x0, y0, x1, y1 = s[1], s[2], s[3], s[4]
    cols, rows = int(s[6]), int(s[7])
    inside = (cx >= x0) & (cx < x1) & (cy >= y0) & (cy < y1)
    fx = np.maximum((cx - x0) / (x1 - x0) * F32(cols), 0)
    fy = np.maximum((cy - y0) / (y1 - y0) * F32(rows), 0)
    ix = np.minimum(fx.astype(np.int64), cols - 1)
    iy = np.minimum(fy.astype(np.int64), rows - 1)
    v = images[int(s[5]) + iy * cols + ix]
    valid = inside & (v >= 0)
    entry = (np.where(valid, v, 0) * F32(255.0) + F32(0.5)).astype(np.int64)
    rgb = unpack(lut[int(s[8]) * 256 + entry].view(np.uint8).reshape(*entry.shape, 4))[..., :3]
    return rgb, valid.astype(F32)


def _pass_points(defines: dict[str, int], params: np.ndarray, pts: np.ndarray,
                 grid: np.ndarray) -> None:
    n, w, h, reach = struct.unpack_from("<IIII", params.tobytes())
    sx, ox, sy, oy = (F32(v) for v in struct.unpack_from("<4f", params.tobytes(), 16))
    p = _f32(pts)[: 2 * n].reshape(n, 2)
    gx = np.floor(p[:, 0] * sx + ox) + F32(reach)
    gy = np.floor(p[:, 1] * sy + oy) + F32(reach)
    gw, gh = w + 2 * reach, h + 2 * reach
    ok = (gx >= 0) & (gy >= 0) & (gx < gw) & (gy < gh)
    idx = gy[ok].astype(np.int64) * gw + gx[ok].astype(np.int64)
    counts = _u32(grid)
    counts[: gw * gh] += np.bincount(idx, minlength=gw * gh).astype(np.uint32)


def _pass_points_composite(defines: dict[str, int], params: np.ndarray, grid: np.ndarray,
                           weights: np.ndarray, out: np.ndarray) -> None:
    raw = params.tobytes()
    w, h, reach, _ = struct.unpack_from("<IIII", raw)
    color = np.array(struct.unpack_from("<4f", raw, 16), F32)
    c0, c1, c2, c3 = (F32(v) for v in struct.unpack_from("<4f", raw, 32))
    span = 2 * reach + 1
    gw, gh = w + 2 * reach, h + 2 * reach
    counts = _u32(grid)[: gw * gh].reshape(gh, gw).astype(F32)
    kern = _f32(weights)[: span * span].reshape(span, span)
    total = np.zeros((h, w), F32)
    for dy in range(span):  # same order as the shader; zero terms leave f32 sums unchanged
        for dx in range(span):
            if kern[dy, dx] > 0:
                total += counts[dy: dy + h, dx: dx + w] * kern[dy, dx]
    cx = np.arange(w, dtype=F32)[None, :] + F32(0.5)
    cy = np.arange(h, dtype=F32)[:, None] + F32(0.5)
    inside = (cx >= c0) & (cy >= c1) & (cx < c2) & (cy < c3)
    s = (total / F32(255.0)).ravel()
    alpha = color[3]
    if defines.get("OPAQUE"):
        a = np.minimum(s, F32(1))
    else:
        more = F32(1) - (F32(1) - alpha) * np.exp2((s - F32(1)) * np.log2(F32(1) - alpha))
        a = np.where(s > 1, more, alpha * s).astype(F32)
    px = out[: w * h * 4].reshape(w * h, 4)
    hit = (s > 0) & inside.ravel()
    dst = unpack(px[hit])
    ah = a[hit][:, None]
    blended = np.concatenate([color[:3] * ah + dst[:, :3] * (F32(1) - ah),
                              ah + dst[:, 3:] * (F32(1) - ah)], axis=1)
    px[hit] = pack(blended)


def _pass_hist_bin(defines: dict[str, int], params: np.ndarray, samples: np.ndarray,
                   counts: np.ndarray) -> None:
    n, nbins, _, _ = struct.unpack_from("<IIII", params.tobytes())
    lo, inv, hi = (F32(v) for v in struct.unpack_from("<3f", params.tobytes(), 16))
    v = _f32(samples)[:n]
    v = v[(v >= lo) & (v <= hi)]
    bins = np.minimum(np.maximum((v - lo) * inv, F32(0)).astype(np.int64), nbins - 1)
    c = _u32(counts)
    c[:nbins] += np.bincount(bins, minlength=nbins).astype(np.uint32)


PASSES: dict[str, Callable[..., None]] = {
    "clear": _pass_clear, "shapes": _pass_shapes, "points": _pass_points,
    "points_composite": _pass_points_composite, "hist_bin": _pass_hist_bin,
}
