"""Charts drawn at a device pixel ratio: the scaled atlas sizes, the same layout at every scale,
the CPU reference and wgpu-py agreeing at scale 2, and only the glyph rows used travel."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from batuta.errors import RenderError
from batuta.render import Chart, Scene, Text, analysis_scene, chart_encoding, encode, rgba
from batuta.render._build_data import BASE_SIZES, SCALES
from batuta.render._scale import clamp_scale, scale_scene
from batuta.render.font import atlas, layout, nearest_size, sizes

Agree = Callable[[str, bytes, bytes, int, int], None]
GOLDEN = Path(__file__).parent / "golden"
ANALYSIS = {
    "languages": [{"language": "Python", "code": 900, "percentage": 60.0},
                  {"language": "C", "code": 600, "percentage": 40.0}],
    "functions": [{"cyclomatic": c} for c in (1, 3, 12, 30, 60)],
}


def _ink_rows(rgba_bytes: bytes, width: int, height: int, box: tuple[int, int, int, int],
              ) -> tuple[int, int]:
    """First and last row with dark (text) pixels inside box (x0, y0, x1, y1)."""
    img = np.frombuffer(rgba_bytes, np.uint8).reshape(height, width, 4)
    x0, y0, x1, y1 = box
    dark = (img[y0:y1, x0:x1, :3].max(axis=2) < 110).any(axis=1)
    rows = np.flatnonzero(dark)
    assert rows.size, "no text found in the box"
    return int(rows[0]) + y0, int(rows[-1]) + y0


def test_atlas_has_every_base_size_at_every_scale() -> None:
    bundled = set(sizes())
    for k in SCALES:
        for base in BASE_SIZES:
            assert round(base * k) in bundled
    assert nearest_size(22) == 22 and nearest_size(26) == 26 and nearest_size(36) == 36


@pytest.mark.parametrize("ch", ["H", "g", "7", "W"])
def test_scaled_glyphs_are_rasterized_at_the_larger_size(ch: str) -> None:
    at = atlas()
    for base in BASE_SIZES:
        small, big = at.glyph(base, ch), at.glyph(2 * base, ch)
        assert abs(big.height - 2 * small.height) <= 2, (base, small, big)
        assert abs(big.advance - 2 * small.advance) <= 1.5
        # A real bitmap, not an upscaled copy: the big glyph's ink is not made of 2x2 blocks.
        img = np.frombuffer(at.data, np.uint8).reshape(at.height, at.width)
        ink = img[big.atlas_y:big.atlas_y + big.height, big.atlas_x:big.atlas_x + big.width]
        h2, w2 = ink.shape[0] // 2 * 2, ink.shape[1] // 2 * 2
        blocks = ink[:h2, :w2].reshape(h2 // 2, 2, w2 // 2, 2)
        assert not (blocks == blocks[:, :1, :, :1]).all()


def test_scale_one_is_the_unscaled_scene() -> None:
    chart = Chart(title="t").bar(["a", "b"], [1, 2])
    assert chart.to_scene(scale=1) == chart.to_scene()
    assert chart_encoding(chart, scale=1.0) == chart_encoding(chart)


def test_scale_two_doubles_every_position_size_and_text() -> None:
    chart = Chart(title="Scaled", x_label="x", y_label="y", width=300, height=200).line(
        [0, 1, 2], [1, 3, 2], label="a", width=2.0)
    one, two = chart.to_scene(), chart.to_scene(scale=2)
    assert (two.width, two.height) == (600, 400)
    texts1 = [c for c in one.commands if isinstance(c, Text)]
    texts2 = [c for c in two.commands if isinstance(c, Text)]
    assert [t.text for t in texts1] == [t.text for t in texts2] and texts1
    for a, b in zip(texts1, texts2, strict=True):
        assert b.size == 2 * a.size and (b.x, b.y) == (2 * a.x, 2 * a.y)
    for g1, g2 in zip(layout("Scaled", 150, 26, 18, anchor="middle"),
                      layout("Scaled", 300, 52, 36, anchor="middle"), strict=True):
        assert abs(g2.x - 2 * g1.x) <= 3 and abs(g2.y - 2 * g1.y) <= 3  # the same layout


def test_text_is_twice_as_tall_at_scale_two(cpu_engine: Any) -> None:
    """Measured from the pixels: the title's ink is ~2x as tall and sits ~2x as low."""
    chart = Chart(title="Height Hg", width=320, height=200).bar(["a", "b"], [1, 2])
    out = {}
    for k in (1, 2):
        scene = chart.to_scene(scale=k)
        px = cpu_engine.render(encode(scene))
        out[k] = _ink_rows(px, scene.width, scene.height, (0, 0, scene.width, 34 * k))
    (t1, b1), (t2, b2) = out[1], out[2]
    assert abs((b2 - t2 + 1) - 2 * (b1 - t1 + 1)) <= 2, out
    assert abs(t2 - 2 * t1) <= 2, out


