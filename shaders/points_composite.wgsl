// Gather a point layer's marker coverage from the count grid and blend it over the image.
#include "shared/color.wgsl"

struct Params {
    width: u32, height: u32, reach: u32, p0: u32,
    color: vec4<f32>,
    clip: vec4<f32>,  // x0, y0, x1, y1: pixels kept when their centre is inside
    radius: f32, p1: f32, p2: f32, p3: f32,
}

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> grid: array<u32>;
@group(0) @binding(2) var<storage, read_write> out_px: array<u32>;

// Coverage (quantized to 1/255) of this pixel by a marker centred `d` pixels away.
fn kernel(d: vec2<f32>, r: f32) -> f32 {
#if SQUARE
    let k = clamp(r + 0.5 - abs(d.x), 0.0, 1.0) * clamp(r + 0.5 - abs(d.y), 0.0, 1.0);
#else
    let k = clamp(r + 0.5 - length(d), 0.0, 1.0);
#endif
    return floor(k * 255.0 + 0.5);
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    let c = vec2<f32>(f32(gid.x) + 0.5, f32(gid.y) + 0.5);
    if (c.x < params.clip.x || c.y < params.clip.y || c.x >= params.clip.z
        || c.y >= params.clip.w) {
        return;
    }
    let reach = i32(params.reach);
    let gw = params.width + 2u * params.reach;
    var total = 0.0;
    for (var dy = -reach; dy <= reach; dy++) {
        let row = u32(i32(gid.y) + reach + dy) * gw;
        for (var dx = -reach; dx <= reach; dx++) {
            let count = grid[row + u32(i32(gid.x) + reach + dx)];
            if (count > 0u) {
                total += f32(count) * kernel(vec2<f32>(f32(dx), f32(dy)), params.radius);
            }
        }
    }
    let s = total / 255.0;  // coverage summed over every marker touching this pixel
    if (s <= 0.0) {
        return;
    }
    let alpha = params.color.a;
    // One marker's worth of coverage blends like one marker; each further unit like one more
    // full marker drawn over it: 1 - (1 - alpha)^s.
    var a = alpha * s;
    if (s > 1.0) {
        a = 1.0 - (1.0 - alpha) * exp2((s - 1.0) * log2(max(1.0 - alpha, 1e-6)));
    }
    let idx = gid.y * params.width + gid.x;
    out_px[idx] = pack_rgba(blend_over(unpack_rgba(out_px[idx]), params.color.rgb, a));
}
