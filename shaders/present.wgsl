// Draw the compute passes' RGBA8 output buffer onto a canvas or texture (one full-screen triangle).
#include "shared/color.wgsl"

struct Params { width: u32, height: u32, p0: u32, p1: u32 }

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> out_px: array<u32>;

@vertex
fn vs_main(@builtin(vertex_index) i: u32) -> @builtin(position) vec4<f32> {
    let uv = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u));
    return vec4<f32>(uv * 2.0 - 1.0, 0.0, 1.0);
}

@fragment
fn fs_main(@builtin(position) pos: vec4<f32>) -> @location(0) vec4<f32> {
    let x = min(u32(pos.x), params.width - 1u);
    let y = min(u32(pos.y), params.height - 1u);
    return unpack_rgba(out_px[y * params.width + x]);
}
