// Count samples into equal-width histogram bins with atomics (values at the top edge go last).

struct Params { n: u32, nbins: u32, p0: u32, p1: u32, lo: f32, inv_width: f32, p2: f32, p3: f32 }

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> samples: array<f32>;
@group(0) @binding(2) var<storage, read_write> counts: array<atomic<u32>>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>,
        @builtin(num_workgroups) groups: vec3<u32>) {
    let i = gid.y * groups.x * 256u + gid.x;
    if (i >= params.n) {
        return;
    }
    let t = (samples[i] - params.lo) * params.inv_width;
    if (t < 0.0 || t > f32(params.nbins)) {
        return;
    }
    atomicAdd(&counts[min(u32(t), params.nbins - 1u)], 1u);
}
