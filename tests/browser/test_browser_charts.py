"""Charts in real Chromium (WebGPU on SwiftShader): the playground's chart drawn at the device
pixel ratio, measured from the pixels on screen, and an app's scatter chart presented by WebGPU.

* At ``device_scale_factor=2`` the canvas' backing store is twice its CSS size, what the screen
  shows is the renderer's 2x drawing of the same analysis (the CPU reference, compared pixel by
  pixel) and the title's ink is twice as tall as at 1x: glyphs rasterized at 36 px, not 18 px
  ones upscaled (an upscaled bitmap is made of 2x2 blocks; this one is not). When the pixel
  ratio changes under the page (CDP device metrics), the chart is drawn again at the new one.
* A scatter chart in ``app.html`` is presented by WebGPU within a few seconds (it used to take
  longer than the runner's 20 s limit on SwiftShader and fell back to Canvas 2D).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest
from browser_support import ROOT, LocalServer, NetworkGuard, boot_playground, native_call, run_js
from chart_pixels import align, is_upscaled, rgba, title_ink
from playground_support import open_tab

from batuta.render.cpu import CpuEngine
from batuta.render.encoding import Encoding

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
SCATTER_WITHIN_S = 6.0


def _context(browser: Any, scale: float) -> tuple[Any, NetworkGuard]:
    context = browser.new_context(device_scale_factor=scale, viewport=VIEWPORT,
                                  service_workers="block")
    guard = NetworkGuard()
    guard.attach(context)
    return context, guard


def _drawn_chart(browser: Any, server: LocalServer, scale: float) -> dict[str, Any]:
    """The sample project's chart at ``scale``: sizes, the screenshot and the native render."""
    context, guard = _context(browser, scale)
    try:
        page = context.new_page()
        boot_playground(page, server.url)
        page.click("#sample-btn")
        page.wait_for_function("() => window.playground.count > 0", timeout=120_000)
        open_tab(page, "Charts")
        assert run_js(page, "return await window.playground.chart;") == "renderEncoding"
        info: dict[str, Any] = page.evaluate("""() => { const c = document.getElementById('chart');
            return { width: c.width, height: c.height, cssW: c.clientWidth, cssH: c.clientHeight,
                     dpr: window.devicePixelRatio, ratio: c.dataset.pixelRatio,
                     theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
                     result: window.playground.last.result }; }""")
        shot = page.locator("#chart").screenshot(scale="device", animations="disabled")
        if scale == 1:  # the window moves to a denser screen: drawn again at the new ratio
            # (Chromium's emulation fires the resolution media query's change event only
            # together with a resize, so the width moves by one pixel too.)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setDeviceMetricsOverride", {
                "width": VIEWPORT["width"] - 1, "height": VIEWPORT["height"],
                "deviceScaleFactor": 3, "mobile": False})
            page.wait_for_function("() => document.getElementById('chart').dataset.pixelRatio"
                                   " === '3'", timeout=30_000)
            info["after_change"] = page.evaluate("""() => { const c = document.getElementById(
                'chart'); return [c.width, c.height, c.clientWidth, c.clientHeight]; }""")
        assert guard.blocked == []
    finally:
        context.close()
    enc = native_call("chart_encoding", info["result"], info["cssW"], info["cssH"],
                      info["theme"], scale)["ok"]
    px = CpuEngine().render(Encoding.from_json(enc))
    info["native"] = np.frombuffer(px, np.uint8).reshape(enc["height"], enc["width"], 4)
    info["screen"], info["agree"] = align(rgba(shot), info["native"])
    return info


