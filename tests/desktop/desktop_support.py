"""Helpers for the desktop tests: a private Xvfb display, window grabs (xwd), keys (xdotool).

The window under test is the real ``batuta`` process; these helpers only talk to the X server
the way a user's desktop would: find the window by its title, type into it, resize it, and read
its pixels back from the server (``xwd``), which is what is on the screen.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p for p in (ROOT / "static" / "apps").iterdir() if (p / "app.yaml").is_file())
SAMPLE = ROOT / "static" / "sample-project"
BATUTA = [sys.executable, "-m", "batuta"]
TOLERANCE = 3
MIN_FRACTION = 0.999
"""The renderer's agreement rule (tests/render/conftest.py): 99.9 % of pixels within 3/255."""
DIFFS = ROOT / "test-results" / "desktop"


class Display:
    """An Xvfb server on the first free display number from 90 up, stopped on ``close``.

    With ``dpi`` the server's resource database says ``Xft.dpi: <dpi>``, which is where glfw
    (and so rendercanvas) reads an X11 screen's content scale: 192 makes every window's pixel
    ratio 2, a HiDPI screen. (``-noreset``: the X server would otherwise reset, dropping the
    setting, when ``xprop`` disconnects.)
    """

    def __init__(self, size: str = "1600x1200x24", dpi: int | None = None) -> None:
        for n in range(90, 190):
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
                break
        self.name = f":{n}"
        extra = ["-noreset"] if dpi else []
        self.proc = subprocess.Popen(["Xvfb", self.name, "-screen", "0", size, "-nolisten", "tcp",
                                      *extra],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb {self.name} did not start")
            time.sleep(0.05)
        if dpi:
            self.x("xprop", "-root", "-format", "RESOURCE_MANAGER", "8s", "-set",
                   "RESOURCE_MANAGER", f"Xft.dpi:\t{dpi}\n")

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
        env["DISPLAY"] = self.name
        env.setdefault("XDG_RUNTIME_DIR", "/tmp")
        env["PYGLFW_LIBRARY_VARIANT"] = "x11"
        return env

    def x(self, *args: str, timeout: float = 20) -> str:
        """Run an X client (xdotool, xwd) on this display; its stdout."""
        out = subprocess.run(list(args), env=self.env(), capture_output=True,
                             timeout=timeout, check=True)
        return out.stdout.decode("utf-8", "replace")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def read_xwd(data: bytes) -> np.ndarray:
    """RGB pixels of an ``xwd`` dump (ZPixmap, 32 bits per pixel, as Xvfb writes at depth 24)."""
    h = struct.unpack(">25I", data[:100])
    header_size, width, height = h[0], h[4], h[5]
    byte_order, bits_per_pixel, bytes_per_line = h[7], h[11], h[12]
    masks, ncolors = h[14:17], h[19]
    assert bits_per_pixel == 32, f"unexpected xwd depth {bits_per_pixel}"
    offset = header_size + ncolors * 12
    raw = np.frombuffer(data, np.uint8, count=bytes_per_line * height, offset=offset)
    words = raw.reshape(height, bytes_per_line)[:, : width * 4].copy()
    px = words.view("<u4" if byte_order == 0 else ">u4").reshape(height, width)
    channels = [((px & m) >> ((m & -m).bit_length() - 1)).astype(np.uint8) for m in masks]
    return np.stack(channels, axis=-1)


def png_rgb(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def agree(a: np.ndarray, b: np.ndarray) -> float:
    """Fraction of pixels whose channels all differ by at most TOLERANCE (0 if sizes differ)."""
    if a.shape != b.shape:
        return 0.0
    return float((np.abs(a.astype(np.int16) - b.astype(np.int16)).max(axis=-1)
                  <= TOLERANCE).mean())


def save_diff(name: str, shown: np.ndarray, expected: np.ndarray) -> Path:
    from PIL import Image

    DIFFS.mkdir(parents=True, exist_ok=True)
    Image.fromarray(shown).save(DIFFS / f"{name}-shown.png")
    Image.fromarray(expected).save(DIFFS / f"{name}-expected.png")
    return DIFFS


class WindowProcess:
    """A ``batuta ... --show`` / ``app show`` process and its window on a display."""

    def __init__(self, display: Display, args: list[str], title: str, cwd: Path) -> None:
        self.display = display
        self.proc = subprocess.Popen([*BATUTA, *args], env=display.env(), cwd=cwd,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.wid = self._find(title)

    def _find(self, title: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"window process exited {self.proc.returncode}: "
                                     f"{self.proc.stderr.read() if self.proc.stderr else ''}")
            found = subprocess.run(["xdotool", "search", "--name", title],
                                   env=self.display.env(), capture_output=True, text=True)
            if found.stdout.strip():
                return found.stdout.split()[0]
            time.sleep(0.2)
        raise AssertionError(f"no window titled {title!r} within {timeout} s")

    def grab(self) -> np.ndarray:
        return read_xwd(subprocess.run(["xwd", "-silent", "-id", self.wid],
                                       env=self.display.env(), capture_output=True,
                                       check=True, timeout=20).stdout)

    def title(self) -> str:
        return self.display.x("xdotool", "getwindowname", self.wid).strip()

    def key(self, *keys: str) -> None:
        self.display.x("xdotool", "windowfocus", "--sync", self.wid)
        for k in keys:
            self.display.x("xdotool", "key", "--clearmodifiers", k)
            time.sleep(0.15)

    def resize(self, width: int, height: int) -> None:
        self.display.x("xdotool", "windowsize", "--sync", self.wid, str(width), str(height))

    def wait_for(self, expected: Callable[[], np.ndarray], name: str, timeout: float = 60,
                 changed_from: np.ndarray | None = None) -> np.ndarray:
        """Grab until the window shows ``expected()`` within tolerance (frames are async);
        with ``changed_from``, also until it differs from that earlier grab (a small change,
        such as a slider's end, is within the tolerance of the frame before it)."""
        want = expected()
        deadline = time.monotonic() + timeout

        def done(shown: np.ndarray) -> bool:
            fresh = changed_from is None or not np.array_equal(shown, changed_from)
            return fresh and agree(shown, want) >= MIN_FRACTION

        shown = self.grab()
        while not done(shown) and time.monotonic() < deadline:
            time.sleep(0.3)
            shown = self.grab()
        fraction = agree(shown, want)
        if fraction < MIN_FRACTION:
            where = save_diff(name, shown, want) if shown.shape == want.shape else None
            raise AssertionError(f"{name}: window {shown.shape} agrees with the PNG path "
                                 f"{want.shape} on {fraction:.4%} of pixels (diffs: {where})")
        return shown

    def finish(self, timeout: float = 30) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def expected_app(app_dir: Path, width: int, height: int, state: dict[str, Any] | None = None
                 ) -> np.ndarray:
    """The PNG path (``app render``'s functions) for the same app, state and width, cropped to
    the window's height (the window shows the top of the page)."""
    from batuta.app import build_view, open_app
    from batuta.app.native import render_png

    app, files = open_app(app_dir)
    full = png_rgb(render_png(build_view(app, files, state=state or {}, width=width)))
    assert full.shape[0] >= height, "choose a window no taller than the app's page"
    return full[:height]


class Guard:
    """Routes every request of a browser context: only ``allowed`` schemes/hosts go through;
    everything else is aborted and recorded (the tests assert the record is empty)."""

    def __init__(self, *, allow_file: bool = False) -> None:
        self.blocked: list[str] = []
        self.allow_file = allow_file

    def handle(self, route: Any) -> None:
        from urllib.parse import urlsplit

        url = route.request.url
        parts = urlsplit(url)
        local = parts.scheme in ("data", "blob") or (parts.scheme == "file" and self.allow_file)
        if local or (parts.scheme in ("http", "ws") and parts.hostname == "127.0.0.1"
                     and not self.allow_file):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def open_page(browser: Any, guard: Guard) -> tuple[Any, Any, list[str]]:
    """A new context and page behind ``guard``; the list collects console errors."""
    context = browser.new_context(service_workers="block")
    context.route("**/*", guard.handle)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


GLYPHS_JS = """(prefix) => {
  // Per chart id, the renderers of its newest figure: [glyph type, rows, numeric values].
  const latest = {};
  for (const doc of Bokeh.documents) {
    for (const m of doc._all_models.values()) {
      const tag = (m.tags || []).find((t) => typeof t === "string" && t.startsWith(prefix));
      if (!tag || !m.renderers || !m.visible) continue;
      const [, id, seq] = tag.split(":");
      if (!latest[id] || Number(seq) > latest[id].seq) latest[id] = {seq: Number(seq), fig: m};
    }
  }
  const out = {};
  for (const [id, {fig}] of Object.entries(latest)) {
    out[id] = fig.renderers.map((r) => {
      const d = r.data_source.data;
      const col = ["top", "y", "value"].find((c) => c in d);
      return [r.glyph.constructor.__name__, r.data_source.get_length(),
              col ? Array.from(d[col]).map(Number) : []];
    });
  }
  return out;
}"""


TABLES_JS = """(prefix) => {
  // Per data table id, the row count of its newest (visible) DataTable.
  const latest = {};
  for (const doc of Bokeh.documents) {
    for (const m of doc._all_models.values()) {
      const tag = (m.tags || []).find((t) => typeof t === "string" && t.startsWith(prefix));
      if (!tag || !m.children || !m.visible) continue;
      const table = m.children.find((c) => c.source !== undefined);
      if (!table) continue;
      const [, id, seq] = tag.split(":");
      if (!latest[id] || Number(seq) > latest[id].seq)
        latest[id] = {seq: Number(seq), rows: table.source.get_length()};
    }
  }
  return Object.fromEntries(Object.entries(latest).map(([k, v]) => [k, v.rows]));
}"""


def expected_glyphs(chart_view: dict[str, Any], width: int) -> list[list[Any]]:
    """What GLYPHS_JS reads for a chart view's figure, built in Python from the same view."""
    from batuta.desktop.bokeh_export import view_chart_figure

    out = []
    for r in view_chart_figure(chart_view, width).renderers:
        d = r.data_source.data
        col = next((c for c in ("top", "y", "value") if c in d), None)
        out.append([type(r.glyph).__name__, len(next(iter(d.values()))),
                    [float(v) for v in d[col]] if col else []])
    return out


def write_broken_app(parent: Path) -> Path:
    """An app folder whose app.yaml names an unknown widget type on line 8 (the same broken app
    for the window, Panel and export tests, so all three must report app.yaml:8)."""
    bad = parent / "bad"
    bad.mkdir()
    (bad / "app.yaml").write_text('presentar: "0.1"\nname: bad\nversion: "1"\nlayout:\n'
                                  "  sections:\n    - id: s\n      widgets:\n"
                                  "        - type: gauge\n")
    return bad
