"""Encoding: JSON round trip, pure-Python and NumPy paths, tile lists, recording, font, PNG."""

from __future__ import annotations

import json
import struct
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.errors import RenderError
from batuta.render import Chart, Points, Rect, Scene, Text, encode, encode_png, rgba
from batuta.render import recording as rec
from batuta.render.encoding import TILE, Encoding, _interleave, histogram_encoding
from batuta.render.font import atlas, layout, nearest_size


def test_json_round_trip_is_exact() -> None:
    enc = Chart(width=300, height=200).scatter([1, 2], [3, 4]).line([0, 5], [0, 1]).encode()
    data = json.loads(json.dumps(enc.to_json()))
    back = Encoding.from_json(data)
    assert back == enc


@pytest.mark.parametrize("bad", [{}, {"width": 1}, {"width": 2, "height": 2, "blobs": {"x": "!!"},
                                                     "recording": []}])
def test_malformed_encoding_is_a_render_error(bad: dict[str, Any]) -> None:
    with pytest.raises(RenderError):
        Encoding.from_json(bad)


def test_unknown_recording_op() -> None:
    with pytest.raises(RenderError, match="unknown recording op"):
        rec.from_json([{"op": "format_disk"}])


@given(st.lists(st.tuples(st.floats(allow_nan=True, allow_infinity=True, width=32),
                          st.floats(allow_nan=True, allow_infinity=True, width=32)),
                max_size=50))
def test_pure_python_and_numpy_point_paths_agree(pairs: list[tuple[float, float]]) -> None:
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    assert _interleave(xs, ys) == _interleave(np.array(xs), np.array(ys))


def test_tiles_list_each_shape_where_it_can_touch() -> None:
    scene = Scene(64, 48, commands=(Rect(20, 5, 10, 30, rgba("#ff0000")),))
    enc = encode(scene)
    words = struct.unpack(f"<{len(enc.blobs['tiles0']) // 4}I", enc.blobs["tiles0"])
    tiles_x, ntiles = 4, 12
    offsets = words[: ntiles + 1]
    busy = [t for t in range(ntiles) if offsets[t + 1] > offsets[t]]
    # x 20..30 -> tile column 1; y 5..35 -> rows 0, 1, 2
    assert busy == [1 + tiles_x * r for r in range(3)]
    assert list(words[ntiles + 1 + offsets[-1]:]) == busy  # the dispatch list
    (shapes,) = [op for op in enc.recording if isinstance(op, rec.Dispatch)
                 and op.pass_name == "shapes"]
    assert shapes.workgroups == (3, 1, 1)  # one 16x16 workgroup per busy tile
    assert TILE == 16


def test_recording_summary_is_readable_without_gpu() -> None:
    n = 70_000
    enc = encode(Scene(100, 80, commands=(Points(list(range(n)), [0.0] * n, (1, 0, 1, 0), 1,
                                                 rgba("#000000")),)))
    s = enc.summary()
    assert s["bytes_uploaded"] >= n * 8
    assert s["readbacks"] == 1
    assert [op.pass_name for op in enc.recording if isinstance(op, rec.Dispatch)] == [
        "clear", "points", "points_composite"]
    assert rec.item_workgroups(70_000 * 1000) == (65535, 5, 1)  # folded past the limit


def test_histogram_encoding_validates() -> None:
    with pytest.raises(RenderError):
        histogram_encoding([1.0], 2.0, 1.0, 3)
    with pytest.raises(RenderError):
        histogram_encoding([1.0], 0.0, 1.0, 0)


@pytest.mark.gpu
def test_gpu_cpu_and_python_histograms_agree(gpu_engine: Any, cpu_engine: Any) -> None:
    from batuta.render._axes import count_bins

    rng = np.random.default_rng(2)
    v = rng.normal(size=200_000).astype(np.float32).astype(np.float64)
    lo, hi = float(v.min()), float(v.max())
    expected = count_bins(v, lo, hi, 37)
    assert sum(expected) == len(v)
    assert gpu_engine.histogram(v, lo, hi, 37) == expected
    assert cpu_engine.histogram(v, lo, hi, 37) == expected


@given(st.text(alphabet="0123456789abcdef", min_size=6, max_size=6))
def test_hex_colours_round_trip(h: str) -> None:
    c = rgba("#" + h)
    assert "".join(f"{round(v * 255):02x}" for v in c[:3]) == h and c[3] == 1.0


@pytest.mark.parametrize("bad", ["red", "#12345", (1.0, 2.0, 0.0), (0.1,)])
def test_bad_colours(bad: Any) -> None:
    with pytest.raises(RenderError):
        rgba(bad)


def test_font_atlas_and_layout() -> None:
    at = atlas()
    assert len(at.data) == at.width * at.height
    assert nearest_size(12) in (11, 13) and nearest_size(40) == 39 and nearest_size(99) == 54
    placed = layout("Hi☃", 10, 20, 13)
    assert len(placed) == 3 and placed[2].glyph == at.glyph(13, "?")  # unknown -> "?"
    mid = layout("abc", 100, 50, 13, anchor="middle")
    end = layout("abc", 100, 50, 13, anchor="end")
    assert mid[0].x < 100 and end[-1].x + end[-1].glyph.width <= 101
    up = layout("ab", 50, 100, 13, rotated=True)
    assert up[1].y < up[0].y and up[0].rotated  # reads bottom to top


def test_text_with_every_character_encodes() -> None:
    scene = Scene(200, 40, commands=(Text(5, 30, "".join(map(chr, range(32, 600))), 11,
                                          rgba("#000000")),))
    assert encode(scene).summary()["dispatches"] >= 2


def test_png_rejects_wrong_size() -> None:
    with pytest.raises(RenderError):
        encode_png(b"\0" * 15, 2, 2)
    assert encode_png(b"\0" * 16, 2, 2).startswith(b"\x89PNG\r\n\x1a\n")


def test_scene_size_bounds() -> None:
    with pytest.raises(RenderError):
        Scene(0, 10)


_NO_NUMPY = """
import sys
sys.modules["numpy"] = None  # what Pyodide looks like: importing NumPy fails
from batuta.render import Chart, chart_encoding
chart = (Chart(title="t", x_label="x", y_label="y", width=320, height=200)
         .scatter([1, 2, float("nan")], [3, 1, 2]).line([0, 3], [0, 3], label="l"))
enc = chart_encoding(chart)
hist = chart_encoding(Chart(width=320, height=200).histogram([1.0, 2.0, 2.5, 9.0], bins="fd"))
print(enc["width"], len(enc["recording"]), len(hist["recording"]), "numpy" in sys.modules
      and sys.modules["numpy"] is not None)
"""


def test_chart_encoding_needs_no_numpy() -> None:
    """The browser worker's path (chart -> encoding JSON) is pure Python."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _NO_NUMPY], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    width, ops, hist_ops, numpy_loaded = proc.stdout.split()
    assert (width, numpy_loaded) == ("320", "False") and int(ops) > 5 and int(hist_ops) > 3


def test_encoder_registry_refuses_duplicates() -> None:
    from batuta.render.encoding import register_encoder

    with pytest.raises(RenderError, match="already registered"):
        register_encoder(Rect, lambda *a: None)
