// Blend a point layer's accumulated coverage over the image: order-independent, so atomics work.
#include "shared/color.wgsl"

struct Params { width: u32, height: u32, p0: u32, p1: u32, color: vec4<f32> }

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> acc: array<u32>;
@group(0) @binding(2) var<storage, read_write> out_px: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    let idx = gid.y * params.width + gid.x;
    let s = f32(acc[idx]) / 255.0;  // coverage summed over every point touching this pixel
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
    out_px[idx] = pack_rgba(blend_over(unpack_rgba(out_px[idx]), params.color.rgb, a));
}
