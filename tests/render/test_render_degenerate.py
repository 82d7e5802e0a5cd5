"""Degenerate data gives a defined picture (with a note saying what was left out) or a
clear ``RenderError``: empty series, NaN/inf, one point, all-equal values, 10^7 points, log axes
with zeros."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.errors import RenderError
from batuta.render import Chart, Clip, Group, Opacity, Path, Points, Rect, Text, encoding
from batuta.render.scene import Command, Scene


def _walk(cmds: tuple[Command, ...]) -> Iterator[Command]:
    for c in cmds:
        if isinstance(c, (Group, Clip, Opacity)):
            yield from _walk(c.children)
        else:
            yield c


def texts(scene: Scene) -> list[str]:
    return [c.text for c in _walk(scene.commands) if isinstance(c, Text)]


def marks(scene: Scene, kind: type) -> list[Any]:
    return [c for c in _walk(scene.commands) if isinstance(c, kind)]


def _ink(rgba: bytes, width: int, height: int) -> int:
    """Pixels that are neither the background white nor grid grey."""
    px = np.frombuffer(rgba, np.uint8).reshape(-1, 4)[:, :3].astype(int)
    return int(((px.max(axis=1) - px.min(axis=1)) > 40).sum())


@pytest.mark.parametrize("chart", [
    Chart().line([], []), Chart().scatter([], []), Chart().histogram([]),
    Chart().bar([], []), Chart(x_scale="log").scatter([0, -1], [1, 2]),
])
def test_empty_series_say_no_data(chart: Chart, cpu_engine: Any) -> None:
    scene = chart.to_scene()
    assert "no data" in texts(scene)
    assert len(cpu_engine.render(encoding.encode(scene))) == chart.width * chart.height * 4


def test_non_finite_values_are_left_out_and_noted(cpu_engine: Any) -> None:
    x = [1.0, 2.0, math.nan, 4.0, math.inf, 6.0]
    y = [1.0, -math.inf, 3.0, 4.0, 5.0, 6.0]
    scene = Chart().scatter(x, y).to_scene()
    assert any("3 non-finite values omitted" in t for t in texts(scene))
    (pts,) = marks(scene, Points)
    kept = list(pts.xs)  # shifted by the domain start for f32 precision
    assert [b - kept[0] for b in kept] == [0.0, 3.0, 5.0]
    assert _ink(cpu_engine.render(encoding.encode(scene)), 800, 500) > 0


def test_numpy_and_list_paths_agree_on_non_finite() -> None:
    x = [0.0, math.nan, 2.0, 3.0]
    y = [1.0, 2.0, math.inf, 4.0]
    a = Chart().line(x, y).to_scene()
    b = Chart().line(np.array(x), np.array(y)).to_scene()
    assert marks(a, Path)[0].points == marks(b, Path)[0].points
    assert texts(a) == texts(b)


def test_one_point_draws_a_dot(cpu_engine: Any) -> None:
    for chart in (Chart().line([3.0], [7.0], width=6), Chart().scatter([3.0], [7.0], size=5)):
        scene = chart.to_scene()
        before = _ink(cpu_engine.render(encoding.encode(Chart().to_scene())), 800, 500)
        assert _ink(cpu_engine.render(encoding.encode(scene)), 800, 500) > before


def test_all_equal_values_widen_the_axis() -> None:
    scene = Chart().line([1, 2, 3], [5.0, 5.0, 5.0]).to_scene()
    labels = texts(scene)
    assert "5.0" in labels or "5" in labels
    hist = Chart().histogram([2.5] * 100).to_scene()
    bars = [r for r in marks(hist, Rect) if r.h > 0 and r.fill[2] > 0.6]
    assert bars, "one bin holding every sample"


def test_log_axis_with_zeros_notes_them() -> None:
    scene = Chart(y_scale="log").line([1, 2, 3, 4], [0.0, 10.0, 100.0, -5.0]).to_scene()
    assert any("2 values ≤ 0 omitted (log axis)" in t for t in texts(scene))
    assert {"10", "100"} <= set(texts(scene))


def test_log_bar_and_histogram_counts() -> None:
    scene = Chart(y_scale="log").histogram([1, 1, 1, 2, 3, 3, 50], bins=5).to_scene()
    assert "no data" not in texts(scene)
    with pytest.raises(RenderError, match="linear x axis"):
        Chart(x_scale="log").histogram([1, 2, 3]).to_scene()


@pytest.mark.gpu
def test_ten_million_points(gpu_engine: Any) -> None:
    rng = np.random.default_rng(5)
    n = 10_000_000
    x, y = rng.normal(size=n).astype(np.float32), rng.normal(size=n).astype(np.float32)
    chart = Chart(width=640, height=400).scatter(x, y, size=1.0, alpha=0.3)
    rgba = gpu_engine.render(encoding.encode(chart.to_scene()))
    assert _ink(rgba, 640, 400) > 10_000
    line = Chart(width=640, height=400).line(np.arange(n, dtype=np.float64), np.cumsum(x))
    (path,) = marks(line.to_scene(), Path)
    assert len(path.points) <= 4 * 640  # decimated per pixel column (M4)
    hist = Chart(width=640, height=400).histogram(x, bins=50)
    scene = hist.to_scene(binner=gpu_engine.histogram)
    total = sum(1 for r in marks(scene, Rect) if r.h > 0)
    assert total >= 40


def test_unsorted_huge_line_is_a_clear_error() -> None:
    rng = np.random.default_rng(1)
    x = rng.random(300_000)
    with pytest.raises(RenderError, match="not sorted"):
        Chart().line(x, x).to_scene()


@pytest.mark.parametrize("make,match", [
    (lambda: Chart().line([1, 2], [1]), "x has 2 values but y has 1"),
    (lambda: Chart().line([1], [1], color="red"), "bad colour"),
    (lambda: Chart().bar(["a"], [1]).line([1], [1]).to_scene(), "cannot combine"),
    (lambda: Chart().histogram([1, 2], bins="magic").to_scene(), "unknown bin rule"),
    (lambda: Chart().histogram([1, 2], bins=0).to_scene(), "bins must be"),
    (lambda: Chart().heatmap([[1, 2], [3]]).to_scene(), "rectangular"),
    (lambda: Chart().heatmap([]).to_scene(), "rectangular"),
    (lambda: Chart(theme="neon"), "unknown theme"),
    (lambda: Chart(width=10), "outside 64..8192"),
    (lambda: Chart(width=64, height=64, title="t", y_label="y").line([1], [1]).to_scene(),
     "no room"),
    (lambda: encoding.encode(Scene(10, 10, commands=(Points([1], [1], (1, 0, 1, 0), 1,
                                                            (0, 0, 0, 1), "star"),))),
     "unknown marker"),
])
def test_bad_input_is_a_render_error(make: Any, match: str) -> None:
    with pytest.raises(RenderError, match=match) as info:
        make()
    assert info.value.code == "BATUTA-X-020"


def test_point_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoding, "MAX_POINTS", 10)
    scene = Scene(10, 10, commands=(Points(list(range(11)), list(range(11)), (1, 0, 1, 0), 1,
                                           (0, 0, 0, 1)),))
    with pytest.raises(RenderError, match="exceed the limit"):
        encoding.encode(scene)


any_float = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=80)
@given(st.sampled_from(["line", "scatter", "bar", "histogram", "heatmap"]),
       st.lists(any_float, max_size=40), st.sampled_from(["linear", "log"]),
       st.sampled_from(["linear", "log"]), st.sampled_from(["sturges", "scott", "fd", 7]))
def test_any_data_gives_a_scene_or_a_render_error(kind: str, values: list[float], xs: str,
                                                  ys: str, bins: Any) -> None:
    """Untrusted numbers (NaN, inf, huge, tiny, empty) never crash the chart pipeline."""
    chart = Chart(x_scale=xs, y_scale=ys, width=300, height=200)
    half = len(values) // 2
    try:
        if kind in ("line", "scatter"):
            chart = getattr(chart, kind)(values[:half], values[half:2 * half])
        elif kind == "bar":
            chart = chart.bar([str(i) for i in range(len(values))], values)
        elif kind == "histogram":
            chart = chart.histogram(values, bins=bins)
        else:
            chart = chart.heatmap([values[i:i + 4] for i in range(0, len(values) - 3, 4)])
        enc = encoding.encode(chart.to_scene())
    except RenderError:
        return
    assert enc.width == 300 and enc.recording


def test_large_offsets_keep_precision(cpu_engine: Any) -> None:
    """Timestamps (~1.7e9) one second apart stay one second apart on screen (f32 alone would
    merge them into 128-second steps)."""
    t0 = 1.7e9
    xs = [t0 + i for i in range(10)]
    ys = [float(i % 3) for i in range(10)]
    scene = Chart(width=400, height=300).scatter(xs, ys, size=2).to_scene()
    (pts,) = marks(scene, Points)
    sx, ox, _, _ = pts.transform
    pixels = [x * sx + ox for x in pts.xs]
    steps = [b - a for a, b in itertools.pairwise(pixels)]
    assert min(steps) > 10 and max(steps) - min(steps) < 1e-6
    counts = cpu_engine.histogram([t0 + i for i in range(100)], t0, t0 + 99, 10)
    assert counts == [10] * 10
