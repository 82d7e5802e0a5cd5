// Paint one layer of shapes (rect, disc, segment, glyph, image) per pixel, in paint order.
#include "shared/color.wgsl"
#include "shared/coverage.wgsl"

struct Params {
    width: u32, height: u32, tiles_x: u32, atlas_width: u32,
    list_base: u32, list_len: u32, p0: u32, p1: u32,  // where the non-empty tile ids start
}
// k = (kind, a, b, c), m = (d, e, f, g): see batuta/render/encoding.py.
struct Shape { k: vec4<f32>, m: vec4<f32>, color: vec4<f32>, clip: vec4<f32> }

@group(0) @binding(0) var<storage, read> params: Params;
@group(0) @binding(1) var<storage, read> shapes: array<Shape>;
@group(0) @binding(2) var<storage, read> tiles: array<u32>;
@group(0) @binding(3) var<storage, read> atlas: array<u32>;
@group(0) @binding(4) var<storage, read> images: array<f32>;
@group(0) @binding(5) var<storage, read> lut: array<u32>;
@group(0) @binding(6) var<storage, read_write> out_px: array<u32>;

const TILE: u32 = 16u;

fn atlas_texel(x: u32, y: u32) -> f32 {
    let i = y * params.atlas_width + x;
    return f32((atlas[i >> 2u] >> ((i & 3u) * 8u)) & 255u) / 255.0;
}

// Glyph bitmaps sit at whole pixels, so coverage is one atlas texel: identical on every backend.
fn glyph_coverage(px: vec2<i32>, s: Shape) -> f32 {
    let lx = px.x - i32(s.k.y);
    let ly = px.y - i32(s.k.z);
    let gw = i32(s.k.w);
    let gh = i32(s.m.x);
    var u = lx;
    var v = ly;
    if (s.m.w > 0.5) {  // rotated 90 degrees counter-clockwise
        u = gw - 1 - ly;
        v = lx;
    }
    if (u < 0 || v < 0 || u >= gw || v >= gh) {
        return 0.0;
    }
    return atlas_texel(u32(i32(s.m.y) + u), u32(i32(s.m.z) + v));
}

// Nearest-neighbour lookup of a colour-mapped scalar grid; rgb and coverage (0 = no data).
fn image_sample(c: vec2<f32>, s: Shape) -> vec4<f32> {
    let x0 = s.k.y;
    let y0 = s.k.z;
    let x1 = s.k.w;
    let y1 = s.m.x;
    if (c.x < x0 || c.x >= x1 || c.y < y0 || c.y >= y1) {
        return vec4<f32>(0.0);
    }
    let cols = u32(s.m.z);
    let rows = u32(s.m.w);
    let ix = min(u32((c.x - x0) / (x1 - x0) * f32(cols)), cols - 1u);
    let iy = min(u32((c.y - y0) / (y1 - y0) * f32(rows)), rows - 1u);
    let v = images[u32(s.m.y) + iy * cols + ix];
    if (v < 0.0) {
        return vec4<f32>(0.0);
    }
    let rgb = unpack_rgba(lut[u32(s.color.x) * 256u + u32(v * 255.0 + 0.5)]).rgb;
    return vec4<f32>(rgb, 1.0);
}

// One 16x16 workgroup per non-empty tile: empty tiles cost nothing.
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(num_workgroups) groups: vec3<u32>) {
    let k = wid.y * groups.x + wid.x;
    if (k >= params.list_len) {
        return;
    }
    let tile = tiles[params.list_base + k];
    let gid = vec2<u32>((tile % params.tiles_x) * TILE + lid.x,
                        (tile / params.tiles_x) * TILE + lid.y);
    if (gid.x >= params.width || gid.y >= params.height) {
        return;
    }
    let idx = gid.y * params.width + gid.x;
    let ntiles = params.tiles_x * ((params.height + TILE - 1u) / TILE);
    let first = tiles[tile] + ntiles + 1u;
    let last = tiles[tile + 1u] + ntiles + 1u;
    if (first == last) {
        return;
    }
    let corner = vec2<f32>(f32(gid.x), f32(gid.y));
    let center = corner + 0.5;
    var dst = unpack_rgba(out_px[idx]);
    for (var i = first; i < last; i++) {
        let s = shapes[tiles[i]];
        if (center.x < s.clip.x || center.y < s.clip.y || center.x >= s.clip.z
            || center.y >= s.clip.w) {
            continue;
        }
        var rgb = s.color.rgb;
        var cov = 0.0;
        switch u32(s.k.x) {
            case 1u: { cov = rect_coverage(corner, s.k.y, s.k.z, s.k.w, s.m.x); }
            case 2u: { cov = disc_coverage(center, s.k.yz, s.k.w); }
            case 3u: { cov = capsule_coverage(center, s.k.yz, vec2<f32>(s.k.w, s.m.x), s.m.y); }
            case 4u: { cov = glyph_coverage(vec2<i32>(gid.xy), s); }
            case 5u: {
                let img = image_sample(center, s);
                rgb = img.rgb;
                cov = img.a;
            }
            default: {}
        }
        let a = s.color.a * cov;
        if (a > 0.0) {
            dst = blend_over(dst, rgb, a);
        }
    }
    out_px[idx] = pack_rgba(dst);
}
