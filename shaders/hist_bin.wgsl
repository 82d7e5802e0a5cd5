// Count samples into equal-width histogram bins with atomics (values at the top edge go last).

struct Params { n: u32, nbins: u32, p0: u32, p1: u32, lo: f32, inv_width: f32, hi: f32, p3: f32 }

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
    let v = samples[i];
    // Range test on the value, not on the scaled index: (hi - lo) * inv_width can round to
    // just above nbins, which would drop the maximum.
    if (v < params.lo || v > params.hi) {
        return;
    }
    atomicAdd(&counts[min(u32(max((v - params.lo) * params.inv_width, 0.0)), params.nbins - 1u)],
              1u);
}
