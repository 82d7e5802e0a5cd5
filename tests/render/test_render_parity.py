"""wgpu-py (lavapipe) against the NumPy CPU reference, and both against the golden images."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batuta.render import (
    Chart,
    Circle,
    Clip,
    Group,
    Image,
    Opacity,
    Points,
    Rect,
    Scene,
    Text,
    encode,
    encode_png,
)
from batuta.render import Path as PathCmd
from batuta.render.scene import Color

pytestmark = pytest.mark.gpu
GOLDEN = Path(__file__).parent / "golden"
KINDS = ("line", "scatter", "bar", "histogram", "heatmap")
Agree = Callable[[str, bytes, bytes, int, int], None]


@pytest.mark.parametrize("kind", KINDS)
def test_chart_gpu_matches_cpu(kind: str, golden_charts: dict[str, Chart], gpu_engine: Any,
                               cpu_engine: Any, assert_agree: Agree) -> None:
    chart = golden_charts[kind]
    enc = chart.encode()
    gpu, cpu = gpu_engine.render(enc), cpu_engine.render(enc)
    assert_agree(f"{kind}-gpu-vs-cpu", gpu, cpu, chart.width, chart.height)
    # Not trivially equal because blank: the chart paints several distinct colours.
    assert len(set(gpu[i:i + 4] for i in range(0, len(gpu), 4))) > 20


@pytest.mark.parametrize("kind", KINDS)
def test_chart_matches_golden(kind: str, golden_charts: dict[str, Chart], gpu_engine: Any,
                              cpu_engine: Any, assert_agree: Agree, regen_golden: bool,
                              decode_png: Callable[[bytes], tuple[bytes, int, int]]) -> None:
    chart = golden_charts[kind]
    path = GOLDEN / f"{kind}.png"
    png = chart.to_png(engine=gpu_engine)
    if regen_golden:
        path.write_bytes(png)
    assert path.exists(), f"missing golden {path}; run with BATUTA_REGEN_GOLDEN=1"
    golden, w, h = decode_png(path.read_bytes())
    got, _, _ = decode_png(png)
    assert (w, h) == (chart.width, chart.height)
    assert_agree(f"{kind}-gpu-vs-golden", got, golden, w, h)
    assert_agree(f"{kind}-cpu-vs-golden", cpu_engine.render(chart.encode()), golden, w, h)


def test_golden_differs_from_other_kinds(
        decode_png: Callable[[bytes], tuple[bytes, int, int]],
        compare_images: Callable[[bytes, bytes, int, int], tuple[float, int]]) -> None:
    """The comparison can fail: two different goldens are far apart under the tolerance."""
    compare = compare_images
    a, w, h = decode_png((GOLDEN / "line.png").read_bytes())
    b, _, _ = decode_png((GOLDEN / "bar.png").read_bytes())
    frac, worst = compare(a, b, w, h)
    assert frac < 0.99 and worst > 100


colors = st.tuples(*[st.floats(0, 1)] * 3, st.floats(0.05, 1)).map(lambda c: c)
coord = st.floats(-20, 180)


@st.composite
def commands(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["rect", "circle", "path", "text", "image", "points"]))
    c: Color = draw(colors)
    if kind == "rect":
        return Rect(draw(coord), draw(coord), draw(st.floats(0, 90)), draw(st.floats(0, 90)), c)
    if kind == "circle":
        return Circle(draw(coord), draw(coord), draw(st.floats(0, 40)), c)
    if kind == "path":
        pts = draw(st.lists(st.tuples(coord, coord), min_size=1, max_size=6))
        return PathCmd(tuple(pts), draw(st.floats(0.5, 6)), c, draw(st.booleans()))
    if kind == "text":
        return Text(draw(coord), draw(coord), draw(st.text(st.characters(min_codepoint=32,
                                                                         max_codepoint=0x2264),
                                                               max_size=12)),
                    draw(st.sampled_from([11, 13, 18])), c, rotated=draw(st.booleans()))
    if kind == "image":
        rows = draw(st.integers(1, 5))
        cols = draw(st.integers(1, 5))
        vals = tuple(tuple(draw(st.floats(-1, 2) | st.just(float("nan"))) for _ in range(cols))
                     for _ in range(rows))
        return Image(draw(coord), draw(coord), draw(st.floats(1, 80)), draw(st.floats(1, 80)),
                     vals, draw(st.sampled_from(["viridis", "magma", "cividis"])))
    n = draw(st.integers(0, 60))
    xs = [draw(st.floats(-1, 1)) for _ in range(n)]
    ys = [draw(st.floats(-1, 1)) for _ in range(n)]
    return Points(xs, ys, (70.0, 80.0, 60.0, 70.0), draw(st.floats(0, 6)), c,
                  draw(st.sampled_from(["circle", "square"])))


@st.composite
def scenes(draw: st.DrawFn) -> Scene:
    cmds = draw(st.lists(commands(), max_size=8))
    if draw(st.booleans()) and cmds:
        cmds = [Clip((draw(coord), draw(coord), 100.0, 80.0),
                     (Opacity(draw(st.floats(0, 1)), tuple(cmds[:3])),)),
                Group(tuple(cmds[3:]), (draw(st.floats(-10, 10)), draw(st.floats(-10, 10))))]
    return Scene(draw(st.integers(1, 170)), draw(st.integers(1, 130)),
                 draw(colors), tuple(cmds))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scene=scenes())
def test_random_scenes_gpu_matches_cpu(scene: Scene, gpu_engine: Any, cpu_engine: Any,
                                       assert_agree: Agree) -> None:
    enc = encode(scene)
    assert_agree("random", gpu_engine.render(enc), cpu_engine.render(enc), scene.width,
                 scene.height)


_LIFECYCLE = """
import gc, json, wgpu
from batuta.render import Chart
from batuta.render.gpu import GpuEngine

def counts():
    gc.collect()
    d = wgpu.diagnostics.object_counts.get_dict()
    return {k: v["count"] for k, v in d.items()
            if k in ("Buffer", "BindGroup", "ComputePipeline", "ShaderModule", "Device")}

before = counts()
engine = GpuEngine()
engine.render(Chart(width=200, height=120).scatter([1, 2, 3], [3, 1, 2]).line([1, 3], [1, 3])
              .encode())
during = counts()
engine.close()
del engine
print(json.dumps([before, during, counts()]))
"""


def test_gpu_objects_released() -> None:
    """Buffers, bind groups, pipelines and the device go back to their starting counts.

    Runs in a fresh interpreter: Playwright's event loop in this process keeps wgpu-py's
    request-device promise (and so the device) alive, which would measure the test harness.
    """
    proc = subprocess.run([sys.executable, "-c", _LIFECYCLE], capture_output=True, text=True,
                          timeout=120, check=True)
    before, during, after = json.loads(proc.stdout.strip().splitlines()[-1])
    assert during["Buffer"] == before["Buffer"]  # per-frame buffers are destroyed at once
    assert during["ComputePipeline"] > before["ComputePipeline"]  # cached until close
    assert after == before


def test_png_round_trip(golden_charts: dict[str, Chart], cpu_engine: Any,
                        decode_png: Callable[[bytes], tuple[bytes, int, int]]) -> None:
    chart = golden_charts["bar"]
    rgba = cpu_engine.render(chart.encode())
    assert decode_png(encode_png(rgba, chart.width, chart.height)) == (rgba, chart.width,
                                                                       chart.height)
