"""Browser WebGPU (headless Chromium, SwiftShader) and the Canvas 2D fallback against wgpu-py.

A local server on 127.0.0.1 serves the repository; ``tests/render/pages/parity.html`` loads
``web/render/webgpu.js`` and ``canvas2d.js``, which fetch the WGSL from ``/shaders/``. The
encoding is produced natively in Python and handed over as JSON.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from batuta.render import Chart, chart_encoding, shaders
from batuta.render.encoding import Encoding

pytestmark = [pytest.mark.browser, pytest.mark.gpu]
Agree = Callable[[str, bytes, bytes, int, int], None]


@pytest.fixture
def parity_page(page: Any, server: str) -> Iterator[Any]:
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(f"{server}/tests/render/pages/parity.html")
    page.wait_for_function("window.batutaReady === true", timeout=15000)
    yield page
    assert all(url.startswith(server) for url in requests), requests  # same origin only


def _pixels(result: dict[str, Any]) -> bytes:
    assert "error" not in result, result.get("error")
    return base64.b64decode(result["pixels"])


def test_webgpu_adapter_available(parity_page: Any) -> None:
    assert parity_page.evaluate("window.batutaTest.adapter()")


@pytest.mark.parametrize("kind", ["line", "scatter", "bar", "histogram", "heatmap"])
def test_webgpu_matches_wgpu_py(kind: str, parity_page: Any, golden_charts: dict[str, Chart],
                                gpu_engine: Any, assert_agree: Agree) -> None:
    chart = golden_charts[kind]
    enc = chart_encoding(chart)
    native = gpu_engine.render(Encoding.from_json(enc))
    w, h = chart.width, chart.height
    result = parity_page.evaluate("e => window.batutaTest.gpu(e)", enc)
    assert result.get("presented") is True  # drawn to the canvas through present.wgsl
    texture = _pixels(result)
    assert_agree(f"{kind}-webgpu-texture", texture, native, w, h)
    buffer = _pixels(parity_page.evaluate("e => window.batutaTest.gpuBuffer(e)", enc))
    assert_agree(f"{kind}-webgpu-buffer", buffer, native, w, h)


@pytest.mark.parametrize("kind", ["line", "scatter", "bar", "histogram", "heatmap"])
def test_canvas2d_matches_wgpu_py(kind: str, parity_page: Any, golden_charts: dict[str, Chart],
                                  gpu_engine: Any, assert_agree: Agree) -> None:
    chart = golden_charts[kind]
    enc = chart_encoding(chart)
    native = gpu_engine.render(Encoding.from_json(enc))
    got = _pixels(parity_page.evaluate("e => window.batutaTest.cpu(e)", enc))
    assert_agree(f"{kind}-canvas2d", got, native, chart.width, chart.height)


@pytest.mark.parametrize("name,defines", [
    ("shapes", {}), ("points_composite", {"OPAQUE": 1}), ("points_composite", {"OPAQUE": 0}),
    ("points", {}), ("present", {})])
def test_js_preprocessor_matches_python(name: str, defines: dict[str, int],
                                        parity_page: Any) -> None:
    js = parity_page.evaluate("([n, d]) => window.batutaTest.preprocess(n, d)", [name, defines])
    assert js == shaders.load(name, tuple(sorted(defines.items())))


def test_js_preprocessor_rejects_undefined(parity_page: Any) -> None:
    res = parity_page.evaluate("() => window.batutaTest.preprocess('points_composite', {})")
    assert "OPAQUE is not defined" in res["error"]


@pytest.mark.parametrize("kind", ["scatter", "heatmap"])
def test_webgpu_matches_wgpu_py_at_scale_two(kind: str, parity_page: Any,
                                             golden_charts: dict[str, Chart], gpu_engine: Any,
                                             assert_agree: Agree) -> None:
    """Drawn for DPR 2 (twice the pixels, glyphs from the 2x atlas sizes): the same image."""
    chart = golden_charts[kind]
    enc = chart_encoding(chart, scale=2)
    assert (enc["width"], enc["height"]) == (2 * chart.width, 2 * chart.height)
    native = gpu_engine.render(Encoding.from_json(enc))
    result = parity_page.evaluate("e => window.batutaTest.gpu(e)", enc)
    assert result.get("presented") is True
    assert_agree(f"{kind}-2x-webgpu", _pixels(result), native, enc["width"], enc["height"])
