// Splat each data point's marker coverage into a per-pixel accumulation buffer with atomics.

struct Params {
    n: u32, width: u32, height: u32, pad: u32,
    xf: vec4<f32>,  // pixel = (x * xf.x + xf.y, y * xf.z + xf.w)
    clip: vec4<f32>,  // x0, y0, x1, y1 in pixels; pixels kept when their centre is inside
    radius: f32, p1: f32, p2: f32, p3: f32,
}

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> pts: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> acc: array<atomic<u32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>,
        @builtin(num_workgroups) groups: vec3<u32>) {
    let i = gid.y * groups.x * 256u + gid.x;
    if (i >= params.n) {
        return;
    }
    let p = pts[i] * params.xf.xz + params.xf.yw;
    let r = params.radius;
    let reach = i32(ceil(r + 0.5));
    // Far-off points would overflow the i32 conversion below; they touch no pixel anyway.
    if (p.x < -f32(reach) - 1.0 || p.y < -f32(reach) - 1.0
        || p.x > f32(params.width) + f32(reach) + 1.0
        || p.y > f32(params.height) + f32(reach) + 1.0) {
        return;
    }
    let cx = i32(floor(p.x));
    let cy = i32(floor(p.y));
    for (var dy = -reach; dy <= reach; dy++) {
        for (var dx = -reach; dx <= reach; dx++) {
            let px = cx + dx;
            let py = cy + dy;
            if (px < 0 || py < 0 || px >= i32(params.width) || py >= i32(params.height)) {
                continue;
            }
            let c = vec2<f32>(f32(px) + 0.5, f32(py) + 0.5);
            if (c.x < params.clip.x || c.y < params.clip.y || c.x >= params.clip.z
                || c.y >= params.clip.w) {
                continue;
            }
#if SQUARE
            let d = abs(c - p);
            let cov = clamp(r + 0.5 - d.x, 0.0, 1.0) * clamp(r + 0.5 - d.y, 0.0, 1.0);
#else
            let cov = clamp(r + 0.5 - length(c - p), 0.0, 1.0);
#endif
            if (cov > 0.0) {
                atomicAdd(&acc[u32(py) * params.width + u32(px)], u32(cov * 255.0 + 0.5));
            }
        }
    }
}
