// Fallback for browsers without WebGPU: the passes of shaders/*.wgsl ported to JavaScript
// (same names, inputs and arithmetic, one pixel or point at a time), shown with Canvas 2D.
//
//   import { renderEncoding2d } from "./render/canvas2d.js";
//   await renderEncoding2d(canvas, encoding);

function decodeBlob(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const TILE = 16;
const clamp01 = (v) => (v < 0 ? 0 : v > 1 ? 1 : v);
const unpack = (v) => [(v & 255) / 255, ((v >>> 8) & 255) / 255, ((v >>> 16) & 255) / 255, (v >>> 24) / 255];
const pack = (c) => {
  const q = c.map((v) => Math.floor(clamp01(v) * 255 + 0.5));
  return (q[0] | (q[1] << 8) | (q[2] << 16) | (q[3] << 24)) >>> 0;
};
const over = (d, r, g, b, a) => [r * a + d[0] * (1 - a), g * a + d[1] * (1 - a), b * a + d[2] * (1 - a), a + d[3] * (1 - a)];

function clearPass(defs, [params, out]) {
  const [w, h, color] = params.u32;
  out.u32.fill(color, 0, w * h);
}

function coverage(s, px, py, atlas, atlasW, images, lut) {
  const cx = px + 0.5, cy = py + 0.5;
  switch (s[0]) {
    case 1:
      return [s[8], s[9], s[10], clamp01(Math.min(px + 1, s[3]) - Math.max(px, s[1])) * clamp01(Math.min(py + 1, s[4]) - Math.max(py, s[2]))];
    case 2:
      return [s[8], s[9], s[10], clamp01(s[3] + 0.5 - Math.hypot(cx - s[1], cy - s[2]))];
    case 3: {
      const abx = s[3] - s[1], aby = s[4] - s[2], len2 = abx * abx + aby * aby;
      const t = len2 > 0 ? clamp01(((cx - s[1]) * abx + (cy - s[2]) * aby) / len2) : 0;
      return [s[8], s[9], s[10], clamp01(s[5] + 0.5 - Math.hypot(cx - (s[1] + abx * t), cy - (s[2] + aby * t)))];
    }
    case 4: {
      const lx = px - Math.trunc(s[1]), ly = py - Math.trunc(s[2]), gw = Math.trunc(s[3]), gh = Math.trunc(s[4]);
      const [u, v] = s[7] > 0.5 ? [gw - 1 - ly, lx] : [lx, ly];
      if (u < 0 || v < 0 || u >= gw || v >= gh) return [0, 0, 0, 0];
      return [s[8], s[9], s[10], atlas[(Math.trunc(s[6]) + v) * atlasW + Math.trunc(s[5]) + u] / 255];
    }
    case 5: {
      if (cx < s[1] || cx >= s[3] || cy < s[2] || cy >= s[4]) return [0, 0, 0, 0];
      const cols = s[6], rows = s[7];
      const ix = Math.min(Math.trunc(((cx - s[1]) / (s[3] - s[1])) * cols), cols - 1);
      const iy = Math.min(Math.trunc(((cy - s[2]) / (s[4] - s[2])) * rows), rows - 1);
      const v = images[s[5] + iy * cols + ix];
      if (v < 0) return [0, 0, 0, 0];
      const c = unpack(lut[s[8] * 256 + Math.trunc(v * 255 + 0.5)]);
      return [c[0], c[1], c[2], 1];
    }
    default:
      return [0, 0, 0, 0];
  }
}

function shapesPass(defs, [params, shapes, tiles, atlas, images, lut, out]) {
  const [w, h, tilesX, atlasW] = params.u32;
  const ntiles = tilesX * Math.ceil(h / TILE);
  const recs = shapes.f32, t = tiles.u32, o = out.u32;
  for (let py = 0; py < h; py++) {
    for (let px = 0; px < w; px++) {
      const tile = Math.floor(py / TILE) * tilesX + Math.floor(px / TILE);
      const first = t[tile] + ntiles + 1, last = t[tile + 1] + ntiles + 1;
      if (first === last) continue;
      const idx = py * w + px;
      let dst = unpack(o[idx]);
      const cx = px + 0.5, cy = py + 0.5;
      for (let i = first; i < last; i++) {
        const s = recs.subarray(t[i] * 16, t[i] * 16 + 16);
        if (cx < s[12] || cy < s[13] || cx >= s[14] || cy >= s[15]) continue;
        const [r, g, b, cov] = coverage(s, px, py, atlas.u8, atlasW, images.f32, lut.u32);
        const a = s[11] * cov;
        if (a > 0) dst = over(dst, r, g, b, a);
      }
      o[idx] = pack(dst);
    }
  }
}

function pointsPass(defs, [params, pts, grid]) {
  const [n, w, h, reach] = params.u32;
  const [sx, ox, sy, oy] = params.f32.subarray(4, 8);
  const p = pts.f32, g = grid.u32;
  const gw = w + 2 * reach, gh = h + 2 * reach;
  for (let i = 0; i < n; i++) {
    const x = Math.floor(Math.fround(p[2 * i] * sx + ox)) + reach;
    const y = Math.floor(Math.fround(p[2 * i + 1] * sy + oy)) + reach;
    if (!(x >= 0 && y >= 0 && x < gw && y < gh)) continue;
    g[y * gw + x] += 1;
  }
}

function pointsCompositePass(defs, [params, grid, weights, out]) {
  const [w, h, reach] = params.u32;
  const f = params.f32;
  const [r, g, b, alpha] = f.subarray(4, 8);
  const [c0, c1, c2, c3] = f.subarray(8, 12);
  const span = 2 * reach + 1, gw = w + 2 * reach, counts = grid.u32, o = out.u32, ks = weights.f32;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      if (cx < c0 || cy < c1 || cx >= c2 || cy >= c3) continue;
      let total = 0, k = 0;
      for (let dy = 0; dy < span; dy++) {
        const row = (y + dy) * gw + x;
        for (let dx = 0; dx < span; dx++, k++) {
          const c = counts[row + dx];
          if (c > 0) total = Math.fround(total + c * ks[k]);
        }
      }
      const s = total / 255;
      if (s <= 0) continue;
      const a = defs.OPAQUE ? Math.min(s, 1) : s > 1 ? 1 - (1 - alpha) * Math.pow(2, (s - 1) * Math.log2(1 - alpha)) : alpha * s;
      o[y * w + x] = pack(over(unpack(o[y * w + x]), r, g, b, a));
    }
  }
}

