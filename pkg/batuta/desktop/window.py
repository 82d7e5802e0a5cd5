"""The live desktop window: a glfw window (rendercanvas) drawn by the WGSL passes through wgpu-py.

Each frame is the content's scene laid out at the window's logical size and drawn at its pixel
ratio (physical / logical size: 2 on a HiDPI screen, clamped to 1..3 like the browser's charts)
onto its physical pixels, with text from the glyph atlas rasterized at that ratio
(:func:`frame_scene`); encoded and replayed by :class:`batuta.render.gpu.GpuEngine` (the same
compute passes as ``--plot`` and the browser), then presented through rendercanvas's bitmap
context. A resize or a new ratio recomputes the layout and draws again; nothing is stretched.
Keys: ``s`` saves the frame being shown as a PNG (the path is printed),
``q``/Escape close the window, Tab/Shift+Tab move the focus between an app's selects and sliders
and the arrow keys change the focused one, PageUp/PageDown and the wheel scroll a tall app.
Clicking a select shows its next option; clicking a slider sets it from the click's position.

With no display, no windowing library or no adapter, :func:`show` raises a ``BatutaError`` whose
message names the PNG command that works without a window; it never hangs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from batuta.desktop._content import (
    SCROLL_STEP,
    AppContent,
    Content,
    ErrorContent,
    default_save_name,
)
from batuta.errors import BatutaError, DisplayUnavailableError, RenderError
from batuta.render.scene import Scene

MIN_SIZE = 64
"""Smallest window side drawn; a window squeezed below it shows the last frame."""
ARROWS = {"ArrowRight": (1, 1), "ArrowLeft": (-1, 1), "ArrowUp": (1, 0), "ArrowDown": (-1, 0)}
"""Key -> (steps, end): a select's next/previous option; a slider's high end (Left/Right) or a
range slider's low end (Up/Down)."""


def layout_size(width: int, height: int, ratio: float) -> tuple[int, int, float]:
    """The logical size a ``width`` x ``height`` pixel frame is laid out at, and the scale it
    is drawn at: the pixel ratio clamped to 1..3 (a ratio under 1 lays out at the physical
    size; over 3, at a third of it)."""
    from batuta.render._scale import clamp_scale

    k = clamp_scale(ratio)
    return max(1, round(width / k)), max(1, round(height / k)), k


def frame_scene(content: Content, width: int, height: int, ratio: float) -> Scene:
    """``content`` laid out at the logical size of a ``width`` x ``height`` pixel frame and
    drawn at ``ratio`` physical pixels per logical one (``layout_size``): exactly
    ``width`` x ``height`` pixels, the same as ``Chart.to_scene(scale=ratio)`` gives."""
    from batuta.render._scale import scale_commands

    lw, lh, k = layout_size(width, height, ratio)
    scene = content.scene(lw, lh)
    if k == 1.0:
        return scene
    return Scene(width, height, scene.background, scale_commands(scene.commands, k))