def test_cpu_and_wgpu_agree_at_scale_two(gpu_engine: Any, cpu_engine: Any,
                                         golden_charts: dict[str, Chart],
                                         assert_agree: Agree) -> None:
    for kind in ("scatter", "bar", "heatmap"):
        enc = encode(golden_charts[kind].to_scene(scale=2))
        assert (enc.width, enc.height) == (960, 600)
        assert_agree(f"{kind}-scale2", gpu_engine.render(enc), cpu_engine.render(enc),
                     enc.width, enc.height)


def test_analysis_at_fractional_scale_snaps_rects_to_pixels() -> None:
    scene = analysis_scene(ANALYSIS, width=901, height=377, scale=1.5)
    assert (scene.width, scene.height) == (round(901 * 1.5), round(377 * 1.5))
    enc = encode(scene)
    recs = np.frombuffer(enc.blobs["shapes"], "<f4").reshape(-1, 16)
    rects = recs[recs[:, 0] == 1]
    assert len(rects) > 10
    assert np.all(rects[:, 1:5] == np.round(rects[:, 1:5]))  # whole device pixels


def test_encoding_carries_only_the_glyph_rows_it_uses() -> None:
    at = atlas()
    full = at.width * at.height
    for k in (1, 2, 3):
        enc = encode(Chart(title="Rows", x_label="x", y_label="y").bar(["a"], [1])
                     .to_scene(scale=k))
        own = [g for base in BASE_SIZES for g in at.sizes[round(base * k)]["glyphs"].values()]
        span = max(g.atlas_y + g.height for g in own) - min(g.atlas_y for g in own)
        assert 0 < len(enc.blobs["atlas"]) <= span * at.width < full // 2, (k, span)
    no_text = encode(Scene(32, 32, commands=()))
    assert len(no_text.blobs["atlas"]) == 16


@pytest.mark.parametrize("given,want", [(0.5, 1.0), (1.25, 1.25), (2, 2.0), (7, 3.0),
                                        (math.inf, 3.0), ("2", 2.0)])
def test_scale_is_clamped(given: Any, want: float) -> None:
    assert clamp_scale(given) == want


@pytest.mark.parametrize("bad", [math.nan, "dense", None])
def test_bad_scale_is_a_render_error(bad: Any) -> None:
    with pytest.raises(RenderError):
        scale_scene(Scene(10, 10, rgba("#ffffff")), bad)


@pytest.mark.parametrize("kind", ["bar", "scatter"])
def test_scale_two_matches_golden(kind: str, golden_charts: dict[str, Chart], gpu_engine: Any,
                                  cpu_engine: Any, assert_agree: Agree, regen_golden: bool,
                                  decode_png: Callable[[bytes], tuple[bytes, int, int]]) -> None:
    """Golden images at DPR 2 (``BATUTA_REGEN_GOLDEN=1`` rewrites them, as for scale 1)."""
    chart = golden_charts[kind]
    path = GOLDEN / f"{kind}-2x.png"
    png = chart.to_png(engine=gpu_engine, scale=2)
    if regen_golden:
        path.write_bytes(png)
    golden, w, h = decode_png(path.read_bytes())
    assert (w, h) == (2 * chart.width, 2 * chart.height)
    assert_agree(f"{kind}-2x-gpu-vs-golden", decode_png(png)[0], golden, w, h)
    assert_agree(f"{kind}-2x-cpu-vs-golden", cpu_engine.render(chart.encode(scale=2)), golden,
                 w, h)


def test_a_wide_chart_is_scaled_no_larger_than_a_scene_can_be() -> None:
    scene = Chart(width=3000, height=200).bar(["a"], [1]).to_scene(scale=3)
    assert scene.width <= 8192 and scene.height == round(200 * 8192 / 3000)