function histBinPass(defs, [params, samples, counts]) {
  const [n, nbins] = params.u32;
  const [lo, inv, hi] = params.f32.subarray(4, 7);
  for (let i = 0; i < n; i++) {
    const v = samples.f32[i];
    if (v < lo || v > hi) continue;
    counts.u32[Math.min(Math.trunc(Math.max((v - lo) * inv, 0)), nbins - 1)] += 1;
  }
}

export const PASSES = { clear: clearPass, shapes: shapesPass, points: pointsPass, points_composite: pointsCompositePass, hist_bin: histBinPass };

function view(bytes) {
  const buf = bytes.buffer;
  return { u8: bytes, u32: new Uint32Array(buf, 0, bytes.byteLength >> 2), f32: new Float32Array(buf, 0, bytes.byteLength >> 2) };
}

/** Replay an encoding on the CPU; returns Map of read-back buffer name -> Uint8Array. */
export function runEncodingCpu(encoding) {
  const bufs = new Map();
  const out = new Map();
  for (const op of encoding.recording) {
    if (op.op === "upload") {
      const data = decodeBlob(encoding.blobs[op.blob]);
      const bytes = new Uint8Array(Math.ceil(Math.max(16, data.byteLength) / 4) * 4);
      bytes.set(data);
      bufs.set(op.buffer, view(bytes));
    } else if (op.op === "create") {
      bufs.set(op.buffer, view(new Uint8Array(Math.ceil(Math.max(16, op.size) / 4) * 4)));
    } else if (op.op === "clear") {
      bufs.get(op.buffer).u8.fill(0);
    } else if (op.op === "dispatch") {
      const fn = PASSES[op.pass];
      if (!fn) throw new Error(`no Canvas 2D pass ${op.pass}`);
      fn(op.defines || {}, op.bindings.map((n) => bufs.get(n)));
    } else if (op.op === "readback") {
      out.set(op.buffer, bufs.get(op.buffer).u8);
    } else {
      throw new Error(`unknown recording op ${op.op}`);
    }
  }
  return out;
}

/** Draw an encoding onto `canvas` with Canvas 2D; resolves to { width, height, pixels }. */
export async function renderEncoding2d(canvas, encoding) {
  const { width, height } = encoding;
  const pixels = runEncodingCpu(encoding).get("out").subarray(0, width * height * 4);
  if (canvas) {
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  }
  return { width, height, pixels };
}
