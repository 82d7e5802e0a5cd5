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

// One invocation per pixel reads the counts under the marker kernel straight from the grid.
// No workgroup memory and no barriers: on SwiftShader (Chromium's CPU WebGPU) a 16x16
// workgroup with barriers runs as 256 coroutines and a tiled version of this pass took 1-2 s
// per layer plus 1-2 s to compile, so a scatter chart missed the page's time limit.
@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    let c = vec2<f32>(f32(gid.x) + 0.5, f32(gid.y) + 0.5);
    if (c.x < params.clip.x || c.y < params.clip.y || c.x >= params.clip.z
        || c.y >= params.clip.w) {
        return;
    }
    let reach = params.reach;
    let span = 2u * reach + 1u;
    let gw = params.width + 2u * reach;
    var total = 0.0;
    var k = 0u;
    for (var dy = 0u; dy < span; dy++) {  // grid (x, y) is image (x - reach, y - reach)
        let row = (gid.y + dy) * gw + gid.x;
        for (var dx = 0u; dx < span; dx++) {
            let wk = weights[k];
            k++;
            if (wk > 0.0) {
                let n = grid[row + dx];
                if (n > 0u) {
                    total += f32(n) * wk;
                }
            }
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
