"""The live window on a HiDPI screen: a real ``batuta`` window on an Xvfb display whose
``Xft.dpi`` is 192, so glfw reports a content scale of 2 and rendercanvas a pixel ratio of 2.

The window is laid out at its logical size and drawn on twice the pixels: what the X server
shows (``xwd``) is the renderer's own 2x drawing of the same charts (``analysis_scene(scale=2)``,
within the renderer's tolerance), its text twice as tall as at 1x and not a stretched 1x bitmap;
a resize draws it again at the new size, still at 2x; and a click, whose position X reports in
physical pixels, lands on the widget drawn there.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from desktop_support import APPS, SAMPLE, Display, WindowProcess, agree, png_rgb

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from chart_pixels import is_upscaled, title_ink

from batuta.desktop import AppContent, controls
from batuta.desktop._content import widget_boxes, widget_value

pytestmark = pytest.mark.gpu

RATIO = 2


@pytest.fixture(scope="module")
def hidpi() -> Iterator[Display]:
    """A 2x screen, big enough for a 1280 x 960 (logical) window."""
    d = Display(size="2600x2000x24", dpi=96 * RATIO)
    try:
        yield d
    finally:
        d.close()


def _quit_saving(win: WindowProcess, shown: np.ndarray, folder: Path) -> Path:
    """``s`` then ``q``: the PNG written is the frame shown, at its physical size."""
    win.key("s")
    deadline = time.monotonic() + 30
    while not list(folder.glob("*.png")) and time.monotonic() < deadline:
        time.sleep(0.1)
    win.key("q")
    rc, out, err = win.finish()
    assert rc == 0, err
    saved = sorted(folder.glob("*.png"))
    assert len(saved) == 1, out
    assert agree(png_rgb(saved[0].read_bytes()), shown) >= 0.999
    return saved[0]


def test_analysis_window_at_pixel_ratio_two(hidpi: Display, tmp_path: Path) -> None:
    from batuta.api import analyze_project
    from batuta.render import analysis_png, analysis_scene, render_scene

    analysis = analyze_project(SAMPLE)

    def at_2x(width: int, height: int) -> np.ndarray:
        return png_rgb(render_scene(analysis_scene(analysis, width=width, height=height,
                                                   scale=RATIO)))

    win = WindowProcess(hidpi, ["analyze", str(SAMPLE), "--show", "--no-state"],
                        "Batuta: sample-project-analysis", tmp_path)
    try:
        shown = win.wait_for(lambda: at_2x(1280, 720), "hidpi-analysis-1280x720")
        assert shown.shape[:2] == (720 * RATIO, 1280 * RATIO)
        # Measured text: the left chart's title is twice as tall (and twice as low) as at 1x,
        # rasterized at 36 px rather than 18 px glyphs stretched into 2x2 blocks.
        one = png_rgb(analysis_png(analysis, width=1280, height=720))
        t1, h1 = title_ink(one, 40, 640)
        t2, h2 = title_ink(shown, 80, 1280)
        assert abs(h2 - RATIO * h1) <= 2 and abs(t2 - RATIO * t1) <= 2, ((t1, h1), (t2, h2))
        assert not is_upscaled(shown[: t2 + h2, :1280], t2)
        # A resize (X sizes windows in physical pixels): laid out again at 900 x 500.
        win.resize(900 * RATIO, 500 * RATIO)
        shown = win.wait_for(lambda: at_2x(900, 500), "hidpi-analysis-900x500")
        path = _quit_saving(win, shown, tmp_path)
        assert path.name.endswith(f"-{900 * RATIO}x{500 * RATIO}.png")
    finally:
        win.kill()


def _app_at_2x(content: AppContent, width: int, height: int) -> np.ndarray:
    """The app's top ``height`` logical rows through the render package's own scaling."""
    from batuta.render import render_scene
    from batuta.render._scale import scale_scene

    return png_rgb(render_scene(scale_scene(content.scene(width, height), RATIO)))


def test_app_window_click_at_pixel_ratio_two(hidpi: Display, tmp_path: Path) -> None:
    from batuta.app import open_app

    app_dir = next(a for a in APPS if a.name == "dataset-explorer")
    app, files = open_app(app_dir)
    content = AppContent(app, files)
    view = content.view(1280)
    height = min(960, int(view["layout"]["height"]))
    select = next(c for c in controls(view) if c.options)
    win = WindowProcess(hidpi, ["app", "show", str(app_dir), "--save-dir", str(tmp_path)],
                        f"Batuta: {app.name}", tmp_path)
    try:
        before = win.wait_for(lambda: _app_at_2x(content, 1280, height), "hidpi-app")
        assert before.shape[:2] == (height * RATIO, 1280 * RATIO)
        # Click the select's box where it is drawn: X reports physical pixels, the layout is
        # logical; the window must map one onto the other to change this select.
        bx, by, _, _ = widget_boxes(view)[select.id]
        options = list(select.options)
        new = options[(options.index(str(widget_value(view, select.id))) + 1) % len(options)]
        x, y = RATIO * (int(bx) + 20), RATIO * (int(by) + 30)
        hidpi.x("xdotool", "mousemove", "--window", win.wid, str(x), str(y), "click", "1")
        content.set_state(select.id, new)
        shown = win.wait_for(lambda: _app_at_2x(content, 1280, height), "hidpi-app-clicked",
                             changed_from=before)
        assert not np.array_equal(shown, before), "the click changed nothing"
        _quit_saving(win, shown, tmp_path)
    finally:
        win.kill()


@pytest.mark.parametrize(("size", "ratio", "layout", "k"), [
    ((2560, 1440), 2.0, (1280, 720), 2.0),
    ((1281, 721), 1.5, (854, 481), 1.5),  # odd sizes: the frame is still exactly the window's
    ((800, 600), 0.5, (800, 600), 1.0),  # under 1: laid out at the physical size
    ((2400, 1200), 4.0, (800, 400), 3.0),  # over 3: the atlas' largest glyphs, a third's layout
])
def test_frame_scene_fills_the_window_at_its_ratio(size: tuple[int, int], ratio: float,
                                                   layout: tuple[int, int], k: float) -> None:
    from batuta.api import analyze_project
    from batuta.desktop import AnalysisContent
    from batuta.desktop.window import frame_scene, layout_size
    from batuta.render import analysis_scene
    from batuta.render._scale import scale_commands

    assert layout_size(*size, ratio) == (*layout, k)
    analysis = analyze_project(SAMPLE)
    scene = frame_scene(AnalysisContent(analysis), *size, ratio)
    assert (scene.width, scene.height) == size
    css = analysis_scene(analysis, width=layout[0], height=layout[1])
    assert scene.commands == (css.commands if k == 1 else scale_commands(css.commands, k))
