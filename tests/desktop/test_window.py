"""The live window, end to end: the real ``batuta`` process on Xvfb, driven by real X events.

What the window shows (grabbed from the X server with ``xwd``) must agree with the PNG path at
the same size within the renderer's tolerance, before and after a resize and after a widget
change; ``s`` writes the PNG of what is shown; ``q`` closes with exit code 0.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from desktop_support import (
    APPS,
    SAMPLE,
    Display,
    WindowProcess,
    agree,
    expected_app,
    png_rgb,
    write_broken_app,
)

from batuta.app import build_view, open_app
from batuta.desktop import Control, controls
from batuta.desktop._content import TRACK_WIDTH, at_fraction, stepped, widget_boxes, widget_value

pytestmark = pytest.mark.gpu


def _saved(out: str) -> Path:
    match = re.search(r"^saved (.+\.png) \((\d+)x(\d+)\)$", out, re.M)
    assert match, f"no 'saved' line in {out!r}"
    return Path(match.group(1))


def _save_and_quit(win: WindowProcess, shown: np.ndarray, folder: Path, code: int = 0
                   ) -> Path:
    import time

    win.key("s")
    deadline = time.monotonic() + 30
    while not list(folder.glob("*.png")) and time.monotonic() < deadline:
        time.sleep(0.1)
    win.key("q")
    rc, out, err = win.finish()
    assert rc == code, err
    path = _saved(out)
    assert agree(png_rgb(path.read_bytes()), shown) >= 0.999
    return path


def test_analysis_window_matches_png_resizes_saves_and_quits(display: Display,
                                                              tmp_path: Path) -> None:
    from batuta.api import analyze_project
    from batuta.render import analysis_png

    analysis = analyze_project(SAMPLE)
    win = WindowProcess(display, ["analyze", str(SAMPLE), "--show", "--no-state"],
                        "Batuta: sample-project-analysis", tmp_path)
    try:
        win.wait_for(lambda: png_rgb(analysis_png(analysis, width=1280, height=720)),
                     "analysis-1280x720")
        win.resize(900, 560)
        shown = win.wait_for(lambda: png_rgb(analysis_png(analysis, width=900, height=560)),
                             "analysis-900x560")
        path = _save_and_quit(win, shown, tmp_path)
        assert path.parent == tmp_path.resolve() and path.name.endswith("-900x560.png")
    finally:
        win.kill()


def _click(win: WindowProcess, app_dir: Path, control: Control, state: dict[str, Any],
           before: np.ndarray) -> dict[str, Any]:
    """Click the on-canvas control: a select's box shows its next option, a slider's track
    (drawn 44 px below the widget's top, TRACK_WIDTH wide at most) moves its nearer end."""
    app, files = open_app(app_dir)
    view = build_view(app, files, state=state, width=1280)
    bx, by, bw, _ = widget_boxes(view)[control.id]
    current = widget_value(view, control.id)
    if control.options:
        x, y = int(bx) + 20, int(by) + 30
        options = list(control.options)
        new = options[(options.index(str(current)) + 1) % len(options)]
    else:
        x, y = int(bx + 0.3 * min(bw, TRACK_WIDTH)), int(by) + 47
        new = at_fraction(control, current, (x - bx) / min(bw, TRACK_WIDTH))
    win.display.x("xdotool", "mousemove", "--window", win.wid, str(x), str(y), "click", "1")
    clicked = {**state, control.id: new}
    win.wait_for(lambda: expected_app(app_dir, 1280, before.shape[0], clicked),
                 f"{app.name}-clicked", changed_from=before)
    return clicked


@pytest.mark.parametrize("app_dir", APPS, ids=[a.name for a in APPS])
def test_app_window_matches_png_changes_state_resizes(display: Display, tmp_path: Path,
                                                      app_dir: Path) -> None:
    app, files = open_app(app_dir)
    view = build_view(app, files, width=1280)
    height = min(960, int(view["layout"]["height"]))
    win = WindowProcess(display, ["app", "show", str(app_dir), "--save-dir", str(tmp_path)],
                        f"Batuta: {app.name}", tmp_path)
    try:
        before = win.wait_for(lambda: expected_app(app_dir, 1280, height), f"{app.name}-initial")
        state: dict[str, object] = {}
        ctl = controls(view)
        if ctl:  # Tab focuses the first control; Right shows a select's next option, Left
            first = ctl[0]  # moves a slider's high end one step down
            win.key("Tab", "Right" if first.options else "Left")
            value = widget_value(view, first.id)
            state = {first.id: stepped(first, value, 1 if first.options else -1)}
            after = win.wait_for(lambda: expected_app(app_dir, 1280, height, state),
                                 f"{app.name}-changed", changed_from=before)
            assert not np.array_equal(before, after), "the change did not redraw anything"
            shown_value = state[first.id]
            if first.is_range:
                shown_value = f"{shown_value[0]} – {shown_value[1]}"
            assert f"{first.label} = {shown_value}" in win.title()
            state = _click(win, app_dir, first, state, after)
        win.resize(720, 560)
        shown = win.wait_for(lambda: expected_app(app_dir, 720, 560, state), f"{app.name}-720")
        path = _save_and_quit(win, shown, tmp_path)
        assert path.parent == tmp_path.resolve()
    finally:
        win.kill()


def test_broken_app_window_shows_its_file_line_column_error(display: Display,
                                                              tmp_path: Path) -> None:
    from batuta.desktop import ErrorContent
    from batuta.errors import BatutaError
    from batuta.render import render_scene

    bad = write_broken_app(tmp_path)
    with pytest.raises(BatutaError) as caught:
        open_app(bad)
    assert re.search(r"app\.yaml:8:\d+", caught.value.message)
    win = WindowProcess(display, ["app", "show", str(bad)], "Batuta: bad", tmp_path)
    try:
        content = ErrorContent(caught.value, name="bad")
        win.wait_for(lambda: png_rgb(render_scene(content.scene(1280, 240))), "broken-app")
        win.key("Escape")
        rc, _, err = win.finish()
        assert rc == 1 and caught.value.message in err
    finally:
        win.kill()


@pytest.mark.parametrize("display_value", [None, ":189"], ids=["unset", "no-server"])
@pytest.mark.parametrize("args", [["analyze", str(SAMPLE), "--show", "--no-state"],
                                  ["app", "show", str(APPS[0])]], ids=["analyze", "app"])
def test_no_display_is_a_clear_error_with_the_png_command(display_value: str | None,
                                                          args: list[str],
                                                          tmp_path: Path) -> None:
    import os
    import subprocess

    from desktop_support import BATUTA

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    if display_value:
        env["DISPLAY"] = display_value  # named, but no X server there
    done = subprocess.run([*BATUTA, *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "error[BATUTA-X-021]" in done.stderr and "Traceback" not in done.stderr
    assert ("--plot" if args[0] == "analyze" else "app render") in done.stderr


def test_no_adapter_is_a_clear_error_with_the_png_command(display: Display,
                                                          tmp_path: Path) -> None:
    import subprocess

    from desktop_support import BATUTA

    env = display.env()  # a display, but no Vulkan driver for wgpu to load
    env.update(VK_ICD_FILENAMES=str(tmp_path / "none.json"), WGPU_BACKEND_TYPE="Vulkan")
    done = subprocess.run([*BATUTA, "app", "show", str(APPS[0])], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "error[BATUTA-X-020]" in done.stderr and "app render" in done.stderr
    assert "Traceback" not in done.stderr
