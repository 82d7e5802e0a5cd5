// Bin data points into a per-pixel count grid with atomics (one atomicAdd per point).

struct Params {
    n: u32, width: u32, height: u32, reach: u32,  // grid = image grown by `reach` on each side
    xf: vec4<f32>,  // pixel = (x * xf.x + xf.y, y * xf.z + xf.w)
}

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> pts: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> grid: array<atomic<u32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>,
        @builtin(num_workgroups) groups: vec3<u32>) {
    let i = gid.y * groups.x * 256u + gid.x;
    if (i >= params.n) {
        return;
    }
    let p = floor(pts[i] * params.xf.xz + params.xf.yw) + f32(params.reach);
    let gw = params.width + 2u * params.reach;
    let gh = params.height + 2u * params.reach;
    // Written so that NaN fails the test too; far-off points touch no pixel.
    if (!(p.x >= 0.0 && p.y >= 0.0 && p.x < f32(gw) && p.y < f32(gh))) {
        return;
    }
    atomicAdd(&grid[u32(p.y) * gw + u32(p.x)], 1u);
}
