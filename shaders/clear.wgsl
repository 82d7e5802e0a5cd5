// Fill the output image with the background colour: the first pass of every frame.

struct Params { width: u32, height: u32, color: u32, pad: u32 }

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read_write> out_px: array<u32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    out_px[gid.y * params.width + gid.x] = params.color;
}
