// Shared colour helpers: RGBA8 pack/unpack (R in the low byte) and source-over blending.

fn unpack_rgba(v: u32) -> vec4<f32> {
    return vec4<f32>(f32(v & 255u), f32((v >> 8u) & 255u), f32((v >> 16u) & 255u),
                     f32(v >> 24u)) / 255.0;
}

// floor(x * 255 + 0.5), the rounding the CPU reference uses too.
fn pack_rgba(c: vec4<f32>) -> u32 {
    let q = vec4<u32>(floor(clamp(c, vec4<f32>(0.0), vec4<f32>(1.0)) * 255.0 + 0.5));
    return q.x | (q.y << 8u) | (q.z << 16u) | (q.w << 24u);
}

// Straight-alpha source-over: colour `rgb` with alpha `a` over `dst`.
fn blend_over(dst: vec4<f32>, rgb: vec3<f32>, a: f32) -> vec4<f32> {
    return vec4<f32>(rgb * a + dst.rgb * (1.0 - a), a + dst.a * (1.0 - a));
}