def test_chart_drawn_at_device_pixel_ratio_two(browser: Any, server: LocalServer) -> None:
    one = _drawn_chart(browser, server, 1)
    two = _drawn_chart(browser, server, 2)
    assert two["dpr"] == 2 and two["ratio"] == "2"
    # The backing store is the CSS size times the pixel ratio; same CSS size at both ratios.
    assert (one["width"], one["height"]) == (one["cssW"], one["cssH"])
    assert (two["width"], two["height"]) == (2 * two["cssW"], 2 * two["cssH"])
    assert (two["cssW"], two["cssH"]) == (one["cssW"], one["cssH"])
    width, height, css_w, css_h = one["after_change"]  # the matchMedia(resolution) redraw
    assert (width, height) == (3 * css_w, 3 * css_h) and abs(css_w - one["cssW"]) <= 1
    # What the screen shows is the renderer's own 2x drawing, device pixel for device pixel
    # (not a 1x bitmap stretched by the browser).
    for got in (one, two):
        assert got["screen"].shape == got["native"].shape
        assert got["agree"] > 0.99, f"DPR {got['dpr']}: {got['agree']:.4f} of pixels agree"
    # Measured text: the left chart's title is twice as tall and sits twice as low at 2x.
    t1, h1 = title_ink(one["screen"], 40, one["width"] // 2)
    t2, h2 = title_ink(two["screen"], 80, two["width"] // 2)
    assert abs(h2 - 2 * h1) <= 2, ((t1, h1), (t2, h2))
    assert abs(t2 - 2 * t1) <= 2
    # Crisp, not upscaled: a 1x title stretched to 2x is all 2x2 blocks of equal pixels.
    assert not is_upscaled(two["screen"][: t2 + h2, : two["width"] // 2], t2)


def test_app_scatter_chart_is_presented_by_webgpu(browser: Any, server: LocalServer) -> None:
    """The model-sizes example's scatter (accuracy against latency, by family), as shipped."""
    yaml = (ROOT / "static" / "apps" / "model-sizes" / "app.yaml").read_text(encoding="utf-8")
    assert "id: accuracy_chart" in yaml and yaml.count("chart_type: scatter") == 1
    context, guard = _context(browser, 1)
    try:
        page = context.new_page()
        warnings: list[str] = []
        page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error")
                else None)
        page.goto(f"{server.url}app.html?app=static/apps/model-sizes/app.yaml")
        canvas = "[data-testid=chart-accuracy_chart]"
        page.wait_for_selector(canvas, state="attached", timeout=120_000)
        start = time.monotonic()  # the view is built; from here on it is the chart's drawing
        page.wait_for_selector(f"{canvas}[data-renderer]", state="attached", timeout=60_000)
        took = time.monotonic() - start
        assert page.get_attribute(canvas, "data-renderer") == "webgpu", warnings
        assert took < SCATTER_WITHIN_S, f"WebGPU scatter took {took:.1f} s"
        assert not [w for w in warnings if "WebGPU" in w], warnings
        # The markers are on screen: pixels of the family colours (the Tableau palette).
        img = rgba(page.locator(canvas).screenshot())[:, :, :3]
        palette = np.array([[0x4e, 0x79, 0xa7], [0xf2, 0x8e, 0x2b], [0xe1, 0x57, 0x59]])
        near = (np.abs(img[:, :, None, :].astype(int) - palette).max(axis=3) < 40).any(axis=2)
        assert near.sum() > 100
        assert guard.blocked == []
    finally:
        context.close()


def test_app_chart_backing_store_follows_the_pixel_ratio(browser: Any,
                                                         server: LocalServer) -> None:
    """app.html asks app_view for encodings at devicePixelRatio: twice the pixels at DPR 2."""
    context, guard = _context(browser, 2)
    try:
        page = context.new_page()
        page.goto(f"{server.url}app.html?app=static/apps/dataset-explorer/app.yaml")
        canvas = "[data-testid=chart-harvest_chart]"
        page.wait_for_selector(f"{canvas}[data-renderer]", state="attached", timeout=120_000)
        assert page.get_attribute(canvas, "data-renderer") == "webgpu"
        width, height, css_w, css_h = page.locator(canvas).evaluate(
            "c => [c.width, c.height, c.clientWidth, c.clientHeight]")
        view = run_js(page, "return window.batutaApp.view;")
        chart = next(w for s in view["sections"] for w in s["widgets"]
                     if w["id"] == "harvest_chart")
        assert (width, height) == (chart["encoding"]["width"], chart["encoding"]["height"])
        # The chart's box is laid out in CSS pixels (within the page's 2 px of border slack).
        assert abs(width - 2 * css_w) <= 4 and abs(height - 2 * css_h) <= 4, (width, css_w)
        assert guard.blocked == []
    finally:
        context.close()
