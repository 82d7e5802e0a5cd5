// Shared anti-aliased coverage of rects (analytic area), discs and capsules (distance fields).

// Area of the pixel [p, p+1)^2 inside the rectangle [x0, x1) x [y0, y1).
fn rect_coverage(p: vec2<f32>, x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
    let cx = clamp(min(p.x + 1.0, x1) - max(p.x, x0), 0.0, 1.0);
    let cy = clamp(min(p.y + 1.0, y1) - max(p.y, y0), 0.0, 1.0);
    return cx * cy;
}

// One pixel of ramp across the edge of a disc of radius r around `center`, sampled at pixel centre c.
fn disc_coverage(c: vec2<f32>, center: vec2<f32>, r: f32) -> f32 {
    return clamp(r + 0.5 - length(c - center), 0.0, 1.0);
}

// Capsule of half-width hw around the segment a-b (round caps, so polylines join smoothly).
fn capsule_coverage(c: vec2<f32>, a: vec2<f32>, b: vec2<f32>, hw: f32) -> f32 {
    let ab = b - a;
    let len2 = dot(ab, ab);
    var t = 0.0;
    if (len2 > 0.0) {
        t = clamp(dot(c - a, ab) / len2, 0.0, 1.0);
    }
    return clamp(hw + 0.5 - length(c - (a + ab * t)), 0.0, 1.0);
}
