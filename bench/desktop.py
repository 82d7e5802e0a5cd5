"""Desktop speed: the live window's redraw rate, and the Panel app's first paint vs the runner's.

Run: ``.venv/bin/python bench/desktop.py`` (``--points N``, ``--frames N``, ``--repeats N``).
Starts its own Xvfb when ``DISPLAY`` is unset.

* window: a ``batuta.desktop.window.Window`` showing a scatter of ``--points`` (default 1M)
  points; each frame is forced (new version, ``force_draw``): the scene is encoded, replayed by
  the WGSL passes through wgpu-py and presented through rendercanvas. Prints the adapter name
  (lavapipe where no GPU is lent) and frames per second, with the encode / render split.
* first paint: the dataset-explorer app served by ``batuta app serve --engine panel`` and by the
  browser runner (``batuta app serve``, ``dist/``), each opened in a fresh headless Chromium
  context, interleaved; time from navigation to the chart's first drawn canvas (Panel: BokehJS's
  canvas; runner: the chart canvas with ``data-renderer`` set). Median of ``--repeats``.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "static" / "apps" / "dataset-explorer"
CHROMIUM_ARGS = ["--no-sandbox", "--enable-unsafe-webgpu", "--enable-features=Vulkan",
                 "--use-vulkan=swiftshader", "--use-angle=swiftshader",
                 "--enable-unsafe-swiftshader"]


class ScatterContent:
    """A scatter chart of ``n`` seeded random points, sized to the window."""

    def __init__(self, n: int) -> None:
        import numpy as np

        rng = np.random.default_rng(7)
        self.xs, self.ys = rng.normal(size=n), rng.normal(size=n)
        self.name = f"scatter-{n}"

    def scene(self, width: int, height: int) -> Any:
        from batuta.render import Chart

        chart = Chart(title=f"{len(self.xs):,} points", width=width, height=height)
        return chart.scatter(self.xs, self.ys, size=1.0, alpha=0.3).to_scene()

    def status(self) -> str:
        return "bench"


def _xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    n = next(n for n in range(90, 190) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{n}"
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    return proc


def bench_window(points: int, frames: int, size: tuple[int, int]) -> None:
    from batuta.desktop.window import Window
    from batuta.render.encoding import encode

    content = ScatterContent(points)
    win = Window(content, size=size, save_dir=Path("/tmp"), png_hint="bench")
    print(f"adapter: {win.engine.adapter_name}")
    deadline = time.monotonic() + 10
    while tuple(win.canvas.get_physical_size()) != size and time.monotonic() < deadline:
        win.canvas._rc_gui_poll()  # let the X server's configure events resize the window
        time.sleep(0.05)
    for _ in range(2):  # first frames: pipelines compile, the surface is configured
        win._version += 1
        win.canvas.force_draw()
    w, h = win.canvas.get_physical_size()
    t0 = time.perf_counter()
    for _ in range(frames):
        win._version += 1
        win.canvas.force_draw()
    total = time.perf_counter() - t0
    t1 = time.perf_counter()
    enc = encode(content.scene(w, h))
    t_enc = time.perf_counter() - t1
    t2 = time.perf_counter()
    win.engine.render(enc)
    t_render = time.perf_counter() - t2
    win.canvas.close()
    win.engine.close()
    print(f"window {w}x{h}, {points:,} points: {frames / total:.2f} frames/s "
          f"({total / frames * 1000:.0f} ms a frame; one frame timed apart: "
          f"scene+encode {t_enc * 1000:.0f} ms, WGSL passes + read-back "
          f"{t_render * 1000:.0f} ms, the rest is presenting and the loop)")


def _start(args: list[str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "batuta", "app", "serve", str(APP),
                             "--port", "0", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/\S+)", line)
        if match:
            return proc, match.group(1)
        if not line and proc.poll() is not None:
            raise SystemExit(f"server {args} exited {proc.returncode}")


def _first_paint(browser: Any, url: str, selector: str) -> float:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(timeout=180_000)
    elapsed = time.perf_counter() - t0
    context.close()
    return elapsed


def bench_first_paint(repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    panel, panel_url = _start(["--engine", "panel"])
    runner, runner_url = _start([])
    cases = {"panel": (panel_url, "canvas"),
             "runner": (runner_url, "[data-testid=chart-harvest_chart][data-renderer]")}
    times: dict[str, list[float]] = {k: [] for k in cases}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=CHROMIUM_ARGS, headless=True)
            for url, sel in cases.values():  # warm-up: server caches, first compiles
                _first_paint(browser, url, sel)
            for _ in range(repeats):
                for name, (url, sel) in cases.items():
                    times[name].append(_first_paint(browser, url, sel))
            browser.close()
    finally:
        for proc in (panel, runner):
            proc.send_signal(signal.SIGINT)
            proc.wait(30)
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        print(f"first paint, {k}: median {med[k] * 1000:.0f} ms "
              f"(min {min(v) * 1000:.0f}, max {max(v) * 1000:.0f}, n={len(v)})")
    print(f"panel / runner: {med['panel'] / med['runner']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--frames", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--size", default="1280x720")
    args = ap.parse_args()
    xvfb = _xvfb()
    try:
        w, h = (int(v) for v in args.size.split("x"))
        bench_window(args.points, args.frames, (w, h))
        bench_first_paint(args.repeats)
    finally:
        if xvfb is not None:
            import glfw

            glfw.terminate()  # before its X server goes, or Xlib aborts the exit
            xvfb.terminate()


if __name__ == "__main__":
    main()