def check_display(png_hint: str) -> None:
    """Raise :class:`DisplayUnavailableError` unless an X11 or Wayland display is named."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise DisplayUnavailableError(
            "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); "
            f"write a PNG instead: {png_hint}")


def _engine(png_hint: str) -> Any:
    try:
        from batuta.render.gpu import GpuEngine

        return GpuEngine()
    except Exception as exc:  # wgpu raises RuntimeError when no driver loads at all
        reason = exc.message if isinstance(exc, RenderError) else str(exc).splitlines()[0]
        raise RenderError(f"the window needs a WebGPU adapter ({reason}); "
                          f"write a PNG instead: {png_hint}") from exc


def _canvas(title: str, size: tuple[int, int], png_hint: str) -> tuple[Any, Any]:
    """A rendercanvas glfw canvas and its loop; glfw failures become a clear error."""
    try:
        import glfw

        glfw.ERROR_REPORTING = "raise"  # a dead display must fail here, not warn and hang
        from rendercanvas.glfw import RenderCanvas, loop

        canvas = RenderCanvas(size=size, title=title, update_mode="ondemand")
    except ImportError as exc:
        raise DisplayUnavailableError(
            f"the window needs rendercanvas and glfw (pip install batuta[desktop]): {exc}; "
            f"write a PNG instead: {png_hint}") from exc
    except Exception as exc:  # glfw.GLFWError and friends: the display cannot be opened
        raise DisplayUnavailableError(
            f"cannot open a window on display {os.environ.get('DISPLAY', '')!r} ({exc}); "
            f"write a PNG instead: {png_hint}") from exc
    return canvas, loop


class Window:
    """One window showing one content; see the module docstring for the keys."""

    def __init__(self, content: Content, *, size: tuple[int, int], save_dir: Path,
                 png_hint: str) -> None:
        check_display(png_hint)
        self.content = content
        self.save_dir = save_dir
        self.engine = _engine(png_hint)
        self.canvas, self.loop = _canvas(self._title(), size, png_hint)
        self.context = self.canvas.get_context("bitmap")
        self.frame: Any = None  # the RGBA array last presented: what `s` saves
        self._drawn_key: tuple[int, int, float, int] | None = None
        self._version = 0
        self.saved: list[Path] = []
        self.canvas.add_event_handler(self._on_key, "key_down")
        self.canvas.add_event_handler(self._on_wheel, "wheel")
        self.canvas.add_event_handler(self._on_pointer, "pointer_down")
        # A resize, or a move to a screen of another pixel ratio, draws the frame again.
        self.canvas.add_event_handler(lambda _event: self.canvas.request_draw(), "resize")
        self.canvas.request_draw(self._draw)

    def _title(self) -> str:
        return f"Batuta: {self.content.name} ({self.content.status()})"

    def _changed(self) -> None:
        self._version += 1
        self.canvas.set_title(self._title())
        self.canvas.request_draw()

    def _draw(self) -> None:
        import numpy as np

        from batuta.render.encoding import encode

        w, h = self.canvas.get_physical_size()
        if w < MIN_SIZE or h < MIN_SIZE:
            return
        ratio = self._ratio()
        key = (w, h, ratio, self._version)
        if key != self._drawn_key:
            try:
                rgba = self.engine.render(encode(frame_scene(self.content, w, h, ratio)))
            except BatutaError as exc:  # bad data in one state: show it, keep the window
                self.content = ErrorContent(exc, name=self.content.name)
                rgba = self.engine.render(encode(frame_scene(self.content, w, h, ratio)))
            self.frame = np.frombuffer(rgba, np.uint8).reshape(h, w, 4)
            self._drawn_key = key
        self.context.set_bitmap(self.frame)

    def _ratio(self) -> float:
        """Physical pixels per logical pixel (rendercanvas: the screen's content scale)."""
        try:
            ratio = float(self.canvas.get_pixel_ratio())
        except (TypeError, ValueError):
            return 1.0
        return ratio if ratio > 0 else 1.0

    def _layout_width(self) -> int:
        """The width the content is laid out at (logical pixels, see ``layout_size``)."""
        w, h = self.canvas.get_physical_size()
        return layout_size(max(1, w), max(1, h), self._ratio())[0]

    def save(self) -> Path | None:
        """Write the frame being shown as a PNG in ``save_dir``; returns its path."""
        from batuta.render.png import encode_png

        if self.frame is None:
            return None
        h, w = self.frame.shape[:2]
        path = default_save_name(self.content, w, h, self.save_dir)
        try:
            path.write_bytes(encode_png(self.frame.tobytes(), w, h))
        except OSError as exc:
            sys.stderr.write(f"batuta: cannot save {path}: {exc.strerror or exc}\n")
            return None
        self.saved.append(path)
        sys.stdout.write(f"saved {path.resolve()} ({w}x{h})\n")
        sys.stdout.flush()
        return path

    def _on_key(self, event: dict[str, Any]) -> None:
        key = str(event.get("key", ""))
        shift = "Shift" in (event.get("modifiers") or ())
        if key in ("q", "Q", "Escape"):
            self.canvas.close()
        elif key in ("s", "S"):
            self.save()
        elif isinstance(self.content, AppContent):
            self._app_key(self.content, key, shift)

    def _app_key(self, app: AppContent, key: str, shift: bool) -> None:
        width = self._layout_width()
        if key == "Tab" and app.focus_next(-1 if shift else 1, width) is not None:
            self._changed()
        elif key in ARROWS:
            delta, end = ARROWS[key]
            app.change(delta, width, end=end)
            self._changed()  # the title shows the focus even when the value did not move
        elif key in ("PageDown", "PageUp"):
            app.scroll_by((1 if key == "PageDown" else -1) * 4 * SCROLL_STEP)
            self._changed()

    def _on_wheel(self, event: dict[str, Any]) -> None:
        if isinstance(self.content, AppContent):
            self.content.scroll_by(int(float(event.get("dy", 0.0))))
            self._changed()

    def _on_pointer(self, event: dict[str, Any]) -> None:
        if not isinstance(self.content, AppContent):
            return
        # Events come in logical pixels; the layout's pixels differ only where the ratio was
        # clamped (under 1 or over 3): physical = logical * ratio, layout = physical / k.
        ratio = self._ratio()
        f = ratio / layout_size(1, 1, ratio)[2]
        x, y = float(event.get("x", 0.0)) * f, float(event.get("y", 0.0)) * f
        if self.content.click(x, y + self.content.scroll, self._layout_width()):
            self._changed()

    def run(self) -> None:
        """Run the event loop until the window closes."""
        try:
            self.loop.run()
        finally:
            self.engine.close()


def show(content: Content, *, size: tuple[int, int], save_dir: Path | None = None,
         png_hint: str) -> list[Path]:
    """Open a window on ``content`` and block until it is closed; returns the PNGs saved.

    Args:
        content: What to draw (:class:`AnalysisContent`, :class:`AppContent`, ...).
        size: Initial window size in pixels.
        save_dir: Where ``s`` writes PNGs (default: the current directory).
        png_hint: The command that writes the same picture without a window, named in the
            error when no window can open.
    """
    window = Window(content, size=size, save_dir=save_dir or Path.cwd(), png_hint=png_hint)
    window.run()
    return window.saved


__all__ = ["MIN_SIZE", "Window", "check_display", "frame_scene", "layout_size", "show"]
