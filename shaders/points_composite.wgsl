// Gather a point layer's marker coverage from the count grid and blend it over the image.
#include "shared/color.wgsl"

struct Params {
    width: u32, height: u32, reach: u32, p0: u32,
    color: vec4<f32>,
    clip: vec4<f32>,  // x0, y0, x1, y1: pixels kept when their centre is inside
}

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> grid: array<u32>;
// (2 reach + 1)^2 marker weights, coverage x 255 rounded, computed once by the encoder so
// every backend uses the very same numbers.
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> out_px: array<u32>;

const T: u32 = 16u;
const MAX_SIDE: u32 = 50u;  // T + 2 * 17, the reach of the largest marker (radius 16)
var<workgroup> counts: array<f32, 2500>;  // MAX_SIDE^2: this tile's grid plus its margin
var<workgroup> kern: array<f32, 1225>;  // (2 * 17 + 1)^2
var<workgroup> busy: atomic<u32>;

// One 16x16 workgroup per tile: the tile's counts (with a `reach` margin) and the weights are
// loaded into workgroup memory once; a tile with no point nearby stops right there.
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
    let reach = params.reach;
    let span = 2u * reach + 1u;
    let side = T + 2u * reach;
    let gw = params.width + 2u * reach;
    let gh = params.height + 2u * reach;
    if (li == 0u) {
        atomicStore(&busy, 0u);
    }
    workgroupBarrier();
    for (var i = li; i < side * side; i += 256u) {
        let gx = wid.x * T + i % side;
        let gy = wid.y * T + i / side;
        var c = 0u;
        if (gx < gw && gy < gh) {
            c = grid[gy * gw + gx];
        }
        counts[i] = f32(c);
        if (c > 0u) {
            atomicStore(&busy, 1u);
        }
    }
    for (var i = li; i < span * span; i += 256u) {
        kern[i] = weights[i];
    }
    workgroupBarrier();
    if (atomicLoad(&busy) == 0u) {
        return;
    }
    let gid = vec2<u32>(wid.x * T + lid.x, wid.y * T + lid.y);
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    let c = vec2<f32>(f32(gid.x) + 0.5, f32(gid.y) + 0.5);
    if (c.x < params.clip.x || c.y < params.clip.y || c.x >= params.clip.z
        || c.y >= params.clip.w) {
        return;
    }
    var total = 0.0;
    var k = 0u;
    for (var dy = 0u; dy < span; dy++) {  // grid (x, y) is image (x - reach, y - reach)
        let row = (lid.y + dy) * side + lid.x;
        for (var dx = 0u; dx < span; dx++) {
            total += counts[row + dx] * kern[k];
            k++;
        }
    }
    let s = total / 255.0;  // coverage summed over every marker touching this pixel
    if (s <= 0.0) {
        return;
    }
#if OPAQUE
    let a = min(s, 1.0);
#else
    let alpha = params.color.a;
    // One marker's worth of coverage blends like one marker; each further unit like one more
    // full marker drawn over it: 1 - (1 - alpha)^s.
    var a = alpha * s;
    if (s > 1.0) {
        a = 1.0 - (1.0 - alpha) * exp2((s - 1.0) * log2(1.0 - alpha));
    }
#endif
    let idx = gid.y * params.width + gid.x;
    out_px[idx] = pack_rgba(blend_over(unpack_rgba(out_px[idx]), params.color.rgb, a));
}
